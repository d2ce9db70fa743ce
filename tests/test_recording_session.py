"""The offline session refuses what Telegram refuses, counting as Telegram counts: UTF-16 units and bytes."""

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup


async def test_a_message_is_measured_in_utf16_units(env):
    await env.bot.send_message(1001, "😀" * 2048)  # 4,096 units
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await env.bot.send_message(1001, "😀" * 2048 + "a")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await env.bot.send_message(1001, "<b>ok!</b>" + "😀" * 2047)  # 4,097: tags are not shown, each 😀 counts two


async def test_a_callback_answer_holds_200_units(env):
    await env.bot.answer_callback_query("1", text="😀" * 100)
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await env.bot.answer_callback_query("1", text="😀" * 100 + "!", show_alert=True)


async def test_callback_data_holds_64_bytes(env):
    def keyboard(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="ок", callback_data=data)]])

    await env.bot.send_message(1001, "x", reply_markup=keyboard("ж" * 32))  # 64 bytes
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await env.bot.send_message(1001, "x", reply_markup=keyboard("ж" * 32 + "a"))
