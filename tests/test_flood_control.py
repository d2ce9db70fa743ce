"""Flood control through the real dispatcher (incoming) and the bot's session (outgoing), on fake clocks."""

from __future__ import annotations

from pathlib import Path

from aiogram import methods
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.types import PhotoSize

from bot.app import create_bot, create_dispatcher
from bot.console import RecordingSession
from bot.i18n import default_i18n
from bot.pacing import PacingMiddleware
from bot.storage import Database
from handlers.throttling import ThrottlingMiddleware
from tests.conftest import BotEnv, offline_settings

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
