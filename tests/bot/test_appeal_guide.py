"""The reviewed guide data: every statement sourced, dated and really written in both languages."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.akimat import load_akimat_topics
from bot.appeal_guide import load_appeal_guide
from bot.datafiles import DataError
from bot.facts import Sourced

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]")
SEED_DATE = date(2024, 10, 2)
DATA = Path(__file__).parents[2] / "data"


def _statements() -> list[Sourced]:
    guide = load_appeal_guide()
    topics = load_akimat_topics()
    return [
        *(c.expect for c in guide.channels),
        guide.where_contacts,
        guide.contents_source,
        *guide.deadlines,
        *guide.no_answer,
        *(s for t in topics.values() for s in t.statements),
    ]


def test_every_statement_is_kazakh_in_kazakh_and_carries_source_and_date() -> None:
    for statement in _statements():
        assert statement.text["kk"] != statement.text["ru"]
        assert KAZAKH_LETTERS.search(statement.text["kk"].lower()), statement.text["kk"]
        assert statement.source.name["ru"] and KAZAKH_LETTERS.search(statement.source.name["kk"].lower())
        assert SEED_DATE <= statement.as_of <= date(2026, 12, 3)


def test_guide_covers_the_six_channels_with_links_only_where_known() -> None:
    guide = load_appeal_guide()
    assert [c.id for c in guide.channels] == ["eotinish", "blog", "letter", "visit", "social", "c1414"]
    assert guide.channel("eotinish").links == ("https://eotinish.gov.kz", "https://egov.kz")
    assert all(c.links == () for c in guide.channels if c.id != "eotinish")
    assert guide.channel("nope") is None


def test_deadlines_say_both_the_seeds_days_and_the_codes_working_days() -> None:
    texts = [s.text["ru"] for s in load_appeal_guide().deadlines]
    assert any("15 дней" in t for t in texts)
    assert any("15 рабочих дней" in t for t in texts)
    assert any("15 календарных дней" in t for t in texts)
    assert any("двух месяцев" in t and "3 рабочих дней" in t for t in texts)
    kk = [s.text["kk"] for s in load_appeal_guide().deadlines]
    assert any("15 жұмыс күні" in t for t in kk)
    working_days = load_appeal_guide().deadline("working_days").cites
    assert [(c.source.id, c.article) for c in working_days] == [("appc", "76")]


def test_art_63_lists_the_required_parts_of_an_appeal() -> None:
    guide = load_appeal_guide()
    assert [(c.source.id, c.article) for c in guide.contents_source.cites] == [("appc", "63")]
    assert [i["ru"].split()[0].strip(":,") for i in guide.contents_items] == [
        "фамилию",
        "ИИН",
        "адрес",
        "кому",
        "суть",
        "дату",
        "подпись",
    ]
    assert guide.contents_items[0] == {"ru": "фамилию, имя и отчество (если есть)",
                                       "kk": "тегіңіз, атыңыз және әкеңіздің аты (болса)"}


def test_a_bilingual_text_cut_at_an_unquoted_comma_fails_loudly() -> None:
    from bot.datafiles import localized
    cut = yaml.safe_load("{ru: фамилию, имя и отчество, kk: тегіңіз, атыңыз}")
    with pytest.raises(DataError, match="unquoted comma"):
        localized(cut, "appeals.yaml: contents.items[0]")


def test_akimat_topics_rest_on_the_seed_and_the_audits_sources() -> None:
    topics = load_akimat_topics()
    assert list(topics) == ["what", "does", "akims", "servants"]
    assert topics["does"].statements[0].as_of == SEED_DATE
    akims = topics["akims"].statements
    # facts.md §6: the President appoints oblast akims (1995 Constitution art. 87); rural and district akims are
    # elected directly (2021; pilot 2023; from 2025)
    assert [s.source.id for s in akims] == ["constitution_1995", "rural_akims_2023", "district_pilot_2023",
                                            "district_elections_2025", "seed", "seed"]
    assert "с согласия маслихата" in akims[0].text["ru"] and "избирают сами жители" in akims[1].text["ru"]
    assert "политико-определяющий" in topics["servants"].statements[0].text["ru"]


def test_a_statement_without_a_known_source_fails_loudly(tmp_path: Path) -> None:
    raw = yaml.safe_load((DATA / "appeals.yaml").read_text("utf-8"))
    raw["deadlines"][1]["source"] = "hearsay"
    (tmp_path / "appeals.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r"appeals.yaml: deadlines\[1\]: unknown source 'hearsay'"):
        load_appeal_guide(tmp_path)


def test_a_statement_missing_its_kazakh_text_fails_loudly(tmp_path: Path) -> None:
    raw = yaml.safe_load((DATA / "akimat.yaml").read_text("utf-8"))
    del raw["topics"][2]["statements"][0]["text"]["kk"]
    (tmp_path / "akimat.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r"akimat.yaml: topics\[2\].statements\[0\] › text"):
        load_akimat_topics(tmp_path)


def test_a_topic_button_label_missing_its_kazakh_text_fails_loudly(tmp_path: Path) -> None:
    raw = yaml.safe_load((DATA / "akimat.yaml").read_text("utf-8"))
    raw["topics"][1]["button"] = {"ru": "Что делает"}
    (tmp_path / "akimat.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(DataError, match=r"akimat.yaml: topics\[1\].button"):
        load_akimat_topics(tmp_path)
