"""Outgoing pacing: a request middleware that holds a message back when Telegram's limits need it."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods.base import TelegramType

from bot.throttle import Pacer

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

log = logging.getLogger(__name__)

# Methods that put or change a message in a chat; answers to button presses, commands menus and
# "typing…" are not messages and are not limited this way.
PACED_METHODS = frozenset({
    "sendMessage", "sendPhoto", "sendDocument", "sendAudio", "sendVoice", "sendVideo", "sendAnimation",
    "sendVideoNote", "sendSticker", "sendLocation", "sendVenue", "sendContact", "sendPoll", "sendDice",
    "sendMediaGroup", "sendInvoice", "sendPaidMedia", "copyMessage", "copyMessages", "forwardMessage",
    "forwardMessages", "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup",
})


class PacingMiddleware(BaseRequestMiddleware):
    """Delays a message to a chat just enough to stay within ``pacer``'s limits.

    Costs one dictionary lookup when no wait is needed, which is the usual case: a reply or two per
    user action fits the per-chat burst. ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(self, pacer: Pacer | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.pacer = pacer or Pacer()
        self.clock = clock
        self.sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        chat_id = getattr(method, "chat_id", None)
        if chat_id is not None and method.__api_method__ in PACED_METHODS:
            wait = self.pacer.reserve(chat_id, self.clock())
            if wait > 0:
                log.debug("pacing %s to chat %s: waiting %.2f s", method.__api_method__, chat_id, wait)
                await self.sleep(wait)
        return await make_request(bot, method)
