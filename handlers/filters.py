"""Filters the handlers share. Each is an async ``Filter``: aiogram runs a plain function or a magic
filter (``F.text``) in a worker thread, 150 µs of CPU for a check of 1 µs.

A typed text is understood once, before any router sees it (``bot.runtime.middlewares.ContextMiddleware`` puts
the ``bot.understanding.Understanding`` in the data as ``understanding``); features claim its topics with
``TopicIs`` and never decide them themselves.

A feature router is ``claimed_only``: one check of its own turns away the texts and presses that none of its
handlers claims, so that a question reaches the feature answering it after a check a router, not one a handler.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import Command, CommandObject, CommandStart, Filter
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery, Message, TelegramObject, User
from aiogram.utils.magic_filter import MagicFilter

from bot.config import Settings
from bot.datafiles import LANGS
from bot.deeplinks import parse_start_payload
from bot.i18n import I18n
from bot.understanding import Understanding


class IsAdmin(Filter):
    """Passes an update only from a user listed in ``ADMIN_IDS``; with none listed, nobody is an admin.

    Use it on the handler, e.g. ``@router.message(Command("stats"), IsAdmin())``: for anyone else the
    command is not matched and falls through to the ordinary answers, revealing nothing.
    """

    async def __call__(self, event: TelegramObject, settings: Settings,
                       event_from_user: User | None = None) -> bool:
        return event_from_user is not None and event_from_user.id in settings.admin_ids


class TopicIs(Filter):
    """Passes a typed text understood as one of ``names``: a topic ("pay.post", "greeting") or a family of topics
    ("pay": every "pay.…"). The topics are those of ``data/understanding/topics.yaml``, and "unknown"."""

    def __init__(self, *names: str) -> None:
        self.names = frozenset(names)

    async def __call__(self, message: Message, understanding: Understanding | None = None) -> bool:
        return understanding is not None and (understanding.topic in self.names or understanding.family in self.names)


class TypedText(Filter):
    """Passes a text message that is not a command (a typed answer, a question)."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and not message.text.startswith("/")


class BlankText(Filter):
    """Passes a text message of nothing but white space."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and not message.text.strip()


class AnyText(Filter):
    """Passes any text message."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None


class NoText(Filter):
    """Passes a message without text (a sticker, a photo, a voice message …)."""

    async def __call__(self, message: Message) -> bool:
        return message.text is None


class TextIn(Filter):
    """Passes a text that is, casefolded and without trailing '.'/'!', one of ``words`` (a bare "да")."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    async def __call__(self, message: Message) -> bool:
        return message.text is not None and message.text.strip().rstrip(".!").casefold() in self.words


def _bare(text: str) -> str:
    """Letters and digits only, casefolded: the label "◀️ Назад" and the typed "назад." read alike."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split()).casefold()


class TypedLabel(Filter):
    """Passes a text that is one of the buttons ``keys`` (locale keys) typed instead of pressed, in either language
    ("назад" for "◀️ Назад", "басынан бастау"); hands the handler ``typed_label``, the key it matched."""

    def __init__(self, *keys: str) -> None:
        self.keys = keys

    async def __call__(self, message: Message, i18n: I18n) -> bool | dict[str, Any]:
        if not message.text or len(message.text) > 40:  # a label is a few words
            return False
        typed = _bare(message.text)
        for key in self.keys:
            if any(_bare(i18n(lang)(key)) == typed for lang in LANGS):
                return {"typed_label": key}
        return False


class StartLink(Filter):
    """Passes "/start <payload>" (a ``t.me/<bot>?start=…`` link) that opens one of ``kinds`` ("category",
    "position", "kind") or ``section`` (see ``bot.deeplinks``); hands the handler the parsed ``link``.

    Each feature opens its own links; a link no feature opens gets the deep-link router's "this link is not
    known". Any other text is turned away by its first characters, before aiogram parses a command.
    """

    def __init__(self, *kinds: str, section: str | None = None) -> None:
        self.kinds = frozenset(kinds)
        self.section = section
        self.start = CommandStart(deep_link=True)

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        if not (message.text or "").startswith("/start"):
            return False
        started = await self.start(message, bot)
        command = started.get("command") if isinstance(started, dict) else None
        link = parse_start_payload(command.args) if isinstance(command, CommandObject) else None
        if link is None:
            return False
        wanted = link.target == self.section if link.kind == "section" else link.kind in self.kinds
        return {"link": link, "command": command} if wanted else False


class CommandOrTopic(Filter):
    """Passes a command ("/…", in a text or a caption, as ``Command`` reads it) or a typed text understood as one
    of ``topics`` (as ``TopicIs``)."""

    def __init__(self, *topics: str) -> None:
        self.topics = TopicIs(*topics)

    async def __call__(self, message: Message, understanding: Understanding | None = None) -> bool:
        return (message.text or message.caption or "").startswith("/") or await self.topics(message, understanding)


class PressOf(Filter):
    """Passes a press that one of ``filters`` (handlers' ``SomeCb.filter(...)``) would pass: its data read once
    for each kind of callback data, and the filters' rules tried on it."""

    def __init__(self, *filters: CallbackQueryFilter) -> None:
        self.rules: dict[type[CallbackData], list[MagicFilter | None]] = {}
        for f in filters:
            self.rules.setdefault(f.callback_data, []).append(f.rule)
        self.prefixes = tuple(f"{kind.__prefix__}{kind.__separator__}" for kind in self.rules)

    async def __call__(self, query: CallbackQuery) -> bool:
        if query.data is None or not query.data.startswith(self.prefixes):
            return False
        for kind, rules in self.rules.items():
            try:
                pressed = kind.unpack(query.data)
            except (TypeError, ValueError):  # another kind's, or stale, or forged
                continue
            if any(rule is None or rule.resolve(pressed) for rule in rules):
                return True
        return False


def claimed_only(router: Router) -> Router:
    """``router`` with a filter on its messages and one on its presses (aiogram's router-level filters), made from
    its handlers': messages pass when they are commands or typed texts understood as a topic a handler claims
    (``TopicIs``), presses when a handler's callback data filter would take them. Call it once every handler is
    registered; a handler that takes other messages or presses (a state, any text) cannot be claimed so, and is
    refused."""
    topics: list[str] = []
    for handler, filters in _handler_filters(router.message):
        if not any(isinstance(f, TopicIs | Command | StartLink) for f in filters):
            raise ValueError(f"{handler} in {router} takes messages that are neither commands nor topics")
        topics += [name for f in filters if isinstance(f, TopicIs) for name in f.names]
    if router.message.handlers:
        router.message.filter(CommandOrTopic(*topics))
    presses: list[CallbackQueryFilter] = []
    for handler, filters in _handler_filters(router.callback_query):
        if not any(isinstance(f, CallbackQueryFilter) for f in filters):
            raise ValueError(f"{handler} in {router} takes presses of any button")
        presses += [f for f in filters if isinstance(f, CallbackQueryFilter)]
    if router.callback_query.handlers:
        router.callback_query.filter(PressOf(*presses))
    return router


def _handler_filters(observer: TelegramEventObserver) -> list[tuple[str, list[Any]]]:
    """Each handler of ``observer`` (by name) with its filters."""
    return [(getattr(h.callback, "__name__", repr(h.callback)), [f.callback for f in h.filters or ()])
            for h in observer.handlers]
