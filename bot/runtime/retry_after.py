"""Resending a Bot API request that Telegram refused with 429 "Too Many Requests"."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetUpdates
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response, TelegramMethod

logger = logging.getLogger(__name__)


class RetryAfterMiddleware(BaseRequestMiddleware):
    """Waits the time Telegram names in a 429 answer and sends the same request again.

    aiogram raises ``TelegramRetryAfter`` and drops the message; with this middleware on the bot's
    session the message is delivered late instead of lost. At most ``retries`` resends per request,
    and never a wait longer than ``longest_wait`` seconds (then the error goes to the caller).
    """

    def __init__(
        self,
        retries: int = 3,
        longest_wait: float = 60.0,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must not be negative")
        self.retries = retries
        self.longest_wait = longest_wait
        self._sleep = sleep

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        name = type(method).__name__
        resent = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as flood:
                # Polling has its own back-off; holding getUpdates here would only delay it.
                if isinstance(method, GetUpdates) or resent >= self.retries:
                    raise
                if flood.retry_after > self.longest_wait:
                    logger.warning("Telegram asked to wait %s s before %s: longer than %s s, giving up",
                                   flood.retry_after, name, self.longest_wait)
                    raise
                resent += 1
                logger.warning("Telegram flood control: resending %s in %s s (resend %d of %d)",
                               name, flood.retry_after, resent, self.retries)
                await self._sleep(flood.retry_after)
