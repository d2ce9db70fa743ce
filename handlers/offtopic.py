"""Questions the bot does not cover (pensions, taxes, teachers' or police pay, call-up): an honest "I can't answer
that", where to ask instead (sourced) and the main menu, instead of a position search that finds nothing."""

from __future__ import annotations

import functools
from html import escape

from aiogram import Router
from aiogram.types import Message

from bot.appeal_guide import load_appeal_guide
from bot.datafiles import pick
from bot.facts import Footnotes
from bot.i18n import Translator
from handlers.filters import IntentIs
from handlers.menu import main_menu
from handlers.views import sources_line

router = Router(name="offtopic")


@functools.cache  # a pure function of the language, the kind and the guide's data
def offtopic_text(t: Translator, kind: str) -> str:
    """``kind``: "jobs" (a job outside the register) or "topics" (a subject the bot does not cover)."""
    guide = load_appeal_guide()
    c1414 = guide.channel("c1414")
    forwarding, call = guide.deadline("forwarding"), c1414.expect
    notes = Footnotes()
    where = escape(forwarding.pick(t.lang), quote=False) + notes.mark(forwarding)
    name, text = escape(pick(c1414.name, t.lang), quote=False), escape(call.pick(t.lang), quote=False)
    phone = f"{name}. {text}{notes.mark(call)}"
    return "\n\n".join([t(f"offtopic-{kind}"), t("offtopic-where"), where, f"{phone}\n{sources_line(t, notes)}",
                        t("offtopic-can")])


@router.message(IntentIs("offtopic_jobs"))
async def offtopic_jobs(message: Message, t: Translator) -> None:
    await message.answer(offtopic_text(t, "jobs"), reply_markup=main_menu(t))


@router.message(IntentIs("offtopic_topics"))
async def offtopic_topics(message: Message, t: Translator) -> None:
    await message.answer(offtopic_text(t, "topics"), reply_markup=main_menu(t))


# Here, not in handlers.common: common runs before the flows, and "иә" / "нет" answer the admission walkthrough.
@router.message(IntentIs("ack"))
async def acknowledged(message: Message, t: Translator) -> None:
    """"ок", "понятно", "жақсы": a short reply and the menu, not "position «ок» not found"."""
    await message.answer(t("ack-reply"), reply_markup=main_menu(t))
