"""Rate logic for floods: who may be answered now (incoming) and when a message may go out (outgoing).

Pure and clock-driven: every decision takes ``now`` in seconds (monotonic), so tests use a fake clock.
Both keep state per key only while it matters; keys whose allowance is back to full are pruned, so
memory stays bounded by the number of users active in the last few seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# Prune expired keys once a table holds this many, at most once per this many calls (amortised O(1)).
PRUNE_SIZE = 1024


class Verdict(Enum):
    """What to do with an incoming update."""

    PASS = "pass"  # handle it
    WARN = "warn"  # drop it, and tell the user once to slow down
    DROP = "drop"  # drop it silently


@dataclass
class _Sender:
    tat: float  # theoretical arrival time (GCRA): the allowance is full again at this moment
    warned_at: float | None = None
    album: str | None = None


class FloodGate:
    """Per-user flood control for incoming messages and button presses.

    A user may send ``burst`` updates at once and ``rate`` a second after that (a token bucket, as
    GCRA). The first update over the limit gets ``WARN``, every other one ``DROP``; a user is warned at
    most once per ``warn_every`` seconds, so a burst of 30 in a second yields exactly one warning.
    The photos of one album arrive as separate messages: only the first counts, the rest are dropped.
    """

    def __init__(self, burst: int = 10, rate: float = 1.0, warn_every: float = 60.0) -> None:
        if burst < 1 or rate <= 0:
            raise ValueError("burst must be at least 1 and rate positive")
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.warn_every = warn_every
        self._senders: dict[int, _Sender] = {}
        self._calls = 0

    def __len__(self) -> int:
        return len(self._senders)

    def check(self, user_id: int, now: float, album: str | None = None) -> Verdict:
        """Decide about one update from ``user_id`` arriving at ``now``; ``album`` is its media group id."""
        self._maybe_prune(now)
        sender = self._senders.get(user_id)
        if sender is None:
            sender = self._senders[user_id] = _Sender(tat=now)
        if album is not None:
            if album == sender.album:
                return Verdict.DROP
            sender.album = album
        tat = max(sender.tat, now)
        if tat - now > self.tolerance:
            if sender.warned_at is not None and now - sender.warned_at < self.warn_every:
                return Verdict.DROP
            sender.warned_at = now
            return Verdict.WARN
        sender.tat = tat + self.interval
        return Verdict.PASS

    def _maybe_prune(self, now: float) -> None:
        self._calls += 1
        if len(self._senders) < PRUNE_SIZE or self._calls % 64:
            return
        # A sender whose allowance is full and whose warning has lapsed is no different from a new one.
        for user_id in [
            uid for uid, s in self._senders.items()
            if s.tat <= now and (s.warned_at is None or now - s.warned_at >= self.warn_every)
        ]:
            del self._senders[user_id]


class Pacer:
    """Schedules outgoing messages within Telegram's limits: per chat and for the bot as a whole.

    Defaults follow Telegram's FAQ: about one message a second in a chat (short bursts of
    ``chat_burst`` are tolerated) and no more than 30 a second overall: ``total_burst`` at once and
    then ``total_rate`` a second never put more than ``total_burst + total_rate - 1`` into any second.
    ``reserve`` books the earliest moment a message to ``chat_id`` may go and returns how long to wait
    for it (0.0 when no wait).
    """

    def __init__(self, chat_rate: float = 1.0, chat_burst: int = 5, total_rate: float = 25.0,
                 total_burst: int = 5) -> None:
        if chat_rate <= 0 or total_rate <= 0 or chat_burst < 1 or total_burst < 1:
            raise ValueError("rates must be positive and bursts at least 1")
        self.chat_interval = 1.0 / chat_rate
        self.chat_tolerance = (chat_burst - 1) * self.chat_interval
        self.total_interval = 1.0 / total_rate
        self.total_tolerance = (total_burst - 1) * self.total_interval
        self._chats: dict[int | str, float] = {}
        self._total = 0.0
        self._calls = 0

    def __len__(self) -> int:
        return len(self._chats)

    def reserve(self, chat_id: int | str, now: float) -> float:
        """Book a send to ``chat_id``; the caller must wait the returned number of seconds first."""
        self._maybe_prune(now)
        chat_tat = max(self._chats.get(chat_id, now), now)
        total_tat = max(self._total, now)
        at = max(now, chat_tat - self.chat_tolerance, total_tat - self.total_tolerance)
        self._chats[chat_id] = max(chat_tat, at) + self.chat_interval
        self._total = max(total_tat, at) + self.total_interval
        return at - now

    def _maybe_prune(self, now: float) -> None:
        self._calls += 1
        if len(self._chats) < PRUNE_SIZE or self._calls % 64:
            return
        for chat_id in [c for c, tat in self._chats.items() if tat <= now]:
            del self._chats[chat_id]
