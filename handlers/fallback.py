"""Last resort: a question not understood, unknown commands, non-text messages, stale buttons and errors all get a
helpful answer."""

from __future__ import annotations

import logging
import re
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, ErrorEvent, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.feedback import Feedback
from bot.i18n import I18n, Translator
from bot.register import load_register
from bot.runtime.middlewares import AnswerFrame
from bot.storage import Users
from bot.understanding import Understanding
from handlers.filters import AnyText, BlankText, TopicIs
from handlers.views.menu import home_only, main_menu
from handlers.views.sending import reply
from handlers.views.unknown import not_understood

log = logging.getLogger(__name__)

# What reads as a command: "/zarplata", "/помощь", "/start@bot"; not a bare "/" or "//" (at most 32 characters,
# as Telegram's commands).
COMMAND = re.compile(r"/\w{1,32}(?:@\w+)?")


async def empty_text(message: Message, t: Translator) -> None:
    await message.answer(t("fallback-empty"), reply_markup=main_menu(t).markup())


async def not_understood_text(message: Message, t: Translator, understanding: Understanding,
                              feedback: Feedback, frame: AnswerFrame | None = None) -> None:
    """A question not understood: what was read in it, the closest topic, what the bot answers; kept for review."""
    text = message.text or ""
    if any(ch.isalnum() for ch in text):  # "👍", "???" are no question to review
        await feedback.missed(text)
    await reply(message, not_understood(t, understanding, load_register()), frame)


async def unknown_text(message: Message, t: Translator) -> None:
    """Any other text: an unknown command ("/zarplata") is said to be one, with where the commands are."""
    words = (message.text or "").split(maxsplit=1)
    if words and COMMAND.fullmatch(words[0]):
        await message.answer(t("fallback-command", command=words[0]), reply_markup=main_menu(t).markup())
        return
    await message.answer(t("fallback-text"), reply_markup=main_menu(t).markup())


async def non_text(message: Message, t: Translator) -> None:
    await message.answer(t("fallback-non-text"), reply_markup=main_menu(t).markup())


async def stale_button(query: CallbackQuery, t: Translator, callback_answer: CallbackAnswer) -> None:
    # A button no router claims: from an old message, an earlier version of the bot, or forged data.
    callback_answer.text = t("fallback-stale-button")
    if query.message:
        await query.message.answer(t("fallback-stale-message"), reply_markup=main_menu(t).markup())


async def on_error(event: ErrorEvent, bot: Bot, i18n: I18n, users: Users) -> bool:
    update = event.update
    if isinstance(event.exception, TelegramForbiddenError):
        # The user blocked the bot (or left the chat): nothing can reach them, so no apology either.
        log.warning("update %s: %s; skipped", update.update_id, event.exception.message)
        return True
    log.error(
        "update %s failed: %s: %s", update.update_id, type(event.exception).__name__, event.exception,
        exc_info=event.exception,
    )
    inner = update.message or update.callback_query
    if inner is None:
        return True
    user = inner.from_user
    try:
        t = i18n(await users.answer_language(user.id, user.language_code)) if user else i18n("ru")
        if isinstance(inner, CallbackQuery):
            # Usually answered already (CallbackAnswerMiddleware answers even a failed handler's press); a failure
            # before the handler left it spinning. A second answer is refused, and that is fine.
            with suppress(TelegramBadRequest):
                await inner.answer()
            chat_id = inner.message.chat.id if inner.message else user.id
        else:
            chat_id = inner.chat.id
        # one button, not the whole menu: building the menu may be what failed; /start works too
        await bot.send_message(chat_id, t("error-generic"), reply_markup=home_only(t).markup())
    except TelegramAPIError as exc:
        log.warning("could not tell the user about the error in update %s: %s", update.update_id, exc)
    return True


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(empty_text, BlankText())
    router.message.register(not_understood_text, TopicIs("unknown"))
    router.message.register(unknown_text, AnyText())
    router.message.register(non_text)
    router.callback_query.register(stale_button)
    router.errors.register(on_error)
    return router
