"""/start, /help, /language, /cancel, /forget, the main menu's home and language buttons; and, after the flows,
greetings, thanks and "what can you do"."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import I18n, Translator
from bot.runtime.middlewares import AnswerFrame
from bot.storage import DataEraser, Users
from handlers.callbacks import ForgetCb, LangCb, MenuCb, MenuItem
from handlers.filters import TopicIs, claimed_only
from handlers.views.keyboard import View
from handlers.views.menu import bot_commands, forget_question, greeting, home_only, language_keyboard, main_menu
from handlers.views.sending import edit_or_keep, reply

log = logging.getLogger(__name__)


async def cmd_start(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    """/start (a ``/start <payload>`` link is opened by the feature it names), and a greeting."""
    name = message.from_user.first_name if message.from_user else ""
    await reply(message, View(greeting(t, name), main_menu(t)), frame)


async def thanks(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    """"Спасибо", "ок", "түсінікті": a short reply and the menu."""
    await reply(message, View(t("thanks-reply"), main_menu(t)), frame)


async def cmd_help(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    await reply(message, View(t("help-text"), main_menu(t)), frame)


async def cmd_language(message: Message, t: Translator) -> None:
    await message.answer(t("language-choose"), reply_markup=language_keyboard(t).markup())


async def menu_language(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()  # like every menu button, the picker leaves a flow that waits for typed text
    if query.message:
        await query.message.answer(t("language-choose"), reply_markup=language_keyboard(t).markup())


async def choose_language(query: CallbackQuery, callback_data: LangCb, users: Users, i18n: I18n, bot: Bot,
                          state: FSMContext, lang: str, callback_answer: CallbackAnswer) -> None:
    await state.clear()  # the menu shown below starts afresh; no flow keeps waiting for typed text
    await users.set_language(query.from_user.id, callback_data.code)
    t = i18n(callback_data.code)
    changed = callback_data.code != lang
    if not changed:  # the language already spoken: nothing changes, and the notice says so
        callback_answer.text = t("language-already")
    if query.message:
        text = f"{t('language-set')}\n\n{t('menu-title')}" if changed else t("menu-title")
        await query.message.answer(text, reply_markup=main_menu(t).markup())
        await set_chat_commands(bot, query.message.chat.id, t)


async def set_chat_commands(bot: Bot, chat_id: int, t: Translator) -> None:
    """Show the command menu in the language the user chose, not only their client's language."""
    try:
        await bot.set_my_commands(bot_commands(t), scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as exc:
        log.warning("could not set the chat's command menu: %s", exc)


async def menu_home(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    if query.message:
        await query.message.answer(t("menu-title"), reply_markup=main_menu(t).markup())


async def cmd_cancel(message: Message, t: Translator, raw_state: str | None = None) -> None:
    # The context middleware already cleared the state, because every command leaves a flow.
    text = t("cancel-done") if raw_state is not None else t("cancel-nothing")
    await message.answer(text, reply_markup=main_menu(t).markup())


async def cmd_forget(message: Message, t: Translator) -> None:
    await message.answer(t("forget-confirm"), reply_markup=forget_question(t).markup())


async def forget(query: CallbackQuery, callback_data: ForgetCb, t: Translator, forget_user: DataEraser,
                 callback_answer: CallbackAnswer) -> None:
    if callback_data.confirm:
        await forget_user(query.from_user.id)
        # the data is gone, the conversation is not: the menu goes on afresh
        text, keyboard = t("forget-done"), home_only(t)
    else:  # "keep my data" is not the end of the conversation
        text, keyboard = t("forget-kept"), main_menu(t)
    # an old confirmation, deleted or too old to edit: said anew
    await edit_or_keep(query, callback_answer, t, text, keyboard.markup())


def create_router() -> Router:
    # First in the dispatch order: its commands work in any state (a command leaves any flow).
    router = Router(name="common")
    router.message.register(cmd_start, CommandStart(deep_link=False))
    router.message.register(cmd_help, Command("help"))
    router.message.register(cmd_language, Command("language"))
    router.message.register(cmd_cancel, Command("cancel"))
    router.message.register(cmd_forget, Command("forget"))
    router.callback_query.register(menu_language, MenuCb.filter(F.item == MenuItem.LANGUAGE))
    router.callback_query.register(choose_language, LangCb.filter(F.code.in_({"ru", "kk"})))
    router.callback_query.register(menu_home, MenuCb.filter(F.item == MenuItem.HOME))
    router.callback_query.register(forget, ForgetCb.filter())
    return claimed_only(router)


def create_talk_router() -> Router:
    """Greetings, thanks and "what can you do" typed: after the flows, whose open question a bare "ок" or "иә"
    may answer."""
    router = Router(name="talk")
    router.message.register(cmd_start, TopicIs("greeting"))
    router.message.register(thanks, TopicIs("thanks"))
    router.message.register(cmd_help, TopicIs("help"))
    return claimed_only(router)
