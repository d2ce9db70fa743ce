"""👍 / 👎 under an answer, and the same keyboard with the user's vote marked."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.feedback import AnswerKind, UsageReport
from bot.i18n import Translator
from handlers.callbacks import FeedbackCb, unpacked
from handlers.views.keyboard import Row, button


def feedback_row(t: Translator, kind: AnswerKind, chosen: bool | None = None) -> Row:
    """The 👍 / 👎 row to put under an answer of ``kind``; ``chosen`` marks a vote already given."""
    return (
        button(t("feedback-up-chosen" if chosen is True else "feedback-up"), FeedbackCb(kind=kind, up=True)),
        button(t("feedback-down-chosen" if chosen is False else "feedback-down"), FeedbackCb(kind=kind, up=False)),
    )


def with_vote(markup: InlineKeyboardMarkup, t: Translator, up: bool) -> InlineKeyboardMarkup:
    """``markup`` (the rated message's keyboard as shown) with the 👍 or 👎 marked as chosen."""

    def marked(b: InlineKeyboardButton) -> InlineKeyboardButton:
        pressed = unpacked(FeedbackCb, b.callback_data)
        if pressed is None:
            return b
        key = "feedback-up" if pressed.up else "feedback-down"
        return b.model_copy(update={"text": t(f"{key}-chosen" if pressed.up == up else key)})

    return InlineKeyboardMarkup(inline_keyboard=[[marked(b) for b in row] for row in markup.inline_keyboard])


def _kind_lines(t: Translator, report: UsageReport) -> list[str]:
    kinds = list(dict.fromkeys([*report.questions_total, *AnswerKind]))
    return [
        t("stats-question-line", kind=t(f"stats-kind-{kind}"),
          week=report.questions_week.get(kind, 0), total=report.questions_total[kind])
        for kind in kinds if kind in report.questions_total
    ]


def _rating_lines(t: Translator, report: UsageReport) -> list[str]:
    return [
        t("stats-rating-line", kind=t(f"stats-kind-{kind}"), up=up, down=down,
          percent=round(100 * up / (up + down)))
        for kind, (up, down) in sorted(report.ratings.items(), key=lambda kind_votes: -sum(kind_votes[1]))
    ]


def stats_text(t: Translator, report: UsageReport) -> str:
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
