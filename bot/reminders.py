"""Reminders of an appeal's due date: when to deliver them and how a delivery pass treats each outcome.

Delivery is at-most-once: a reminder is claimed (pending -> sending) in one SQL statement before it
is sent and marked sent after Telegram accepted it. A crash between the claim and the mark leaves it
claimed, so a restart never sends it again; a restart does send every pending reminder whose moment
has passed while the bot was down (late rather than lost). A transport error puts the claim back
for a later pass: a flood limit proves nothing was sent; a network timeout does not, and is the one
case where a user could get a reminder twice — we prefer that to losing it.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

ALMATY = ZoneInfo("Asia/Almaty")
DELIVERY_TIME = time(9, 0)  # morning in Kazakhstan, when offices open
MAX_ATTEMPTS = 5  # a reminder Telegram refused this often is given up
MAX_PENDING_PER_USER = 10
IDLE_CHECK = timedelta(minutes=5)  # also picks up reminders added while the loop sleeps


class ReminderStatus(enum.StrEnum):
    """Where a reminder is in its life; only PENDING ones are ever claimed."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by a delivery pass; never claimed again
    SENT = "sent"
    CANCELLED = "cancelled"
    BLOCKED = "blocked"  # the user blocked the bot
    FAILED = "failed"  # Telegram refused it MAX_ATTEMPTS times or for good
    INTERRUPTED = "interrupted"  # the bot stopped between claim and confirmation: not sent again


class DeliveryOutcome(enum.Enum):
    """What sending one reminder came to, as the transport judged it."""

    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot: stop writing to them
    RETRY_LATER = "retry"  # not delivered as far as we know (flood limit, server or network error)
    FAILED = "failed"  # will never be delivered (chat gone, bad request)


@dataclass(frozen=True, slots=True)
class Reminder:
    """A stored reminder about one appeal of one user."""

    id: int
    user_id: int
    chat_id: int
    lang: str
    registered: date
    answer_by: date
    extended_latest: date
    deliver_at: datetime  # aware, UTC
    status: ReminderStatus
    attempts: int


def utc_now() -> datetime:
    """The current aware moment in UTC (the default clock; tests pass their own)."""
    return datetime.now(UTC)


def delivery_moment(answer_by: date) -> datetime:
    """09:00 Asia/Almaty on the due date, as an aware UTC datetime."""
    return datetime.combine(answer_by, DELIVERY_TIME, tzinfo=ALMATY).astimezone(UTC)


def almaty_today(now: datetime) -> date:
    """The calendar day in Kazakhstan at the aware moment ``now``."""
    return now.astimezone(ALMATY).date()


def can_remind(answer_by: date, now: datetime) -> bool:
    """A reminder makes sense only while its delivery moment is still ahead."""
    return delivery_moment(answer_by) > now


def wait_before_next_pass(next_delivery: datetime | None, now: datetime) -> float:
    """Seconds the loop may sleep: until the next known delivery, never longer than IDLE_CHECK."""
    if next_delivery is None:
        return IDLE_CHECK.total_seconds()
    return max(0.0, min((next_delivery - now).total_seconds(), IDLE_CHECK.total_seconds()))


class ReminderQueue(Protocol):
    """The storage operations a delivery pass needs (implemented by ``ReminderStore``)."""

    async def claim_due(self, now: datetime, limit: int) -> list[Reminder]: ...
    async def mark_sent(self, reminder_id: int, now: datetime) -> None: ...
    async def mark_user_blocked(self, user_id: int) -> None: ...
    async def release(self, reminder_id: int) -> None: ...
    async def mark_failed(self, reminder_id: int) -> None: ...
    async def next_delivery_at(self) -> datetime | None: ...


Send = Callable[[Reminder], Awaitable[DeliveryOutcome]]
Clock = Callable[[], datetime]  # the moment now, UTC: ``utc_now``, or a fixed one in tests


@dataclass(slots=True)
class PassReport:
    """Counts of one delivery pass, for the log."""

    sent: int = 0
    blocked: int = 0
    retried: int = 0
    failed: int = 0


async def deliver_due(queue: ReminderQueue, send: Send, now: datetime, batch: int = 50) -> PassReport:
    """Claim every reminder due by ``now`` and send it once; one bad reminder never stops the rest."""
    report = PassReport()
    while claimed := await queue.claim_due(now, batch):
        for reminder in claimed:
            try:
                outcome = await send(reminder)
            except Exception:  # an unexpected bug must not kill the loop; the claim stays, so no repeat
                log.exception("reminder %s: sending raised; left claimed", reminder.id)
                report.failed += 1
                continue
            if outcome is DeliveryOutcome.SENT:
                await queue.mark_sent(reminder.id, now)
                report.sent += 1
            elif outcome is DeliveryOutcome.BLOCKED:
                await queue.mark_user_blocked(reminder.user_id)
                report.blocked += 1
            elif outcome is DeliveryOutcome.RETRY_LATER:
                await queue.release(reminder.id)
                report.retried += 1
            else:
                await queue.mark_failed(reminder.id)
                report.failed += 1
        if report.retried:
            break  # released reminders are due again at once: leave them to the next pass
    return report


async def run_reminder_loop(
    queue: ReminderQueue,
    send: Send,
    clock: Clock = utc_now,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Deliver due reminders until cancelled; a failing pass is logged and the loop goes on."""
    while True:
        try:
            report = await deliver_due(queue, send, clock())
            if report.sent or report.blocked or report.retried or report.failed:
                log.info("reminders: %s", report)
            wait = wait_before_next_pass(await queue.next_delivery_at(), clock())
            if report.retried:
                wait = max(wait, 30.0)  # give a flood limit or an outage time to pass
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("reminder pass failed; trying again later")
            wait = IDLE_CHECK.total_seconds()
        await sleep(wait)
