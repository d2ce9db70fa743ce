"""The offline transport: a fake Bot API session that records what the bot sends, and a chat driver.

The same dispatcher, handlers, texts and storage as on Telegram run here without a network; the
console (``python -m bot console``) and the handler tests both drive the bot through ``Conversation``.
"""

from __future__ import annotations

import asyncio
import html
import io
import itertools
import json
import logging
import os
import re
import sys
import threading
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any, TextIO

from aiogram import Bot, Dispatcher, methods
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.methods import TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)

from bot.message_parts import utf16_len

log = logging.getLogger(__name__)
_BARE_LT = re.compile(r"<(?!/?[a-zA-Z])")
_BARE_AMP = re.compile(r"&(?!#?[0-9a-zA-Z]+;)")
_LINK = re.compile(r"""<a\s[^>]*?href=["']([^"']*)["']""", re.IGNORECASE)
# Telegram's limits, counted as Telegram counts them: text in UTF-16 units (an emoji is two), data in bytes.
MAX_TEXT = 4096
MAX_ALERT_TEXT = 200  # answerCallbackQuery's notice or alert
MAX_CALLBACK_BYTES = 64
BOT_USER = User(id=1000000, is_bot=True, first_name="Gosqyzmet", username="gosqyzmet_bot")
# Tags Telegram's HTML parse mode accepts; anything else makes Telegram reject the message.
TELEGRAM_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
     "blockquote", "tg-emoji"}
)


