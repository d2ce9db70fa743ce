"""Questions the bot does not cover (pensions, taxes, teachers' or police pay, call-up): an honest "I can't answer
that", where to ask instead (sourced) and the main menu, instead of a position search that finds nothing."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.appeal_guide import load_appeal_guide
from bot.i18n import Translator
from bot.runtime.middlewares import AnswerFrame
from handlers.filters import TopicIs, claimed_only
from handlers.views.keyboard import View
from handlers.views.menu import main_menu
from handlers.views.offtopic import offtopic_text
from handlers.views.sending import reply


async def offtopic_jobs(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    await reply(message, View(offtopic_text(t, load_appeal_guide(), "jobs"), main_menu(t)), frame)


async def offtopic_topics(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    await reply(message, View(offtopic_text(t, load_appeal_guide(), "topics"), main_menu(t)), frame)


def create_router() -> Router:
    router = Router(name="offtopic")
    router.message.register(offtopic_jobs, TopicIs("offtopic.jobs"))
    router.message.register(offtopic_topics, TopicIs("offtopic.topics"))
    return claimed_only(router)
