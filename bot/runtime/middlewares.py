"""Per-update context for handlers: the user's language and translator, and what a typed text asks.

A typed text (not a command) is understood once, before any router sees it (``bot.understanding``), continuing
the conversation's context: the previous question's topic and the things named so far, kept in the FSM storage
under a key of its own (so a flow's ``state.clear()`` leaves it, and it survives a restart) for
``CONTEXT_MINUTES`` after the last question. Handlers receive the ``understanding``; after one answered it, the
new context is kept. A long text is understood from its start (``MAX_QUERY_CHARS``), and its answer says so; a
message clearly written in the other language is answered in the user's language with a line and a button offering
to switch, once per context. Both come to handlers as the ``frame`` of the answer (``handlers.views.sending.reply``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject, Update, User

from bot.i18n import I18n, Translator
from bot.message_parts import MAX_QUERY_CHARS, text_start
from bot.reminders import almaty_today, utc_now
from bot.runtime.fsm_storage import SQLiteStorage
from bot.storage import Users
from bot.understanding import Context, Understanding, understand

CONTEXT_DESTINY = "context"  # the FSM key's destiny the conversation's context is kept under
CONTEXT_MINUTES = 10  # a follow-up continues the previous question this long after it
# A context unchanged by a question is written again only when it is older than this: the time it ends is then
# right to the minute, and a run of the same question costs no write.
REFRESH_SECONDS = 60
# A message offers the other language only when it is a sentence in it, not one word said in both ("рахмет").
OFFER_MIN_WORDS = 3
# The flag of a handler that takes typed text as the user's own words (an appeal's draft), not as a question:
# the conversation's context stays as it was.
NOT_A_QUESTION = "not_a_question"


@dataclass(slots=True)
class AnswerFrame:
    """What goes around the answer to a typed question: ``lead``, a line above it (the question was read from its
    start), and ``offer``, the other language offered under it."""

    lead: str = ""
    offer: LanguageOffer | None = None


@dataclass(slots=True)
class LanguageOffer:
    """To a message written in ``lang``, not the user's language: a line offering to answer in it from now on and
    its button's label (or the line naming /language), all in ``lang``. The answer that shows them sets ``made``."""

    lang: str
    line: str
    label: str
    made: bool = False
    command_line: str = ""  # the line when the answer has no room for the button: it names /language

    @classmethod
    def of(cls, t: Translator) -> LanguageOffer:
        """The offer of ``t``'s language, in it."""
        return cls(t.lang, t("language-offer"), t(f"language-name-{t.lang}"), command_line=t("language-offer-command"))


async def user_lang(user: User | None, users: Users) -> str:
    """The language to answer ``user`` in: their choice, else their Telegram client's language."""
    if user is None:
        return "ru"
    return await users.answer_language(user.id, user.language_code)


@dataclass(frozen=True, slots=True)
class KeptContext:
    """The conversation's context as the FSM storage keeps it, and whether the other language was offered in it."""

    context: Context | None
    at: int = 0  # when it was kept, seconds since the epoch
    offered: bool = False

    @classmethod
    def read(cls, raw: dict[str, Any], now: datetime) -> KeptContext:
        """The context kept in ``raw``, or none when it is older than ``CONTEXT_MINUTES`` or unreadable."""
        at = raw.get("at")
        if not isinstance(at, int) or now.timestamp() - at > CONTEXT_MINUTES * 60:
            return cls(None)
        return cls(Context.from_dict(raw.get("context")), at, raw.get("offered") is True)

    def after(self, understanding: Understanding, now: datetime, offered: bool) -> KeptContext:
        """The context to keep after ``understanding`` was answered: its own, or this one when nothing was
        understood and nothing guessed (gibberish does not end a conversation)."""
        understood = understanding.understood or understanding.guess is not None
        context = understanding.context() if understood or self.context is None else self.context
        return KeptContext(context, int(now.timestamp()), self.offered or offered)

    def to_dict(self) -> dict[str, Any]:
        return {"context": self.context.to_dict() if self.context else None, "at": self.at, "offered": self.offered}


def context_store(state: FSMContext) -> FSMContext:
    """Where the conversation's context is kept: the user's FSM key with a destiny of its own."""
    return FSMContext(storage=state.storage, key=dataclasses.replace(state.key, destiny=CONTEXT_DESTINY))


class ContextMiddleware(BaseMiddleware):
    """Adds ``lang``, ``t`` and, for a typed text, ``understanding``, ``frame`` and ``kept_context`` to the data; a
    command leaves any multi-step flow."""

    def __init__(self, i18n: I18n, users: Users) -> None:
        self.i18n = i18n
        self.users = users

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        lang = await user_lang(data.get("event_from_user"), self.users)
        data["lang"] = lang
        data["t"] = self.i18n(lang)
        data["understanding"] = None
        message = event.message if isinstance(event, Update) else None
        state: FSMContext | None = data.get("state")
        if isinstance(message, Message) and message.text:
            if message.text.startswith("/"):
                if state is not None and await state.get_state() is not None:
                    await state.clear()
            elif state is not None:
                now = (data.get("clock") or utc_now)()
                kept = KeptContext.read(await context_store(state).get_data(), now)
                asked = text_start(message.text)  # a long text is read from its start, and the answer says so
                understanding = understand(asked.text, almaty_today(now), kept.context)
                data["kept_context"] = kept
                data["understanding"] = understanding
                frame = AnswerFrame(data["t"]("text-read-start", max=str(MAX_QUERY_CHARS)) if asked.cut else "")
                other = understanding.language
                clearly = len(asked.text.split()) >= OFFER_MIN_WORDS  # "рахмет" alone is said in Russian too
                if other is not None and other != lang and clearly and not kept.offered:
                    frame.offer = LanguageOffer.of(self.i18n(other))
                data["frame"] = frame
        return await handler(event, data)


class ConversationMiddleware(BaseMiddleware):
    """Inner middleware of messages: once a handler has answered a typed question, keeps its context for the next
    message, and whether the other language was offered in it. ``storage`` keeps it without a commit of its own
    (written in batches and by the periodic writer: a crash loses at most half a minute of contexts)."""

    def __init__(self, storage: SQLiteStorage) -> None:
        self.storage = storage

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        result = await handler(event, data)  # a handler that passes the text on (SkipHandler) keeps nothing
        understanding: Understanding | None = data.get("understanding")
        kept: KeptContext | None = data.get("kept_context")
        state: FSMContext | None = data.get("state")
        if understanding is None or kept is None or state is None or get_flag(data, NOT_A_QUESTION):
            return result
        frame: AnswerFrame | None = data.get("frame")
        offer = frame.offer if frame is not None else None
        now = (data.get("clock") or utc_now)()
        after = kept.after(understanding, now, offer is not None and offer.made)
        # no write for a repeat of a recent context
        if dataclasses.replace(after, at=kept.at) != kept or after.at - kept.at >= REFRESH_SECONDS:
            await self.storage.set_data_later(context_store(state).key, after.to_dict())
        return result

