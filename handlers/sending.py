"""Sending answers longer than one Telegram message."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup, Message

from bot.message_parts import split_html


async def send_long(bot: Bot, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None,
                    **kwargs: Any) -> list[Message]:
    """Send HTML ``text`` to ``chat_id`` as one message, or as several when it is over 4096 characters.

    Parts are split at paragraphs, then lines (``bot.message_parts.split_html``); the keyboard goes on
    the last part, so it stays under the end of the answer. Returns the messages sent, in order.
    """
    parts = split_html(text)
    sent: list[Message] = []
    for number, part in enumerate(parts, start=1):
        markup = reply_markup if number == len(parts) else None
        sent.append(await bot.send_message(chat_id, part, reply_markup=markup, **kwargs))
    return sent


async def answer_long(message: Message, text: str, reply_markup: InlineKeyboardMarkup | None = None,
                      **kwargs: Any) -> list[Message]:
    """``message.answer`` for text of any length: see ``send_long``."""
    bot = message.bot
    if bot is None:
        raise RuntimeError("the message is not bound to a bot")
    return await send_long(bot, message.chat.id, text, reply_markup, **kwargs)
