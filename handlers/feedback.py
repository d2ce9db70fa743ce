"""👍 / 👎 under answers, the count of answered questions, the log of misses, and /stats for admins.

For a feature: when you show a substantive answer, ``await count_question(db, kind)`` and append
``feedback_row(t, kind)`` to its keyboard; when a free-text search finds nothing,
``await record_unanswered(db, text)``. ``kind`` is one of ``bot.feedback.ANSWER_KINDS``.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.feedback import (
    ANSWER_KINDS,
    QuestionCounts,
    Ratings,
    UnansweredQuestions,
    UsageReport,
    VoteResult,
    flush_feedback,
    usage_report,
)
from bot.i18n import Translator
from bot.storage import Database
from handlers.filters import IsAdmin

log = logging.getLogger(__name__)
router = Router(name="feedback")


class FeedbackCb(CallbackData, prefix="fb"):
    """A rating button: the kind of answer it rates and whether it is 👍."""

    kind: str
    up: bool


def feedback_row(t: Translator, kind: str, chosen: bool | None = None) -> list[InlineKeyboardButton]:
    """The 👍 / 👎 row to put under an answer of ``kind``; ``chosen`` marks a vote already given."""
    if kind not in ANSWER_KINDS:
        raise ValueError(f"unknown kind of answer {kind!r}")
    return [
        InlineKeyboardButton(
            text=t("feedback-up-chosen" if chosen is True else "feedback-up"),
            callback_data=FeedbackCb(kind=kind, up=True).pack(),
        ),
        InlineKeyboardButton(
            text=t("feedback-down-chosen" if chosen is False else "feedback-down"),
            callback_data=FeedbackCb(kind=kind, up=False).pack(),
        ),
    ]


async def count_question(db: Database, kind: str) -> None:
    """Count one answered question of ``kind`` for /stats (a counter per kind and day, nothing else)."""
    await QuestionCounts(db).count(kind)


async def record_unanswered(db: Database, text: str) -> None:
    """Log a free-text query that found nothing: its masked, truncated text, counted; no user."""
    if await UnansweredQuestions(db).record(text) != "ignored":
        await QuestionCounts(db).count("unanswered")


# How often counted questions and misses reach the database; a crash loses at most this many seconds of them.
COUNTS_FLUSH_SECONDS = 30.0
_flushers: dict[int, tuple[asyncio.Event, asyncio.Task[None]]] = {}  # id(Database) -> stop signal, loop


async def _flush_counts_every(db: Database, stop: asyncio.Event, seconds: float) -> None:
    while not stop.is_set():
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)
        try:
            await flush_feedback(db)
        except Exception:  # a busy or failing database keeps the counts for the next try
            log.exception("could not write question counts or misses; keeping them for the next flush")


@router.startup()
async def start_counts_flusher(db: Database) -> None:
    """Write the question counts and misses kept in memory every COUNTS_FLUSH_SECONDS while the bot runs."""
    await stop_counts_flusher(db)
    stop = asyncio.Event()
    task = asyncio.create_task(_flush_counts_every(db, stop, COUNTS_FLUSH_SECONDS))
    _flushers[id(db)] = (stop, task)


@router.shutdown()
async def stop_counts_flusher(db: Database) -> None:
    """Stop the periodic writer without interrupting a write, then write what is left."""
    stop_task = _flushers.pop(id(db), None)
    if stop_task is not None:
        stop, task = stop_task
        stop.set()
        await asyncio.gather(task, return_exceptions=True)
    await flush_feedback(db)


def _with_vote(markup: InlineKeyboardMarkup, t: Translator, up: bool) -> InlineKeyboardMarkup:
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            data = button.callback_data
            if data and data.startswith(f"{FeedbackCb.__prefix__}{FeedbackCb.__separator__}"):
                pressed = FeedbackCb.unpack(data)
                key = "feedback-up" if pressed.up else "feedback-down"
                button = button.model_copy(update={"text": t(f"{key}-chosen" if pressed.up == up else key)})
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(inline_keyboard=rows)


@router.callback_query(FeedbackCb.filter(F.kind.in_(set(ANSWER_KINDS))))
async def rate(query: CallbackQuery, callback_data: FeedbackCb, t: Translator, db: Database) -> None:
    if query.message is not None:
        chat_id, message_id = query.message.chat.id, query.message.message_id
    else:  # a message sent through inline mode has only its own id
        chat_id, message_id = "inline", query.inline_message_id or query.id
    result = await Ratings(db).vote(chat_id, message_id, callback_data.kind, callback_data.up)
    await query.answer(t("feedback-thanks"))
    markup = getattr(query.message, "reply_markup", None)
    if result is not VoteResult.SAME and isinstance(markup, InlineKeyboardMarkup) and query.message is not None:
        # The buttons show which vote counts; an old message may no longer be editable, the vote still is.
        with suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=_with_vote(markup, t, callback_data.up))


def _kind_lines(t: Translator, report: UsageReport) -> list[str]:
    kinds = list(dict.fromkeys([*report.questions_total, *ANSWER_KINDS]))
    return [
        t("stats-question-line", kind=t(f"stats-kind-{kind}"),
          week=report.questions_week.get(kind, 0), total=report.questions_total[kind])
        for kind in kinds if kind in report.questions_total
    ]


def _rating_lines(t: Translator, report: UsageReport) -> list[str]:
    return [
        t("stats-rating-line", kind=t(f"stats-kind-{kind}"), up=up, down=down,
          percent=round(100 * up / (up + down)))
        for kind, (up, down) in sorted(report.ratings.items(), key=lambda item: -sum(item[1]))
    ]


def render_report(t: Translator, report: UsageReport) -> str:
    """The /stats message: users, questions by kind, ratings per kind, the most frequent misses."""
    by_lang = report.users_by_language
    parts = [
        t("stats-title"),
        t("stats-users", total=report.users, ru=by_lang.get("ru", 0), kk=by_lang.get("kk", 0),
          none=by_lang.get("none", 0)),
        "",
        t("stats-questions-title"),
        *(_kind_lines(t, report) or [t("stats-none-yet")]),
        "",
        t("stats-ratings-title"),
        *(_rating_lines(t, report) or [t("stats-none-yet")]),
        "",
        t("stats-misses-title", distinct=report.distinct_misses),
        *([t("stats-miss-line", n=n, text=miss.text, count=miss.count, day=miss.last_day)
           for n, miss in enumerate(report.misses, start=1)] or [t("stats-none-yet")]),
    ]
    return "\n".join(parts)


@router.message(Command("stats"), IsAdmin())
async def cmd_stats(message: Message, t: Translator, db: Database) -> None:
    await message.answer(render_report(t, await usage_report(db)))
