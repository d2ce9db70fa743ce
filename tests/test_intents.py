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


@pytest.mark.parametrize("typed", ["главный специалист", "бас маман", "аким района"])
def test_position_names_stay_a_position_search(typed):
    assert default_intents().classify(typed) is None
