"""``/start <payload>`` from a ``t.me/<bot>?start=…`` link opens that answer directly.

Payloads are parsed by ``bot.deeplinks``; each target is opened by its feature's public function.
A payload the bot does not know (an old link, a typo, a category no longer in the register) is said to
be so, then the normal greeting follows; a position no longer in the register opens its category.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.deeplinks import DeepLink, parse_start_payload, position_category
from bot.i18n import Translator
from bot.register import load_register
from bot.storage import Database
from handlers.admission import start as start_admission
from handlers.akimat import show_menu as show_akimat_menu
from handlers.common import send_start
from handlers.complaints import show_guide
from handlers.positions import root_view, send_card, send_kind_card
from handlers.salary import cmd_salary

router = Router(name="deeplinks")


@router.message(CommandStart(deep_link=True))
async def start_with_payload(message: Message, command: CommandObject, t: Translator, lang: str, db: Database,
                             bot: Bot, state: FSMContext) -> None:
    link = parse_start_payload(command.args)
    if link is not None and await open_link(message, link, t, lang, db, bot, state):
        return
    if link is not None and link.kind == "position":  # the position is gone, its category may not be
        await message.answer(t("deeplink-no-position"))
        if await send_card(message, "cat", position_category(link.target), t, db, bot):
            return
    else:
        await message.answer(t("deeplink-unknown"))
    await send_start(message, t)


async def open_link(message: Message, link: DeepLink, t: Translator, lang: str, db: Database, bot: Bot,
                    state: FSMContext) -> bool:
    """Open what ``link`` names in reply to ``message``; False when there is nothing to open."""
    if link.kind == "category":
        return await send_card(message, "cat", link.target, t, db, bot)
    if link.kind == "position":
        return await send_card(message, "name", link.target, t, db, bot)
    if link.kind == "kind":  # a kind of post's card ("Советник"), in the reader's language
        return await send_kind_card(message, link.target, link.codes, t, db, bot)
    if link.target == "complaint":
        await show_guide(message, t)
    elif link.target == "admission":
        await start_admission(message, t, state)
    elif link.target == "salary":
        await cmd_salary(message, t, lang)
    elif link.target == "positions":
        text, markup = root_view(load_register(), t)
        await message.answer(text, reply_markup=markup)
    elif link.target == "akimat":
        await show_akimat_menu(message, t)
    else:
        return False
    return True
