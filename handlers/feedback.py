"""👍 / 👎 under answers, and /stats for admins: users, questions by kind, ratings, the most frequent misses.

For a feature: when you show a substantive answer, ``await feedback.answered(AnswerKind.…)`` (``feedback`` is
the ``bot.feedback.Feedback`` service of the handler's data) and put ``views.feedback.feedback_row(t, kind)``
in its keyboard; when a free-text question finds nothing, ``await feedback.missed(text)``.
"""

from __future__ import annotations

from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.feedback import Feedback, VoteResult
from bot.i18n import Translator
from bot.storage import Users
from handlers.callbacks import FeedbackCb
from handlers.filters import IsAdmin, claimed_only
from handlers.views.feedback import stats_text, with_vote


async def rate(query: CallbackQuery, callback_data: FeedbackCb, t: Translator, feedback: Feedback,
               callback_answer: CallbackAnswer) -> None:
    if query.message is not None:
        chat_id, message_id = query.message.chat.id, query.message.message_id
    else:  # a message sent through inline mode has only its own id
        chat_id, message_id = "inline", query.inline_message_id or query.id
    result = await feedback.ratings.vote(chat_id, message_id, callback_data.kind, callback_data.up)
    callback_answer.text = t("feedback-thanks")
    markup = getattr(query.message, "reply_markup", None)
    if result is not VoteResult.SAME and isinstance(markup, InlineKeyboardMarkup) and query.message is not None:
        # The buttons show which vote counts; an old message may no longer be editable, the vote still is.
        with suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=with_vote(markup, t, callback_data.up))


async def cmd_stats(message: Message, t: Translator, feedback: Feedback, users: Users) -> None:
    await users.flush()  # first contacts wait in memory for the periodic write; the report counts them
    await message.answer(stats_text(t, await feedback.report()))


def create_router() -> Router:
    router = Router(name="feedback")
    router.callback_query.register(rate, FeedbackCb.filter())
    router.message.register(cmd_stats, Command("stats"), IsAdmin())
    return claimed_only(router)
