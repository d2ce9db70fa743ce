"""The app factory: bot, dispatcher and the ways to run them (polling, webhook)."""

from __future__ import annotations

import logging
import secrets
import tempfile
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand

from bot.config import Settings
from bot.fsm_storage import SQLiteStorage
from bot.i18n import I18n, Translator, default_i18n
from bot.intents import default_intents
from bot.retry_after import RetryAfterMiddleware
from bot.storage import Database, DataEraser, Users

log = logging.getLogger(__name__)

# Commands in the order the menu shows them; descriptions are the locale keys ``cmd-<name>``.
COMMANDS: tuple[str, ...] = (
    "start", "positions", "salary", "admission", "complaint", "reminders", "language", "help", "cancel", "forget",
)
WEBHOOK_PATH = "/webhook"
OFFLINE_TOKEN = "1000000:offline-console-token-not-real"


def bot_commands(t: Translator) -> list[BotCommand]:
    return [BotCommand(command=name, description=t(f"cmd-{name}")) for name in COMMANDS if t.has(f"cmd-{name}")]


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
    session.middleware(RetryAfterMiddleware())


def database_path(settings: Settings) -> Path:
    if settings.database_path is not None:
        return settings.database_path
    return Path(tempfile.mkdtemp(prefix="gosbot-")) / "bot.sqlite3"


async def create_dispatcher(settings: Settings, db: Database, i18n: I18n | None = None) -> Dispatcher:
    """The dispatcher with every feature's router, storage and per-update context wired in."""
    from handlers import feature_routers
    from handlers.middlewares import ContextMiddleware

    i18n = i18n or default_i18n()
    await db.open()
    users = Users(db)
    fsm = SQLiteStorage(db)
    eraser = DataEraser(users)

    async def forget_fsm(user_id: int) -> None:
        fsm.forget_user(user_id)

    eraser.register(forget_fsm)
    dp = Dispatcher(storage=fsm, settings=settings, db=db, users=users, i18n=i18n, forget_user=eraser)
    dp.update.outer_middleware(ContextMiddleware(i18n, users, default_intents()))
    for router in feature_routers():
        if router.parent_router is not None:  # a second dispatcher in one process (tests) re-attaches it
            router.parent_router.sub_routers.remove(router)
            router._parent_router = None
        dp.include_router(router)
    dp.startup.register(register_commands)
    return dp


async def register_commands(bot: Bot, i18n: I18n) -> None:
    """Command menu and descriptions in both languages; a failure is logged, never fatal."""
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


class RedactingFilter(logging.Filter):
    """Removes the bot token from every log line, whatever logged it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, "<BOT_TOKEN>")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None and self.secret in str(record.exc_info[1]):
            record.exc_text = logging.Formatter().formatException(record.exc_info).replace(self.secret, "<BOT_TOKEN>")
        return True


def setup_logging(settings: Settings, stream=None) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if settings.bot_token is not None:
        handler.addFilter(RedactingFilter(settings.bot_token.get_secret_value()))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)


async def run_polling(settings: Settings) -> None:
    db = Database(database_path(settings))
    dp = await create_dispatcher(settings, db)
    bot = create_bot(settings)
    try:
        await bot.delete_webhook(drop_pending_updates=False)
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())
    finally:
        await bot.session.close()
        await db.close()


def webhook_app(settings: Settings, dp: Dispatcher, bot: Bot, secret: str):
    """The aiohttp app: POST /webhook needs Telegram's secret token header, or gets 403."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    class SecretCheckingHandler(SimpleRequestHandler):
        async def handle(self, request: web.Request) -> web.Response:
            if not self.verify_secret(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), bot):
                return web.Response(text="Forbidden", status=403)
            return await super().handle(request)

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def on_startup(bot: Bot) -> None:
        await bot.set_webhook(
            f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=secret,
            allowed_updates=dp.resolve_used_update_types(),
        )

    app = web.Application()
    app.router.add_get("/", health)
    SecretCheckingHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=WEBHOOK_PATH)
    dp.startup.register(on_startup)
    setup_application(app, dp, bot=bot)
    return app


async def run_webhook(settings: Settings) -> None:
    from aiohttp import web

    db = Database(database_path(settings))
    dp = await create_dispatcher(settings, db)
    bot = create_bot(settings)
    # Without a configured secret, a random one still keeps strangers from posting fake updates.
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
    app = webhook_app(settings, dp, bot, secret)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    log.info("webhook server on %s:%s", settings.webhook_host, settings.webhook_port)
    try:
        import asyncio

        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await db.close()
