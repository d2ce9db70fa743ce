"""Security and privacy: the token stays out of every log, admin commands check ADMIN_IDS, /forget forgets."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import socket
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiogram import Dispatcher, Router
from aiogram.filters import Command
from aiogram.types import Message
from aiohttp import web

from bot.config import Settings
from bot.i18n import default_i18n
from bot.runtime.app import create_bot
from bot.runtime.console import Conversation, RecordingSession, visible_text
from bot.runtime.logs import RedactingFilter
from handlers.callbacks import CmpCb, LangCb
from handlers.filters import IsAdmin
from tests.conftest import offline_settings, start_env

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:AAHsecretPartThatMustNeverShow_x9"
SECRET = TOKEN.partition(":")[2]
HOOK_SECRET = "hook_Secret_value_42"
I18N = default_i18n()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BadBotAPI:
    """A Bot API that fails in ways that put the request URL (and so the token) into the error."""

    def __init__(self, fault: str) -> None:
        self.fault = fault
        self.calls: list[str] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        method = request.path.rsplit("/", 1)[-1]
        self.calls.append(method)
        if self.fault == "echo-401":
            return web.json_response({"ok": False, "error_code": 401, "description": f"Unauthorized {request.path}"},
                                     status=401)
        if self.fault == "html-502":
            return web.Response(status=502, text=f"<html><h1>502</h1>upstream {request.url}</html>")
        if method == "getMe":
            return web.json_response({"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "Bot",
                                                             "username": "gos_bot"}})
        if method in ("getUpdates", "setWebhook") or self.fault == "echo-500-later":
            return web.json_response({"ok": False, "error_code": 500,
                                      "description": f"Internal error at {request.url}"}, status=500)
        return web.json_response({"ok": True, "result": True})


async def run_bot(api_base: str, tmp_path: Path, api: BadBotAPI | None, mode: str = "polling") -> tuple[str, bool]:
    """Run ``python -m bot`` until it stops or has retried a few times: what it printed, whether it stopped."""
    env = {k: v for k, v in os.environ.items() if k not in {"WEBHOOK_URL", "WEBHOOK_SECRET"}}
    env.update({"BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": api_base, "DATABASE_PATH": str(tmp_path / "b.db"),
                "LOG_LEVEL": "DEBUG", "PYTHONPATH": str(ROOT)})
    if mode == "webhook":
        env.update({"WEBHOOK_URL": "https://bot.example.kz", "WEBHOOK_HOST": "127.0.0.1",
                    "WEBHOOK_PORT": str(free_port()), "WEBHOOK_SECRET": HOOK_SECRET})
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", mode, cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        for _ in range(600):  # until it exits, or has failed at least three requests and kept going
            if child.returncode is not None or (api and api.calls.count("getUpdates") >= 3):
                break
            await asyncio.sleep(0.05)
    finally:
        stopped = child.returncode is not None
        if not stopped:
            child.terminate()
        output, _ = await asyncio.wait_for(child.communicate(), 30)
    return output.decode(), stopped


@pytest.mark.parametrize(("fault", "mode", "expected"), [
    ("unreachable", "polling", "the bot stopped"),
    ("echo-401", "polling", "BOT_TOKEN: Telegram does not accept this token"),
    ("html-502", "polling", "the bot stopped"),
    ("updates-fail", "polling", "Failed to fetch updates"),
    ("echo-500-later", "webhook", "the bot stopped"),
])
async def test_the_token_never_appears_in_logs_or_error_messages(tmp_path, fault, mode, expected):
    api = None
    if fault == "unreachable":
        base = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    else:
        api = BadBotAPI(fault)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", api.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        base = f"http://127.0.0.1:{port}"
    try:
        output, stopped = await run_bot(base, tmp_path, api, mode)
    finally:
        if api is not None:
            await runner.cleanup()
    assert expected in output, output[-2000:]
    assert SECRET not in output and HOOK_SECRET not in output, "a secret leaked"
    # A failed start ends the process (for a supervisor to restart it); failed polls are retried.
    assert stopped == (fault != "updates-fail"), output[-2000:]
    if api is not None and fault != "echo-401":
        assert "<BOT_TOKEN>" in output, "the fault did carry the token, and it was redacted"


def test_the_redacting_filter_covers_chained_exceptions_and_url_encoding():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(TOKEN))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    try:
        try:
            try:
                raise OSError(f"GET https://api.telegram.org/bot{TOKEN.replace(':', '%3A')}/getMe")
            except OSError as cause:
                raise RuntimeError("request failed") from cause
        except RuntimeError:
            logger.exception("while calling %s", f"/bot{TOKEN}/sendMessage")
        logger.warning("stack", stack_info=True, extra={"token": TOKEN})
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert SECRET not in text and "<BOT_TOKEN>" in text and "request failed" in text


def test_settings_never_print_the_token(tmp_path):
    settings = offline_settings(tmp_path / "b.db", bot_token=TOKEN, webhook_secret="hook_secret_value")
    shown = f"{settings!r} {settings} {settings.model_dump()}"
    assert SECRET not in shown and "hook_secret_value" not in shown


# -- admin-only commands ------------------------------------------------------------------------------

def admin_dispatcher(settings: Settings) -> Dispatcher:
    router = Router(name="admin-test")

    @router.message(Command("stats"), IsAdmin())
    async def stats(message: Message) -> None:
        await message.answer("users: 42")

    @router.message()
    async def anything_else(message: Message) -> None:
        await message.answer("ordinary answer")

    dp = Dispatcher(settings=settings)
    dp.include_router(router)
    return dp


@pytest.mark.parametrize(("admin_ids", "user_id", "admin"), [
    ("77, 78", 77, True), ("77,78", 78, True), ("77", 79, False), ("", 77, False), ("-100", 100, False),
])
async def test_only_users_in_admin_ids_get_admin_commands(tmp_path, admin_ids, user_id, admin):
    settings = offline_settings(tmp_path / "b.db", admin_ids=admin_ids)
    dp = admin_dispatcher(settings)
    chat = Conversation(dp, create_bot(settings, session=RecordingSession()), user_id=user_id)
    [reply] = await chat.send("/stats")
    assert reply.text == ("users: 42" if admin else "ordinary answer")


async def test_is_admin_refuses_an_update_without_a_user(tmp_path):
    settings = offline_settings(tmp_path / "b.db", admin_ids="77")
    assert await IsAdmin()(object(), settings=settings, event_from_user=None) is False


# -- /forget --------------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
FORGOTTEN = 987_654_321
KEPT = 987_654_322


def cells_mentioning(path: Path, user_id: int) -> list[tuple[str, tuple]]:
    """Every row of every table in which some value is, or contains, ``user_id``."""
    found = []
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                if any(cell == user_id or (isinstance(cell, str | bytes) and str(user_id) in str(cell))
                       for cell in row):
                    found.append((table, row))
    return found


async def use_every_feature(env, user_id: int) -> Conversation:
    """A user who has left something in every kind of storage the bot has."""
    chat = env.chat("ru", user_id)
    await chat.send("/start")
    await chat.press_data(LangCb(code="kk").pack())
    registered = (NOW.date() - timedelta(days=1)).isoformat()
    [reminder_set] = await chat.press_data(CmpCb(action="remind", arg=registered).pack())
    assert reminder_set.text.startswith(visible_text(I18N("kk")("reminder-set", date="")).split()[0])
    # An appeal draft half written: what the user typed is kept in the flow's data until it is done.
    await chat.send("/complaint")
    await chat.press_data(CmpCb(action="draft").pack())
    await chat.send(f"Аким района, жалоба от {user_id}")
    return chat


@pytest.fixture
async def started(env):
    """The bot after start-up, when every feature has registered what /forget must delete."""
    env.dp["clock"] = lambda: NOW
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    yield env
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)


async def test_forget_deletes_everything_stored_about_the_user_and_says_so(started):
    env = started
    chat = await use_every_feature(env, FORGOTTEN)
    await use_every_feature(env, KEPT)
    tables = {table for table, _ in cells_mentioning(env.settings.database_path, FORGOTTEN)}
    assert {"users", "fsm", "appeal_reminders"} <= tables
    [question] = await chat.send("/forget")
    assert question.labels == [[visible_text(I18N("kk")("forget-yes")), visible_text(I18N("kk")("forget-no"))]]
    [done] = await chat.press(visible_text(I18N("kk")("forget-yes")))
    assert done.text == visible_text(I18N("kk")("forget-done")) and done.edited  # in the language chosen
    assert cells_mentioning(env.settings.database_path, FORGOTTEN) == []
    assert cells_mentioning(env.settings.database_path, KEPT), "someone else's data is untouched"
    # Nothing lingers in memory either: the next answer is in the phone's language, no flow is open.
    [reply] = await chat.send("/help")
    assert reply.text.startswith("Что я умею")
    assert await env.dp.fsm.get_context(env.bot, FORGOTTEN, FORGOTTEN).get_data() == {}


async def test_forget_can_be_declined(started):
    env = started
    chat = await use_every_feature(env, FORGOTTEN)
    await chat.send("/forget")
    [kept] = await chat.press(visible_text(I18N("kk")("forget-no")))
    assert kept.text == visible_text(I18N("kk")("forget-kept"))
    assert cells_mentioning(env.settings.database_path, FORGOTTEN)


async def test_forgotten_text_does_not_linger_in_the_database_files(started):
    env = started
    chat = env.chat("ru", FORGOTTEN)
    await chat.send("/complaint")
    await chat.press_data(CmpCb(action="draft").pack())
    await chat.send("Аким района Сарыарка, жалоба Ерлана Қасымова")
    await env.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the draft reaches the main file too
    secret = "Ерлана Қасымова".encode()

    def on_disk() -> bool:
        return any(secret in path.read_bytes() for path in env.settings.database_path.parent.glob("*.sqlite3*"))

    assert on_disk()
    await chat.send("/forget")
    await chat.press(I18N("ru")("forget-yes"))
    assert not on_disk()


async def test_the_real_stats_command_answers_admins_only(tmp_path):
    env = await start_env(tmp_path / "b.db", admin_ids="4242")
    try:
        [admin] = await env.chat("ru", 4242).send("/stats")
        assert admin.text.startswith(visible_text(I18N("ru")("stats-title")).strip())
        [stranger] = await env.chat("ru", 4243).send("/stats")
        assert visible_text(I18N("ru")("stats-title")).strip() not in stranger.text
    finally:
        await env.db.close()
