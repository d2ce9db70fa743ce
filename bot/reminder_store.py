"""Appeal reminders kept in SQLite (aiosqlite): add, list, cancel, and the claims of a delivery pass."""

from __future__ import annotations

from datetime import UTC, date, datetime

import aiosqlite

from bot.deadlines import AppealDeadline
from bot.reminders import MAX_ATTEMPTS, MAX_PENDING_PER_USER, Reminder, ReminderStatus, delivery_moment

_COLUMNS = "id, user_id, chat_id, lang, registered, answer_by, extended_latest, deliver_at, status, attempts"


class TooManyReminders(Exception):
    """The user already has MAX_PENDING_PER_USER reminders waiting."""


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _reminder(row: tuple) -> Reminder:
    rid, user_id, chat_id, lang, registered, answer_by, extended, deliver_at, status, attempts = row
    return Reminder(
        id=rid,
        user_id=user_id,
        chat_id=chat_id,
        lang=lang,
        registered=date.fromisoformat(registered),
        answer_by=date.fromisoformat(answer_by),
        extended_latest=date.fromisoformat(extended),
        deliver_at=datetime.fromtimestamp(deliver_at, UTC),
        status=ReminderStatus(status),
        attempts=attempts,
    )


class ReminderStore:
    """Reminders of one bot, on an open aiosqlite connection migrated by ``bot.storage`` (migration 3).

    Dates are ISO strings, moments unix seconds (UTC). Statuses: see ``ReminderStatus``.
    """

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def add(self, user_id: int, chat_id: int, lang: str, deadline: AppealDeadline, now: datetime) -> Reminder:
        """Store a reminder for the due date (or return the one already waiting for that appeal)."""
        existing = await self._pending_for_appeal(user_id, deadline.registered)
        if existing is not None:
            return existing
        async with self.db.execute(
            "SELECT COUNT(*) FROM appeal_reminders WHERE user_id = ? AND status = 'pending'", (user_id,)
        ) as cur:
            (count,) = await cur.fetchone()
        if count >= MAX_PENDING_PER_USER:
            raise TooManyReminders(user_id)
        await self.db.execute(
            "INSERT OR IGNORE INTO appeal_reminders (user_id, chat_id, lang, registered, answer_by, extended_latest,"
            " deliver_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                user_id,
                chat_id,
                lang,
                deadline.registered.isoformat(),
                deadline.answer_by.isoformat(),
                deadline.extended_latest.isoformat(),
                _seconds(delivery_moment(deadline.answer_by)),
                _seconds(now),
            ),
        )
        await self.db.commit()
        stored = await self._pending_for_appeal(user_id, deadline.registered)
        assert stored is not None  # inserted now, or by a concurrent press of the same button
        return stored

    async def _pending_for_appeal(self, user_id: int, registered: date) -> Reminder | None:
        async with self.db.execute(
            f"SELECT {_COLUMNS} FROM appeal_reminders WHERE user_id = ? AND registered = ? AND status = 'pending'",
            (user_id, registered.isoformat()),
        ) as cur:
            row = await cur.fetchone()
        return _reminder(row) if row else None

    async def pending_for(self, user_id: int) -> list[Reminder]:
        """The user's waiting reminders, the nearest first."""
        async with self.db.execute(
            f"SELECT {_COLUMNS} FROM appeal_reminders WHERE user_id = ? AND status = 'pending' ORDER BY deliver_at, id",
            (user_id,),
        ) as cur:
            return [_reminder(row) for row in await cur.fetchall()]

    async def cancel(self, user_id: int, reminder_id: int) -> bool:
        """Cancel the user's waiting reminder; False when it is not theirs or no longer waiting."""
        if not 0 < reminder_id < 2**63:  # a forged button: SQLite cannot even hold such an id
            return False
        cur = await self.db.execute(
            "UPDATE appeal_reminders SET status = 'cancelled' WHERE id = ? AND user_id = ? AND status = 'pending'",
            (reminder_id, user_id),
        )
        await self.db.commit()
        return cur.rowcount == 1

    async def claim_due(self, now: datetime, limit: int) -> list[Reminder]:
        """Atomically move up to ``limit`` due pending reminders to 'sending' and return them."""
        async with self.db.execute(
            "UPDATE appeal_reminders SET status = 'sending', attempts = attempts + 1 WHERE id IN ("
            " SELECT id FROM appeal_reminders WHERE status = 'pending' AND deliver_at <= ?"
            " ORDER BY deliver_at, id LIMIT ?)"
            f" RETURNING {_COLUMNS}",
            (_seconds(now), limit),
        ) as cur:
            rows = await cur.fetchall()
        await self.db.commit()
        return sorted((_reminder(row) for row in rows), key=lambda r: (r.deliver_at, r.id))

    async def mark_sent(self, reminder_id: int, now: datetime) -> None:
        """Record that Telegram accepted the reminder."""
        await self.db.execute(
            "UPDATE appeal_reminders SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'sending'",
            (_seconds(now), reminder_id),
        )
        await self.db.commit()

    async def mark_user_blocked(self, user_id: int) -> None:
        """The user blocked the bot: none of their reminders is sent any more."""
        await self.db.execute(
            "UPDATE appeal_reminders SET status = 'blocked' WHERE user_id = ? AND status IN ('pending', 'sending')",
            (user_id,),
        )
        await self.db.commit()

    async def release(self, reminder_id: int) -> None:
        """Put a claim back for a later pass, or give up after MAX_ATTEMPTS attempts."""
        await self.db.execute(
            "UPDATE appeal_reminders SET status = CASE WHEN attempts >= ? THEN 'failed' ELSE 'pending' END"
            " WHERE id = ? AND status = 'sending'",
            (MAX_ATTEMPTS, reminder_id),
        )
        await self.db.commit()

    async def mark_failed(self, reminder_id: int) -> None:
        """Telegram will never take this reminder (e.g. the chat is gone)."""
        await self.db.execute(
            "UPDATE appeal_reminders SET status = 'failed' WHERE id = ? AND status = 'sending'",
            (reminder_id,),
        )
        await self.db.commit()

    async def next_delivery_at(self) -> datetime | None:
        """The earliest moment a pending reminder is due, if any."""
        async with self.db.execute("SELECT MIN(deliver_at) FROM appeal_reminders WHERE status = 'pending'") as cur:
            (moment,) = await cur.fetchone()
        return None if moment is None else datetime.fromtimestamp(moment, UTC)

    async def settle_interrupted(self) -> int:
        """At start-up, before any pass: close claims a crash left (never re-sent); return how many."""
        cur = await self.db.execute("UPDATE appeal_reminders SET status = 'interrupted' WHERE status = 'sending'")
        await self.db.commit()
        return cur.rowcount

    async def forget_user(self, user_id: int) -> None:
        """Delete every reminder of the user (/forget)."""
        await self.db.execute("DELETE FROM appeal_reminders WHERE user_id = ?", (user_id,))
        await self.db.commit()
