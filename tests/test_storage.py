
import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.runtime.fsm_storage import SQLiteStorage
from bot.storage import MIGRATIONS, Database, DatabaseUnavailable, DataEraser, Users


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


async def test_a_flow_change_is_committed_before_the_call_returns(tmp_path):
    """A reply sent after ``state.set_state`` confirms a step a crash cannot lose (issue 17, item 7)."""
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    await storage.set_state(key, "Draft:facts")
    await storage.set_data(key, {"addressee": "Аким района"})
    # Another connection, as a process restarted after kill -9 would open, already sees both.
    other = await Database(tmp_path / "a.db").open()
    async with other.conn.execute("SELECT state, data FROM fsm") as cur:
        assert await cur.fetchall() == [("Draft:facts", '{"addressee": "Аким района"}')]
    await other.close()
    await db.close()


async def test_an_unchanged_state_costs_no_commit(tmp_path):
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    commits = []
    real_commit = db.conn.commit

    async def counting_commit():
        commits.append(1)
        await real_commit()

    db.conn.commit = counting_commit  # type: ignore[method-assign]
    await storage.set_state(key, None)  # an idle user presses a menu button: the flow is cleared again
    await storage.set_data(key, {})
    assert commits == []
    await storage.set_state(key, "Flow:step")
    assert commits == [1]
    await db.close()


async def test_the_read_cache_is_bounded_and_never_stale(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db, cached_keys=10)
    keys = [StorageKey(bot_id=1, chat_id=n, user_id=n) for n in range(50)]
    for n, key in enumerate(keys):
        await storage.set_state(key, f"Flow:{n}")
    assert storage.cached() <= 10
    for n, key in enumerate(keys):  # evicted users are read back from the database
        assert await storage.get_state(key) == f"Flow:{n}"
    assert storage.cached() <= 10
    await db.close()


async def test_after_a_failed_write_memory_agrees_with_the_database(tmp_path):
    key = StorageKey(bot_id=1, chat_id=7, user_id=7)
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    await storage.set_state(key, "Flow:one")
    real_commit = db.conn.commit

    async def failing_commit():
        raise RuntimeError("disk full")

    db.conn.commit = failing_commit  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await storage.set_state(key, "Flow:two")
    db.conn.commit = real_commit  # type: ignore[method-assign]
    async with db.conn.execute("SELECT state FROM fsm") as cur:
        [(in_database,)] = await cur.fetchall()
    assert await storage.get_state(key) == in_database
    await db.close()


