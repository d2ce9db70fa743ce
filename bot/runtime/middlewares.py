"""Per-update context for handlers: the user's language, their translator and the text's intent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject, Update, User

from bot.i18n import I18n
from bot.intents import IntentClassifier
from bot.storage import Users


async def user_lang(user: User | None, users: Users) -> str:
    """The language to answer ``user`` in: their choice, else their Telegram client's language."""
    if user is None:
        return "ru"
    return await users.answer_language(user.id, user.language_code)


class ContextMiddleware(BaseMiddleware):
    """Adds ``lang``, ``t`` and ``intent`` to the data; a command leaves any multi-step flow."""

    def __init__(self, i18n: I18n, users: Users, intents: IntentClassifier) -> None:
        self.i18n = i18n
        self.users = users
        self.intents = intents

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        lang = await user_lang(data.get("event_from_user"), self.users)
        data["lang"] = lang
        data["t"] = self.i18n(lang)
        data["intent"] = None
        message = event.message if isinstance(event, Update) else None
        if isinstance(message, Message) and message.text:
            if message.text.startswith("/"):
                state: FSMContext | None = data.get("state")
                if state is not None and await state.get_state() is not None:
                    await state.clear()
            else:
                data["intent"] = self.intents.classify(message.text)
        return await handler(event, data)
