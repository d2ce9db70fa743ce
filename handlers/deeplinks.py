"""``/start <payload>`` that no feature opens: an old link, a typo, a section the bot no longer has.

Each feature opens its own links (``handlers.filters.StartLink``: a category, a position or a kind of post in
``positions``; the sections ``complaint``, ``admission``, ``salary``, ``positions`` and ``akimat`` in theirs).
What reaches this router is said to be unknown, then the greeting follows.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandStart
from aiogram.types import Message

from bot.i18n import Translator
from handlers.views.menu import greeting, main_menu


async def unknown_link(message: Message, t: Translator) -> None:
    await message.answer(t("deeplink-unknown"))
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(greeting(t, name), reply_markup=main_menu(t).markup())


def create_router() -> Router:
    router = Router(name="deeplinks")
    router.message.register(unknown_link, CommandStart(deep_link=True))
    return router
