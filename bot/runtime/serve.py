"""Running on Telegram: long polling, or an aiohttp server for Telegram's webhook.

Both stop gracefully on SIGTERM or SIGINT (a PaaS sends SIGTERM on every deploy): no new update is
taken, the updates taken are finished (for up to DRAIN_SECONDS), every feature's shutdown runs (counts
and misses are written), the database closes, and the process exits 0. A fatal error at start-up (a
token Telegram refuses, a database that cannot be opened, a port in use) exits with status 2 and one
line saying what to fix, with everything opened so far closed again.

Memory stays bounded under a burst: at most CONCURRENT_UPDATES updates are handled at once, and the
webhook handles each chat's updates one at a time, holds at most PENDING_LIMIT of them and answers 429
beyond that, so Telegram sends the rest again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.middlewares.user_context import UserContextMiddleware
from aiogram.types import TelegramObject, Update
from aiogram.types.update import UpdateTypeLookupError
from aiohttp import web
from pydantic import ValidationError

from bot.config import Settings
from bot.runtime.app import create_bot, create_dispatcher, database_path
from bot.storage import Database, DatabaseUnavailable

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/webhook"
# How long a shutdown waits for updates still being handled before it closes the database under them.
DRAIN_SECONDS = 10.0
# Telegram's updates are a few kilobytes; a body far larger than that is not from Telegram.
MAX_BODY_BYTES = 1 << 20
# Updates handled at once. Most of a handler's time under load is waiting for Telegram's pace (about 25
# messages a second in all), holding some 40 KB each meanwhile: unbounded, a burst of 2,000 updates from 200
# users took the webhook's RSS from 94 MB to 173 MB, and it stayed there.
CONCURRENT_UPDATES = 64
# Updates the webhook accepted and has not handled yet, at most: about what Telegram's pace lets a shutdown
# still answer within DRAIN_SECONDS. Beyond it Telegram is answered 429 and sends the update again later.
PENDING_LIMIT = 256
# A chat with this many updates waiting is flooding (flood control passes 10 at once, then one a second):
# more from it are dropped on arrival, so one flood cannot fill PENDING_LIMIT and hold back everyone else's.
CHAT_BACKLOG_LIMIT = 20
# How the webhook server runs: signals are run_webhook's; no access log, whose line per update says nothing
# the dispatcher's own line does not (and a request refused as not an update gets exactly one line).
RUNNER_OPTIONS: dict[str, Any] = {"handle_signals": False, "access_log": None}


class StartupError(Exception):
    """A start-up failure the operator fixes in the environment; the message starts with the setting to check."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")


class UpdatesInFlight(BaseMiddleware):
    """An outer update middleware: tracks the updates being handled, so a shutdown can wait for them.

    It also skips an update of a type this aiogram does not know, logging its id only: aiogram's own warning
    for it would print the whole update, user text and all (that warning is filtered out in ``setup_logging``).
    """

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if isinstance(event, Update) and not known_type(event):
            log.warning("update %s is of a type this bot does not know; ignored", event.update_id)
            return UNHANDLED
        task = asyncio.current_task()
        if task is None:
            return await handler(event, data)
        self.tasks.add(task)
        try:
            return await handler(event, data)
        finally:
            self.tasks.discard(task)

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Wait until the updates being handled are done (at most ``timeout`` seconds)."""
        running = self.tasks - {asyncio.current_task()}
        if not running:
            return
        log.info("stopping: finishing %d updates being handled", len(running))
        _, unfinished = await asyncio.wait(running, timeout=timeout)
        if unfinished:
            log.warning("stopping: %d updates were not finished within %.0f s", len(unfinished), timeout)


def known_type(update: Update) -> bool:
    try:
        update.event_type  # noqa: B018 -- the property raises for a type aiogram does not know
    except UpdateTypeLookupError:
        return False
    return True


def track_updates(dp: Dispatcher) -> UpdatesInFlight:
    """Install the tracker; the dispatcher's shutdown first waits for the updates in flight (its own shutdown
    handlers run before every feature's, so counts are written after the last update is counted)."""
    tracker = UpdatesInFlight()
    dp.update.outer_middleware(tracker)

    async def finish_updates() -> None:
        await tracker.drain()

    dp.shutdown.register(finish_updates)
    return tracker


