"""What users tell us without telling us who they are: answer ratings, questions by kind, misses.

Nothing here stores a Telegram user id. A rating is keyed by a keyed hash of (chat id, message id)
so a second press on the same message changes that message's vote instead of adding one; the key
is a random secret made once per installation and kept in the database, so the hashes cannot be
matched against another installation's or against a precomputed table of chat ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import weakref
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from bot.storage import Database

# Kinds of substantive answer; the value travels in callback data, so it stays short and fixed.
ANSWER_KINDS: tuple[str, ...] = (
    "position", "category", "salary", "complaint", "admission", "akimat", "draft",
)
UNANSWERED_MAX_CHARS = 100
UNANSWERED_MAX_ROWS = 2000
_SECRET_NAME = "feedback_key"
# A typed IIN, phone or card number would be personal data: such digit runs are masked before storing.
_LONG_NUMBER = re.compile(r"\+?\d[\d\s()-]{4,}\d")
_EMAIL = re.compile(r"\S+@\S+")
_SPACES = re.compile(r"\s+")


class VoteResult(Enum):
    """What a press did: a first vote on the message, a changed vote, or the same vote again."""

    NEW = "new"
    CHANGED = "changed"
    SAME = "same"


def today() -> str:
    """The UTC day as ISO text: the finest time resolution any of these tables keeps."""
    return dt.datetime.now(dt.UTC).date().isoformat()


async def install_secret(db: Database) -> bytes:
    """The installation's random hashing key: read from the database, created there on first use."""
    async with db.conn.execute("SELECT value FROM install_secrets WHERE name = ?", (_SECRET_NAME,)) as cur:
        row = await cur.fetchone()
    if row is None:
        # OR IGNORE: if another writer created it meanwhile, theirs is kept and read back.
        await db.conn.execute(
            "INSERT OR IGNORE INTO install_secrets (name, value) VALUES (?, ?)", (_SECRET_NAME, secrets.token_bytes(32))
        )
        await db.conn.commit()
        async with db.conn.execute("SELECT value FROM install_secrets WHERE name = ?", (_SECRET_NAME,)) as cur:
            row = await cur.fetchone()
    assert row is not None
    return bytes(row[0])


def message_key(secret: bytes, chat_id: int | str, message_id: int | str) -> bytes:
    """The 16-byte rating key of one message: HMAC-SHA256 of its chat and id, truncated."""
    return hmac.new(secret, f"{chat_id}:{message_id}".encode(), hashlib.sha256).digest()[:16]


