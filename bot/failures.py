"""What the bot does when handling an update fails.

A user who blocked the bot (Telegram answers 403) is logged and skipped: nothing can reach them.
Any other failure is logged with its traceback and the user gets a short apology, so they are not
left waiting; the update is then marked handled, and every other user keeps being served.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.dispatcher.middlewares.user_context import UserContextMiddleware
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.types import ErrorEvent

logger = logging.getLogger(__name__)

ApologyText = Callable[[str | None], str]
"""The apology in the user's language, given their Telegram ``language_code`` (may be None)."""


class FailureHandler:
    """An aiogram errors handler: ``dispatcher.errors.register(FailureHandler(apology).handle)``.

    ``apology`` gives the text to send; ``language`` (optional) picks the user's language from the
    handler data (e.g. the stored choice), falling back to the Telegram app's ``language_code``.
    """

    def __init__(self, apology: ApologyText,
                 language: Callable[[dict[str, Any]], str | None] | None = None) -> None:
        self._apology = apology
        self._language = language

    async def handle(self, event: ErrorEvent, bot: Bot, **data: Any) -> bool:
        """Log the failure; apologise to the user unless they blocked the bot. Always marks it handled."""
        context = UserContextMiddleware.resolve_event_context(event.update)
        failure = event.exception
        if isinstance(failure, TelegramForbiddenError):
            logger.warning("update %s: chat %s cannot be written to (%s); skipped",
                           event.update.update_id, context.chat_id, failure.message)
            return True
        logger.error("update %s from chat %s failed", event.update.update_id, context.chat_id,
                     exc_info=failure)
        if context.chat_id is None:
            return True
        language = self._language(data) if self._language else None
        if language is None and context.user is not None:
            language = context.user.language_code
        callback = event.update.callback_query
        if callback is not None:
            # Stop the button's spinner; an old query may be refused, the apology still goes out.
            await self._try(bot.answer_callback_query(callback.id), event, context.chat_id)
        await self._try(bot.send_message(context.chat_id, self._apology(language)), event, context.chat_id)
        return True

    @staticmethod
    async def _try(request: Awaitable[Any], event: ErrorEvent, chat_id: int) -> None:
        try:
            await request
        except TelegramAPIError as unsent:
            logger.warning("update %s: could not apologise to chat %s: %s",
                           event.update.update_id, chat_id, unsent.message)
