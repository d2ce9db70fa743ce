"""The appeal draft: three answers checked for length, assembled by the caller into an art. 63 text.

Nothing here stores the answers; the handler keeps them in FSM state only while the flow runs.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from bot.message_parts import utf16_len

# Counted in UTF-16 units, as Telegram counts its 4,096 a message (an emoji is two): three answers this long
# plus the frame (~450 units, in either language) fit one message. tests/bot/test_appeal_draft.py checks it.
MAX_ANSWER_UNITS = 1000
MIN_ANSWER_CHARS = 3
# "Прошу восстановить …", "… қалпына келтіруді сұраймын": the request already says "I ask"
_OWN_ASKING_VERB = re.compile(
    r"^\W*(прошу|просим|требую|требуем)\b|\b(сұраймын|сұраймыз|өтінемін|өтінеміз|талап етемін|талап етеміз)\W*$",
    re.IGNORECASE,
)


class DraftStep(enum.Enum):
    """The questions of the draft flow, in order."""

    ADDRESSEE = "addressee"  # to whom: which akimat or official
    FACTS = "facts"  # what happened
    REQUEST = "request"  # what you ask for


class AnswerProblem(enum.Enum):
    """Why an answer cannot go into the draft."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class DraftAnswers:
    """The citizen's three answers, cleaned; personal data (name, IIN, address) is never asked."""

    addressee: str
    facts: str
    request: str


def clean_answer(text: str | None) -> str | AnswerProblem:
    """The answer with outer whitespace trimmed, or why it does not fit."""
    answer = (text or "").strip()
    if len(answer) < MIN_ANSWER_CHARS:
        return AnswerProblem.TOO_SHORT
    if answer_length(answer) > MAX_ANSWER_UNITS:
        return AnswerProblem.TOO_LONG
    return answer


def answer_length(text: str | None) -> int:
    """An answer's length as its limit counts it: UTF-16 units of the trimmed text (an emoji counts two)."""
    return utf16_len((text or "").strip())


def next_step(step: DraftStep) -> DraftStep | None:
    """The question after ``step``, or None when the draft is complete."""
    order = list(DraftStep)
    index = order.index(step)
    return order[index + 1] if index + 1 < len(order) else None


def says_i_ask(request: str) -> bool:
    """Whether the request already has its own "прошу" / "сұраймын", so the draft must not add another."""
    return _OWN_ASKING_VERB.search(request) is not None
