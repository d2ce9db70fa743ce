"""A Telegram user driving the bot through the emulator's client side: type, press, read replies."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.i18n import default_i18n
from bot.runtime.console import visible_text

POLL_STEP = 0.05
QUIET = 0.4  # the bot is done answering once nothing changed for this long
REPLY_DEADLINE = 15.0
MORE = tuple(default_i18n()(lang)("keyboard-more") for lang in ("ru", "kk"))  # "Ещё…", "Тағы…"


def post_json(url: str, payload: dict[str, Any], timeout: float = 10.0) -> Any:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


@dataclass(frozen=True)
class Button:
    text: str
    callback_data: str | None
    url: str | None


@dataclass(frozen=True)
class BotMessage:
    """A message of the bot as the user sees it now (after any edits)."""

    message_id: int
    chat_id: int
    html: str
    buttons: tuple[tuple[Button, ...], ...]
    date_ms: int
    parse_mode: str | None

    @property
    def text(self) -> str:
        """What the user sees (the emulator ignores parse_mode); markup Telegram would reject fails here."""
        return visible_text(self.html, self.parse_mode)

    @property
    def labels(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]

    def button(self, label: str) -> Button:
        """The inline button with exactly this label, or one whose label contains it."""
        every = [button for row in self.buttons for button in row]
        for button in every:
            if button.text == label:
                return button
        matching = [button for button in every if label in button.text]
        if len(matching) == 1:
            return matching[0]
        raise AssertionError(f"no single button {label!r} under message {self.message_id}: {self.labels}")


def _bot_message(entry: dict[str, Any]) -> BotMessage:
    raw = entry["message"]
    markup = raw.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = tuple(
        tuple(Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for b in row)
        for row in markup.get("inline_keyboard", [])
    )
    return BotMessage(message_id=int(entry["messageId"]), chat_id=int(raw["chat_id"]),
                      html=raw.get("text", ""), buttons=rows, date_ms=int(entry["time"]),
                      parse_mode=raw.get("parse_mode"))


class TelegramUser:
    """One user in a private chat with the bot (chat id = user id)."""

    def __init__(self, emulator_url: str, token: str, user_id: int, language_code: str = "ru",
                 first_name: str = "Айгерим", describe_bot: Callable[[], str] = lambda: "") -> None:
        self.emulator_url = emulator_url.rstrip("/")
        self.token = token
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}
        self._describe_bot = describe_bot

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"])

    def messages(self) -> list[BotMessage]:
        """Every message the bot has in this chat now, oldest first, as currently edited."""
        history = post_json(f"{self.emulator_url}/getUpdatesHistory", {"token": self.token})["result"]
        return [_bot_message(entry) for entry in history
                if str(entry.get("message", {}).get("chat_id")) == str(self.chat_id)]

    def last_message(self) -> BotMessage:
        every = self.messages()
        assert every, "the bot has not written in this chat"
        return every[-1]

    def send(self, text: str, expect: int = 1) -> list[BotMessage]:
        """Type ``text`` (a /command gets its entity) and return the bot's new or edited messages."""
        message: dict[str, Any] = {"botToken": self.token, "from": self.user, "chat": self.chat,
                                   "date": int(time.time()), "text": text}
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._act(lambda: post_json(f"{self.emulator_url}/sendMessage", message), expect)

    def press(self, label: str, on: BotMessage | None = None, expect: int = 1) -> list[BotMessage]:
        """Press the inline button ``label`` under ``on`` (default: the newest message that has it)."""
        if on is None:
            carrying = [m for m in self.messages() if any(label in b for b in m.labels)]
            assert carrying, f"no message in chat {self.chat_id} has a button {label!r}"
            on = carrying[-1]
        button = on.button(label)
        assert button.callback_data is not None, f"button {label!r} opens {button.url}, it is not pressable"
        pressed = {"message_id": on.message_id, "date": on.date_ms // 1000, "chat": self.chat,
                   "text": on.text}
        callback = {"botToken": self.token, "from": self.user, "message": pressed,
                    "data": button.callback_data}
        return self._act(lambda: post_json(f"{self.emulator_url}/sendCallback", callback), expect)

    def turn_to(self, label: str, on: BotMessage) -> BotMessage:
        """``on`` as it shows the page of its keyboard with ``label``: a keyboard of more than six buttons keeps
        the rest behind "Ещё…" ("Тағы…"), pressed here until the button shows, as a user would."""
        for _ in range(10):
            if any(label in shown for shown in on.labels):
                return on
            more = [shown for shown in on.labels if shown in MORE]
            assert more, f"no button {label!r} on any page of message {on.message_id}"
            [on] = self.press(more[0], on=on)
        raise AssertionError(f"no button {label!r} in ten pages of message {on.message_id}")

    def _snapshot(self) -> dict[int, BotMessage]:
        return {message.message_id: message for message in self.messages()}

    def _act(self, action: Callable[[], Any], expect: int) -> list[BotMessage]:
        before = self._snapshot()
        action()
        return self.wait_replies(before, expect)

    def wait_replies(self, before: dict[int, BotMessage], expect: int = 1,
                     deadline: float = REPLY_DEADLINE) -> list[BotMessage]:
        """New or changed messages since ``before``, once at least ``expect`` came and the bot went quiet."""
        give_up = time.monotonic() + deadline
        changed: list[BotMessage] = []
        last_change = time.monotonic()
        while True:
            now_seen = [m for m in self._snapshot().values() if before.get(m.message_id) != m]
            if now_seen != changed:
                changed, last_change = now_seen, time.monotonic()
            if len(changed) >= expect and time.monotonic() - last_change >= QUIET:
                return changed
            if time.monotonic() >= give_up:
                seen = [m.text[:200] for m in changed]
                raise AssertionError(f"chat {self.chat_id}: expected {expect} repl(ies) within {deadline} s, "
                                     f"got {seen}\n{self._describe_bot()}")
            time.sleep(POLL_STEP)

    def expect_silence(self, before: dict[int, BotMessage], for_seconds: float = 1.0) -> None:
        """Assert the bot neither sends nor edits anything in this chat for a while."""
        give_up = time.monotonic() + for_seconds
        while time.monotonic() < give_up:
            changed = [m.text[:200] for m in self._snapshot().values() if before.get(m.message_id) != m]
            assert not changed, f"chat {self.chat_id}: the bot answered {changed}"
            time.sleep(POLL_STEP)
