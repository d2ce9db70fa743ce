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
from collections import Counter
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Literal, NamedTuple

from bot.storage import Database


class AnswerKind(StrEnum):
    """A kind of substantive answer, rated and counted; the value travels in callback data, so it stays fixed."""

    POSITION = "position"
    CATEGORY = "category"
    SALARY = "salary"
    COMPLAINT = "complaint"
    ADMISSION = "admission"
    AKIMAT = "akimat"
    DRAFT = "draft"


ANSWER_KINDS: tuple[str, ...] = tuple(AnswerKind)
UNANSWERED_MAX_CHARS = 100
UNANSWERED_MAX_ROWS = 2000
_SECRET_NAME = "feedback_key"
# A typed IIN, phone or card number would be personal data: such digit runs are masked before storing.
_LONG_NUMBER = re.compile(r"\+?\d[\d\s()-]{4,}\d")
_WORD = re.compile(r"\S+")
_NUMBER_CHARS = "0123456789()+-"
# Only the start of a text is kept, so only its start is read: a 4,096-character paste costs what 400 do.
_MASKED_CHARS = 4 * UNANSWERED_MAX_CHARS


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


class Votes(NamedTuple):
    """How many 👍 and 👎 a kind of answer got."""

    up: int
    down: int


class Ratings:
    """👍 / 👎 per answered message and kind of answer, one row per message.

    The installation's hashing key is read on the first vote and kept: build one ``Ratings`` per process.
    """

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

    async def by_kind(self) -> dict[str, Votes]:
        """The votes per kind of answer that has any."""
        async with self.db.conn.execute(
            "SELECT kind, SUM(vote > 0), SUM(vote < 0) FROM ratings GROUP BY kind ORDER BY kind"
        ) as cur:
            return {kind: Votes(int(up), int(down)) async for kind, up, down in cur}


class QuestionCounts:
    """How many questions of each kind were answered per day; a counter, no text, no user.

    One commit per answered question cost more than the rest of an answer's own work, so the counts wait in
    this object, (kind, day) -> how many, until ``flush`` (periodic, on shutdown and before any read); a crash
    loses at most the counts since the last flush. Build one per process: counts made through another
    instance wait in that one.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: Counter[tuple[str, str]] = Counter()

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
    """The form a missed query is stored in: numbers and e-mails masked, spaces collapsed, truncated.

    Linear in the text and reading only its first few hundred characters' words: a word with "@" inside is
    an e-mail (what ``\\S+@\\S+`` matched, found without that regex's quadratic backtracking, 58 ms on
    4,096 characters without a space).
    """
    words: list[str] = []
    size = 0
    cut = False
    for match in _WORD.finditer(text):
        if size > _MASKED_CHARS:
            cut = True
            break
        word = match.group()
        if "@" in word[1:-1]:
            word = "…@…"
        words.append(word[: UNANSWERED_MAX_CHARS + 1])  # a longer word is cut below anyway
        size += len(words[-1]) + 1
    if cut and words and not words[-1].strip(_NUMBER_CHARS):
        while words and not words[-1].strip(_NUMBER_CHARS):
            words.pop()
        words.append("#")  # a number the cut went through, too short for the mask, is masked whole
    text = _LONG_NUMBER.sub("#", " ".join(words))
    if len(text) > UNANSWERED_MAX_CHARS:
        text = text[: UNANSWERED_MAX_CHARS - 1].rstrip() + "…"
    # A lone surrogate (a broken paste, undecodable console input) cannot be written as UTF-8: it would make
    # every later write of the miss log fail with it.
    return text.encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True)
class Miss:
    """A query the bot found nothing for, how often it came, and when it was last seen."""

    text: str
    count: int
    last_day: str


class UnansweredQuestions:
    """Free-text queries that found nothing: text only, no user, counted by their folded form.

    Like the counts, misses wait in this object (folded text -> [shown text, count, first day, last day])
    until ``flush``: a miss's commit was the costliest part of a not-found answer (~400 µs of CPU), and a
    crash loses at most the misses since. Build one per process.
    """

    def __init__(self, db: Database, max_rows: int = UNANSWERED_MAX_ROWS) -> None:
        self.db = db
        self.max_rows = max_rows
        self._pending: dict[str, list] = {}

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


@dataclass(frozen=True)
class UsageReport:
    """Everything ``/stats`` shows, read in one go."""

    users: int
    users_by_language: dict[str, int]  # "ru", "kk", "none" (never chose; answered in the client's language)
    questions_week: dict[str, int]
    questions_total: dict[str, int]
    ratings: dict[str, Votes]
    misses: list[Miss]
    distinct_misses: int


class Feedback:
    """The feedback of one running bot: question counts, the miss log and ratings, built once per process
    (the app factory does) so that the counts and misses waiting for a write, and the hashing key, have one
    owner."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.counts = QuestionCounts(db)
        self.misses = UnansweredQuestions(db)
        self.ratings = Ratings(db)

    async def answered(self, kind: str) -> None:
        """Count one answered question of ``kind`` (one of ``AnswerKind``) for /stats."""
        await self.counts.count(kind)

    async def missed(self, text: str) -> None:
        """Log a free-text query that found nothing (its masked, truncated text, no user) and count it."""
        if await self.misses.record(text) != "ignored":
            await self.counts.count("unanswered")

    async def flush(self) -> int:
        """Write the question counts and misses kept in memory; returns how many of both were written."""
        return await self.counts.flush() + await self.misses.flush()

    async def report(self, top: int = 10, week_days: int = 7) -> UsageReport:
        """Counts for the admins: users, questions by kind (last ``week_days`` days and all time), ratings,
        misses."""
        async with self.db.conn.execute("SELECT COALESCE(language, 'none'), COUNT(*) FROM users GROUP BY 1") as cur:
            by_language = {lang: int(n) async for lang, n in cur}
        since = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=week_days - 1)).isoformat()
        return UsageReport(
            users=sum(by_language.values()),
            users_by_language=by_language,
            questions_week=await self.counts.totals(since),
            questions_total=await self.counts.totals(),
            ratings=await self.ratings.by_kind(),
            misses=await self.misses.top(top),
            distinct_misses=await self.misses.distinct(),
        )
