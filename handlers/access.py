"""Who may use admin-only commands: the Telegram user ids in ``ADMIN_IDS``."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject, User

from bot.config import Settings


class IsAdmin(Filter):
    """Passes an update only from a user listed in ``ADMIN_IDS``; with none listed, nobody is an admin.

    Use it on the handler, e.g. ``@router.message(Command("stats"), IsAdmin())``: for anyone else the
    command is not matched and falls through to the ordinary answers, revealing nothing.
    """

    async def __call__(self, event: TelegramObject, settings: Settings,
                       event_from_user: User | None = None) -> bool:
        return event_from_user is not None and event_from_user.id in settings.admin_ids
