"""The appeal draft's answers: trimmed, and refused when empty or too long for one message."""

from bot.appeal_draft import MAX_ANSWER_CHARS, AnswerProblem, DraftStep, clean_answer, next_step


def test_answers_are_trimmed() -> None:
    assert clean_answer("  Акимат Алмалинского района \n") == "Акимат Алмалинского района"


def test_empty_or_tiny_answers_are_refused() -> None:
    assert clean_answer(None) is AnswerProblem.TOO_SHORT
    assert clean_answer("   ") is AnswerProblem.TOO_SHORT
    assert clean_answer("ок") is AnswerProblem.TOO_SHORT


def test_answers_longer_than_fits_a_message_are_refused() -> None:
    assert clean_answer("а" * MAX_ANSWER_CHARS) == "а" * MAX_ANSWER_CHARS
    assert clean_answer("а" * (MAX_ANSWER_CHARS + 1)) is AnswerProblem.TOO_LONG


def test_the_flow_asks_to_whom_then_what_happened_then_what_you_ask() -> None:
    assert next_step(DraftStep.ADDRESSEE) is DraftStep.FACTS
    assert next_step(DraftStep.FACTS) is DraftStep.REQUEST
    assert next_step(DraftStep.REQUEST) is None
