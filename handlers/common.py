"""/start, /help, /language, /cancel, /forget and the main menu's home and language buttons."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import BotCommandScopeChat, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import I18n, Translator
from bot.storage import Users
from handlers.filters import IntentIs
from handlers.menu import LangCb, MenuCb, home_button, main_menu

log = logging.getLogger(__name__)
router = Router(name="common")


class ForgetCb(CallbackData, prefix="forget"):
    confirm: bool


def language_keyboard(t: Translator):
    builder = InlineKeyboardBuilder()
    builder.button(text=t("language-name-kk"), callback_data=LangCb(code="kk"))
    builder.button(text=t("language-name-ru"), callback_data=LangCb(code="ru"))
    builder.row(home_button(t))  # the picker is not a dead end: "main menu" keeps the language
    return builder.as_markup()


async def send_start(message: Message, t: Translator) -> None:
    # Telegram caps a first name at 64 characters; the cap here keeps a forged update within limits too.
    name = message.from_user.first_name[:64] if message.from_user else ""
    await message.answer(f"{t('start-greeting', name=name)}\n\n{t('start-hint')}", reply_markup=main_menu(t))


@router.message(CommandStart(deep_link=False))  # "/start <payload>" is a deep link: handlers/deeplinks.py
async def cmd_start(message: Message, t: Translator) -> None:
    await send_start(message, t)


@router.message(IntentIs("greeting"))
async def greeting(message: Message, t: Translator) -> None:
    await send_start(message, t)


@router.message(IntentIs("thanks"))
async def thanks(message: Message, t: Translator) -> None:
    await message.answer(t("thanks-reply"), reply_markup=main_menu(t))


@router.message(Command("help"))
@router.message(IntentIs("help"))
async def cmd_help(message: Message, t: Translator) -> None:
    await message.answer(t("help-text"), reply_markup=main_menu(t))


@router.message(Command("language"))
async def cmd_language(message: Message, t: Translator) -> None:
    await message.answer(t("language-choose"), reply_markup=language_keyboard(t))


@router.callback_query(MenuCb.filter(F.item == "language"))
async def menu_language(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()  # like every menu button, the picker leaves a flow that waits for typed text
    await query.answer()
    if query.message:
        await query.message.answer(t("language-choose"), reply_markup=language_keyboard(t))


@router.callback_query(LangCb.filter(F.code.in_({"ru", "kk"})))
async def choose_language(
    query: CallbackQuery, callback_data: LangCb, users: Users, i18n: I18n, bot: Bot, state: FSMContext
) -> None:
    await state.clear()  # the menu shown below starts afresh; no flow keeps waiting for typed text
    await users.set_language(query.from_user.id, callback_data.code)
    t = i18n(callback_data.code)
    await query.answer()
    if query.message:
        await query.message.answer(f"{t('language-set')}\n\n{t('menu-title')}", reply_markup=main_menu(t))
        await set_chat_commands(bot, query.message.chat.id, t)


async def set_chat_commands(bot: Bot, chat_id: int, t: Translator) -> None:
    """Show the command menu in the language the user chose, not only their client's language."""
    from bot.runtime.app import bot_commands  # the command list lives with the app factory

    try:
        await bot.set_my_commands(bot_commands(t), scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as exc:
        log.warning("could not set the chat's command menu: %s", exc)


@router.callback_query(MenuCb.filter(F.item == "home"))
async def menu_home(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await query.answer()
    if query.message:
        await query.message.answer(t("menu-title"), reply_markup=main_menu(t))


@router.message(Command("cancel"))
async def cmd_cancel(message: Message, t: Translator, raw_state: str | None = None) -> None:
    # The context middleware already cleared the state, because every command leaves a flow.
    text = t("cancel-done") if raw_state is not None else t("cancel-nothing")
    await message.answer(text, reply_markup=main_menu(t))


@router.message(Command("forget"))
async def cmd_forget(message: Message, t: Translator) -> None:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("forget-yes"), callback_data=ForgetCb(confirm=True))
    builder.button(text=t("forget-no"), callback_data=ForgetCb(confirm=False))
    await message.answer(t("forget-confirm"), reply_markup=builder.as_markup())


@router.callback_query(ForgetCb.filter())
async def forget(query: CallbackQuery, callback_data: ForgetCb, t: Translator, forget_user) -> None:
    await query.answer()
    if callback_data.confirm:
        await forget_user(query.from_user.id)
    if query.message:
        if callback_data.confirm:  # the data is gone, the conversation is not: the menu goes on afresh
            text, markup = t("forget-done"), InlineKeyboardMarkup(inline_keyboard=[[home_button(t)]])
        else:  # "keep my data" is not the end of the conversation
            text, markup = t("forget-kept"), main_menu(t)
        try:
            await query.message.edit_text(text, reply_markup=markup)
        except TelegramBadRequest as exc:  # an old confirmation, deleted or too old to edit: say it anew
            if "not modified" not in str(exc):
                await query.message.answer(text, reply_markup=markup)
