"""Start payloads and share links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.deeplinks import (
    DeepLink,
    category_payload,
    kind_payload,
    parse_start_payload,
    position_payload,
    share_url,
    start_link,
)


def test_payloads_round_trip():
    assert parse_start_payload(category_payload("D-O-4")) == DeepLink("category", "D-O-4")
    assert parse_start_payload(position_payload("E-G-3.12")) == DeepLink("position", "E-G-3.12")
    assert parse_start_payload("complaint") == DeepLink("section", "complaint")
    assert parse_start_payload("admission") == DeepLink("section", "admission")
    assert parse_start_payload("akimat") == DeepLink("section", "akimat")


@pytest.mark.parametrize("payload", ["cat_d-o-4", "cat_Д-О-4", "CAT_D-O-4", "cat_do4", "cat_D-O-4 "])
def test_a_category_code_in_any_case_or_in_cyrillic_opens_its_card(payload):
    assert parse_start_payload(payload) == DeepLink("category", "D-O-4")


@pytest.mark.parametrize("payload", [
    "pos_D-O-4_1", "pos_d-o-4_1", "POS_D-O-4_1", "pos_Д-О-4_1", "pos_д-о-4_1", "pos_do4_1", "pos_D-O-4.1",
    "pos_D-O-4-1", "pos_D-O-4_01", "pos_D-O-4_1 ", "рos_D-O-4_1",  # the last with a Cyrillic "р"
])
def test_a_position_link_in_any_case_or_alphabet_names_the_position(payload):
    assert parse_start_payload(payload) == DeepLink("position", "D-O-4.1")


@pytest.mark.parametrize("payload", ["сat_D-O-4", "Cat_Д-O-4"])  # a Cyrillic "с" in the prefix
def test_a_category_prefix_with_cyrillic_look_alikes_still_opens_the_card(payload):
    assert parse_start_payload(payload) == DeepLink("category", "D-O-4")


@pytest.mark.parametrize("payload", ["Complaint", "AKIMAT", "akimat "])
def test_section_names_in_any_case(payload):
    assert parse_start_payload(payload) == DeepLink("section", payload.strip().casefold())


@pytest.mark.parametrize("payload", [None, "", "cat_", "cat_F-1", "cat_E-G-9", "pos_D-O-4", "pos_", "pos_1",
                                     "pos_F-1_1", "pos_E-G-9_1", "pos_D-O-4_0", "pos_D-O-4_1000", "hello",
                                     "x" * 65])
def test_unknown_payloads_open_nothing(payload):
    assert parse_start_payload(payload) is None


@given(st.text(max_size=80))
def test_any_payload_is_opened_or_ignored_never_an_error(payload):
    link = parse_start_payload(payload)
    assert link is None or link.kind in {"category", "position", "kind", "section"}


def test_kind_of_post_payloads_round_trip():
    assert parse_start_payload(kind_payload("adviser")) == DeepLink("kind", "adviser")
    narrowed = kind_payload("adviser", ("D-3", "E-3", "E-G-2"))
    assert narrowed == "kind_adviser_D-3_E-3_E-G-2"
    assert parse_start_payload(narrowed) == DeepLink("kind", "adviser", ("D-3", "E-3", "E-G-2"))
    # typed by hand: any case, codes in Cyrillic or without dashes
    assert parse_start_payload("KIND_Adviser_д-3_eg2") == DeepLink("kind", "adviser", ("D-3", "E-G-2"))


def test_a_kind_narrowed_to_more_codes_than_fit_is_linked_whole():
    codes = ("C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3", "C-O-6", "C-R-5", "D-5")
    assert kind_payload("specialist", codes) == "kind_specialist"


@pytest.mark.parametrize("payload", ["kind_", "kind_adviser_Z-9", "kind_adviser_D-3_D-3", "kind_advi-ser",
                                     "kind_советник", "kind_" + "a" * 30, "kind_adviser__D-3"])
def test_a_broken_kind_payload_opens_nothing(payload):
    assert parse_start_payload(payload) is None


def test_share_link_opens_the_start_link():
    url = share_url("gosqyzmet_bot", "cat_D-O-4", "Категория D-O-4 & зарплата")
    parts = urlsplit(url)
    assert (parts.netloc, parts.path) == ("t.me", "/share/url")
    query = parse_qs(parts.query)
    assert query["url"] == ["https://t.me/gosqyzmet_bot?start=cat_D-O-4"]
    assert query["text"] == ["Категория D-O-4 & зарплата"]
    with pytest.raises(ValueError):
        start_link("gosqyzmet_bot", "cat D-O-4")
