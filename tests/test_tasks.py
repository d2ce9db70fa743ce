"""The one owner of background work: started with the dispatcher, stopped with it, counts written last."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.deadlines import appeal_due
from tests.conftest import BotEnv

NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


async def _stored_counts(env: BotEnv) -> dict[str, int]:
    async with env.db.conn.execute("SELECT kind, SUM(n) FROM question_counts GROUP BY kind") as cur:
        return dict(await cur.fetchall())


async def test_stopping_writes_the_counts_kept_in_memory(env: BotEnv) -> None:
    env.dp["clock"] = lambda: NOW
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    await env.feedback.answered("salary")
    await env.feedback.missed("водитель акима")
    assert await _stored_counts(env) == {}  # no commit on the user's answer
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)
    assert await _stored_counts(env) == {"salary": 1, "unanswered": 1}
    assert env.feedback.counts.pending() == env.feedback.misses.pending() == 0


async def test_a_second_start_replaces_the_first_and_stop_ends_both_loops(env: BotEnv) -> None:
    tasks = env.dp["tasks"]
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    first = (tasks.reminder_loop, tasks.counts_writer)
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    assert all(task.done() for task in first)  # cancelled or returned: one delivery loop, one writer
    running = (tasks.reminder_loop, tasks.counts_writer)
    assert not any(task.done() for task in running)
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)
    assert all(task.done() for task in running) and tasks.reminder_loop is None


async def test_forget_deletes_reminders_without_a_start(env: BotEnv) -> None:
    # deletion steps are registered when the dispatcher is built, not when background work starts
    chat = env.chat("ru", 3101)
    await chat.send("/start")
    await env.dp["reminders"].add(3101, 3101, "ru", appeal_due(NOW.date()), NOW)
    await env.dp["forget_user"](3101)
    assert await env.dp["reminders"].pending_for(3101) == []


async def test_counts_of_the_updates_still_in_flight_at_shutdown_are_written(env: BotEnv) -> None:
    # The transports wait for the updates in flight in a shutdown handler of the dispatcher itself
    # (bot.runtime.serve.track_updates); an update finishing there still gets its count written.
    async def last_update_finishes() -> None:
        await env.feedback.answered("category")

    env.dp.shutdown.register(last_update_finishes)
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)
    assert await _stored_counts(env) == {"category": 1}
