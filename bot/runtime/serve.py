"""Running on Telegram: long polling, or an aiohttp server for Telegram's webhook.

Both stop gracefully on SIGTERM or SIGINT (a PaaS sends SIGTERM on every deploy): updates being
handled finish, every feature's shutdown runs (counts and misses are written), the database closes,
and the process exits 0. A fatal error at start-up (a token Telegram refuses, a port in use) exits
non-zero at once, with everything opened so far closed again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import sys
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.config import Settings
from bot.runtime.app import create_bot, create_dispatcher, database_path
from bot.storage import Database

log = logging.getLogger(__name__)
WEBHOOK_PATH = "/webhook"
# How long a shutdown waits for updates still being handled before it closes the database under them.
DRAIN_SECONDS = 10.0
# Telegram's updates are a few kilobytes; a body far larger than that is not from Telegram.
MAX_BODY_BYTES = 1 << 20


async def run_polling(settings: Settings) -> None:
    bot = create_bot(settings)  # checks the token's form before anything is opened
    db = Database(database_path(settings))
    try:
        dp = await create_dispatcher(settings, db, flood_control=True)
        await bot.delete_webhook(drop_pending_updates=False)
        # aiogram stops polling on SIGINT/SIGTERM, lets running handlers finish and emits shutdown.
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(), handle_signals=True)
    finally:
        await bot.session.close()
        await db.close()


class WebhookUpdates:
    """POST /webhook: checks Telegram's secret, answers 200 at once and handles the update in the background.

    A request without the right secret gets 403; a body that is not a Telegram update (not JSON, nested
    too deep, JSON of another shape) gets 400 and one log line without its content.
    """

    def __init__(self, dp: Dispatcher, bot: Bot, secret: str) -> None:
        self.dp = dp
        self.bot = bot
        self.secret = secret
        self.running: set[asyncio.Task[Any]] = set()

    async def handle(self, request: web.Request) -> web.Response:
        if not secrets.compare_digest(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), self.secret):
            return web.Response(text="Forbidden", status=403)
        try:
            data = json.loads(await request.read())
            update = Update.model_validate(data, context={"bot": self.bot})
        except (ValueError, RecursionError, ValidationError) as exc:  # JSONDecodeError is a ValueError
            log.warning("webhook: a request that is not a Telegram update (%s); answered 400", type(exc).__name__)
            return web.Response(text="Bad Request", status=400)
        task = asyncio.create_task(self.feed(update))
        self.running.add(task)
        task.add_done_callback(self.running.discard)
        return web.json_response({})

    async def feed(self, update: Update) -> None:
        try:
            await self.dp.feed_update(self.bot, update)
        except Exception:  # the dispatcher's error handler has answered the user; nothing may escape a task
            log.exception("update %s failed", update.update_id)

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Wait for the updates still being handled (at most ``timeout`` seconds)."""
        if self.running:
            await asyncio.wait(set(self.running), timeout=timeout)


def webhook_app(settings: Settings, dp: Dispatcher, bot: Bot, secret: str) -> web.Application:
    """The aiohttp app: POST /webhook for Telegram, GET / for a health check."""
    updates = WebhookUpdates(dp, bot, secret)
    data = {**dp.workflow_data, "dispatcher": dp, "bots": [bot], "bot": bot}

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def on_startup(_: web.Application) -> None:
        await dp.emit_startup(**data)
        await bot.set_webhook(
            f"{settings.webhook_url}{WEBHOOK_PATH}", secret_token=secret,
            allowed_updates=dp.resolve_used_update_types(),
        )

    async def on_shutdown(_: web.Application) -> None:
        await updates.drain()
        await dp.emit_shutdown(**data)

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_get("/", health)
    app.router.add_post(WEBHOOK_PATH, updates.handle)
    app.on_startup.append(on_startup)
    app.on_shutdown.append(on_shutdown)
    return app


async def run_webhook(settings: Settings) -> None:
    bot = create_bot(settings)  # checks the token's form before anything is opened
    db = Database(database_path(settings))
    runner: web.AppRunner | None = None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        dp = await create_dispatcher(settings, db, flood_control=True)
        # Without a configured secret, a random one still keeps strangers from posting fake updates.
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
        runner = web.AppRunner(webhook_app(settings, dp, bot, secret), handle_signals=False)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        log.info("webhook server on %s:%s", settings.webhook_host, settings.webhook_port)
        await stop.wait()
        log.info("stopping: finishing the updates being handled")
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()
        await db.close()


def serve(settings: Settings, mode: str) -> int:
    """Run on Telegram in ``mode`` ("polling" or "webhook") until stopped; the process's exit status."""
    from aiogram.exceptions import TelegramUnauthorizedError
    from aiogram.utils.token import TokenValidationError

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run_polling(settings) if mode == "polling" else run_webhook(settings))
    except (TelegramUnauthorizedError, TokenValidationError):
        print("configuration error: BOT_TOKEN: Telegram does not accept this token; check it with @BotFather",
              file=sys.stderr)
        return 2
    except Exception:
        # Through logging, not Python's bare traceback, so the token is redacted from it.
        logging.getLogger("bot").critical("the bot stopped", exc_info=True)
        return 1
    return 0