class _TelegramHTML(HTMLParser):
    """Checks markup the way Telegram does and collects the text the user sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.errors.append(f"unsupported start tag {tag!r}")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected end tag {tag!r}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(text: str, parse_mode: Any = "HTML") -> str:
    """What the user sees: tags removed and entities decoded (raises ValueError on bad markup)."""
    if parse_mode is None:
        return text
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.errors.append(f"unclosed tag {parser.stack[-1]!r}")
    if parser.errors:
        raise ValueError("; ".join(parser.errors))
    # A bare "<" or "&" that the parser let through is still rejected by Telegram.
    if _BARE_LT.search(text) or _BARE_AMP.search(text):
        raise ValueError("unescaped '<' or '&'")
    return "".join(parser.parts)  # the parser already decoded the entities


@dataclass
class Button:
    label: str
    callback_data: str | None = None
    url: str | None = None
    switch_inline_query: str | None = None


@dataclass
class Reply:
    """One message the bot sent or edited, as the user sees it."""

    text: str
    buttons: list[list[Button]]
    edited: bool
    chat_id: int
    message_id: int
    html: str = ""

    @property
    def labels(self) -> list[list[str]]:
        return [[b.label for b in row] for row in self.buttons]

    @property
    def links(self) -> list[str]:
        """The addresses the message links to (``<a href>``), in order; the user sees only their text."""
        return [html.unescape(url) for url in _LINK.findall(self.html)]

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "buttons": self.labels, "edited": self.edited, "links": self.links}


def _buttons(markup: Any) -> list[list[Button]]:
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [
        [Button(b.text, b.callback_data, b.url, b.switch_inline_query_current_chat or b.switch_inline_query)
         for b in row]
        for row in markup.inline_keyboard
    ]


@dataclass
class _Stored:
    message: Message
    html: str
    parse_mode: Any
    markup: Any


class RecordingSession(BaseSession):
    """A Bot API that answers locally like Telegram would, recording every request and reply.

    It enforces Telegram's limits (4096 UTF-16 units a message, 200 a callback answer's notice, 64-byte
    callback data, valid HTML, "message is not modified") so tests fail where Telegram would. ``fail_next``
    makes the next call of a method raise.
    """

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.replies: list[Reply] = []
        self.notices: list[str] = []
        self._messages: dict[tuple[int, int], _Stored] = {}
        self._ids = itertools.count(1)
        self._faults: dict[type, list[Exception]] = {}

    def fail_next(self, method: type[TelegramMethod[Any]], error: Exception) -> None:
        self._faults.setdefault(method, []).append(error)

    def take_replies(self) -> list[Reply]:
        replies, self.replies = self.replies, []
        return replies

    def of_type(self, method: type[TelegramMethod[Any]]) -> list[Any]:
        return [r for r in self.requests if isinstance(r, method)]

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""

    def _bad(self, method: TelegramMethod[Any], message: str) -> TelegramBadRequest:
        return TelegramBadRequest(method=method, message=f"Bad Request: {message}")

    def _check_text(self, method: TelegramMethod[Any], text: str, parse_mode: Any) -> str:
        try:
            shown = visible_text(text, parse_mode)
        except ValueError as exc:
            raise self._bad(method, f"can't parse entities: {exc}") from None
        if not shown.strip():
            raise self._bad(method, "message text is empty")
        if utf16_len(shown) > MAX_TEXT:
            raise self._bad(method, "message is too long")
        return shown

    def _check_markup(self, method: TelegramMethod[Any], markup: Any) -> None:
        for row in _buttons(markup):
            for button in row:
                if button.callback_data is not None and len(button.callback_data.encode()) > MAX_CALLBACK_BYTES:
                    raise self._bad(method, "BUTTON_DATA_INVALID")
                if not button.label.strip():
                    raise self._bad(method, "text buttons are unallowed in the inline keyboard")

    @staticmethod
    def _parse_mode(bot: Bot, method: Any) -> Any:
        mode = getattr(method, "parse_mode", None)
        if mode is None or not isinstance(mode, str):
            mode = bot.default["parse_mode"] if mode is not None else None
        return mode

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        self.requests.append(method)
        faults = self._faults.get(type(method))
        if faults:
            raise faults.pop(0)
        if isinstance(method, methods.SendMessage):
            return self._send(bot, method)
        if isinstance(method, methods.EditMessageText | methods.EditMessageReplyMarkup):
            return self._edit(bot, method)
        if isinstance(method, methods.DeleteMessage):
            return self._messages.pop((int(method.chat_id), method.message_id), None) is not None
        if isinstance(method, methods.AnswerCallbackQuery):
            if method.text and utf16_len(method.text) > MAX_ALERT_TEXT:
                raise self._bad(method, "MESSAGE_TOO_LONG")
            if method.text:
                self.notices.append(method.text)
            return True
        if isinstance(method, methods.GetMe):
            return BOT_USER
        if method.__returning__ is bool:
            return True
        raise TelegramAPIError(method=method, message=f"{type(method).__name__} is not available offline")

    def _send(self, bot: Bot, method: methods.SendMessage) -> Message:
        mode = self._parse_mode(bot, method)
        shown = self._check_text(method, method.text, mode)
        self._check_markup(method, method.reply_markup)
        chat_id = int(method.chat_id)
        message = Message(
            message_id=next(self._ids), date=datetime.now(UTC), chat=Chat(id=chat_id, type="private"),
            from_user=BOT_USER, text=shown,
            reply_markup=method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None,
        )
        self._messages[(chat_id, message.message_id)] = _Stored(message, method.text, mode, message.reply_markup)
        self.replies.append(Reply(shown, _buttons(method.reply_markup), False, chat_id, message.message_id,
                                  method.text))
        return message.as_(bot)

    def _edit(self, bot: Bot, method: methods.EditMessageText | methods.EditMessageReplyMarkup) -> Message:
        key = (int(method.chat_id or 0), method.message_id or 0)
        stored = self._messages.get(key)
        if stored is None:
            raise self._bad(method, "message to edit not found")
        if isinstance(method, methods.EditMessageText):
            mode = self._parse_mode(bot, method)
            shown = self._check_text(method, method.text, mode)
            new_html = method.text
        else:
            mode, shown, new_html = stored.parse_mode, stored.message.text or "", stored.html
        self._check_markup(method, method.reply_markup)
        markup = method.reply_markup if isinstance(method.reply_markup, InlineKeyboardMarkup) else None
        if new_html == stored.html and markup == stored.markup:
            raise self._bad(method, "message is not modified: specified new message content and reply markup "
                                    "are exactly the same as a current content and reply markup of the message")
        message = stored.message.model_copy(update={"text": shown, "reply_markup": markup,
                                                    "edit_date": int(datetime.now(UTC).timestamp())})
        self._messages[key] = _Stored(message, new_html, mode, markup)
        self.replies.append(Reply(shown, _buttons(markup), True, key[0], key[1], new_html))
        return message.as_(bot)

    def message(self, chat_id: int, message_id: int) -> Message | None:
        stored = self._messages.get((chat_id, message_id))
        return stored.message if stored else None


@dataclass
class Conversation:
    """One user chatting with the bot: send text, press buttons, read the replies."""

    dp: Dispatcher
    bot: Bot
    user_id: int = 1001
    language_code: str = "ru"
    first_name: str = "Айгерим"
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(10**6))
    last_with_buttons: Reply | None = None
    toast: str | None = None  # the notice the last update's button press was answered with (answerCallbackQuery)

    @property
    def session(self) -> RecordingSession:
        assert isinstance(self.bot.session, RecordingSession)
        return self.bot.session

    @property
    def user(self) -> User:
        return User(id=self.user_id, is_bot=False, first_name=self.first_name, language_code=self.language_code)

    @property
    def chat(self) -> Chat:
        return Chat(id=self.user_id, type="private", first_name=self.first_name)

    async def feed(self, update: Update) -> list[Reply]:
        self.session.take_replies()
        notices = len(self.session.notices)
        await self.dp.feed_update(self.bot, update)
        self.toast = self.session.notices[-1] if len(self.session.notices) > notices else None
        return self.collect()

    def collect(self) -> list[Reply]:
        """Replies sent since the last call, remembering the newest message that has buttons."""
        replies = self.session.take_replies()
        for reply in replies:
            if reply.chat_id != self.user_id:
                continue
            if reply.buttons:
                self.last_with_buttons = reply
            elif self.last_with_buttons and reply.message_id == self.last_with_buttons.message_id:
                self.last_with_buttons = None  # an edit took the buttons away
        return replies

    def text_message(self, text: str) -> Message:
        entities = None
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            entities = [MessageEntity(type="bot_command", offset=0, length=length)]
        return Message(message_id=next(self._message_ids), date=datetime.now(UTC), chat=self.chat,
                       from_user=self.user, text=text, entities=entities)

    async def send(self, text: str) -> list[Reply]:
        return await self.feed(Update(update_id=next(self._update_ids), message=self.text_message(text)))

    async def send_message(self, **fields: Any) -> list[Reply]:
        """Send a non-text message (sticker, photo, …) given as Message fields."""
        message = Message(message_id=next(self._message_ids), date=datetime.now(UTC), chat=self.chat,
                          from_user=self.user, **fields)
        return await self.feed(Update(update_id=next(self._update_ids), message=message))

    def find_button(self, which: int | str) -> tuple[Reply, Button]:
        reply = self.last_with_buttons
        if reply is None:
            raise LookupError("no message with buttons")
        flat = [b for row in reply.buttons for b in row]
        if isinstance(which, int):
            if not 1 <= which <= len(flat):
                raise LookupError(f"no button {which}: the message has {len(flat)}")
            return reply, flat[which - 1]
        for button in flat:
            if button.label == which:
                return reply, button
        raise LookupError(f"no button labelled {which!r}")

    async def press(self, which: int | str) -> list[Reply]:
        """Press an inline button of the newest message with buttons, by 1-based index or exact label."""
        reply, button = self.find_button(which)
        if button.callback_data is None:
            raise LookupError(f"button {button.label!r} opens {button.url or 'an inline query'}, not a callback")
        return await self.press_data(button.callback_data, reply.message_id)

    async def press_data(self, data: str, message_id: int | None = None) -> list[Reply]:
        """Press a button carrying ``data`` on message ``message_id`` (the data may be stale or forged)."""
        message = self.session.message(self.user_id, message_id) if message_id else None
        if message is None:
            message = Message(message_id=message_id or 1, date=datetime.now(UTC), chat=self.chat,
                              from_user=BOT_USER, text="…")
        query = CallbackQuery(id=str(next(self._update_ids)), from_user=self.user, chat_instance="console",
                              message=message, data=data)
        return await self.feed(Update(update_id=next(self._update_ids), callback_query=query))


async def run_console(dp: Dispatcher, bot: Bot, lang: str, jsonl: bool, stdin: TextIO, stdout: TextIO,
                      banner: tuple[str, ...] = ()) -> None:
    """Read one action per line of ``stdin`` and print the bot's replies (JSON lines or readable text).

    Every input line gets its JSON line in ``--jsonl`` mode, whatever happens to it (an ``"error"`` says what);
    a closed ``stdout`` (``| head -1``) raises ``BrokenPipeError`` out of here, for the caller to end quietly.
    """
    chat = Conversation(dp, bot, language_code=lang)
    if not jsonl:
        for line in banner:
            print(line, file=stdout)
        print(file=stdout, flush=True)
    async for line in _lines(stdin):
        line = line.rstrip("\r\n")
        if not jsonl and not line.strip():
            continue
        result: dict[str, Any] = {"input": line, "replies": []}
        try:
            replies = chat.collect()  # anything sent in between (a reminder) comes first
            press = _button_press(line)
            if press is None:
                replies += await chat.send(line)
            else:
                _, button = chat.find_button(press)
                if button.callback_data is None:
                    result["url"] = button.url or f"@{BOT_USER.username} {button.switch_inline_query or ''}"
                else:
                    replies += await chat.press(press)
                    if chat.toast:  # a press answered with a notice (a pop-up in Telegram)
                        result["toast"] = chat.toast
            result["replies"] = [r.as_json() for r in replies]
        except LookupError as exc:
            result["error"] = str(exc)
        except Exception as exc:  # the dispatcher answers a handler's failure itself; this is the console's own
            log.exception("the console could not handle an input line")
            result["error"] = f"internal error: {type(exc).__name__}"
        if jsonl:
            stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            stdout.flush()
        else:
            _print_readable(result, stdout)


async def _lines(stdin: TextIO) -> AsyncIterator[str]:
    """The lines of ``stdin``, read by a daemon thread a line ahead: a read that blocks (Ctrl-C at the prompt)
    never keeps the process from exiting, as a worker of the loop's executor did until the next Enter."""
    loop = asyncio.get_running_loop()
    handoff: asyncio.Queue[str | BaseException] = asyncio.Queue(maxsize=1)

    def read() -> None:
        while True:
            try:
                line: str | BaseException = stdin.readline()
            except Exception as exc:  # an unreadable input ends the input, said by the consumer
                line = exc
            try:
                asyncio.run_coroutine_threadsafe(handoff.put(line), loop).result()
            except Exception:  # the loop is closed, or closing and cancelled the hand-off: nobody reads any more
                return
            if not isinstance(line, str) or not line:
                return

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    while True:
        line = await handoff.get()
        if isinstance(line, BaseException):
            raise line
        if not line:
            return
        yield line


