"""Buttons that features put under an answer: the "Поделиться" link and the place for extra rows.

No router here: features import these helpers, and the deep-link router opens what the links name.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.deeplinks import share_url
from bot.i18n import Translator

log = logging.getLogger(__name__)


async def bot_username(bot: Bot) -> str:
    """The bot's @username (``Bot.me`` asks Telegram once and caches the answer)."""
    me = await bot.me()
    return me.username or ""


async def share_button(bot: Bot, t: Translator, payload: str, text: str = "") -> InlineKeyboardButton:
    """A "Поделиться" URL button: Telegram's share dialog with a link that opens ``payload`` in this bot."""
    return InlineKeyboardButton(text=t("share-button"), url=share_url(await bot_username(bot), payload, text))


async def share_row(bot: Bot, t: Translator, payload: str, text: str = "") -> list[InlineKeyboardButton]:
    """The "Поделиться" button as a keyboard row; empty if Telegram cannot tell the bot's name right now,
    so the answer itself still goes out."""
    try:
        return [await share_button(bot, t, payload, text)]
    except TelegramAPIError as exc:
        log.warning("no share button: getMe failed: %s", exc)
        return []


def above_home(markup: InlineKeyboardMarkup, *rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    """``markup`` with the non-empty ``rows`` just above its last row (the "main menu" button every keyboard
    ends with)."""
    keyboard = list(markup.inline_keyboard)
    return InlineKeyboardMarkup(inline_keyboard=[*keyboard[:-1], *(row for row in rows if row), *keyboard[-1:]])
