"""The bot's HTTP session sends Telegram the same request aiogram's would, keyboards included."""

from __future__ import annotations

import json
from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import (
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyKeyboardRemove,
    SwitchInlineQueryChosenChat,
)

from bot.app import OFFLINE_TOKEN, TelegramSession

KEYBOARD = InlineKeyboardMarkup(inline_keyboard=[
    [InlineKeyboardButton(text="Бас маман", callback_data="pos:name:17"),
     InlineKeyboardButton(text="Қайнар көз <ресми>", url="https://adilet.zan.kz/rus/docs/U070000501_")],
    [InlineKeyboardButton(text="Поделиться", switch_inline_query_chosen_chat=SwitchInlineQueryChosenChat(
        query="D-O-4", allow_user_chats=True))],
    [InlineKeyboardButton(text="Скопировать", copy_text=CopyTextButton(text="E-G-3 & \"кавычки\""))],
])


def fields(session: AiohttpSession, bot: Bot, method: Any) -> dict[str, Any]:
    form = session.build_form_data(bot, method)
    decoded = {}
    for options, _, value in form._fields:
        name = options["name"]
        decoded[name] = json.loads(value) if name == "reply_markup" else value
    return decoded


def test_requests_match_aiogram_field_for_field() -> None:
    bot = Bot(OFFLINE_TOKEN)
    ours, theirs = TelegramSession(), AiohttpSession()
    for method in (
        SendMessage(chat_id=42, text="<b>Категория D-O-4</b>", reply_markup=KEYBOARD),
        SendMessage(chat_id=42, text="жоқ", reply_markup=ReplyKeyboardRemove()),
        SendMessage(chat_id=42, text="plain", link_preview_options=LinkPreviewOptions(is_disabled=True)),
        EditMessageText(chat_id=42, message_id=7, text="өзгертілді", reply_markup=KEYBOARD),
        AnswerCallbackQuery(callback_query_id="99", text="Эта кнопка устарела."),
    ):
        assert fields(ours, bot, method) == fields(theirs, bot, method), type(method).__name__


def test_a_sent_message_is_parsed_without_its_keyboard_and_everything_else_whole() -> None:
    bot = Bot(OFFLINE_TOKEN)
    session = TelegramSession()
    sent = {"message_id": 5, "date": 1_700_000_000, "chat": {"id": 42, "type": "private"}, "text": "D-O-4",
            "reply_markup": KEYBOARD.model_dump(mode="json", exclude_none=True)}
    method = SendMessage(chat_id=42, text="D-O-4", reply_markup=KEYBOARD)
    message = session.check_response(bot, method, 200, json.dumps({"ok": True, "result": sent})).result
    assert (message.message_id, message.chat.id, message.text, message.reply_markup) == (5, 42, "D-O-4", None)
    # Nothing else loses a field: an incoming update (the webhook parses it with the same loader) and errors.
    update = {"update_id": 1, "message": sent}
    assert session.json_loads(json.dumps(update)) == update
    error = {"ok": False, "error_code": 400, "description": "Bad Request: message is not modified"}
    assert session.json_loads(json.dumps(error)) == error