def _button_press(line: str) -> int | str | None:
    """``[N]`` presses the N-th button (N in ASCII digits: "²" and "①" are digits to ``str.isdigit``, not to
    ``int``), any other ``[label]`` the button with that label; None for a message."""
    stripped = line.strip()
    if len(stripped) >= 3 and stripped.startswith("[") and stripped.endswith("]"):
        inner = stripped[1:-1]
        return int(inner) if inner.isascii() and inner.isdigit() else inner
    return None


def _print_readable(result: dict[str, Any], out: TextIO) -> None:
    if "error" in result:
        print(f"  ! {result['error']}", file=out)
    if "url" in result:
        print(f"  → {result['url']}", file=out)
    if "toast" in result:
        print(f"  💬 {result['toast']}", file=out)
    for reply in result["replies"]:
        number = itertools.count(1)
        print("── bot (edited) ──" if reply["edited"] else "── bot ──", file=out)
        print(reply["text"], file=out)
        for url in reply["links"]:
            print(f"   🔗 {url}", file=out)
        for row in reply["buttons"]:
            print("   " + "   ".join(f"[{next(number)}] {label}" for label in row), file=out)
    print(file=out, flush=True)


def console_main(settings: Any, lang: str, jsonl: bool) -> None:
    """Entry point of ``python -m bot console``: input that is not UTF-8 is read with "�" in place of the bad
    bytes, and a reader that goes away (``| head -1``) ends the console quietly, after the usual shutdown."""
    from bot.i18n import default_i18n
    from bot.runtime.app import create_bot, create_dispatcher, database_path
    from bot.storage import Database

    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")

    async def main() -> None:
        db = Database(database_path(settings))
        try:
            dp = await create_dispatcher(settings, db)
            bot = create_bot(settings, session=RecordingSession())
            t = default_i18n()(lang)
            await dp.emit_startup(bot=bot, **dp.workflow_data)
            try:
                await run_console(dp, bot, lang, jsonl, sys.stdin, sys.stdout,
                                  banner=(t("console-banner"), t("console-connect")))
            finally:
                await dp.emit_shutdown(bot=bot, **dp.workflow_data)
        finally:
            await db.close()  # even after a failed shutdown: its open connection's thread kept the process alive

    try:
        asyncio.run(main())
    except BrokenPipeError:
        # Nobody reads stdout any more. Point it at /dev/null so that the interpreter's last flush at exit does
        # not fail again and print "Exception ignored … BrokenPipeError" (the recipe of Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
