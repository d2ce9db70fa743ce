"""Load held (issue 17, item 8): ``python -m bot`` handles at most 64 updates at once, and 2,000 updates
from 200 users through the webhook, posted as fast as Telegram's 40 connections would, leave it within
160 MB of RSS.

Before the bound, the same burst took RSS from 94 MB to 173 MB, and it stayed there. The burst runs with
``pytest -m slow`` (about 90 s: the replies go out at Telegram's pace, ~25 a second).
"""

from __future__ import annotations

import asyncio
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.background import BackgroundServer
from tests.e2e.conftest import BOT_READY_DEADLINE, WEBHOOK_SECRET, bot_environment
from tests.e2e.fake_bot_api import FakeBotAPI, Fault
from tests.e2e.processes import BotProcess, free_port, wait_until

pytestmark = pytest.mark.e2e
USERS, PER_USER = 200, 10
TELEGRAM_CONNECTIONS = 40  # Telegram's default max_connections for a webhook
RSS_LIMIT_MB = 160.0
TEXTS = ["главный специалист", "D-O-4", "/start", "сколько получает главный специалист", "как пожаловаться в акимат",
         "бас маман", "водитель акима района", "могу ли я стать госслужащим", "Е-Г-3", "кукареку абвгд"]
HANDLED = re.compile(r"Update id=(\d+) is (?:not )?handled")


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI()
    server = BackgroundServer(fake.app()).start()
    fake.url = server.url
    try:
        yield fake
    finally:
        server.stop()


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


async def post_all(url: str, updates: list[dict[str, Any]]) -> Counter[int]:
    """Post every update as Telegram would: 40 connections, and an update answered 429 sent again a second later."""
    statuses: Counter[int] = Counter()
    connections = asyncio.Semaphore(TELEGRAM_CONNECTIONS)
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with aiohttp.ClientSession() as http:
        async def deliver(update: dict[str, Any]) -> None:
            while True:
                async with connections, http.post(url, json=update, headers=headers) as response:
                    statuses[response.status] += 1
                    if response.status != 429:
                        return
                await asyncio.sleep(1.0)  # Telegram's own wait before it tries again

        await asyncio.gather(*(deliver(update) for update in updates))
    return statuses


def test_polling_handles_at_most_64_updates_at_once(telegram: FakeBotAPI, tmp_path: Path) -> None:
    """70 users write at once and Telegram holds every reply; each reply let through lets one more update in."""
    users = range(910_001, 910_071)
    holds = {user: threading.Event() for user in users}
    for user, hold in holds.items():
        telegram.inject(Fault("sendMessage", chat_id=user, hold=hold))
    bot = BotProcess(bot_environment(telegram.url, tmp_path), tmp_path / "bot.log").start()
    released_at: list[float] = []
    try:
        wait_until(lambda: telegram.polls() or not bot.running, BOT_READY_DEADLINE, "the bot to poll", bot.describe)
        for user in users:
            telegram.user_writes(user, "/start")

        def replies() -> list[Any]:
            return [r for r in telegram.requests if r.method == "sendMessage" and r.chat_id in holds]

        for done in range(len(users)):
            in_hand = min(64, len(users) - done)
            wait_until(lambda: len(replies()) - done >= in_hand, 60.0,  # noqa: B023 -- read at once
                       f"{in_hand} replies held", bot.describe)
            first_waiting = replies()[done].chat_id
            released_at.append(time.monotonic())
            holds[first_waiting].set()
        arrivals = [r.at for r in replies()]
        most = max(sum(a <= at for a in arrivals) - sum(r <= at for r in released_at) for at in arrivals)
        assert most == 64, f"{most} updates were handled at once"
    finally:
        for hold in holds.values():
            hold.set()
        bot.stop()


@pytest.mark.slow
def test_a_burst_of_2000_updates_from_200_users_leaves_rss_within_160_mb(
        telegram: FakeBotAPI, tmp_path: Path) -> None:
    port = free_port()
    env = bot_environment(telegram.url, tmp_path)
    env.update(WEBHOOK_URL="https://bot.example.kz", WEBHOOK_SECRET=WEBHOOK_SECRET, WEBHOOK_HOST="127.0.0.1",
               WEBHOOK_PORT=str(port))
    bot = BotProcess(env, tmp_path / "bot.log").start()
    try:
        wait_until(lambda: any(r.method == "setWebhook" for r in telegram.requests) or not bot.running,
                   BOT_READY_DEADLINE, "the bot to register its webhook", bot.describe)
        ready_mb = memory_mb(bot.pid, "VmRSS")
        users = range(900_001, 900_001 + USERS)
        updates = [telegram.update_from(user, TEXTS[(user + k) % len(TEXTS)])
                   for k in range(PER_USER) for user in users]
        statuses = asyncio.run(post_all(f"http://127.0.0.1:{port}/webhook", updates))
        assert set(statuses) <= {200, 429}, statuses

        def handled() -> int:
            return len(set(HANDLED.findall(bot.log())))

        wait_until(lambda: handled() == len(updates) or not bot.running, 300.0, "every update handled",
                   bot.describe)
        after_mb, peak_mb = memory_mb(bot.pid, "VmRSS"), memory_mb(bot.pid, "VmHWM")
        figures = (f"RSS {ready_mb:.0f} MB ready, {after_mb:.0f} MB after the burst (peak {peak_mb:.0f} MB); "
                   f"{statuses[429]} posts answered 429 and sent again")
        print(figures)
        assert after_mb <= RSS_LIMIT_MB, figures
        assert all(telegram.sent_to(user) for user in users), "every user was answered"
        bot.send_signal(signal.SIGTERM)
        assert bot.wait(60.0) == 0, bot.describe()
    finally:
        bot.stop()
