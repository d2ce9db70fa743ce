"""SQLite storage: one aiosqlite connection per process, WAL mode, versioned schema."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite

from bot.datafiles import Lang
from bot.i18n import lang_from_telegram

log = logging.getLogger(__name__)
# At DEBUG aiosqlite logs every statement with its parameters: the FSM rows of an appeal draft being
# written, search misses. With LOG_LEVEL=DEBUG those would reach the log, so its debug lines stay off.
logging.getLogger("aiosqlite").setLevel(logging.INFO)

# Append only: each entry moves the schema one version up (PRAGMA user_version); never edit a shipped one.
MIGRATIONS: list[str] = [
    # 1: users and their chosen language
    """
    CREATE TABLE users (
        user_id     INTEGER PRIMARY KEY,
        language    TEXT CHECK (language IN ('ru', 'kk')),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
    );
    """,
    # 2: state of multi-step flows, so a restart does not lose them
    """
    CREATE TABLE fsm (
        key    TEXT PRIMARY KEY,
        state  TEXT,
        data   TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 3: reminders of an appeal's due date (bot/reminder_store.py)
    """
    CREATE TABLE appeal_reminders (
        id               INTEGER PRIMARY KEY,
        user_id          INTEGER NOT NULL,
        chat_id          INTEGER NOT NULL,
        lang             TEXT NOT NULL,
        registered       TEXT NOT NULL,
        answer_by        TEXT NOT NULL,
        extended_latest  TEXT NOT NULL,
        deliver_at       INTEGER NOT NULL,
        status           TEXT NOT NULL DEFAULT 'pending',
        attempts         INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        sent_at          INTEGER
    );
    CREATE INDEX appeal_reminders_due ON appeal_reminders (status, deliver_at);
    CREATE UNIQUE INDEX appeal_reminders_one_pending ON appeal_reminders (user_id, registered)
        WHERE status = 'pending';
    """,
    # 4: anonymous feedback (bot/feedback.py): no user ids anywhere in these tables
    """
    CREATE TABLE install_secrets (
        name   TEXT PRIMARY KEY,
        value  BLOB NOT NULL
    );
    CREATE TABLE ratings (
        key   BLOB PRIMARY KEY,
        kind  TEXT NOT NULL,
        vote  INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        day   TEXT NOT NULL
    );
    CREATE TABLE question_counts (
        kind  TEXT NOT NULL,
        day   TEXT NOT NULL,
        n     INTEGER NOT NULL,
        PRIMARY KEY (kind, day)
    );
    CREATE TABLE unanswered (
        folded     TEXT PRIMARY KEY,
        text       TEXT NOT NULL,
        n          INTEGER NOT NULL,
        first_day  TEXT NOT NULL,
        last_day   TEXT NOT NULL
    );
    """,
]


# SQLite's INTEGER is 64-bit signed; Telegram's ids fit in 52 bits, so an id outside this is forged.
SQLITE_INT_MIN, SQLITE_INT_MAX = -(2**63), 2**63 - 1


class DatabaseUnavailable(Exception):
    """The database cannot be opened or created at its path (a directory, a read-only place, a bad path)."""