async def check_token(bot: Bot) -> None:
    """Ask Telegram who the bot is: a refused token fails here, before anything else is opened or registered."""
    me = await bot.me()
    log.info("running as @%s (id %s)", me.username, me.id)


async def open_dispatcher(settings: Settings, db: Database) -> Dispatcher:
    try:
        dp = await create_dispatcher(settings, db, flood_control=True)
    except DatabaseUnavailable as exc:
        raise StartupError("DATABASE_PATH", f"cannot open the database: {exc}") from exc
    track_updates(dp)
    return dp


async def run_polling(settings: Settings) -> None:
    bot = create_bot(settings)  # checks the token's form before anything is opened
    db = Database(database_path(settings))
    try:
        await check_token(bot)
        dp = await open_dispatcher(settings, db)
        await bot.delete_webhook(drop_pending_updates=False)
        # aiogram stops polling on SIGINT/SIGTERM and emits shutdown, whose first handler waits for the updates
        # being handled. Taking at most CONCURRENT_UPDATES at a time leaves the rest waiting at Telegram.
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(), handle_signals=True,
                               tasks_concurrency_limit=CONCURRENT_UPDATES)
    finally:
        await bot.session.close()
        await db.close()


def chat_of(update: Update) -> Hashable:
    """Whose updates must be handled in order: the chat's, else the user's; an update of neither stands alone."""
    if known_type(update):
        context = UserContextMiddleware.resolve_event_context(update)
        if context.chat is not None:
            return ("chat", context.chat.id)
        if context.user is not None:
            return ("user", context.user.id)
    return ("update", update.update_id)