class Ratings:
    """👍 / 👎 per answered message and kind of answer, one row per message."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.secret: bytes | None = None  # read on the first vote, then kept: it never changes

    async def vote(self, chat_id: int | str, message_id: int | str, kind: str, up: bool) -> VoteResult:
        """Record the vote on the message; pressing again changes it, never adds a second row."""
        if kind not in ANSWER_KINDS:
            raise ValueError(f"unknown kind of answer {kind!r}")
        if self.secret is None:
            self.secret = await install_secret(self.db)
        key = message_key(self.secret, chat_id, message_id)
        value = 1 if up else -1
        async with self.db.conn.execute("SELECT vote FROM ratings WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        if row is not None and row[0] == value:
            return VoteResult.SAME
        await self.db.conn.execute(
            "INSERT INTO ratings (key, kind, vote, day) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET vote = excluded.vote",
            (key, kind, value, today()),
        )
        await self.db.conn.commit()
        return VoteResult.NEW if row is None else VoteResult.CHANGED

    async def by_kind(self) -> dict[str, tuple[int, int]]:
        """(👍 count, 👎 count) per kind of answer that has any vote."""
        async with self.db.conn.execute(
            "SELECT kind, SUM(vote > 0), SUM(vote < 0) FROM ratings GROUP BY kind ORDER BY kind"
        ) as cur:
            return {kind: (int(up), int(down)) async for kind, up, down in cur}


# Counts not yet written, per open database: (kind, day) -> how many. One commit per answered question
# cost more than the rest of an answer's own work, so counts wait here until flush() (periodic, on
# shutdown and before any read); a crash loses at most the counts since the last flush.
_pending: weakref.WeakKeyDictionary[Database, Counter[tuple[str, str]]] = weakref.WeakKeyDictionary()


class QuestionCounts:
    """How many questions of each kind were answered per day; a counter, no text, no user."""

    def __init__(self, db: Database) -> None:
        self.db = db
        pending = _pending.get(db)
        if pending is None:
            pending = _pending[db] = Counter()
        self._pending = pending

    async def count(self, kind: str) -> None:
        """Add one answered question of ``kind`` (one of ANSWER_KINDS or "unanswered") to today.

        The count is kept in memory until the next ``flush``; every read flushes first.
        """
        if kind not in ANSWER_KINDS and kind != "unanswered":
            raise ValueError(f"unknown kind of question {kind!r}")
        self._pending[(kind, today())] += 1

    def pending(self) -> int:
        """How many counted questions are not in the database yet."""
        return sum(self._pending.values())

    async def flush(self) -> int:
        """Write every pending count in one transaction; returns how many questions it wrote."""
        if not self._pending:
            return 0
        # Taken out before the first await, so counts made while writing wait for the next flush.
        batch = [(kind, day, n) for (kind, day), n in self._pending.items()]
        self._pending.clear()
        try:
            # One statement, so a failure writes none of the batch: no rollback is needed, which on the shared
            # connection would also undo other writers' uncommitted work (a /forget's deletions).
            await self.db.conn.execute(
                "INSERT INTO question_counts (kind, day, n) SELECT json_extract(value, '$[0]'), "
                "json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?) WHERE true "
                "ON CONFLICT(kind, day) DO UPDATE SET n = n + excluded.n",
                (json.dumps(batch),),
            )
        except Exception:
            # Nothing written: the counts go back, to be written by the next flush.
            for kind, day, n in batch:
                self._pending[(kind, day)] += n
            raise
        await self.db.conn.commit()  # if this fails, the rows wait in the transaction for the next commit
        return sum(n for _, _, n in batch)

    async def totals(self, since: str | None = None) -> dict[str, int]:
        """Questions per kind, all time or from the ISO day ``since`` on, most asked first."""
        await self.flush()
        async with self.db.conn.execute(
            "SELECT kind, SUM(n) AS total FROM question_counts WHERE day >= ? GROUP BY kind "
            "ORDER BY total DESC, kind",
            (since or "",),
        ) as cur:
            return {kind: int(total) async for kind, total in cur}


def unanswered_form(text: str) -> str:
    """The form a missed query is stored in: numbers and e-mails masked, spaces collapsed, truncated."""
    text = _EMAIL.sub("…@…", text)
    text = _LONG_NUMBER.sub("#", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > UNANSWERED_MAX_CHARS:
        text = text[: UNANSWERED_MAX_CHARS - 1].rstrip() + "…"
    return text


@dataclass(frozen=True)
class Miss:
    """A query the bot found nothing for, how often it came, and when it was last seen."""

    text: str
    count: int
    last_day: str


# Misses not yet written, per open database: folded text -> [shown text, count, first day, last day]. Like the
# counts, they wait for flush() (periodic, on shutdown and before any read): a miss's commit was the
# costliest part of a not-found answer (~400 µs of CPU), and a crash loses at most the misses since.
_pending_misses: weakref.WeakKeyDictionary[Database, dict[str, list]] = weakref.WeakKeyDictionary()


class UnansweredQuestions:
    """Free-text queries that found nothing: text only, no user, counted by their folded form."""

    def __init__(self, db: Database, max_rows: int = UNANSWERED_MAX_ROWS) -> None:
        self.db = db
        self.max_rows = max_rows
        pending = _pending_misses.get(db)
        if pending is None:
            pending = _pending_misses[db] = {}
        self._pending = pending

    async def record(self, text: str) -> Literal["counted", "ignored"]:
        """Log a query that found nothing; the same query again (any case, ё/е) only adds to its count.

        Kept in memory until the next ``flush``; every read flushes first. Nothing but masked text is kept.
        """
        shown = unanswered_form(text)
        if not shown.strip("#…@ "):
            return "ignored"
        folded = shown.casefold().replace("ё", "е")
        day = today()
        entry = self._pending.get(folded)
        if entry is None:
            self._pending[folded] = [shown, 1, day, day]
        else:
            entry[1] += 1
            entry[3] = day
        return "counted"

    def pending(self) -> int:
        """How many misses are not in the database yet."""
        return sum(entry[1] for entry in self._pending.values())

    async def flush(self) -> int:
        """Write every pending miss in one transaction, then trim the log to ``max_rows``; returns how many."""
        if not self._pending:
            return 0
        # Taken out before the first await, so misses logged while writing wait for the next flush.
        batch = [(folded, *entry) for folded, entry in self._pending.items()]
        self._pending.clear()
        try:
            # One statement, so a failure writes none of the batch (see QuestionCounts.flush: no rollback).
            await self.db.conn.execute(
                "INSERT INTO unanswered (folded, text, n, first_day, last_day) SELECT json_extract(value, '$[0]'), "
                "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), "
                "json_extract(value, '$[4]') FROM json_each(?) WHERE true "
                "ON CONFLICT(folded) DO UPDATE SET n = n + excluded.n, last_day = excluded.last_day",
                (json.dumps(batch, ensure_ascii=False),),
            )
        except Exception:
            # Nothing written: the misses go back, to be written by the next flush.
            for folded, shown, n, first_day, last_day in batch:
                entry = self._pending.setdefault(folded, [shown, 0, first_day, last_day])
                entry[1] += n
                entry[2] = min(entry[2], first_day)
            raise
        # Bounded table: once full, the rarest and oldest misses make room for new ones.
        await self.db.conn.execute(
            "DELETE FROM unanswered WHERE folded IN (SELECT folded FROM unanswered "
            "ORDER BY n DESC, last_day DESC, first_day DESC, rowid DESC LIMIT -1 OFFSET ?)",
            (self.max_rows,),
        )
        await self.db.conn.commit()  # if this fails, the rows wait in the transaction for the next commit
        return sum(row[2] for row in batch)

    async def top(self, limit: int = 10) -> list[Miss]:
        """The most frequent misses, most frequent first (then most recent)."""
        await self.flush()
        async with self.db.conn.execute(
            "SELECT text, n, last_day FROM unanswered ORDER BY n DESC, last_day DESC, text LIMIT ?", (limit,)
        ) as cur:
            return [Miss(text, int(n), last_day) async for text, n, last_day in cur]

    async def distinct(self) -> int:
        await self.flush()
        async with self.db.conn.execute("SELECT COUNT(*) FROM unanswered") as cur:
            row = await cur.fetchone()
        return int(row[0]) if row else 0


async def flush_feedback(db: Database) -> int:
    """Write the question counts and misses kept in memory; returns how many of both were written."""
    return await QuestionCounts(db).flush() + await UnansweredQuestions(db).flush()


@dataclass(frozen=True)
class UsageReport:
    """Everything ``/stats`` shows, read in one go."""

    users: int
    users_by_language: dict[str, int]  # "ru", "kk", "none" (never chose; answered in the client's language)
    questions_week: dict[str, int]
    questions_total: dict[str, int]
    ratings: dict[str, tuple[int, int]]
    misses: list[Miss]
    distinct_misses: int


async def usage_report(db: Database, top: int = 10, week_days: int = 7) -> UsageReport:
    """Counts for the admins: users, questions by kind (last ``week_days`` days and all time), ratings, misses."""
    async with db.conn.execute("SELECT COALESCE(language, 'none'), COUNT(*) FROM users GROUP BY 1") as cur:
        by_language = {lang: int(n) async for lang, n in cur}
    since = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=week_days - 1)).isoformat()
    counts = QuestionCounts(db)
    misses = UnansweredQuestions(db)
    return UsageReport(
        users=sum(by_language.values()),
        users_by_language=by_language,
        questions_week=await counts.totals(since),
        questions_total=await counts.totals(),
        ratings=await Ratings(db).by_kind(),
        misses=await misses.top(top),
        distinct_misses=await misses.distinct(),
    )
