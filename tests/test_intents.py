"""Free text typed on a phone without a Kazakh layout is classified like the properly spelled text."""

import pytest

from bot.intents import default_intents


@pytest.mark.parametrize(("typed", "intent"), [
    ("бас маманнын жалакысы", "salary"),
    ("бас маманның жалақысы", "salary"),
    ("шагым жазу", "complaint"),
    ("акимдикке отиниш", "complaint"),
    ("мемлекеттик кызметке калай туседи", "admission"),
    ("акимдик деген не", "akimat_what"),
    ("салеметсиз бе", "greeting"),
])
def test_kazakh_typed_without_kazakh_letters_gets_the_same_intent(typed, intent):
    assert default_intents().classify(typed) == intent


@pytest.mark.parametrize("typed", ["главный специалист", "бас маман", "заместитель акима района", "аппарат акима",
                                   "әкімнің орынбасары"])
def test_position_names_stay_a_position_search(typed):
    assert default_intents().classify(typed) is None


@pytest.mark.parametrize("typed", ["сколько получает аким района", "зарплата акима", "аким района",
                                   "аудан әкімінің жалақысы", "ауыл әкімі қанша алады"])
def test_the_akim_himself_is_not_a_salary_or_position_question(typed):
    assert default_intents().classify(typed) == "akimat_akims"


def test_the_akims_deputy_is_still_a_salary_question():
    assert default_intents().classify("зарплата заместителя акима района") == "salary"


@pytest.mark.parametrize(("typed", "intent"), [
    ("аудан акимынын жалакысы", "akimat_akims"),  # ы for і, as on a Russian keyboard
    ("аудан акимiнiн жалакысы", "akimat_akims"),  # a Latin i for і
    ("акимды ким тагайындайды", "akimat_akims"),
    ("әкiм деген кiм", "akimat_akims"),
    ("акимдык деген не", "akimat_what"),
    ("акымдык деген не", "akimat_what"),
    ("акимдык не истейды", "akimat_does"),
    ("саяси мемлекеттык кызметшы деген ким", "akimat_servants"),
    ("мемлекеттык кызметке калай турамын", "admission"),
    ("бас маманнын жалакысы канша", "salary"),
])
def test_y_or_latin_i_typed_for_kazakh_i_gets_the_same_intent(typed, intent):
    assert default_intents().classify(typed) == intent


@pytest.mark.parametrize(("typed", "intent"), [
    ("кто выбирает акима", "akimat_akims"),
    ("как избирается аким", "akimat_akims"),
    ("что такое акимат", "akimat_what"),
    ("могу ли я стать госслужащим", "admission"),
    ("сколько получают госслужащие", "salary"),
    ("когда мне ответят", "appeal_deadline"),
    ("как пожаловаться на акимат", "complaint"),
    ("вы бот?", None),
    ("главный специалист отдела культуры", None),
])
def test_russian_with_y_is_classified_as_before(typed, intent):
    assert default_intents().classify(typed) == intent


def _texts_people_typed() -> list[str]:
    """Every text the tests and the labelled search set type, as a corpus for the trigger check."""
    import ast
    from pathlib import Path

    import yaml

    here = Path(__file__).parent
    texts = [record["q"] for record in yaml.safe_load((here / "data" / "search_queries.yaml").read_text("utf-8"))]
    for path in here.rglob("test_*.py"):  # every string literal of the tests: phrases of every intent
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) < 300:
                texts.append(node.value)
    return texts


def test_searching_only_triggered_intents_classifies_like_searching_every_pattern():
    classifier = default_intents()
    texts = _texts_people_typed()
    assert len(texts) > 2000
    differ = [t for t in texts if classifier.classify(t) != classifier.classify_by_every_pattern(t)]
    assert differ == []
    assert sum(classifier.classify(t) is not None for t in texts) > 300  # the corpus reaches the intents


def test_random_texts_built_from_the_trigger_words_classify_alike():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    classifier = default_intents()
    words = sorted({w for i in classifier.intents for w in i.triggers or ()})
    pieces = st.one_of(st.sampled_from(words), st.sampled_from([" ", "?", "5 марта", "аким", "ы", "-", "ё"]),
                       st.text(alphabet="абвгдеёжзиклмнопрстуфхыэюяәғқңөұүһі wz", max_size=6))

    @settings(max_examples=500, deadline=None)
    @given(st.lists(pieces, max_size=8).map("".join))
    def alike(text: str) -> None:
        assert classifier.classify(text) == classifier.classify_by_every_pattern(text)

    alike()


@pytest.mark.parametrize(("pattern", "triggers"), [
    (r"\bжалоб", {"жалоб"}),
    (r"\b(зарплат|оклад)\w*", {"зарплат", "оклад"}),
    (r"сколько (дней )?ждать ответ", {"ждать ответ"}),
    (r"(когда|через сколько) (мне )?(ответят|придет ответ)", {"ответят", "придет ответ"}),
    (r"\bтест\w*\b.{0,40}(вопрос|закон)", {"вопрос", "закон"}),  # the longer of two required parts
    (r"^\d{1,2}[./-]\d{1,2}\W*$", None),  # no letters that must be there
    (r"(ab)?c", None),  # shorter than a trigger
    (r"(?i)жалоб", None),  # case-insensitive: not literal
])
def test_triggers_are_the_strings_a_match_cannot_do_without(pattern, triggers):
    from bot.intents import pattern_triggers

    found = pattern_triggers(pattern)
    assert (found if found is None else set(found)) == triggers
