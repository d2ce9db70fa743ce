"""The app factory: bot, dispatcher and the ways to run them (polling, webhook)."""

from __future__ import annotations

import json
import logging
import secrets
import tempfile
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar, Literal

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.methods import TelegramMethod
from aiogram.types import BotCommand, CallbackQuery, InlineKeyboardMarkup, Message
from aiohttp import FormData

from bot.config import Settings
from bot.fsm_storage import SQLiteStorage
from bot.i18n import I18n, Translator, default_i18n
from bot.intents import default_intents
from bot.lazy_schemas import keep_response_types
from bot.pacing import PacingMiddleware
from bot.retry_after import RetryAfterMiddleware
from bot.routing import IndexedDispatcher
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


def request_fields(session: BaseSession, bot: Bot, method: TelegramMethod[Any]) -> tuple[dict[str, Any], dict]:
    """The request's form fields and files, as aiogram's ``build_form_data`` makes them, but an inline keyboard
    is JSON-encoded by pydantic in one call (9 µs for 9 buttons) instead of aiogram's walk over it (50 µs)."""
    markup = getattr(method, "reply_markup", None)
    fast = isinstance(markup, InlineKeyboardMarkup)
    files: dict[str, Any] = {}
    fields = {
        key: session.prepare_value(value, bot=bot, files=files)
        for key, value in method.model_dump(warnings=False, exclude={"reply_markup"} if fast else None).items()
    }
    if fast:
        fields["reply_markup"] = markup.model_dump_json(exclude_none=True, by_alias=True)
    return fields, files


def loads_without_sent_keyboard(content: str | bytes) -> Any:
    """``json.loads`` of a Bot API reply, minus the inline keyboard Telegram echoes back in a sent or edited
    message. The bot never reads it, and aiogram turned it into pydantic models: 50 µs for 9 buttons."""
    data = json.loads(content)
    if isinstance(data, dict):
        result = data.get("result")
        if isinstance(result, dict) and "message_id" in result:
            result.pop("reply_markup", None)
    return data


