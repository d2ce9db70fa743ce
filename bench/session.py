"""A Bot API in the same process, shaped like Telegram's, for the bench (the bot and its floor alike).

``FakeTelegram`` is a session: each request is encoded by aiogram's own ``AiohttpSession.build_form_data``
and urlencoded as that session posts it, then answered by ``TelegramServer`` with the JSON Telegram would
return (a sent message echoes its text as plain text with entities, its link-preview options and its inline
keyboard), which the session parses with its public ``check_response``. Only the network is missing.
The server's own CPU time is counted apart (``server_ns``), so the bench can leave Telegram's work out of
the bot's. ``TelegramServer`` also answers the HTTP fake Bot API of the webhook burst (``bench/memory.py``).
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod

BOT_USER = {"id": 1000000, "is_bot": True, "first_name": "Gosqyzmet", "username": "gosqyzmet_bot"}
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")
# Entities Telegram finds in plain text by itself (links, commands, mentions, e-mails).
AUTO_ENTITIES = (
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+\w")),
    ("bot_command", re.compile(r"(?<![\w/])/[a-z][a-z0-9_]{0,31}\b")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{4,31}\b")),
)
HTML_ENTITIES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre",
    "tg-spoiler": "spoiler", "span": "spoiler", "blockquote": "blockquote", "a": "text_link",
}


def utf16_len(text: str) -> int:
    """Telegram measures text and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class EntityParser(HTMLParser):
    """Telegram's HTML parse mode: the plain text and its formatting entities (UTF-16 offsets)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.opened: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        entity: dict[str, Any] = {"type": HTML_ENTITIES.get(tag, "bold"), "offset": self.length}
        named = dict(attrs)
        if tag == "a":
            entity["url"] = named.get("href") or ""
        elif tag == "blockquote" and "expandable" in named:
            entity["type"] = "expandable_blockquote"
        self.opened.append(entity)

    def handle_endtag(self, tag: str) -> None:
        if self.opened:
            entity = self.opened.pop()
            entity["length"] = self.length - entity["offset"]
            if entity["length"]:
                self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """What Telegram stores for a message: the text the user sees and its entities, ordered by offset."""
    if parse_mode == "HTML":
        parser = EntityParser()
        parser.feed(text)
        parser.close()
        plain, entities = "".join(parser.parts), parser.entities
    else:
        plain, entities = text, []
    for kind, pattern in AUTO_ENTITIES:
        for match in pattern.finditer(plain):
            entities.append({"type": kind, "offset": utf16_len(plain[:match.start()]),
                             "length": utf16_len(match.group())})
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, entities


@dataclass
class Delivery:
    """What the bot made appear in a chat, as Telegram returned it: a sent or edited message, or a notice."""

    method: str
    chat_id: int | None
    message: dict[str, Any] | None = None
    notice: str | None = None


class TelegramServer:
    """Answers Bot API requests (URL and urlencoded form) with Telegram's JSON; keeps only recent messages."""

    def __init__(self, kept_messages: int = 4096, known: dict[tuple[int, int], dict[str, Any]] | None = None) -> None:
        self.ids = itertools.count(1)
        self.kept_messages = kept_messages
        self.messages: OrderedDict[tuple[int, int], dict[str, Any]] = OrderedDict()
        # Another server's messages, read when an edit names one not sent here (it is never "not modified").
        self.known = known if known is not None else {}
        self.deliveries: list[Delivery] = []  # since the last take(); the bench reads and empties it
        self.calls: dict[str, int] = {}

    def take(self) -> list[Delivery]:
        taken, self.deliveries = self.deliveries, []
        return taken

    def answer(self, url: str, body: str) -> tuple[int, str]:
        """The HTTP status and JSON body Telegram would answer ``body`` posted to ``url`` with."""
        method = url.rsplit("/", 1)[-1]
        self.calls[method] = self.calls.get(method, 0) + 1
        fields = dict(parse_qsl(body, keep_blank_values=True))
        try:
            result = self.result(method, fields)
        except LookupError as exc:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": str(exc)})
        return 200, json.dumps({"ok": True, "result": result}, ensure_ascii=False)

    def result(self, method: str, fields: dict[str, str]) -> Any:
        if method == "sendMessage":
            return self.send(fields)
        if method in ("editMessageText", "editMessageReplyMarkup"):
            return self.edit(method, fields)
        if method == "answerCallbackQuery":
            self.deliveries.append(Delivery(method, None, notice=fields.get("text")))
            return True
        if method == "deleteMessage":
            self.messages.pop((int(fields["chat_id"]), int(fields["message_id"])), None)
            return True
        if method == "getMe":
            return BOT_USER
        if method in ("setMyCommands", "setMyDescription", "setMyShortDescription", "deleteMyCommands",
                      "sendChatAction", "answerInlineQuery", "setWebhook", "deleteWebhook", "setChatMenuButton"):
            return True
        raise LookupError(f"Bad Request: {method} is not answered by the bench's Bot API")

    def message(self, chat_id: int, fields: dict[str, str], text: str, entities: list[dict[str, Any]],
                markup: dict[str, Any] | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self.ids), "from": BOT_USER,
            "chat": {"id": chat_id, "first_name": "User", "type": "private"}, "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if "link_preview_options" in fields:
            message["link_preview_options"] = json.loads(fields["link_preview_options"])
        if markup:
            message["reply_markup"] = markup
        return message

    def send(self, fields: dict[str, str]) -> dict[str, Any]:
        chat_id = int(fields["chat_id"])
        text, entities = parse_text(fields["text"], fields.get("parse_mode"))
        if not text.strip():
            raise LookupError("Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise LookupError("Bad Request: message is too long")
        message = self.message(chat_id, fields, text, entities, self.keyboard(fields))
        self.keep(chat_id, message)
        self.deliveries.append(Delivery("sendMessage", chat_id, message))
        return message

    def edit(self, method: str, fields: dict[str, str]) -> dict[str, Any]:
        chat_id, message_id = int(fields["chat_id"]), int(fields["message_id"])
        stored = self.messages.get((chat_id, message_id))
        seen = stored or self.known.get((chat_id, message_id))
        if method == "editMessageText":
            text, entities = parse_text(fields["text"], fields.get("parse_mode"))
        elif seen is not None:
            text, entities = seen["text"], seen.get("entities", [])
        else:  # older than the kept messages: Telegram would know its text; the bench does not need it
            text, entities = "…", []
        markup = self.keyboard(fields)
        if stored is not None and (text, entities, markup) == (
                stored["text"], stored.get("entities", []), stored.get("reply_markup")):
            raise LookupError(NOT_MODIFIED)
        message = self.message(chat_id, fields, text, entities, markup)
        message["message_id"] = message_id
        message["edit_date"] = message["date"]
        if seen is not None:
            message["date"] = seen["date"]
        self.keep(chat_id, message)
        self.deliveries.append(Delivery(method, chat_id, message))
        return message

    @staticmethod
    def keyboard(fields: dict[str, str]) -> dict[str, Any] | None:
        markup = json.loads(fields["reply_markup"]) if fields.get("reply_markup") else None
        return markup if markup and "inline_keyboard" in markup else None

    def keep(self, chat_id: int, message: dict[str, Any]) -> None:
        key = (chat_id, message["message_id"])
        self.messages[key] = message
        self.messages.move_to_end(key)
        while len(self.messages) > self.kept_messages:
            self.messages.popitem(last=False)


class FakeTelegram(BaseSession):
    """A session whose requests reach ``TelegramServer`` in-process, encoded and parsed as over HTTP."""

    def __init__(self, server: TelegramServer | None = None) -> None:
        super().__init__()
        self.server = server or TelegramServer()
        # Only its public form encoding is used: the production session's exact request body. It never connects.
        self.encoder = AiohttpSession()
        self.server_ns = 0  # CPU time spent answering as Telegram: not the bot's work
        self.client_ns = 0  # CPU time of aiogram's side of the requests: encoding them, parsing the answers
        self.profiler: Any = None  # a cProfile.Profile to pause during requests (timed apart, in client_ns)
        self.recorded: list[TelegramMethod[Any]] | None = None  # when a list, every request is appended to it

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        if self.recorded is not None:
            self.recorded.append(method)
        if self.profiler is not None:
            self.profiler.disable()
        begun = time.process_time_ns()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        body = self.encoder.build_form_data(bot=bot, method=method)().decode()
        server_before = self.server_ns
        started = time.process_time_ns()
        status, content = self.server.answer(url, body)
        self.server_ns += time.process_time_ns() - started
        try:
            return self.check_response(bot=bot, method=method, status_code=status, content=content).result
        finally:
            self.client_ns += time.process_time_ns() - begun - (self.server_ns - server_before)
            if self.profiler is not None:
                self.profiler.enable()
