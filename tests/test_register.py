"""The register file: its 52 categories, the seed's quirks cleaned, and loud validation errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.datafiles import DATA_DIR, DataError
from bot.register import BUTTON_CHARS, load_register, parse_category_code, read_register

GROUP_SIZES = {"A": 4, "B": 6, "C": 6, "C-O": 6, "C-R": 5, "D": 5, "D-O": 6, "E": 5, "E-R": 5, "E-G": 4}


@pytest.fixture(scope="module")
def register():
    return load_register()


def test_all_52_categories_in_register_order(register) -> None:
    assert len(register.categories) == 52
    assert {g.code: len(g.categories) for g in register.groups} == GROUP_SIZES
    assert register.categories[0].code == "A-1"
    assert register.categories[-1].code == "E-G-4"
    assert [f.letter for f in register.families] == ["A", "B", "C", "D", "E"]
    assert [g.code for g in register.family("E").groups] == ["E", "E-R", "E-G"]


def test_codes_are_latin_and_names_free_of_footnotes(register) -> None:
    for category in register.categories:
        assert category.code.isascii()
        for position in category.positions:
            assert not position.name.ru[-1].isdigit(), position.id
    assert register.category("C-1").positions[0].name.ru == "Руководитель аппарата"
    assert register.category("C-2").positions[0].name.ru == "Директор департамента"
    assert register.category("C-O-3").positions[0].name.ru.endswith("инспекции")


def test_paired_positions_are_split(register) -> None:
    assert [p.name.ru for p in register.category("A-2").positions] == ["Инспектор", "Консультант"]
    b3 = [p.name.ru for p in register.category("B-3").positions]
    assert "Помощник Премьер-Министра" in b3 and "Советник Премьер-Министра" in b3
    assert not any("," in name for name in b3)
    e_g2 = [p.name.ru for p in register.category("E-G-2").positions]
    assert e_g2 == ["Руководитель структурного подразделения", "Помощник акима", "Советник акима"]


def test_wrapped_lines_are_joined(register) -> None:
    b4 = [p.name.ru for p in register.category("B-4").positions]
    assert any(name.startswith("Советник Председателя Счётного комитета") and name.endswith("бюджета")
               for name in b4)
    c4 = [p.name.ru for p in register.category("C-4").positions]
    assert "Пресс-секретарь первого руководителя центрального органа" in c4


def test_every_position_has_kazakh_name_of_its_own(register) -> None:
    for category in register.categories:
        for position in category.positions:
            assert position.name.kk and position.name.ru
    assert register.category("D-O-4").positions[0].name.kk == "Бас маман"
    assert register.category("E-G-1").positions[0].name.pick("kk") == "Әкімнің орынбасары"
    assert register.category("E-1").positions[0].name.pick("ru") == "Заместитель акима района"


def test_akimat_levels_list_their_categories(register) -> None:
    levels = {level.id: [c.code for c in level.categories] for level in register.akimat_levels}
    assert levels["oblast"] == ["D-1", "D-2", "D-3", "D-4", "D-5", *(f"D-O-{i}" for i in range(1, 7))]
    assert levels["district"][:5] == ["E-1", "E-2", "E-3", "E-4", "E-5"]
    assert levels["rural"] == ["E-G-1", "E-G-2", "E-G-3", "E-G-4"]
    assert register.group("C").level is None


def test_neighbours_run_across_the_register(register) -> None:
    assert register.neighbours("A-1") == (None, register.category("A-2"))
    before, after = register.neighbours("D-5")
    assert (before.code, after.code) == ("D-4", "D-O-1")
    assert register.neighbours("E-G-4")[1] is None


def test_lookups(register) -> None:
    assert register.category("д-о-4").code == "D-O-4"
    assert register.group_of("E-R-2").code == "E-R"
    assert register.position("D-3.4").name.ru == "Главный инспектор акима области"
    with pytest.raises(KeyError):
        register.category("A-9")


def test_provenance_names_both_decrees(register) -> None:
    prov = register.provenance
    seed, decree = (c.source for c in prov.fact.cites)
    assert "№ 501" in seed.name["ru"] and seed.date.isoformat() == "2024-10-02"
    assert prov.in_force is decree.act and prov.in_force.number == "150"
    assert prov.in_force.date.isoformat() == "2015-12-29" and prov.in_force.adilet == "U1500000150"
    assert all(g.source.id == "seed" and g.as_of for g in register.groups)


@pytest.mark.parametrize(("text", "code"), [
    ("D-O-4", "D-O-4"), ("д-о-4", "D-O-4"), ("DO4", "D-O-4"), ("D O 4", "D-O-4"), ("С-0-3", "C-O-3"),
    ("категория Е-Г-2", "E-G-2"), ("в 3", "B-3"), ("С 1", "C-1"), ("Е-Ғ-2 санаты", "E-G-2"),
    ("c-r-1", "C-R-1"), ("В-3", "B-3"), ("а Е-Г-3?", "E-G-3"), ("Е-Г-3 ше", "E-G-3"), ("а E-G-3?", "E-G-3"),
    ("санат Е-Г-3", "E-G-3"), ("do4", "D-O-4"),
    ("A-7", None), ("D-R-1", None), ("E-G-0", None), ("D-O-7", None), ("главный специалист", None), ("", None),
])
def test_parse_category_code(text: str, code: str | None) -> None:
    assert parse_category_code(text) == code


# ---- validation: a broken file fails loudly, naming the file and the record

def _broken(tmp_path: Path, edit, name: str = "register.yaml") -> Path:
    """A data directory whose ``name`` (register.yaml or search_terms.yaml) went through ``edit``."""
    for other in ("register.yaml", "search_terms.yaml"):
        if other != name:
            shutil.copy(DATA_DIR / other, tmp_path / other)
    raw = yaml.safe_load((DATA_DIR / name).read_text("utf-8"))
    edit(raw)
    (tmp_path / name).write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return tmp_path


def test_a_valid_copy_loads(tmp_path: Path) -> None:
    assert len(read_register(_broken(tmp_path, lambda raw: None)).categories) == 52


def test_duplicate_code_is_named(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][0]["categories"][1]["code"] = "A-1"
    with pytest.raises(DataError, match=r"register\.yaml: category A-1: duplicate"):
        read_register(_broken(tmp_path, edit))


def test_missing_kazakh_name_is_named(tmp_path: Path) -> None:
    def edit(raw):
        del raw["groups"][7]["categories"][3]["positions"][0]["kk"]
    with pytest.raises(DataError, match=r"register\.yaml: category E-4 › position 1"):
        read_register(_broken(tmp_path, edit))


def test_footnote_digit_is_caught(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][2]["categories"][0]["positions"][0]["ru"] = "Руководитель аппарата1"
    with pytest.raises(DataError, match=r"category C-1 › position 1: footnote digit"):
        read_register(_broken(tmp_path, edit))


def test_cyrillic_code_is_refused(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][3]["categories"][0]["code"] = "С-О-1"
    with pytest.raises(DataError, match=r"category С-О-1: not a Latin code of group C-O"):
        read_register(_broken(tmp_path, edit))


def test_category_without_positions_is_named(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][6]["categories"][5]["positions"] = []
    with pytest.raises(DataError, match=r"category D-O-6: no positions"):
        read_register(_broken(tmp_path, edit))


def test_inconsistent_translation_is_named(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][9]["categories"][2]["positions"][0]["kk"] = "Басты маман"
    with pytest.raises(DataError, match=r"E-G-3 › position 1: 'Главный специалист' is 'Басты маман'"):
        read_register(_broken(tmp_path, edit))


def test_unknown_source_is_named(tmp_path: Path) -> None:
    def edit(raw):
        raw["groups"][4]["source"] = "rumour"
    with pytest.raises(DataError, match=r"group C-R: unknown source 'rumour'"):
        read_register(_broken(tmp_path, edit))


def _d1(raw) -> dict:
    group = next(g for g in raw["groups"] if g["code"] == "D")
    return group["categories"][0]["positions"][0]


def test_the_d1_exception_and_the_equated_cities_are_sourced(register) -> None:
    exception = register.position("D-1.1").excludes
    assert exception is not None and exception.bodies == {"akim", "akimat"}
    assert "за исключением аппарата акима области" in exception.explain.ru
    assert "облыс әкімінің аппаратын қоспағанда" in exception.explain.kk
    assert exception.source.id == "seed"
    assert register.group("E").equated is not None
    assert "города областного значения" in register.group("E").equated.ru
    assert all(g.equated is None for g in register.groups if g.code != "E")


def test_an_exception_naming_an_unknown_kind_of_body_is_refused(tmp_path: Path) -> None:
    def edit(raw):
        _d1(raw)["excludes"]["bodies"] = ["akimm"]
    with pytest.raises(DataError, match=r"category D-1 › position 1 › excludes › bodies: expected kinds of body"):
        read_register(_broken(tmp_path, edit))


def test_an_exception_without_a_source_is_refused(tmp_path: Path) -> None:
    def edit(raw):
        del _d1(raw)["excludes"]["source"]
    with pytest.raises(DataError, match=r"category D-1 › position 1 › excludes: missing 'source'"):
        read_register(_broken(tmp_path, edit))


def test_an_equated_note_without_a_date_is_refused(tmp_path: Path) -> None:
    def edit(raw):
        del next(g for g in raw["groups"] if g["code"] == "E")["equated"]["as_of"]
    with pytest.raises(DataError, match=r"group E › equated: missing 'as_of'"):
        read_register(_broken(tmp_path, edit))


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"register\.yaml: file not found"):
        read_register(tmp_path)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda raw: raw["synonyms"].update({"бас маман": "басшы"}), r"synonyms › 'бас маман': one word each side"),
    (lambda raw: raw["roles"].append({"ru": "Советник", "kk": "", "words": ["советник"]}), r"roles\[\d+\]: needs"),
    (lambda raw: raw["qualifiers"]["within"].update({"akim": ["palace"]}), r"qualifiers › within"),
    (lambda raw: raw["roles"][0].update({"id": "Советник"}), r"roles\[0\]: needs an id"),
    (lambda raw: raw["qualifiers"]["phrases"][0].update({"body": "palace"}),
     r"qualifiers › phrases\[0\]: unknown kind of body"),
    (lambda raw: raw["qualifiers"]["places"].update({"lowest_first": ["village"]}),
     r"qualifiers › places › lowest_first"),
    (lambda raw: raw["qualifiers"]["places"].update({"after": ["город области"]}),
     r"qualifiers › places › after: one word"),
])
def test_broken_search_vocabulary_is_named(tmp_path: Path, edit, message: str) -> None:
    with pytest.raises(DataError, match=rf"search_terms\.yaml: {message}"):
        read_register(_broken(tmp_path, edit, "search_terms.yaml"))


def _group(raw, code: str) -> dict:
    return next(g for g in raw["groups"] if g["code"] == code)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda raw: _group(raw, "E-G").pop("short"), r"group E-G: missing 'short'"),
    (lambda raw: _group(raw, "E-G")["short"].update(kk=""), r"group E-G › short: expected a mapping"),
    # fits "E-G — …" (32) but not "E-G-1 — …" (34): a category's button puts its code before the group's title
    (lambda raw: _group(raw, "E-G")["short"].update(ru="Аким села, аула и посёлка"),
     r"group E-G › short: 'E-G-1 — Аким села, аула и посёлка' is 33 characters, a phone's button shows 32"),
    (lambda raw: raw["families"]["D"].pop("short"), r"families › D: missing 'short'"),
    (lambda raw: raw["families"]["D"]["short"].update(kk="облыс органдары"),
     r"families › D › short: .* should start with 'D — '"),
])
def test_a_groups_button_title_is_required_short_and_in_both_languages(tmp_path: Path, edit, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_register(_broken(tmp_path, edit))


def test_groups_and_families_have_button_titles_that_fit_a_phone(register) -> None:
    for group in register.groups:
        for lang in ("ru", "kk"):
            assert len(group.label(lang)) <= BUTTON_CHARS
            assert all(len(group.label(lang, c.code)) <= BUTTON_CHARS for c in group.categories)
    for family in register.families:
        assert all(family.label(lang).startswith(f"{family.letter} — ") for lang in ("ru", "kk"))
