"""The "Поделиться" button: Telegram's share dialog with a link that opens an answer in this bot."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.deeplinks import share_url
from bot.i18n import Translator
from handlers.views.keyboard import Key, Row

log = logging.getLogger(__name__)


async def bot_username(bot: Bot) -> str | None:
    """The bot's @username (``Bot.me`` asks Telegram once and keeps the answer); None while Telegram cannot
    tell it, so that an answer still goes out, without its share button."""
    try:
        me = await bot.me()
    except TelegramAPIError as exc:
        log.warning("no share button: getMe failed: %s", exc)
        return None
    return me.username or ""


def share_row(t: Translator, username: str | None, payload: str, text: str = "") -> Row:
    """The "Поделиться" button as a row (none without the bot's name): the link opens ``payload``
    (``bot.deeplinks``) and ``text`` goes under it in the chosen chat."""
    if username is None:
        return ()
    return (Key(t("share-button"), url=share_url(username, payload, text)),)
