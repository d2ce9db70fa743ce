"""aiogram FSM storage kept in SQLite, so a flow in progress survives a restart."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.storage import Database

# Flows read on every update are kept in memory for the users seen most recently; the rest are read again.
CACHED_KEYS = 4096
# Data set "later" (a conversation's context, one a question) is written this many keys at a time, one commit for
# them all, or sooner by ``write_later`` (the periodic writer, every 30 s, and at shutdown).
LATER_BATCH = 64
_UPSERT = ("INSERT INTO fsm (key, state, data) VALUES (?, ?, ?) "
           "ON CONFLICT(key) DO UPDATE SET state = excluded.state, data = excluded.data")


def _key(key: StorageKey) -> str:
    return f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}:{key.destiny}"


class SQLiteStorage(BaseStorage):
    """Every change is committed before the call returns, so a reply sent after ``state.set_state`` or
    ``state.update_data`` confirms a step that a crash cannot lose. Reads come from a bounded cache.

    ``set_data_later`` is the exception, for data a crash may lose (the conversation's context, which lives ten
    minutes): it waits in memory and is written ``LATER_BATCH`` keys at a time, or by ``write_later``.
    """

    def __init__(self, db: Database, cached_keys: int = CACHED_KEYS, later_batch: int = LATER_BATCH,
                 destinies: tuple[str, ...] = ("default", "context")) -> None:
        self.db = db
        self.destinies = destinies  # a user's keys read together
        self.cached_keys = cached_keys
        self.later_batch = later_batch
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] = OrderedDict()
        self._later: dict[str, tuple[str | None, dict[str, Any]]] = {}  # set later, not written yet

    def cached(self) -> int:
        """How many users' flows are held in memory."""
        return len(self._cache)

    def _remember(self, key: str, value: tuple[str | None, dict[str, Any]]) -> None:
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self.cached_keys:
            self._cache.popitem(last=False)

    async def _load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        waiting = self._later.get(key)
        if waiting is not None:
            return waiting
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        # the user's other keys come with it (a flow's state is read on every update, the conversation's context
        # on every text): one query for both
        base = key.rpartition(":")[0]
        keys = dict.fromkeys([key, *(f"{base}:{destiny}" for destiny in self.destinies)])
        found: dict[str, tuple[str | None, dict[str, Any]]] = {}
        marks = ", ".join("?" * len(keys))
        # one trip to SQLite's thread (a cursor's execute, fetches and close took three or more)
        for row in await self.db.conn.execute_fetchall(f"SELECT key, state, data FROM fsm WHERE key IN ({marks})",
                                                       tuple(keys)):
            found[row[0]] = (row[1], json.loads(row[2]))
        for k in keys:
            if k == key or (k not in self._cache and k not in self._later):
                self._remember(k, found.get(k, (None, {})))
        return found.get(key, (None, {}))

    async def _save(self, key: str, state: str | None, data: dict[str, Any]) -> None:
        if await self._load(key) == (state, data) and key not in self._later:
            return  # already stored: clearing an idle user's state (every menu press) costs no commit
        self._later.pop(key, None)  # this write supersedes a later one
        self._cache.pop(key, None)  # if the write fails, the next read sees what the database holds
        if state is None and not data:
            await self.db.conn.execute("DELETE FROM fsm WHERE key = ?", (key,))
        else:
            await self.db.conn.execute(_UPSERT, (key, state, json.dumps(data, ensure_ascii=False)))
        await self.db.conn.commit()
        self._remember(key, (state, data))

    async def set_data_later(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """``set_data`` without a commit of its own: read back at once, written with the next batch."""
        k = _key(key)
        state, _ = await self._load(k)
        value = (state, dict(data))
        if await self._load(k) == value:
            return
        self._later[k] = value
        self._remember(k, value)
        if len(self._later) >= self.later_batch:
            await self.write_later()

    async def write_later(self) -> None:
        """Write the data set later, in one transaction; on a failure they wait for the next try."""
        if not self._later:
            return
        pending, self._later = self._later, {}
        try:
            rows = [(k, state, json.dumps(data, ensure_ascii=False)) for k, (state, data) in pending.items()
                    if state is not None or data]
            gone = [(k,) for k, (state, data) in pending.items() if state is None and not data]
            if rows:
                await self.db.conn.executemany(_UPSERT, rows)
            if gone:
                await self.db.conn.executemany("DELETE FROM fsm WHERE key = ?", gone)
            await self.db.conn.commit()
        except Exception:
            for k, value in pending.items():  # newer values set meanwhile win
                self._later.setdefault(k, value)
            raise

    async def delete_older(self, destiny: str, stamp: str, before: int) -> None:
        """Delete the data of ``destiny`` whose ``stamp`` field (seconds since the epoch) is older than ``before``:
        a conversation's context is kept only while it counts."""
        suffix = f":{destiny}"

        def stale(value: tuple[str | None, dict[str, Any]]) -> bool:
            at = value[1].get(stamp)
            return isinstance(at, int) and at < before

        await self.write_later()
        for k in [k for k, value in self._cache.items() if k.endswith(suffix) and stale(value)]:
            del self._cache[k]
        await self.db.conn.execute(
            "DELETE FROM fsm WHERE key LIKE ? AND json_extract(data, ?) < ?", (f"%{suffix}", f"$.{stamp}", before))
        await self.db.conn.commit()

    def waiting(self) -> int:
        """How many keys set later are not written yet."""
        return len(self._later)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        k = _key(key)
        _, data = await self._load(k)
        value = state.state if isinstance(state, State) else state
        await self._save(k, value, data)

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._load(_key(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        k = _key(key)
        state, _ = await self._load(k)
        await self._save(k, state, dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._load(_key(key))
        return dict(data)

    async def forget_user(self, user_id: int) -> None:
        """Delete the user's flow rows and cached entries (``/forget``)."""
        for k in [k for k in self._cache if f":{user_id}:" in k]:
            del self._cache[k]
        for k in [k for k in self._later if f":{user_id}:" in k]:
            del self._later[k]
        await self.db.conn.execute("DELETE FROM fsm WHERE key LIKE ?", (f"%:{user_id}:%",))
        await self.db.conn.commit()

    async def close(self) -> None:
        self._cache.clear()
