"""What inline mode offers for a query, and its pages."""

import pytest

from bot.inline_search import PAGE_SIZE, InlineEntry, inline_entries, inline_page


def test_an_empty_query_lists_the_akimat_categories_from_oblast_to_village():
    entries = inline_entries("", "ru")
    codes = [e.id for e in entries]
    assert all(e.kind == "category" for e in entries)
    assert codes[0] == "D-1" and codes[-1] == "E-G-4"
    assert {c.split("-")[0] for c in codes} == {"D", "E"} and len(codes) == 25


def test_a_code_gives_its_category_card_typed_any_way():
    assert inline_entries("до4", "ru") == (InlineEntry("category", "D-O-4"),)
    assert inline_entries("Е-Г-3", "kk") == (InlineEntry("category", "E-G-3"),)


def test_a_name_gives_its_card_then_the_card_of_every_category_it_occurs_in():
    [name, *categories] = inline_entries("бас маман", "kk")
    assert name.kind == "name" and name.match.name("kk") == "Бас маман"
    assert [e.id for e in categories] == ["C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3"]
    assert all(e.kind == "category" for e in categories)


def test_a_qualifier_narrows_the_categories_offered():
    [name, *categories] = inline_entries("главный специалист акимата района", "ru")
    assert name.match.category_codes == ("E-4", "E-R-4")
    assert [e.id for e in categories] == ["E-4", "E-R-4"]


def test_a_near_miss_offers_the_suggested_names():
    entries = inline_entries("специалист по кадрам", "ru")
    assert "Специалист" in [e.match.name_ru for e in entries if e.kind == "name"]


def test_gibberish_offers_nothing():
    assert inline_entries("qwzx", "ru") == ()


def test_pages_cover_the_entries_once_and_stop():
    seen, offset = [], ""
    while True:
        page = inline_page("", "ru", offset)
        assert len(page.entries) <= PAGE_SIZE
        seen += page.entries
        if not page.next_offset:
            break
        offset = page.next_offset
    assert tuple(seen) == inline_entries("", "ru")
    assert inline_page("", "ru", "junk").entries == inline_entries("", "ru")[:PAGE_SIZE]
    assert inline_page("", "ru", "999").entries == ()


@pytest.mark.parametrize("offset", ["¹", "²³", "١٠", "abc", "-1"])
def test_an_offset_telegram_never_sends_starts_from_the_first_page(offset: str) -> None:
    assert inline_page("бас маман", "kk", offset) == inline_page("бас маман", "kk", "")
