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
