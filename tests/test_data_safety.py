"""Storage under load and under a crash: nothing committed is lost, the database stays sound."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handlers.callbacks import CmpCb, LangCb
from tests.conftest import start_env

ROOT = Path(__file__).resolve().parent.parent
USERS = 1000


def languages(path: Path) -> dict[int, str | None]:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return dict(conn.execute("SELECT user_id, language FROM users"))


def choice(user_id: int, step: int) -> str:
    return ("kk", "ru")[(user_id + step) % 2]


def reminders(path: Path) -> dict[int, set[str]]:
    """Each user's pending reminders, by the registration date of their appeal."""
    found: dict[int, set[str]] = {}
    with sqlite3.connect(path) as conn:
        for user_id, registered in conn.execute(
                "SELECT user_id, registered FROM appeal_reminders WHERE status = 'pending'"):
            found.setdefault(user_id, set()).add(registered)
    return found


NOW = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
APPEALS = [(NOW.date() - timedelta(days=d)).isoformat() for d in (1, 2)]


@pytest.mark.slow  # 1,000 users: a load test, run by .ci/run's long step
async def test_a_thousand_users_switching_language_and_setting_reminders_at_once_lose_no_write(env, caplog):
    caplog.set_level(logging.WARNING, logger="aiogram.event")  # a line per update would triple the run time
    env.dp["clock"] = lambda: NOW
    chats = [env.chat("ru", 100_000 + i) for i in range(USERS)]

    def appeals(user_id: int) -> list[str]:
        return APPEALS[: 1 + user_id % 2]

    async def use(chat, steps: int) -> None:
        for step in range(steps):
            await chat.press_data(LangCb(code=choice(chat.user_id, step)).pack())
        double_tap = [APPEALS[0]] if chat.user_id % 5 == 0 else []
        for registered in [*appeals(chat.user_id), *double_tap]:
            await chat.press_data(CmpCb(action="remind", arg=registered).pack())

    # Each user switches one to three times; all of them interleave on the one connection.
    await asyncio.gather(*(use(chat, 1 + chat.user_id % 3) for chat in chats))
    async with env.db.conn.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone())[0] == "wal"
    await env.db.close()
    stored = languages(env.settings.database_path)
    expected = {chat.user_id: choice(chat.user_id, chat.user_id % 3) for chat in chats}
    assert {uid: stored.get(uid) for uid in expected} == expected
    assert reminders(env.settings.database_path) == {uid: set(appeals(uid)) for uid in expected}
    # And the bot, restarted, answers each in the language they chose last.
    restarted = await start_env(env.settings.database_path)
    for chat in chats[:20]:
        [reply] = await restarted.chat("ru", chat.user_id).send("/help")
        assert reply.text.startswith("Что я умею" if expected[chat.user_id] == "ru" else "Не істей аламын")
    await restarted.db.close()


WRITER = textwrap.dedent("""
    import asyncio, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from handlers.callbacks import LangCb
    from handlers.callbacks import CmpCb
    from tests.conftest import start_env

    async def main():
        env = await start_env(Path(sys.argv[1]))
        env.dp["clock"] = lambda: datetime.fromisoformat(sys.argv[2])
        user_id = 1
        while True:
            chat = env.chat("ru", user_id)
            await chat.press_data(LangCb(code=("kk", "ru")[user_id % 2]).pack())
            await chat.press_data(CmpCb(action="remind", arg=sys.argv[3]).pack())
            print(user_id, flush=True)  # the handlers have committed by the time they have answered
            user_id += 1

    asyncio.run(main())
""")


@pytest.mark.slow  # kill -9 of a writer: run by .ci/run's long step
def test_a_process_killed_mid_write_loses_nothing_it_had_committed(tmp_path):
    path = tmp_path / "bot.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), NOW.isoformat(), APPEALS[0]], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    confirmed: list[int] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            confirmed.append(int(line))
            if len(confirmed) == 300:
                child.send_signal(signal.SIGKILL)  # no clean shutdown: it is in the middle of the next write
                break
    finally:
        child.kill()
        _, stderr = child.communicate(timeout=30)
    assert len(confirmed) == 300, stderr
    stored = languages(path)
    assert all(stored.get(uid) == ("kk", "ru")[uid % 2] for uid in confirmed)
    pending = reminders(path)
    assert all(pending.get(uid) == {APPEALS[0]} for uid in confirmed)
    # The restarted bot opens the same file and keeps writing.
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO users (user_id, language, created_at, updated_at) VALUES (-1, 'kk', 0, 0)")
    assert languages(path)[-1] == "kk"