async def test_the_language_cache_keeps_the_users_seen_last_and_reads_the_rest_back(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    users = Users(db, cache_size=10)
    for n in range(50):
        await users.set_language(n, "kk" if n % 2 else "ru")
    assert users.cached() == 10
    for n in range(50):  # a user evicted from memory is read back from the database
        assert await users.language(n) == ("kk" if n % 2 else "ru")
    assert users.cached() == 10
    for n in range(100, 1100):  # first contacts too
        assert await users.language(n) is None
    assert users.cached() == 10 and await users.count() == 1050
    await db.close()


async def test_the_default_language_cache_holds_ten_thousand_users(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    users = Users(db)
    assert users.cache_size == 10_000
    await db.close()


@pytest.mark.parametrize("user_id", [2**63, -(2**63) - 1, 10**30])
async def test_an_id_sqlite_cannot_store_is_an_unknown_user_and_nothing_fails(tmp_path, user_id):
    """A forged update with such an id once made the error handler itself raise (issue 17, item 6)."""
    db = await Database(tmp_path / "a.db").open()
    users = Users(db)
    assert await users.language(user_id) is None
    assert await users.answer_language(user_id, "kk") == "kk"
    await users.set_language(user_id, "ru")
    assert await users.language(user_id) is None
    await DataEraser(users)(user_id)
    assert await users.count() == 0
    await db.close()


@pytest.mark.parametrize("where", ["a directory", "under a file"])
async def test_a_database_path_that_cannot_be_opened_is_named_in_one_error(tmp_path, where):
    (tmp_path / "file").write_text("not a directory")
    path = tmp_path if where == "a directory" else tmp_path / "file" / "bot.db"
    with pytest.raises(DatabaseUnavailable, match=str(path)):
        await Database(path).open()


async def test_a_first_contact_is_written_with_the_next_flush_and_forget_drops_it(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    users = Users(db)
    assert await users.language(7) is None and await users.language(8) is None
    assert users.pending() == 2
    async with db.conn.execute("SELECT COUNT(*) FROM users") as cur:
        assert (await cur.fetchone())[0] == 0  # no commit on a first contact
    await users.forget(8)
    assert await users.count() == 1  # a count writes what waits first
    assert users.pending() == 0
    await users.set_language(9, "kk")  # a choice is written at once
    await users.language(9)
    assert users.pending() == 0 and await users.count() == 2
    await db.close()


async def test_the_shutdown_writes_first_contacts_kept_in_memory(tmp_path):
    from bot.runtime.app import create_dispatcher
    from tests.conftest import offline_settings

    db = Database(tmp_path / "b.db")
    dp = await create_dispatcher(offline_settings(tmp_path / "b.db"), db)
    await dp["users"].language(42)
    await dp["tasks"].stop()
    async with db.conn.execute("SELECT user_id FROM users") as cur:
        assert await cur.fetchall() == [(42,)]
    await db.close()


async def test_data_set_later_is_read_at_once_and_written_a_batch_at_a_time(tmp_path):
    # a conversation's context: no commit of its own per question, written LATER_BATCH at a time
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db, later_batch=3)
    keys = [StorageKey(bot_id=1, chat_id=n, user_id=n, destiny="context") for n in range(4)]

    async def rows() -> int:
        async with db.conn.execute("SELECT count(*) FROM fsm") as cur:
            return (await cur.fetchone())[0]

    for n, key in enumerate(keys[:2]):
        await storage.set_data_later(key, {"topic": f"t{n}"})
    assert await storage.get_data(keys[0]) == {"topic": "t0"} and await rows() == 0 and storage.waiting() == 2
    await storage.set_data_later(keys[2], {"topic": "t2"})  # the third makes a batch: one commit for all
    assert await rows() == 3 and storage.waiting() == 0
    await storage.set_data_later(keys[3], {"topic": "t3"})
    await storage.write_later()  # the periodic writer and the shutdown write the rest
    assert await rows() == 4
    await db.close()
    db = await Database(tmp_path / "a.db").open()
    assert await SQLiteStorage(db).get_data(keys[3]) == {"topic": "t3"}
    await db.close()


async def test_a_write_at_once_supersedes_a_later_one_and_forget_drops_what_waits(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    key = StorageKey(bot_id=1, chat_id=7, user_id=7, destiny="context")
    await storage.set_data_later(key, {"topic": "old"})
    await storage.set_data(key, {"topic": "new"})
    await storage.write_later()
    assert await SQLiteStorage(db).get_data(key) == {"topic": "new"}
    await storage.set_data_later(StorageKey(bot_id=1, chat_id=8, user_id=8, destiny="context"), {"topic": "x"})
    await storage.forget_user(8)
    assert storage.waiting() == 0
    await db.close()


async def test_a_users_flow_and_context_are_read_in_one_query(tmp_path):
    db = await Database(tmp_path / "a.db").open()
    flow = StorageKey(bot_id=1, chat_id=7, user_id=7)
    context = StorageKey(bot_id=1, chat_id=7, user_id=7, destiny="context")
    writer = SQLiteStorage(db)
    await writer.set_state(flow, "Flow:step")
    await writer.set_data(context, {"topic": "pay.post"})
    storage = SQLiteStorage(db)
    queries = []
    await db.conn.set_trace_callback(queries.append)
    assert await storage.get_state(flow) == "Flow:step"
    assert await storage.get_data(context) == {"topic": "pay.post"}  # came with the flow's row
    await db.conn.set_trace_callback(None)
    assert len([q for q in queries if q.startswith("SELECT")]) == 1
    await db.close()


async def test_a_context_older_than_it_counts_is_deleted(tmp_path):
    # it may name an age or a criminal record: kept only while a follow-up can use it
    db = await Database(tmp_path / "a.db").open()
    storage = SQLiteStorage(db)
    old, fresh = (StorageKey(bot_id=1, chat_id=n, user_id=n, destiny="context") for n in (7, 8))
    flow = StorageKey(bot_id=1, chat_id=7, user_id=7)
    await storage.set_data_later(old, {"context": {"topic": "admission.eligibility"}, "at": 1000})
    await storage.set_data_later(fresh, {"context": {"topic": "pay.post"}, "at": 2000})
    await storage.set_data(flow, {"answers": ["kz"]})
    await storage.delete_older("context", "at", before=1500)
    async with db.conn.execute("SELECT key FROM fsm ORDER BY key") as cur:
        assert [k for (k,) in await cur.fetchall()] == ["1:7:7:0:default", "1:8:8:0:context"]
    assert await storage.get_data(old) == {}
    await db.close()
