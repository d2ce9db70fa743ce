"""Flood control for incoming updates: one user's burst is cut short, everyone else is served."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from bot.i18n import I18n
from bot.runtime.middlewares import user_lang
from bot.storage import Users
from bot.throttle import FloodGate, Verdict

log = logging.getLogger(__name__)


class ThrottlingMiddleware(BaseMiddleware):
    """An outer update middleware: passes, or drops an update from a user who sends too fast.

    The first dropped update of a burst gets one "please slow down" (``throttle-slow-down``) in the
    user's language; the rest are dropped silently (a dropped button press is still answered, so the
    button stops spinning). Updates without a user (channel posts, service updates) always pass.
    """

    def __init__(self, i18n: I18n, users: Users, gate: FloodGate | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.i18n = i18n
        self.users = users
        self.gate = gate or FloodGate()
        self.clock = clock

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        inner = event.message or event.callback_query if isinstance(event, Update) else None
        user = inner.from_user if inner is not None else None
        if user is None:
            return await handler(event, data)
        album = inner.media_group_id if isinstance(inner, Message) else None
        # When the update arrived, if the transport says so (the webhook queues a chat's updates), else now.
        received_at = data.get("received_at")
        verdict = self.gate.check(user.id, self.clock() if received_at is None else received_at, album)
        if verdict is Verdict.PASS:
            return await handler(event, data)
        bot: Bot = data["bot"]
        try:
            if isinstance(inner, CallbackQuery):
                with suppress(TelegramAPIError):  # too old to answer: nothing is lost
                    await inner.answer()
            if verdict is Verdict.WARN:
                log.info("user %s is sending too fast; their updates are dropped for now", user.id)
                chat_id = inner.chat.id if isinstance(inner, Message) else (
                    inner.message.chat.id if inner.message else user.id)
                t = self.i18n(await user_lang(user, self.users))
                await bot.send_message(chat_id, t("throttle-slow-down"))
        except TelegramAPIError as exc:
            log.warning("could not tell user %s to slow down: %s", user.id, exc)
        return None
