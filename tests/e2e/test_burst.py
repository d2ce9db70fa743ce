"""Memory after a burst (issue 17, item 8): 2,000 updates from 200 users through the webhook, posted as
fast as Telegram's 40 connections would, leave ``python -m bot`` within 160 MB of RSS.

Before the webhook bounded its work, the same burst took RSS from 94 MB to 173 MB, and it stayed there.
Run with ``pytest -m slow`` (about two minutes: the replies go out at Telegram's pace, ~25 a second).
"""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.background import BackgroundServer
from tests.e2e.conftest import BOT_READY_DEADLINE, WEBHOOK_SECRET, bot_environment
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.processes import BotProcess, free_port, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
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
