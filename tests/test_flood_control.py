"""Flood control through the real dispatcher (incoming) and the bot's session (outgoing), on fake clocks."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from pathlib import Path

import pytest
from aiogram import methods
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.types import PhotoSize
from aiohttp import web

from bot.i18n import default_i18n
from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.console import RecordingSession
from bot.runtime.pacing import PacingMiddleware
from bot.runtime.throttling import ThrottlingMiddleware
from bot.storage import Database
from tests.conftest import BotEnv, offline_settings

ROOT = Path(__file__).resolve().parent.parent
SLOW_DOWN = {lang: default_i18n()(lang)("throttle-slow-down") for lang in ("ru", "kk")}


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def flood_env(tmp_path: Path, clock: FakeClock) -> BotEnv:
    """The dispatcher as the Telegram transports build it (flood control on), with a fake clock."""
    settings = offline_settings(tmp_path / "bot.sqlite3")
    db = Database(settings.database_path)
    dp = await create_dispatcher(settings, db, flood_control=True)
    [throttle] = [m for m in dp.update.outer_middleware if isinstance(m, ThrottlingMiddleware)]
    throttle.clock = clock
    return BotEnv(dp, create_bot(settings, session=RecordingSession()), db, settings)


async def test_a_burst_of_thirty_messages_gets_one_slow_down_and_the_rest_are_dropped(tmp_path):
    clock = FakeClock()
    env = await flood_env(tmp_path, clock)
    flooder, other = env.chat("ru", 501), env.chat("kk", 502)
    replies = []
    for _ in range(30):
        replies += await flooder.send("главный специалист")
        clock.now += 1 / 30
    texts = [r.text for r in replies]
    assert texts.count(SLOW_DOWN["ru"]) == 1
    answered = len(texts) - 1
    assert 10 <= answered <= 11, texts  # the allowed burst; the other ~19 got nothing
    assert texts[answered] == SLOW_DOWN["ru"]  # the warning comes once the burst is used up
    # Someone else writing at the same moment is served as usual.
    [reply] = await other.send("/start")
    assert reply.text.startswith("Сәлеметсіз бе")
    # The flooder, after a pause, is answered again without another warning.
    clock.now += 15
    [reply] = await flooder.send("/help")
    assert reply.text.startswith("Что я умею")
    await env.db.close()


async def test_a_flood_of_button_presses_is_answered_silently_after_one_warning(tmp_path):
    clock = FakeClock()
    env = await flood_env(tmp_path, clock)
    chat = env.chat("kk", 503)
    [choose] = await chat.send("/language")
    russian = choose.buttons[0][1]
    replies = []
    for _ in range(30):
        replies += await chat.press_data(russian.callback_data, choose.message_id)
    assert [r.text for r in replies].count(SLOW_DOWN["ru"]) == 1  # in the language just chosen
    answered = env.session.of_type(methods.AnswerCallbackQuery)
    assert len(answered) == 30, "every press stops its button's spinner, dropped or not"
    await env.db.close()


async def test_an_album_of_ten_photos_gets_one_answer_not_a_warning(tmp_path):
    env = await flood_env(tmp_path, FakeClock())
    chat = env.chat("ru", 504)
    replies = []
    for i in range(10):
        photo = [PhotoSize(file_id=f"p{i}", file_unique_id=f"u{i}", width=90, height=90)]
        replies += await chat.send_message(photo=photo, media_group_id="album-1")
    assert len(replies) == 1
    assert replies[0].text.startswith("Я понимаю только текст")
    await env.db.close()


async def test_the_console_and_tests_are_not_throttled(env, chat):
    for _ in range(40):
        [reply] = await chat.send("/help")
    assert reply.text.startswith("Что я умею")


async def test_pacing_waits_only_when_one_chat_gets_a_long_run_of_messages(tmp_path):
    clock = FakeClock()
    settings = offline_settings(tmp_path / "bot.sqlite3")
    session = RecordingSession()
    bot = create_bot(settings, session=session)
    session.middleware(PacingMiddleware(clock=clock, sleep=clock.sleep))
    for i in range(3):
        await bot.send_message(1, f"ответ {i}")
        await bot.answer_callback_query(f"q{i}")  # not a message: never paced
    assert clock.slept == []
    for i in range(4):
        await bot.send_message(1, f"ещё {i}")
    await bot.send_message(2, "другой чат")
    assert clock.slept == [1.0, 1.0]  # the sixth and seventh message to chat 1, spaced a second apart
    assert [m.text for m in session.of_type(methods.SendMessage)][-1] == "другой чат"


def test_pacing_is_on_for_telegram_and_off_offline(tmp_path):
    settings = offline_settings(tmp_path / "bot.sqlite3", bot_token="123456:abcdefghijklmnop")
    online = create_bot(settings)
    assert isinstance(online.session, AiohttpSession)
    assert any(isinstance(m, PacingMiddleware) for m in online.session.middleware._middlewares)
    offline = create_bot(settings, session=RecordingSession())
    assert not any(isinstance(m, PacingMiddleware) for m in offline.session.middleware._middlewares)


# -- the bot as shipped: python -m bot polling, against a small fake Bot API ------------------------

class FloodingBotAPI:
    """Serves one getUpdates batch: a burst of ``count`` messages from one user; records what is sent."""

    def __init__(self, user_id: int, count: int) -> None:
        self.sent: list[dict] = []
        self.batch = [self.update(i + 1, user_id, f"главный специалист {i}") for i in range(count)]
        self.served = asyncio.Event()

    @staticmethod
    def update(update_id: int, user_id: int, text: str) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": "Флуд", "language_code": "ru"}
        return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()),
                                                    "chat": {"id": user_id, "type": "private"}, "from": user,
                                                    "text": text}}

    async def handle(self, request: web.Request) -> web.Response:
        method = request.path.rsplit("/", 1)[-1]
        params = dict(await request.post()) if request.can_read_body else {}
        if method == "getMe":
            return web.json_response({"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "B",
                                                             "username": "gos_bot"}})
        if method == "getUpdates":
            batch, self.batch = self.batch, []
            if not batch:
                self.served.set()
                await asyncio.sleep(0.2)
            return web.json_response({"ok": True, "result": batch})
        if method == "sendMessage":
            self.sent.append(params)
            chat = {"id": int(params["chat_id"]), "type": "private"}
            return web.json_response({"ok": True, "result": {"message_id": len(self.sent), "date": int(time.time()),
                                                             "chat": chat, "text": params["text"]}})
        return web.json_response({"ok": True, "result": True})


@pytest.mark.slow  # the shipped process paces its replies in real time: ~10 s
async def test_the_shipped_bot_cuts_a_burst_short(tmp_path):
    """Flood control is on in `python -m bot polling` (its replies are paced too, which takes a few seconds)."""
    api = FloodingBotAPI(user_id=777, count=30)
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", api.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    await web.TCPSite(runner, "127.0.0.1", port).start()
    env = {**os.environ, "BOT_TOKEN": "123456:floodtesttoken_abc", "TELEGRAM_API_BASE": f"http://127.0.0.1:{port}",
           "DATABASE_PATH": str(tmp_path / "b.db"), "PYTHONPATH": str(ROOT)}
    env.pop("WEBHOOK_URL", None)
    child = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "polling", cwd=tmp_path, env=env,
                                                 stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        await asyncio.wait_for(api.served.wait(), 60)
        for _ in range(400):  # the replies are paced: a second apart once the chat's burst is used
            if any(m["text"] == SLOW_DOWN["ru"] for m in api.sent) and len(api.sent) >= 11:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # anything more that was going to be sent
    finally:
        child.terminate()
        output, _ = await asyncio.wait_for(child.communicate(), 30)
        await runner.cleanup()
    texts = [m["text"] for m in api.sent]
    assert texts.count(SLOW_DOWN["ru"]) == 1, output.decode()[-2000:]
    assert 10 <= len(texts) - 1 <= 11, texts
