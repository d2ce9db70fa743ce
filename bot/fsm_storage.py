"""aiogram FSM storage kept in SQLite, so a flow in progress survives a restart."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from aiogram.types import TelegramObject

from bot.storage import Database

log = logging.getLogger(__name__)


def _key(key: StorageKey) -> str:
    return f"{key.bot_id}:{key.chat_id}:{key.user_id}:{key.thread_id or 0}:{key.destiny}"


# How long a flow's change may wait in memory before it is written, with every other change of that time.
FLUSH_DELAY_SECONDS = 0.05


class SQLiteStorage(BaseStorage):
    """Every change reaches SQLite; reads come from memory after the first.

    Changes made while handling updates (``commit_after_update`` wraps each one) are written together,
    ``flush_delay`` seconds after the update that made them ends, in one transaction (group commit): a
    walkthrough step cost a commit and two trips to the database thread each (~150 µs of CPU), now shared
    by every update of those 50 ms. Shutdown (``close``) writes what is left. A crash can lose the last
    50 ms of flow progress, never a user's saved settings (those are not kept here). A change made while
    no update is being handled is written at once.
    """

    def __init__(self, db: Database, flush_delay: float = FLUSH_DELAY_SECONDS) -> None:
        self.db = db
        self.flush_delay = flush_delay
        self._cache: dict[str, tuple[str | None, dict[str, Any]]] = {}
        self._dirty: set[str] = set()
        self._updates_in_progress = 0
        self._flush_timer: asyncio.TimerHandle | None = None
        self._flushing: asyncio.Task[None] | None = None

    async def _load(self, key: str) -> tuple[str | None, dict[str, Any]]:
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        async with self.db.conn.execute("SELECT state, data FROM fsm WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        value = (row[0], json.loads(row[1])) if row else (None, {})
        self._cache[key] = value
        return value

    async def _save(self, key: str, state: str | None, data: dict[str, Any]) -> None:
        if self._cache.get(key) == (state, data):
            return  # already stored: clearing an idle user's state (every menu press) costs no commit
        self._cache[key] = (state, data)
        self._dirty.add(key)
        if not self._updates_in_progress:
            await self.flush()

    async def flush(self) -> None:
        """Write every change not yet in SQLite, in one transaction."""
        if not self._dirty:
            return
        keys, self._dirty = self._dirty, set()
        try:
            for key in keys:
                state, data = self._cache.get(key, (None, {}))
                if state is None and not data:
                    await self.db.conn.execute("DELETE FROM fsm WHERE key = ?", (key,))
                else:
                    await self.db.conn.execute(
                        "INSERT INTO fsm (key, state, data) VALUES (?, ?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET state = excluded.state, data = excluded.data",
                        (key, state, json.dumps(data, ensure_ascii=False)),
                    )
            await self.db.conn.commit()
        except BaseException:
            self._dirty |= keys  # written with the next change
            raise

    async def commit_after_update(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        """Outer update middleware: changes made while updates are handled are written together,
        ``flush_delay`` seconds after the update that made them ends (group commit)."""
        self._updates_in_progress += 1
        try:
            return await handler(event, data)
        finally:
            self._updates_in_progress -= 1
            if self._dirty and self._flush_timer is None:
                self._flush_timer = asyncio.get_running_loop().call_later(self.flush_delay, self._flush_soon)

    def _flush_soon(self) -> None:
        self._flush_timer = None
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.ensure_future(self._flush_logged())
        else:  # the previous write is still running: try again after another delay
            self._flush_timer = asyncio.get_running_loop().call_later(self.flush_delay, self._flush_soon)

    async def _flush_logged(self) -> None:
        if self.db._conn is None:
            return  # closed without a shutdown (tests): nowhere to write; the changes stay in memory
        try:
            await self.flush()
        except Exception:  # the changes stay dirty and go with the next write
            if self.db._conn is None:
                return  # closed while writing (tests): nothing to retry against
            log.exception("writing flow state failed; will retry")
            if self._dirty and self._flush_timer is None:
                self._flush_timer = asyncio.get_running_loop().call_later(self.flush_delay, self._flush_soon)

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
        """Delete the user's flow rows, cached entries and changes not yet written (``/forget``)."""
        # The cache first: a group commit under way re-reads it per key, so it deletes instead of restoring.
        for k in [k for k in self._cache if f":{user_id}:" in k]:
            del self._cache[k]
            self._dirty.discard(k)
        await self.db.conn.execute("DELETE FROM fsm WHERE key LIKE ?", (f"%:{user_id}:%",))
        await self.db.conn.commit()

    async def close(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        if self._flushing is not None:
            with suppress(Exception):
                await self._flushing
        if self._dirty and self.db._conn is not None:
            await self.flush()
        self._cache.clear()
