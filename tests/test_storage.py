import asyncio

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.fsm_storage import SQLiteStorage
from bot.storage import MIGRATIONS, Database, DataEraser, Users


async def test_schema_is_migrated_and_in_wal_mode(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    assert await db.schema_version() == len(MIGRATIONS)
    async with db.conn.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone())[0] == "wal"
    await db.close()
    db = await Database(tmp_path / "a.db").open()  # reopening applies nothing twice
    assert await db.schema_version() == len(MIGRATIONS)
    await db.close()


async def test_chosen_language_survives_a_restart(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    users = Users(db)
    assert await users.language(7) is None
    await users.set_language(7, "kk")
    await db.close()
    db = await Database(tmp_path / "a.db").open()
    assert await Users(db).language(7) == "kk"
    assert await Users(db).count() == 1
    await db.close()


async def test_flow_state_survives_a_restart_and_forget_erases_it(tmp_path):
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    await SQLiteStorage(db).set_state(key, "Flow:step")
    await SQLiteStorage(db).set_data(key, {"answers": ["yes"]})
    await db.close()
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    assert await storage.get_state(key) == "Flow:step"
    assert await storage.get_data(key) == {"answers": ["yes"]}
    users = Users(db)
    await users.set_language(7, "ru")
    eraser = DataEraser(users)
    eraser.register(storage.forget_user)  # as create_dispatcher does
    await eraser(7)
    assert await SQLiteStorage(db).get_state(key) is None and await storage.get_state(key) is None
    assert await users.count() == 0
    await db.close()


async def test_flow_changes_of_many_updates_are_committed_together_soon_after(tmp_path):
    key, other = StorageKey(bot_id=1, chat_id=7, user_id=7), StorageKey(bot_id=1, chat_id=8, user_id=8)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db, flush_delay=0.02)
    commits = []
    real_commit = db.conn.commit

    async def counting_commit():
        commits.append(1)
        await real_commit()

    db.conn.commit = counting_commit

    async def walkthrough_step(event, data):
        await storage.set_state(key, "Flow:step2")
        await storage.set_data(key, {"answers": ["yes"]})
        await storage.set_data(key, {"answers": ["yes", "no"]})
        return "handled"

    async def another_users_step(event, data):
        await storage.set_state(other, "Flow:step1")

    assert await storage.commit_after_update(walkthrough_step, object(), {}) == "handled"
    await storage.commit_after_update(another_users_step, object(), {})
    assert commits == []  # nothing written while the updates were handled
    await asyncio.sleep(0.1)
    await storage._flushing  # the timer has fired; a slow disk may still be writing
    assert len(commits) == 1  # both updates' changes, one transaction
    await db.close()
    db = await Database(tmp_path / "a.db").open()
    restarted = SQLiteStorage(db)
    assert await restarted.get_state(key) == "Flow:step2"
    assert await restarted.get_data(key) == {"answers": ["yes", "no"]}
    assert await restarted.get_state(other) == "Flow:step1"
    await db.close()


KEY = StorageKey(bot_id=1, chat_id=7, user_id=7)


async def storage_with_a_change_waiting(tmp_path, flush_delay: float) -> tuple[Database, SQLiteStorage]:
    """A storage whose update set a flow state that waits for the group commit."""
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db, flush_delay=flush_delay)

    async def step(event, data):
        await storage.set_state(KEY, "Flow:step2")

    await storage.commit_after_update(step, object(), {})
    return db, storage


async def test_a_shutdown_writes_flow_changes_still_waiting(tmp_path):
    db, storage = await storage_with_a_change_waiting(tmp_path, flush_delay=60)
    await storage.close()  # what aiogram calls on shutdown
    await db.close()
    db = await Database(tmp_path / "a.db").open()
    assert await SQLiteStorage(db).get_state(KEY) == "Flow:step2"
    await db.close()


async def test_changes_are_written_even_when_the_handler_fails(tmp_path):
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)

    async def failing_step(event, data):
        await storage.set_state(key, "Flow:step2")
        raise RuntimeError("Telegram is down")

    storage.flush_delay = 0.01
    with pytest.raises(RuntimeError):
        await storage.commit_after_update(failing_step, object(), {})
    await asyncio.sleep(0.05)
    await storage._flushing  # the timer has fired; a slow disk may still be writing
    assert await SQLiteStorage(db).get_state(key) == "Flow:step2"
    await db.close()


async def test_a_write_due_after_the_database_closed_is_skipped_quietly(tmp_path, caplog):
    db, _storage = await storage_with_a_change_waiting(tmp_path, flush_delay=0.01)
    await db.close()  # e.g. a test that stops without the dispatcher's shutdown
    await asyncio.sleep(0.05)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_write_due_while_the_database_is_closing_is_skipped_quietly(tmp_path, caplog):
    db, storage = await storage_with_a_change_waiting(tmp_path, flush_delay=60)
    closing = asyncio.create_task(db.close())
    await asyncio.sleep(0)  # the close has begun and waits for the database thread
    await storage._flush_logged()  # the group commit's timer fires just then
    await closing
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_forget_wins_over_a_group_commit_under_way(tmp_path):
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db, flush_delay=60)

    async def step(event, data):
        await storage.set_data(key, {"draft": "Аким района, жалоба"})

    await storage.commit_after_update(step, object(), {})
    writing = asyncio.ensure_future(storage.flush())  # the group commit starts...
    await storage.forget_user(7)  # ...and /forget comes in while it runs
    await writing
    await storage.flush()
    async with db.conn.execute("SELECT COUNT(*) FROM fsm") as cur:
        assert (await cur.fetchone())[0] == 0
    await db.close()
