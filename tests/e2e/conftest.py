"""Fixtures that start the emulator, the quirk-fixing proxy and the bot as shipped, and stop them after.

Each test module gets its own emulator and bot (a webhook stays registered in an emulator, and a
fresh one keeps modules independent); each test talks as its own users, so tests share the bot safely.
"""

from __future__ import annotations

import itertools
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.background import BackgroundServer
from tests.e2e.emulator_proxy import EmulatorProxy
from tests.e2e.processes import BotProcess, Emulator, free_port, wait_until
from tests.e2e.telegram_user import TelegramUser

# Shaped like a real token (aiogram checks the shape) but never valid anywhere.
TOKEN = "123456789:AAE2eTestTokenNeverValid_0123456789abc"
WEBHOOK_SECRET = "e2e-webhook-secret_0123456789"
BOT_READY_DEADLINE = 60.0  # generous: start-up is mostly imports, slow on a loaded machine
_user_ids = itertools.count(700_001)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: runs the bot as shipped over HTTP against a Bot API emulator")


def bot_environment(api_base: str, workdir: Path) -> dict[str, str]:
    """What the bot needs to run against a test Bot API: the token, the API base, its own database.

    Every setting is given explicitly, so a developer's ``.env`` cannot switch the mode or the log level.
    """
    return {"BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": api_base, "DATABASE_PATH": str(workdir / "bot.sqlite3"),
            "WEBHOOK_URL": "", "WEBHOOK_SECRET": "", "ADMIN_IDS": "", "LOG_LEVEL": "INFO"}


@dataclass
class Stack:
    """The running pieces of one e2e module: emulator, proxy and bot."""

    emulator: Emulator
    proxy: EmulatorProxy
    bot: BotProcess
    webhook_url: str = ""  # where the bot itself listens, in webhook mode

    def user(self, language_code: str = "ru", first_name: str = "Айгерим") -> TelegramUser:
        """A new user (own private chat) whose Telegram app is set to ``language_code``."""
        return TelegramUser(self.emulator.url, TOKEN, next(_user_ids), language_code, first_name,
                            describe_bot=self.bot.describe)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    running = Emulator()
    try:
        yield running.start()
    finally:
        running.stop()


@pytest.fixture(scope="module")
def proxy(emulator: Emulator) -> Iterator[EmulatorProxy]:
    fixing = EmulatorProxy(emulator.url)
    server = BackgroundServer(fixing.app()).start()
    fixing.public_url = server.url
    try:
        yield fixing
    finally:
        server.stop()


@pytest.fixture(scope="module")
def start_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., BotProcess]]:
    """Start ``python -m bot`` with an environment; every bot started is stopped after the module."""
    started: list[BotProcess] = []

    def start(env: dict[str, str]) -> BotProcess:
        log = tmp_path_factory.mktemp("bot-log") / "bot.log"
        bot = BotProcess(env, log)
        started.append(bot)
        return bot.start()

    try:
        yield start
    finally:
        for bot in started:
            bot.stop()


@pytest.fixture(scope="module")
def polling_stack(emulator: Emulator, proxy: EmulatorProxy, start_bot: Callable[..., BotProcess],
                  tmp_path_factory: pytest.TempPathFactory) -> Stack:
    """The bot as shipped, long-polling the emulator through the proxy."""
    bot = start_bot(bot_environment(proxy.public_url, tmp_path_factory.mktemp("polling")))
    wait_until(lambda: proxy.polls > 0 or not bot.running, BOT_READY_DEADLINE, "the bot to poll",
               bot.describe)
    assert bot.running, bot.describe()
    return Stack(emulator, proxy, bot)


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def webhook_stack(emulator: Emulator, proxy: EmulatorProxy, start_bot: Callable[..., BotProcess],
                  tmp_path_factory: pytest.TempPathFactory) -> Stack:
    """The bot as shipped in webhook mode: Telegram (emulator + proxy) posts updates to its server."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = bot_environment(proxy.public_url, tmp_path_factory.mktemp("webhook"))
    env.update(WEBHOOK_URL=base, WEBHOOK_SECRET=WEBHOOK_SECRET, WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(port))
    bot = start_bot(env)
    wait_until(lambda: not bot.running or (proxy.bot_webhook is not None and _answers_http(base + "/")),
               BOT_READY_DEADLINE, "the bot's webhook server", bot.describe)
    assert bot.running, bot.describe()
    assert proxy.bot_webhook is not None
    return Stack(emulator, proxy, bot, webhook_url=proxy.bot_webhook["url"])