class TelegramSession(AiohttpSession):
    """aiogram's HTTP session with inline keyboards encoded by ``request_fields`` and not parsed back
    (``loads_without_sent_keyboard``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("json_loads", loads_without_sent_keyboard)
        super().__init__(**kwargs)

    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> FormData:
        fields, files = request_fields(self, bot, method)
        form = FormData(quote_fields=False)
        for key, value in fields.items():
            if value:  # aiogram leaves out empty fields too
                form.add_field(key, value)
        for key, file in files.items():
            form.add_field(key, file.read(bot), filename=file.filename or key)
        return form


def create_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """A Bot speaking HTML, talking to ``TELEGRAM_API_BASE`` (or through ``session`` when given)."""
    if session is None:
        session = TelegramSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
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
    """The dispatcher with every feature's router, storage and per-update context wired in.

    ``flood_control`` cuts one user's burst of updates short (the Telegram transports turn it on; the
    offline console and tests, one quick local user, leave it off).
    """
    from handlers import feature_routers
    from handlers.middlewares import ContextMiddleware
    from handlers.throttling import ThrottlingMiddleware

    i18n = i18n or default_i18n()
    load_facts()
    await db.open()
    users = Users(db)
    fsm = SQLiteStorage(db)
    eraser = DataEraser(users)

    eraser.register(fsm.forget_user)
    dp = IndexedDispatcher(storage=fsm, settings=settings, db=db, users=users, i18n=i18n, forget_user=eraser)
    if flood_control:  # first, so a dropped update costs nothing further
        dp.update.outer_middleware(ThrottlingMiddleware(i18n, users))
    dp.update.outer_middleware(fsm.commit_after_update)
    dp.update.outer_middleware(ContextMiddleware(i18n, users, default_intents()))
    for router in feature_routers():
        if router.parent_router is not None:  # a second dispatcher in one process (tests) re-attaches it
            router.parent_router.sub_routers.remove(router)
            router._parent_router = None
        dp.include_router(router)
    for router in dp.chain_tail:
        run_filters_inline(router)
    dp.startup.register(register_commands)
    return dp


def load_facts() -> None:
    """Read and check the data files features read on first use: a broken file stops the start, and no user's
    question waits while one is read (the register and its search index took 60 ms, the salaries 12 ms)."""
    from bot.register import load_register
    from bot.salary import default_salary_words, load_salaries

    load_register()
    load_salaries()
    default_salary_words()


def run_filters_inline(router: Router) -> None:
    """Make the router's plain-function and magic (``F``) filters run in the event loop, and commands cheap.

    aiogram runs a filter that is not a coroutine in a worker thread (``asyncio.to_thread``): about
    150 µs of CPU per check, against 1 µs for the check itself. Filters are small and pure, so they run inline.
    A ``Command`` filter turns away text without a command prefix before parsing it, and a ``CallbackData``
    filter parses a button's data once (``ParsedOnceFilter``).
    """
    for observer in router.observers.values():
        for handler in (observer._handler, *observer.handlers):
            for event_filter in handler.filters or ():
                if isinstance(event_filter.callback, Command):
                    event_filter.callback = _plain_text_is_no_command(event_filter.callback)
                elif type(event_filter.callback) is CallbackQueryFilter:
                    original = event_filter.callback
                    event_filter.callback = ParsedOnceFilter(callback_data=original.callback_data, rule=original.rule)
                elif not event_filter.awaitable:
                    event_filter.callback = _coroutine(event_filter.callback)
                    event_filter.awaitable = True


class ParsedOnceFilter(CallbackQueryFilter):
    """aiogram's ``CallbackData`` filter, parsing each button's data once per class instead of once per handler.

    A feature's handlers each filter on the same class with another rule (``F.action == "..."``); aiogram
    parsed the data again for each (a pydantic model, ~8 µs), and the same buttons are pressed again and
    again. Parsed data is kept (bounded) and handed out as a copy, so a handler cannot change another's.
    """

    _parsed: ClassVar[OrderedDict[tuple[type[CallbackData], str], CallbackData | None]] = OrderedDict()
    KEPT = 4096

    async def __call__(self, query: CallbackQuery) -> Literal[False] | dict[str, Any]:
        if not isinstance(query, CallbackQuery) or not query.data:
            return False
        key = (self.callback_data, query.data)
        parsed = self._parsed.get(key, _UNSEEN)
        if parsed is _UNSEEN:
            try:
                parsed = self.callback_data.unpack(query.data)
            except (TypeError, ValueError):
                parsed = None
            self._parsed[key] = parsed
            if len(self._parsed) > self.KEPT:
                self._parsed.popitem(last=False)
        if parsed is None:
            return False
        if self.rule is None or self.rule.resolve(parsed):
            return {"callback_data": parsed.model_copy()}
        return False


_UNSEEN: Any = object()


def _plain_text_is_no_command(command: Command) -> Callable[..., Awaitable[Any]]:
    # Command parses every text it sees (6-10 µs; a search text met 12 of them); without a prefix it cannot match.
    async def check(message: Message, *args: Any, **kwargs: Any) -> Any:
        text = message.text or message.caption
        if not text or text[0] not in command.prefix:
            return False
        return await command(message, *args, **kwargs)

    check.command = command  # type: ignore[attr-defined]  # read by bot.routing
    return check


def _coroutine(check: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def inline(*args: Any, **kwargs: Any) -> Any:
        return check(*args, **kwargs)

    return inline


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
    """Removes the bot token from every log line and traceback, whatever logged it.

    The secret half of the token is redacted on its own too: it survives URL-encoding of the colon.
    """

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret
        self.secrets = tuple(s for s in (secret, secret.partition(":")[2]) if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<BOT_TOKEN>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            record.msg = self.redact(message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The token can hide in a chained exception or a frame's text, not only in str(exception).
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
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
    dp = await create_dispatcher(settings, db, flood_control=True)
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
    dp = await create_dispatcher(settings, db, flood_control=True)
    bot = create_bot(settings)
    # Without a configured secret, a random one still keeps strangers from posting fake updates.
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
    app = webhook_app(settings, dp, bot, secret)
    runner = web.AppRunner(app)
    try:  # a failure at start-up must still close the database, whose thread would keep the process alive
        await runner.setup()
        site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
        await site.start()
        log.info("webhook server on %s:%s", settings.webhook_host, settings.webhook_port)
        import asyncio

        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await db.close()
