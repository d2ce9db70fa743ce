"""``/start <payload>`` from a ``t.me/<bot>?start=…`` link opens that answer; cards get a share button.

Payloads are parsed by ``bot.deeplinks``; each target is opened by its feature's public function.
A payload the bot does not know (an old link, a typo) gets the normal greeting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import InlineKeyboardButton, Message

from bot.deeplinks import DeepLink, parse_start_payload, share_url, start_link
from bot.i18n import Translator
from handlers.common import send_start

ORDER = 10  # before the features' free-text handlers, which would read "/start cat_…" as a search
router = Router(name="deeplinks")

# What a deep link opens: (kind, target or "*") -> async opener(message, link, **handler data) -> opened?
Opener = Callable[..., Awaitable[bool]]
_OPENERS: dict[tuple[str, str], Opener] = {}


async def bot_username(bot: Bot) -> str:
    """The bot's @username (``Bot.me`` asks Telegram once and caches the answer)."""
    me = await bot.me()
    return me.username or ""


async def start_url(bot: Bot, payload: str) -> str:
    """``https://t.me/<this bot>?start=<payload>``."""
    return start_link(await bot_username(bot), payload)


async def share_button(bot: Bot, t: Translator, payload: str, text: str = "") -> InlineKeyboardButton:
    """A "Поделиться" URL button: Telegram's share dialog with a link that opens ``payload`` in this bot."""
    return InlineKeyboardButton(text=t("share-button"), url=share_url(await bot_username(bot), payload, text))


@router.message(CommandStart(deep_link=True))
async def start_with_payload(message: Message, command: CommandObject, t: Translator, **data: Any) -> None:
    link = parse_start_payload(command.args)
    if link is not None and await open_link(message, link, t=t, **data):
        return
    await send_start(message, t)


async def open_link(message: Message, link: DeepLink, **data: Any) -> bool:
    """Open what ``link`` names in reply to ``message``; False when there is nothing to open."""
    opener = _OPENERS.get((link.kind, link.target)) or _OPENERS.get((link.kind, "*"))
    return opener is not None and await opener(message, link, **data)
