"""The one owner of the bot's background work: reminder delivery and the periodic write of question counts.

``create_dispatcher`` builds one ``BackgroundTasks`` and registers ``start`` and ``stop`` as the dispatcher's
startup and shutdown handlers, so every transport (polling, webhook, the console, tests that emit startup)
runs the same work, and stopping writes what is left.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import date

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup

from bot.feedback import Feedback
from bot.i18n import I18n, Translator
from bot.reminder_store import ReminderStore
from bot.reminders import Clock, DeliveryOutcome, Reminder, almaty_today, run_reminder_loop, utc_now
from bot.runtime.fsm_storage import SQLiteStorage
from bot.runtime.middlewares import CONTEXT_DESTINY, CONTEXT_MINUTES
from bot.storage import Users

log = logging.getLogger(__name__)
# How a reminder reads: (translator, reminder, today in Almaty) -> (HTML text, keyboard); a view of handlers.
ReminderMessage = Callable[[Translator, Reminder, date], tuple[str, InlineKeyboardMarkup]]
# How often counted questions and misses reach the database; a crash loses at most this many seconds of them.
COUNTS_FLUSH_SECONDS = 30.0


class ReminderSender:
    """Sends one due reminder in its user's language and says what Telegram's answer means for it."""

    def __init__(self, bot: Bot, i18n: I18n, users: Users, message: ReminderMessage, clock: Clock = utc_now) -> None:
        self.bot = bot
        self.i18n = i18n
        self.users = users
        self.message = message
        self.clock = clock

    async def __call__(self, reminder: Reminder) -> DeliveryOutcome:
        t = self.i18n(await self.users.language(reminder.user_id) or reminder.lang)
        try:
            text, markup = self.message(t, reminder, almaty_today(self.clock()))
            await self.bot.send_message(reminder.chat_id, text, reply_markup=markup)
        except TelegramForbiddenError:
            return DeliveryOutcome.BLOCKED
        except (TelegramRetryAfter, TelegramServerError, TelegramNetworkError):
            return DeliveryOutcome.RETRY_LATER
        except TelegramBadRequest as exc:
            log.warning("reminder %s refused by Telegram: %s", reminder.id, exc.message)
            return DeliveryOutcome.FAILED
        except TelegramAPIError as exc:
            log.warning("reminder %s not delivered: %s", reminder.id, exc.message)
            return DeliveryOutcome.FAILED
        return DeliveryOutcome.SENT


class BackgroundTasks:
    """Starts the reminder loop and the periodic counts writer with the bot, stops them with it.

    ``start`` first settles reminders a crash left half-sent; ``stop`` lets a write in progress finish, then
    writes the counts and misses still in memory. Starting again (a second startup in one process) stops
    what the first start began.
    """

    def __init__(self, feedback: Feedback, reminders: ReminderStore, i18n: I18n, users: Users,
                 reminder_message: ReminderMessage, flush_seconds: float = COUNTS_FLUSH_SECONDS,
                 fsm: SQLiteStorage | None = None) -> None:
        self.feedback = feedback
        self.fsm = fsm
        self.reminders = reminders
        self.i18n = i18n
        self.users = users
        self.reminder_message = reminder_message
        self.flush_seconds = flush_seconds
        self.stopping = asyncio.Event()
        self.clock: Clock = utc_now
        self.reminder_loop: asyncio.Task[None] | None = None
        self.counts_writer: asyncio.Task[None] | None = None

    def reminder_sender(self, bot: Bot, clock: Clock = utc_now) -> ReminderSender:
        return ReminderSender(bot, self.i18n, self.users, self.reminder_message, clock)

    async def start(self, bot: Bot, clock: Clock = utc_now) -> None:
        """The dispatcher's startup handler (``clock`` from its data, so tests can fix the day)."""
        await self.stop_tasks()
        self.clock = clock
        interrupted = await self.reminders.settle_interrupted()
        if interrupted:
            log.warning("%d reminders were being sent when the bot stopped; not sending them again", interrupted)
        self.stopping = asyncio.Event()
        self.reminder_loop = asyncio.create_task(
            run_reminder_loop(self.reminders, self.reminder_sender(bot, clock), clock=clock))
        self.counts_writer = asyncio.create_task(self.flush_counts_every(self.flush_seconds))

    async def stop(self, clock: Clock | None = None) -> None:
        """The dispatcher's shutdown handler: stop both loops, then write the counts and misses left (``clock``
        from its data, as for ``start``)."""
        await self.stop_tasks()
        if clock is not None:
            self.clock = clock
        await self.write_pending()

    async def write_pending(self) -> None:
        """Write what waits in memory: question counts, misses, first contacts and conversations' contexts."""
        await self.feedback.flush()
        await self.users.flush()
        if self.fsm is not None:
            await self.fsm.write_later()
            # a conversation's context is kept only while it counts (it may name an age or a criminal record)
            before = int(self.clock().timestamp()) - CONTEXT_MINUTES * 60
            await self.fsm.delete_older(CONTEXT_DESTINY, "at", before)

    async def stop_tasks(self) -> None:
        self.stopping.set()  # the writer finishes a write in progress and returns
        if self.reminder_loop is not None:
            self.reminder_loop.cancel()  # it sleeps until the next due reminder: it is cancelled, not asked
        running = [task for task in (self.reminder_loop, self.counts_writer) if task is not None]
        await asyncio.gather(*running, return_exceptions=True)
        self.reminder_loop = self.counts_writer = None

    async def flush_counts_every(self, seconds: float) -> None:
        while not self.stopping.is_set():
            with suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), seconds)
            try:
                await self.write_pending()
            except Exception:  # a busy or failing database keeps the counts for the next try
                log.exception("could not write question counts or misses; keeping them for the next flush")
