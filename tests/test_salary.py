"""The pay data and salary questions, without Telegram."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.datafiles import DATA_DIR, DataError
from bot.register import load_register
from bot.salary import (
    format_tenge,
    load_salaries,
    read_salaries,
    salary_subject,
)
from bot.understanding import understand

NNBSP = "\u202f"
TODAY = dt.date(2026, 12, 3)


def test_the_seed_ranges_are_there_by_category_code_with_source_and_date():
    book = load_salaries()
    assert sorted(book.ranges) == ["A-1", "A-2", "A-3", "A-4", "B-1"]
    a4 = book.range_for("A-4")
    assert (a4.minimum, a4.maximum, a4.year) == (239_086, 322_262, 2021)
    assert book.range_for("B-1").maximum == 869_631
    assert a4.fact.source.id == "seed_salary_table" and a4.fact.source.date == dt.date(2024, 10, 2)
    assert "2021" in a4.fact.source.name["ru"] and "жалақы" in a4.fact.source.name["kk"]
    assert a4.fact.source.link("ru") == "https://rabota-journal.ru/professii/kakie-dolzhnosti-est-v-akimate.html"


def test_each_range_is_the_tables_row_and_where_the_register_disagrees_is_known():
    # facts.md §6: the seed's table prints A-1 "Инспектор", B-1 "Заместитель руководителя структурного
    # подразделения", while its register has A-1 "Заведующий сектором", B-1 "Руководитель …"
    book, register = load_salaries(), load_register()
    assert [r.row_label("ru") for r in book.ranges.values()] == [
        "A-1 Инспектор", "A-2 Консультант", "A-3 Эксперт", "A-4 Референт",
        "B-1 Заместитель руководителя структурного подразделения"]
    differs = [code for code, r in book.ranges.items()
               if r.register_differs(p.name.ru for p in register.category(code).positions)]
    assert differs == ["A-1", "B-1"]
    # the register files "Инспектор" under A-2: the table's row for it is another code's
    assert [r.category_code for r in book.rows_naming("Инспектор", ["A-2"])] == ["A-1"]
    assert book.rows_naming("Консультант", ["A-2"]) == ()


def test_a_category_without_a_range_has_none_rather_than_a_guess():
    book = load_salaries()
    assert book.range_for("D-O-4") is None
    known, unknown = book.split(["A-3", "B-6", "C-6"])
    assert [r.category_code for r in known] == ["A-3"]
    assert unknown == ["B-6", "C-6"]


def test_ranges_are_written_for_people_with_narrow_no_break_spaces():
    assert load_salaries().range_for("A-4").formatted() == f"239{NNBSP}086\u00a0–\u00a0322{NNBSP}262\u00a0₸"
    assert format_tenge(84_000) == f"84{NNBSP}000"
    assert format_tenge(999) == "999"


def test_every_context_figure_is_dated_and_sourced_and_the_plans_and_claims_say_so():
    book = load_salaries()
    by_id = {c.id: c for c in book.context}
    raise_2019 = by_id["local_chief_specialist_2019"]
    # facts.md §6: 84 000 → 100 000 is +19 %, the ~25 % was the planned average, and it was reported as a plan
    assert raise_2019.fact.source.date == dt.date(2019, 3, 1) and raise_2019.kind == "claim"
    assert "на 19 %" in raise_2019.fact.text["ru"] and "план" in raise_2019.fact.text["ru"]
    assert "19 %-ға" in raise_2019.fact.text["kk"] and "жоспар" in raise_2019.fact.text["kk"]
    assert "+25" not in raise_2019.fact.text["ru"]
    assert "1,9" in by_id["factor_point_scale_2021_2024"].fact.text["kk"]
    assert by_id["executive_staff_2026"].fact.source.precision == "month"
    assert [c.id for c in book.context if c.kind == "claim"] == ["local_chief_specialist_2019",
                                                                "specialists_from_180k_claim"]


def test_the_pay_factors_are_each_sourced_and_length_of_service_is_gone():
    # facts.md §6: "стаж" had no source; a bonus is what the 2015 law art. 1 p.4 says
    book = load_salaries()
    assert [f.source.id for f in book.factors] == ["seed_salary_table", "civil_service_law_2015", "pm_2026"]
    bonus = book.factors[1].cites[0]
    assert (bonus.article, bonus.point) == ("1", "4")
    assert not any("Стаж" in f.text["ru"] or "өтілі" in f.text["kk"] for f in book.factors)


def _copy_data(tmp_path: Path) -> Path:
    shutil.copy(DATA_DIR / "salaries.yaml", tmp_path / "salaries.yaml")
    return tmp_path


def test_adding_a_category_range_is_a_one_line_data_edit(tmp_path):
    data = _copy_data(tmp_path)
    text = (data / "salaries.yaml").read_text(encoding="utf-8")
    line = ("  D-O-4: {min: 250000, max: 310000, row: {ru: Главный специалист, kk: Бас маман},"
            " source: seed_salary_table, as_of: 2021-01-01}\n")
    text = text.replace("ranges:\n", "ranges:\n" + line, 1)
    (data / "salaries.yaml").write_text(text, encoding="utf-8")
    book = read_salaries(data)
    assert book.range_for("D-O-4").formatted().startswith(f"250{NNBSP}000")
    assert book.range_for("A-4") == load_salaries().range_for("A-4")


@pytest.mark.parametrize(("line", "message"), [
    ("  D-O-4: {min: 310000, max: 250000, source: seed_salary_table, as_of: 2021-01-01}", "min 310000 is above max"),
    ("  Д-О-4: {min: 1, max: 2, source: seed_salary_table, as_of: 2021-01-01}", "not a Latin category code"),
    ("  D-4: {min: 1, max: 2, row: {ru: а, kk: ә}, source: nowhere, as_of: 2021-01-01}", "unknown source 'nowhere'"),
    ("  D-4: {min: 1, max: 2, row: {ru: а, kk: ә}, source: seed_salary_table}", "ranges › D-4: missing 'as_of'"),
    ("  D-4: {min: '1 000', max: 2, source: seed_salary_table, as_of: 2021-01-01}", "positive whole number"),
    ("  D-4: {min: 1, max: 2, source: seed_salary_table, as_of: 2021-01-01}", "ranges › D-4: missing 'row'"),
])
def test_a_bad_range_line_fails_loudly_naming_the_record(tmp_path, line, message):
    data = _copy_data(tmp_path)
    text = (data / "salaries.yaml").read_text(encoding="utf-8").replace("ranges:\n", f"ranges:\n{line}\n", 1)
    (data / "salaries.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"salaries\.yaml") as error:
        read_salaries(data)
    assert message in str(error.value)


@pytest.mark.parametrize(("text", "subject"), [
    ("сколько получает главный специалист", "главный специалист"),
    ("Какая Зарплата у главного специалиста акимата района?", "главного специалиста акимата района"),
    ("зарплата D-O-4", "D-O-4"),
    ("А-4 жалақысы", "А-4"),
    ("В-1 зарплата", "В-1"),
    ("оклад эксперта администрации президента", "эксперта администрации президента"),
    ("бас маманның жалақысы қанша", "бас маманның"),
    ("бас маман айына қанша алады?", "бас маман"),
    ("зарплата главного специалиста в 2024 году", "главного специалиста"),
    ("Қазақстандағы бас маманның жалақысы 2025 жылы", "бас маманның"),
    ("зарплата госслужащих в Казахстане", ""),
    ("зарплата", ""),
    ("Сколько платят госслужащим?", ""),
    ("жалақы қандай", ""),
])
def test_salary_words_are_stripped_so_the_rest_goes_to_the_search(text, subject):
    assert salary_subject(text) == subject


@pytest.mark.parametrize("text", [
    "сколько получает главный специалист", "зарплата D-O-4", "Оклад эксперта", "зп референта",
    "сколько зарабатывает заместитель акима", "бас маманның жалақысы қанша", "A-4 жалақысы", "айлығы қанша",
    "еңбекақы", "бас маман қанша алады",
])
def test_salary_questions_are_recognised_in_both_languages(text):
    assert understand(text, TODAY).family == "pay"


@pytest.mark.parametrize("text", ["главный специалист", "D-O-4", "бас маман", "қанша күнде жауап береді"])
def test_a_plain_position_or_other_question_is_not_a_salary_question(text):
    assert understand(text, TODAY).family != "pay"


def test_every_range_belongs_to_a_category_of_the_register():
    from bot.register import load_register

    assert set(load_salaries().ranges) <= load_register().codes


def test_stripping_only_at_word_starts_removes_what_the_full_pattern_removes():
    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from bot.salary import default_salary_words

    words = default_salary_words()
    labelled = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yaml").read_text(encoding="utf-8"))
    texts = [record["q"] for record in labelled]
    texts += ["зарплата D-O-4", "сколько получает главный специалист в 2021 году", "бас маманның жалақысы қанша",
              "зар. плата в-зарплата 2021-2022 рк-рк", "ЗАРПЛАТА,оклад;категории(«А-4»)"]
    for text in texts:
        assert words.strip(text) == words.pattern.sub(" ", text), text

    pieces = st.sampled_from(["зарплата", "оклад", "в", "2021", "году", "рк", "-", " ", ",", "«", "ё", "А-4",
                              "главный", "специалист", "жалақы", "қанша", "сколько", "получает", "x"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(text: str) -> None:
        assert words.strip(text) == words.pattern.sub(" ", text)

    same()


@pytest.mark.parametrize(("text", "general"), [
    ("зарплата госслужащих", True), ("сколько получают чиновники", True),
    ("мемлекеттік қызметшілердің жалақысы көтеріле ме", True), ("бас маманның жалақысы", False),
    ("зарплата главного специалиста", False),
])
def test_a_pay_question_about_civil_servants_in_general_is_told_apart(text, general):
    from bot.salary import default_salary_words

    assert default_salary_words().about_servants(text) is general
