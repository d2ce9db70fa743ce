"""Telegram's side of a chat: the bench's users and the JSON updates Telegram would post for them."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from bench.session import utf16_len

FIRST_USER = 10**9
# Telegram clients' languages, as a Kazakh audience might have them (None: the client sends none).
CLIENT_LANGUAGES = ("ru",) * 10 + ("kk",) * 6 + ("en",) * 3 + (None,)
NAMES = ("Айгерим", "Нурлан", "Дана", "Ерлан", "Асель", "Тимур", "Мадина", "Arman", "Жанна", "Сергей")


@dataclass
class Person:
    """A Telegram user of the bench, and the newest message with buttons the bot sent them."""

    id: int
    language_code: str | None
    first_name: str = "Айгерим"
    keyboard: dict[str, Any] | None = None
    presses: int = 0
    known: bool = False  # has written to the bot before

    @property
    def user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user


class Updates:
    """New users and their updates (a typed text, a press of a button the bot sent), as JSON bytes."""

    def __init__(self, first_user: int = FIRST_USER) -> None:
        self.user_ids = itertools.count(first_user)
        self.update_ids = itertools.count(1)
        self.message_ids = itertools.count(1)

    def person(self) -> Person:
        uid = next(self.user_ids)
        return Person(uid, CLIENT_LANGUAGES[uid % len(CLIENT_LANGUAGES)], NAMES[uid % len(NAMES)])

    def text(self, person: Person, text: str) -> bytes:
        message: dict[str, Any] = {
            "message_id": next(self.message_ids), "from": person.user,
            "chat": {"id": person.id, "first_name": person.first_name, "type": "private"},
            "date": int(time.time()), "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]
        return encode({"update_id": next(self.update_ids), "message": message})

    def press(self, person: Person, button: dict[str, Any]) -> bytes:
        """A press of ``button`` on the newest message with buttons the bot sent ``person``."""
        query = {"id": str(next(self.update_ids)), "from": person.user, "message": person.keyboard,
                 "chat_instance": str(person.id * 7919), "data": button["callback_data"]}
        return encode({"update_id": next(self.update_ids), "callback_query": query})


def encode(update: dict[str, Any]) -> bytes:
    return json.dumps(update, ensure_ascii=False).encode()
