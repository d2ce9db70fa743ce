"""A Bot API that answers at once and keeps nothing, so a long run measures the bot and its memory stays flat.

It does the client-side work the bot's real session does per request (serialising every field the way
``bot.runtime.app.TelegramSession`` does, then parsing a Telegram-shaped JSON reply with ``check_response``);
only the network is missing. The floor and the bot use the same session, so the ratio compares like with like.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncGenerator
from typing import Any

from aiogram import Bot, methods
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError
from aiogram.methods import TelegramMethod
from aiogram.types import InlineKeyboardMarkup

try:
    from bot.runtime.app import loads_without_sent_keyboard
except ImportError:  # a build that parsed every reply whole
    loads_without_sent_keyboard = json.loads
try:
    from bot.runtime.app import request_fields
except ImportError:  # a build before the keyboard fast path: aiogram's own encoding, as its session did

    def request_fields(session: BaseSession, bot: Bot, method: TelegramMethod[Any]) -> tuple[dict[str, Any], dict]:
        files: dict[str, Any] = {}
        dumped = method.model_dump(warnings=False)
        return {k: session.prepare_value(v, bot=bot, files=files) for k, v in dumped.items()}, files
from bot.runtime.console import BOT_USER

_BOT_USER = BOT_USER.model_dump(mode="json", exclude_none=True)


class InstantTelegram(BaseSession):
    """Answers sendMessage, edits, callback answers and bool methods like Telegram; counts, stores nothing."""

    def __init__(self) -> None:
        super().__init__(json_loads=loads_without_sent_keyboard)  # the reply is parsed as production does
        self._ids = itertools.count(1)
        self.calls = 0

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.calls += 1
        fields, _ = request_fields(self, bot, method)  # what the production session sends
        result = self._result(method, fields)
        content = json.dumps({"ok": True, "result": result}, ensure_ascii=False)
        return self.check_response(bot, method, status_code=200, content=content).result

    def _result(self, method: TelegramMethod[Any], fields: dict[str, Any]) -> Any:
        if isinstance(method, methods.SendMessage | methods.EditMessageText | methods.EditMessageReplyMarkup):
            message: dict[str, Any] = {
                "message_id": method.message_id if not isinstance(method, methods.SendMessage) else next(self._ids),
                "date": int(time.time()),
                "chat": {"id": int(method.chat_id or 0), "type": "private"},
                "from": _BOT_USER,
                "text": getattr(method, "text", None) or "…",
            }
            if isinstance(method.reply_markup, InlineKeyboardMarkup):
                message["reply_markup"] = json.loads(fields["reply_markup"])
            return message
        if isinstance(method, methods.GetMe):
            return _BOT_USER
        if method.__returning__ is bool:
            return True
        raise TelegramAPIError(method=method, message=f"{type(method).__name__} is not answered by the bench")
