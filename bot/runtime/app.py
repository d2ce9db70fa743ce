"""The app factory: the bot and the dispatcher with every feature, service and middleware wired in."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.config import Settings
from bot.feedback import Feedback
from bot.i18n import I18n, default_i18n
from bot.reminder_store import ReminderStore
from bot.runtime.fsm_storage import SQLiteStorage
from bot.runtime.lazy_schemas import keep_response_types
from bot.runtime.middlewares import ContextMiddleware, ConversationMiddleware
from bot.runtime.pacing import PacingMiddleware
from bot.runtime.retry_after import RetryAfterMiddleware
from bot.runtime.tasks import BackgroundTasks
from bot.runtime.throttling import ThrottlingMiddleware
from bot.storage import Database, DataEraser, Users

log = logging.getLogger(__name__)
OFFLINE_TOKEN = "1000000:offline-console-token-not-real"


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """A Bot speaking HTML, talking to ``TELEGRAM_API_BASE`` (or through ``session`` when given)."""
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    install_request_middlewares(session)
    token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def install_request_middlewares(session: BaseSession) -> None:
    """Outgoing-request behaviour shared by every transport (retry after 429, pacing)."""
    # Registered first, so it is the outermost: a resent request waits its turn in the pacing again.
    session.middleware(RetryAfterMiddleware())
    session.middleware(keep_response_types)
    if isinstance(session, AiohttpSession):  # Telegram's limits bind only requests that reach Telegram
        session.middleware(PacingMiddleware())


def database_path(settings: Settings) -> Path:
    if settings.database_path is not None:
        return settings.database_path
    return Path(tempfile.mkdtemp(prefix="gosbot-")) / "bot.sqlite3"


async def create_dispatcher(
    settings: Settings, db: Database, i18n: I18n | None = None, *, flood_control: bool = False
) -> Dispatcher:
    """The dispatcher with every feature's router, the services, storage and per-update context wired in.

    The services are built here, once, and handed to every handler as workflow data: ``db``, ``users``,
    ``i18n``, ``settings``, ``forget_user`` (a ``DataEraser``), ``feedback`` (question counts, the miss log,
    ratings), ``reminders`` (a ``ReminderStore``) and ``tasks`` (the background work, started and stopped with
    the dispatcher). ``flood_control`` cuts one user's burst of updates short (the Telegram transports turn it
    on; the offline console and tests, one quick local user, leave it off).
    """
    from handlers import create_routers
    from handlers.views.complaints import reminder_to_send

    i18n = i18n or default_i18n()
    load_facts()
    await db.open()
    users = Users(db)
    fsm = SQLiteStorage(db)
    feedback = Feedback(db)
    reminders = ReminderStore(db.conn)
    tasks = BackgroundTasks(feedback, reminders, i18n, users, reminder_to_send, fsm=fsm)
    eraser = DataEraser(users)
    eraser.register(fsm.forget_user)
    eraser.register(reminders.forget_user)

    dp = Dispatcher(storage=fsm, settings=settings, db=db, users=users, i18n=i18n, forget_user=eraser,
                    feedback=feedback, reminders=reminders, tasks=tasks)
    if flood_control:  # first, so a dropped update costs nothing further
        dp.update.outer_middleware(ThrottlingMiddleware(i18n, users))
    dp.update.outer_middleware(ContextMiddleware(i18n, users))
    # After a typed question is answered: its context kept for a follow-up.
    dp.message.middleware(ConversationMiddleware(fsm))
    # Every press is answered once its handler is done, with the notice the handler set (``callback_answer``).
    dp.callback_query.middleware(CallbackAnswerMiddleware())
    dp.include_routers(*create_routers())
    dp.startup.register(register_commands)
    # The background work starts and stops with a router of its own, included last: the dispatcher's own
    # shutdown handlers (the transports wait there for the updates in flight) run before any router's, so the
    # counts are written after the last update counted them.
    background = Router(name="background")
    background.startup.register(tasks.start)
    background.shutdown.register(tasks.stop)
    dp.include_router(background)
    return dp


def load_facts() -> None:
    """Read and check the data files: a broken file stops the start, and no user's question waits while one
    is read (the register and its search index took 60 ms, the salaries 12 ms)."""
    from bot.register import load_register
    from bot.salary import default_salary_words, load_salaries
    from bot.understanding.entities import default_vocabulary
    from bot.understanding.router import default_topic_model

    load_register()
    load_salaries()
    default_salary_words()
    default_topic_model()
    default_vocabulary()


async def register_commands(bot: Bot, i18n: I18n) -> None:
    """Command menu and descriptions in both languages; a failure is logged, never fatal."""
    from handlers.views.menu import bot_commands

    # Russian is also the default for clients in any other language.
    for code, lang in ((None, "ru"), ("ru", "ru"), ("kk", "kk")):
        t = i18n(lang)
        for call in (
            bot.set_my_commands(bot_commands(t), language_code=code),
            bot.set_my_description(t("bot-description"), language_code=code),
            bot.set_my_short_description(t("bot-short-description"), language_code=code),
        ):
            try:
                await call
            except TelegramAPIError as exc:
                log.warning("start-up registration failed (%s): %s", code or "default", exc)