class Database:
    """The process's single connection; migrations are applied when it opens."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._conn: aiosqlite.Connection | None = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self) -> Database:
        if self._conn is not None:
            return self
        if self.path != ":memory:":
            self._check_openable()
        self._conn = await aiosqlite.connect(self.path)
        await self._conn.execute("PRAGMA journal_mode=WAL")
        await self._conn.execute("PRAGMA synchronous=NORMAL")
        await self._conn.execute("PRAGMA foreign_keys=ON")
        await self._conn.execute("PRAGMA busy_timeout=5000")
        # Deleted rows are overwritten, so what /forget deletes does not linger in the file's free space.
        await self._conn.execute("PRAGMA secure_delete=ON")
        await self._migrate()
        return self

    def _check_openable(self) -> None:
        """Raise DatabaseUnavailable, naming the path and the reason, if SQLite cannot open the file.

        Checked apart from aiosqlite: when its connect fails, its worker thread outlives the event loop and
        ends the process with "Event loop is closed" tracebacks.
        """
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            sqlite3.connect(self.path).close()
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseUnavailable(f"{self.path}: {exc}") from exc

    async def _migrate(self) -> None:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        version = row[0] if row else 0
        if version > len(MIGRATIONS):
            raise RuntimeError(f"{self.path}: schema version {version} is newer than this code knows")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            # executescript would commit halfway; run the statements and the version bump in one transaction.
            await self.conn.execute("BEGIN")
            try:
                for statement in filter(str.strip, script.split(";")):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version = {number}")
                await self.conn.commit()
            except Exception:
                await self.conn.rollback()
                raise
            log.info("database %s migrated to version %d", self.path, number)

    async def schema_version(self) -> int:
        async with self.conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def close(self) -> None:
        if self._conn is not None:
            # Gone before the await: a write due meanwhile (a group commit's timer) sees no connection and is
            # skipped, instead of reaching one that is half closed and logging an error.
            conn, self._conn = self._conn, None
            await conn.close()


class Users:
    """Who has talked to the bot and which language they chose.

    The language of the ``cache_size`` users seen last is kept in memory, so a busy day costs no more than that.
    An id SQLite cannot store (only a forged update has one) is an unknown user who never chose. A first contact
    is written with the next ``flush`` (periodic, at shutdown and before a count), not at once: a commit was most
    of a new user's first answer, and the row is only a statistic (a crash loses at most the last minute's).
    """

    def __init__(self, db: Database, cache_size: int = 10_000) -> None:
        self.db = db
        self.cache_size = cache_size
        self._language: OrderedDict[int, str | None] = OrderedDict()
        self._first_seen: dict[int, int] = {}  # user id -> when first seen, not written yet

    def cached(self) -> int:
        """How many users' languages are held in memory."""
        return len(self._language)

    def _remember(self, user_id: int, language: str | None) -> None:
        self._language[user_id] = language
        self._language.move_to_end(user_id)
        if len(self._language) > self.cache_size:
            self._language.popitem(last=False)

    async def language(self, user_id: int) -> str | None:
        """The language the user chose, or None if they never chose; records a first contact."""
        if not SQLITE_INT_MIN <= user_id <= SQLITE_INT_MAX:
            return None
        if user_id in self._language:
            self._language.move_to_end(user_id)
            return self._language[user_id]
        # one trip to SQLite's thread (a cursor's execute, fetch and close took three)
        rows = list(await self.db.conn.execute_fetchall("SELECT language FROM users WHERE user_id = ?", (user_id,)))
        if not rows:
            self._first_seen.setdefault(user_id, int(time.time()))
        language = rows[0][0] if rows else None
        self._remember(user_id, language)
        return language

    async def answer_language(self, user_id: int, client_language: str | None) -> Lang:
        """The language to answer the user in: their choice, else their Telegram client's language."""
        return await self.language(user_id) or lang_from_telegram(client_language)  # type: ignore[return-value]

    async def set_language(self, user_id: int, language: str) -> None:
        """Store the user's choice; an id SQLite cannot store is not stored (such a user stays unknown)."""
        if not SQLITE_INT_MIN <= user_id <= SQLITE_INT_MAX:
            log.warning("user id %s is out of range; language not stored", user_id)
            return
        now = int(time.time())
        await self.db.conn.execute(
            "INSERT INTO users (user_id, language, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
            (user_id, language, now, now),
        )
        await self.db.conn.commit()
        self._first_seen.pop(user_id, None)
        self._remember(user_id, language)

    def pending(self) -> int:
        """How many first contacts are not in the database yet."""
        return len(self._first_seen)

    async def flush(self) -> int:
        """Write the first contacts kept in memory, in one statement; returns how many."""
        if not self._first_seen:
            return 0
        batch, self._first_seen = self._first_seen, {}
        try:
            # One statement, so a failure writes none of the batch (no rollback on the shared connection).
            await self.db.conn.execute(
                "INSERT OR IGNORE INTO users (user_id, language, created_at, updated_at) SELECT "
                "json_extract(value, '$[0]'), NULL, json_extract(value, '$[1]'), json_extract(value, '$[1]') "
                "FROM json_each(?)",
                (json.dumps(list(batch.items())),),
            )
        except Exception:
            self._first_seen = {**batch, **self._first_seen}
            raise
        await self.db.conn.commit()
        return len(batch)

    async def count(self) -> int:
        await self.flush()
        async with self.db.conn.execute("SELECT COUNT(*) FROM users") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0

    async def forget(self, user_id: int) -> None:
        """Delete the user's row; features delete their own rows through their repositories."""
        if not SQLITE_INT_MIN <= user_id <= SQLITE_INT_MAX:
            return
        self._first_seen.pop(user_id, None)
        await self.db.conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
        await self.db.conn.commit()
        self._language.pop(user_id, None)


class DataEraser:
    """Deletes everything stored about a user; each feature registers how to delete its own rows."""

    def __init__(self, users: Users) -> None:
        self._db = users.db
        self._steps: list[Callable[[int], Awaitable[object]]] = [users.forget]

    def register(self, step: Callable[[int], Awaitable[object]]) -> None:
        self._steps.append(step)

    async def __call__(self, user_id: int) -> None:
        for step in self._steps:
            await step(user_id)
        # Old versions of the deleted rows stay in the write-ahead log until a checkpoint: copy it now.
        await self._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
