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


def _key(key: StorageKey) -> str:
    return f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}:{key.destiny}"


class SQLiteStorage(BaseStorage):
    """Every change is committed before the call returns, so a reply sent after ``state.set_state`` or
    ``state.update_data`` confirms a step that a crash cannot lose. Reads come from a bounded cache."""

    def __init__(self, db: Database, cached_keys: int = CACHED_KEYS) -> None:
        self.db = db
        self.cached_keys = cached_keys
        self._cache: OrderedDict[str, tuple[str | None, dict[str, Any]]] = OrderedDict()

    def cached(self) -> int:
        """How many users' flows are held in memory."""
        return len(self._cache)

    def _remember(self, key: str, value: tuple[str | None, dict[str, Any]]) -> None:
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self.cached_keys:
            self._cache.popitem(last=False)

    async def _load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        async with self.db.conn.execute("SELECT state, data FROM fsm WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        value = (row[0], json.loads(row[1])) if row else (None, {})
        self._remember(key, value)
        return value

    async def _save(self, key: str, state: str | None, data: dict[str, Any]) -> None:
        if await self._load(key) == (state, data):
            return  # already stored: clearing an idle user's state (every menu press) costs no commit
        self._cache.pop(key, None)  # if the write fails, the next read sees what the database holds
        if state is None and not data:
            await self.db.conn.execute("DELETE FROM fsm WHERE key = ?", (key,))
        else:
            await self.db.conn.execute(
                "INSERT INTO fsm (key, state, data) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET state = excluded.state, data = excluded.data",
                (key, state, json.dumps(data, ensure_ascii=False)),
            )
        await self.db.conn.commit()
        self._remember(key, (state, data))

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
        await self.db.conn.execute("DELETE FROM fsm WHERE key LIKE ?", (f"%:{user_id}:%",))
        await self.db.conn.commit()

    async def close(self) -> None:
        self._cache.clear()
