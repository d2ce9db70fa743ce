"""Questions the bot does not cover (pensions, taxes, teachers' or police pay, call-up): an honest "I can't answer
that", where to ask instead (sourced) and the main menu, instead of a position search that finds nothing; and
a short reply to "ок", "понятно", "жақсы"."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.appeal_guide import load_appeal_guide
from bot.i18n import Translator
from handlers.filters import IntentIs
from handlers.views.menu import main_menu
from handlers.views.offtopic import offtopic_text


async def offtopic_jobs(message: Message, t: Translator) -> None:
    await message.answer(offtopic_text(t, load_appeal_guide(), "jobs"), reply_markup=main_menu(t).markup())


async def offtopic_topics(message: Message, t: Translator) -> None:
    await message.answer(offtopic_text(t, load_appeal_guide(), "topics"), reply_markup=main_menu(t).markup())


async def acknowledged(message: Message, t: Translator) -> None:
    """"ок", "понятно", "жақсы": a short reply and the menu, not "position «ок» not found"."""
    await message.answer(t("ack-reply"), reply_markup=main_menu(t).markup())


def create_router() -> Router:
    router = Router(name="offtopic")
    router.message.register(offtopic_jobs, IntentIs("offtopic_jobs"))
    router.message.register(offtopic_topics, IntentIs("offtopic_topics"))
    # Here, not in handlers.common: common runs before the flows, and "иә" / "нет" answer the admission walkthrough.
    router.message.register(acknowledged, IntentIs("ack"))
    return router
