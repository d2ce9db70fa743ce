"""The appeal draft's answers: trimmed, and refused when empty or too long for one message."""

import pytest

from bot.appeal_draft import (
    MAX_ANSWER_UNITS,
    AnswerProblem,
    DraftStep,
    answer_length,
    clean_answer,
    next_step,
    says_i_ask,
)


def test_answers_are_trimmed() -> None:
    assert clean_answer("  Акимат Алмалинского района \n") == "Акимат Алмалинского района"


def test_empty_or_tiny_answers_are_refused() -> None:
    assert clean_answer(None) is AnswerProblem.TOO_SHORT
    assert clean_answer("   ") is AnswerProblem.TOO_SHORT
    assert clean_answer("ок") is AnswerProblem.TOO_SHORT


def test_answers_longer_than_fits_a_message_are_refused() -> None:
    assert clean_answer("а" * MAX_ANSWER_UNITS) == "а" * MAX_ANSWER_UNITS
    assert clean_answer("а" * (MAX_ANSWER_UNITS + 1)) is AnswerProblem.TOO_LONG


def test_an_answer_is_measured_in_telegrams_units() -> None:
    half = MAX_ANSWER_UNITS // 2
    assert clean_answer("😀" * half) == "😀" * half  # two units each, as Telegram counts them
    assert clean_answer("😀" * (half + 1)) is AnswerProblem.TOO_LONG
    assert answer_length("  😀😀a \n") == 5


def test_the_flow_asks_to_whom_then_what_happened_then_what_you_ask() -> None:
    assert next_step(DraftStep.ADDRESSEE) is DraftStep.FACTS
    assert next_step(DraftStep.FACTS) is DraftStep.REQUEST
    assert next_step(DraftStep.REQUEST) is None


@pytest.mark.parametrize("request_text", ["Прошу восстановить освещение", "прошу: починить дорогу",
                                          "Көше жарығын қалпына келтіруді сұраймын.", "жолды жөндеуді өтінемін"])
def test_a_request_with_its_own_asking_verb_is_recognised(request_text: str) -> None:
    assert says_i_ask(request_text)


@pytest.mark.parametrize("request_text", ["Восстановить освещение", "көше жарығын қалпына келтіруді",
                                          "Разобраться, почему мне не отвечают на просьбу"])
def test_a_bare_request_needs_the_frames_verb(request_text: str) -> None:
    assert not says_i_ask(request_text)