class WebhookUpdates:
    """POST /webhook: checks Telegram's secret, answers at once and handles the update in the background.

    A request without the right secret gets 403; a body that is not a Telegram update (not JSON, nested too
    deep, JSON of another shape) gets 400 and one log line without its content. A chat's updates are handled
    in the order they came, one at a time, and at most ``concurrent`` updates at once; with ``pending_limit``
    updates waiting, Telegram gets 429 and sends the update again later.
    """

    def __init__(self, dp: Dispatcher, bot: Bot, secret: str, *, concurrent: int = CONCURRENT_UPDATES,
                 pending_limit: int = PENDING_LIMIT, chat_backlog_limit: int = CHAT_BACKLOG_LIMIT) -> None:
        self.dp = dp
        self.bot = bot
        self.secret = secret
        self.pending_limit = pending_limit
        self.chat_backlog_limit = chat_backlog_limit
        self.slots = asyncio.Semaphore(concurrent)
        self.backlogs: dict[Hashable, deque[tuple[Update, float]]] = {}
        self.workers: set[asyncio.Task[None]] = set()
        self.pending = 0  # accepted and not yet handled, in every backlog
        self.refusing = False

    async def handle(self, request: web.Request) -> web.Response:
        if not secrets.compare_digest(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), self.secret):
            return web.Response(text="Forbidden", status=403)
        try:
            data = json.loads(await request.read())
            update = Update.model_validate(data, context={"bot": self.bot})
        except (ValueError, RecursionError, ValidationError) as exc:  # JSONDecodeError is a ValueError
            log.warning("webhook: a request that is not a Telegram update (%s); answered 400", type(exc).__name__)
            return web.Response(text="Bad Request", status=400)
        if self.pending >= self.pending_limit:
            if not self.refusing:
                log.warning("webhook: %d updates waiting; answering 429 until fewer wait", self.pending)
                self.refusing = True
            return web.Response(text="Too Many Requests", status=429, headers={"Retry-After": "1"})
        if self.refusing and self.pending < self.pending_limit // 2:
            log.info("webhook: %d updates waiting; accepting again", self.pending)
            self.refusing = False
        self.accept(update)
        return web.json_response({})

    def accept(self, update: Update) -> None:
        key = chat_of(update)
        backlog = self.backlogs.get(key)
        if backlog is None:
            backlog = self.backlogs[key] = deque()
            worker = asyncio.create_task(self.work(key, backlog))
            self.workers.add(worker)
            worker.add_done_callback(self.workers.discard)
        elif len(backlog) >= self.chat_backlog_limit:
            log.debug("webhook: update %s dropped, %d waiting from the same chat", update.update_id, len(backlog))
            return
        backlog.append((update, time.monotonic()))
        self.pending += 1

    async def work(self, key: Hashable, backlog: deque[tuple[Update, float]]) -> None:
        """Handle one chat's updates in order until none is left."""
        try:
            while backlog:
                update, received_at = backlog[0]
                async with self.slots:
                    await self.feed(update, received_at)
                backlog.popleft()
                self.pending -= 1
        finally:
            self.pending -= len(backlog)  # cancelled at shutdown: these are not handled
            del self.backlogs[key]

    async def feed(self, update: Update, received_at: float) -> None:
        try:
            # Flood control judges a sender by when their updates arrived, not by when their turn came.
            await self.dp.feed_update(self.bot, update, received_at=received_at)
        except Exception:  # the dispatcher's error handler has answered the user; nothing may escape a task
            log.exception("update %s failed", update.update_id)

    async def join(self) -> None:
        """Wait until every update accepted so far is handled."""
        while self.workers:
            await asyncio.wait(set(self.workers))

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Finish the updates accepted (at most ``timeout`` seconds); those left then are dropped and counted."""
        if self.workers:
            log.info("stopping: finishing %d updates", self.pending)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.join(), timeout)
        if self.workers:
            log.warning("stopping: %d updates not handled within %.0f s are dropped", self.pending, timeout)
            unfinished = set(self.workers)
            for worker in unfinished:
                worker.cancel()
            await asyncio.gather(*unfinished, return_exceptions=True)


UPDATES = web.AppKey("updates", WebhookUpdates)


def webhook_app(settings: Settings, dp: Dispatcher, bot: Bot, secret: str) -> web.Application:
    """The aiohttp app: POST /webhook for Telegram, GET / for a health check; ``app[UPDATES]`` takes the updates.

    Starting it runs every feature's start-up; it does not register the webhook (``set_webhook`` does, once the
    server listens). Stopping it finishes the updates accepted, then runs every feature's shutdown.
    """
    updates = WebhookUpdates(dp, bot, secret)
    data = {**dp.workflow_data, "dispatcher": dp, "bots": [bot], "bot": bot}

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def on_startup(_: web.Application) -> None:
        await dp.emit_startup(**data)

    async def on_shutdown(_: web.Application) -> None:
        await updates.drain()
        await dp.emit_shutdown(**data)

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[UPDATES] = updates
    app.router.add_get("/", health)
    app.router.add_post(WEBHOOK_PATH, updates.handle)
    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    return app


async def set_webhook(settings: Settings, dp: Dispatcher, bot: Bot, secret: str) -> None:
    """Tell Telegram where to post updates, with the secret it must send along."""
    await bot.set_webhook(f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=secret,
                          allowed_updates=dp.resolve_used_update_types())


async def run_webhook(settings: Settings) -> None:
    bot = create_bot(settings)  # checks the token's form before anything is opened
    db = Database(database_path(settings))
    runner: web.AppRunner | None = None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await check_token(bot)
        dp = await open_dispatcher(settings, db)
        # Without a configured secret, a random one still keeps strangers from posting fake updates.
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
        runner = web.AppRunner(webhook_app(settings, dp, bot, secret), **RUNNER_OPTIONS)
        await runner.setup()
        site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
        try:
            await site.start()
        except OSError as exc:
            raise StartupError("WEBHOOK_PORT", f"cannot listen on {settings.webhook_host}:{settings.webhook_port}:"
                               f" {exc.strerror or exc}") from exc
        await set_webhook(settings, dp, bot, secret)
        log.info("webhook server on %s:%s", settings.webhook_host, settings.webhook_port)
        await stop.wait()
        log.info("stopping: no new updates are taken")
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()
        await db.close()


def serve(settings: Settings, mode: str) -> int:
    """Run on Telegram in ``mode`` ("polling" or "webhook") until stopped; the process's exit status.

    0 after a stop by signal; 2 with one line on stderr when start-up fails on something the operator fixes
    (the token, the database path, the port); 1 with the traceback in the log on anything else.
    """
    from aiogram.exceptions import TelegramUnauthorizedError
    from aiogram.utils.token import TokenValidationError

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run_polling(settings) if mode == "polling" else run_webhook(settings))
    except (TelegramUnauthorizedError, TokenValidationError):
        print("configuration error: BOT_TOKEN: Telegram does not accept this token; check it with @BotFather",
              file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except Exception:
        # Through logging, not Python's bare traceback, so the token is redacted from it.
        logging.getLogger("bot").critical("the bot stopped", exc_info=True)
        return 1
    return 0
