"""Reminders: delivered at 09:00 Almaty on the due date, late after downtime, never twice."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.deadlines import appeal_due
from bot.reminder_store import ReminderStore, TooManyReminders
from bot.reminders import (
    IDLE_CHECK,
    MAX_ATTEMPTS,
    MAX_PENDING_PER_USER,
    DeliveryOutcome,
    Reminder,
    ReminderStatus,
    almaty_today,
    can_remind,
    deliver_due,
    delivery_moment,
    run_reminder_loop,
    wait_before_next_pass,
)
from bot.storage import Database

REGISTERED = date(2026, 11, 26)  # due 18 December 2026
DUE = appeal_due(REGISTERED)
CREATED = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
MORNING_UTC = datetime(2026, 12, 18, 4, 0, tzinfo=UTC)  # 09:00 in Almaty (UTC+5)


def test_delivery_is_at_nine_in_almaty_on_the_due_date() -> None:
    assert DUE.answer_by == date(2026, 12, 18)
    assert delivery_moment(DUE.answer_by) == MORNING_UTC


def test_almaty_day_differs_from_utc_late_in_the_evening() -> None:
    assert almaty_today(datetime(2026, 11, 26, 20, 0, tzinfo=UTC)) == date(2026, 11, 27)


def test_no_reminder_once_the_morning_of_the_due_date_has_passed() -> None:
    assert can_remind(DUE.answer_by, MORNING_UTC - timedelta(minutes=1))
    assert not can_remind(DUE.answer_by, MORNING_UTC)


def test_loop_sleeps_until_the_next_delivery_but_checks_regularly() -> None:
    assert wait_before_next_pass(None, CREATED) == IDLE_CHECK.total_seconds()
    assert wait_before_next_pass(CREATED + timedelta(seconds=40), CREATED) == 40
    assert wait_before_next_pass(CREATED - timedelta(hours=1), CREATED) == 0
    assert wait_before_next_pass(CREATED + timedelta(days=3), CREATED) == IDLE_CHECK.total_seconds()


async def _open(path: Path) -> aiosqlite.Connection:
    """The bot's own database with its migrations, as a restarted process opens it."""
    database = await Database(path).open()
    return database.conn


@pytest.fixture
async def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bot.sqlite3"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[ReminderStore]:
    db = await _open(db_path)
    yield ReminderStore(db)
    await db.close()


class Outbox:
    """A transport that records what it sent and answers with a scripted outcome per user."""

    def __init__(self, outcomes: dict[int, DeliveryOutcome] | None = None) -> None:
        self.sent: list[Reminder] = []
        self.outcomes = outcomes or {}

    async def __call__(self, reminder: Reminder) -> DeliveryOutcome:
        outcome = self.outcomes.get(reminder.user_id, DeliveryOutcome.SENT)
        if outcome is DeliveryOutcome.SENT:
            self.sent.append(reminder)
        return outcome


async def test_nothing_is_sent_before_the_morning_of_the_due_date(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    outbox = Outbox()
    await deliver_due(store, outbox, MORNING_UTC - timedelta(seconds=1))
    assert outbox.sent == []
    await deliver_due(store, outbox, MORNING_UTC)
    assert [r.user_id for r in outbox.sent] == [1]


async def test_adding_the_same_appeal_twice_keeps_one_reminder(store: ReminderStore) -> None:
    first = await store.add(1, 1, "ru", DUE, CREATED)
    again = await store.add(1, 1, "kk", DUE, CREATED)
    assert again.id == first.id
    assert [r.registered for r in await store.pending_for(1)] == [REGISTERED]


async def test_list_and_cancel_only_ones_own_reminders(store: ReminderStore) -> None:
    mine = await store.add(1, 1, "ru", DUE, CREATED)
    later = await store.add(1, 1, "ru", appeal_due(date(2026, 11, 27)), CREATED)
    theirs = await store.add(2, 2, "kk", DUE, CREATED)
    assert [r.id for r in await store.pending_for(1)] == [mine.id, later.id]
    assert not await store.cancel(1, theirs.id)
    assert await store.cancel(1, mine.id)
    assert not await store.cancel(1, mine.id)
    assert [r.id for r in await store.pending_for(1)] == [later.id]
    outbox = Outbox()
    await deliver_due(store, outbox, MORNING_UTC + timedelta(days=10))
    assert sorted(r.id for r in outbox.sent) == [later.id, theirs.id]


async def test_a_user_cannot_pile_up_reminders(store: ReminderStore) -> None:
    # a week apart: each a Thursday, so each its own registration (a weekend day is registered on Monday)
    for offset in range(MAX_PENDING_PER_USER):
        await store.add(1, 1, "ru", appeal_due(REGISTERED - timedelta(weeks=offset)), CREATED)
    with pytest.raises(TooManyReminders):
        await store.add(1, 1, "ru", appeal_due(REGISTERED - timedelta(weeks=MAX_PENDING_PER_USER)), CREATED)


async def test_reminders_due_while_the_bot_was_down_are_sent_late_and_once(db_path: Path) -> None:
    db = await _open(db_path)
    await ReminderStore(db).add(1, 1, "ru", DUE, CREATED)
    await ReminderStore(db).add(2, 2, "kk", appeal_due(date(2026, 11, 20)), CREATED)
    await db.close()  # the bot stops before either morning comes

    three_days_late = MORNING_UTC + timedelta(days=3)
    db = await _open(db_path)  # restart
    store = ReminderStore(db)
    assert await store.settle_interrupted() == 0
    outbox = Outbox()
    report = await deliver_due(store, outbox, three_days_late)
    assert sorted(r.user_id for r in outbox.sent) == [1, 2]
    assert report.sent == 2
    await deliver_due(store, outbox, three_days_late + timedelta(hours=1))
    await db.close()

    db = await _open(db_path)  # and another restart
    await deliver_due(ReminderStore(db), outbox, three_days_late + timedelta(days=1))
    await db.close()
    assert len(outbox.sent) == 2


async def test_a_crash_between_claim_and_confirmation_never_sends_twice(db_path: Path) -> None:
    db = await _open(db_path)
    store = ReminderStore(db)
    await store.add(1, 1, "ru", DUE, CREATED)
    claimed = await store.claim_due(MORNING_UTC, 10)
    assert [r.user_id for r in claimed] == [1]
    await db.close()  # crash: the message may or may not have gone out

    db = await _open(db_path)
    store = ReminderStore(db)
    assert await store.settle_interrupted() == 1
    outbox = Outbox()
    await deliver_due(store, outbox, MORNING_UTC + timedelta(hours=2))
    assert outbox.sent == []
    assert await store.pending_for(1) == []
    await db.close()


async def test_a_user_who_blocked_the_bot_is_skipped_others_still_served(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    await store.add(1, 1, "ru", appeal_due(date(2026, 11, 27)), CREATED)
    await store.add(2, 2, "kk", DUE, CREATED)
    outbox = Outbox({1: DeliveryOutcome.BLOCKED})
    report = await deliver_due(store, outbox, MORNING_UTC)
    assert [r.user_id for r in outbox.sent] == [2]
    assert report.blocked == 1
    # the blocked user's later reminder is dropped too, not retried every morning
    assert await store.pending_for(1) == []
    outbox.outcomes = {}
    await deliver_due(store, outbox, MORNING_UTC + timedelta(days=5))
    assert [r.user_id for r in outbox.sent] == [2]


async def test_a_refused_send_is_retried_then_given_up(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    outbox = Outbox({1: DeliveryOutcome.RETRY_LATER})
    for attempt in range(MAX_ATTEMPTS):
        report = await deliver_due(store, outbox, MORNING_UTC + timedelta(minutes=attempt))
        assert report.retried == 1
    assert await store.pending_for(1) == []
    outbox.outcomes = {}
    await deliver_due(store, outbox, MORNING_UTC + timedelta(days=1))
    assert outbox.sent == []


async def test_a_retry_that_then_succeeds_is_sent_once(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    outbox = Outbox({1: DeliveryOutcome.RETRY_LATER})
    await deliver_due(store, outbox, MORNING_UTC)
    outbox.outcomes = {}
    await deliver_due(store, outbox, MORNING_UTC + timedelta(minutes=1))
    await deliver_due(store, outbox, MORNING_UTC + timedelta(minutes=2))
    assert [r.user_id for r in outbox.sent] == [1]


async def test_an_exception_in_one_send_does_not_stop_the_others(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    await store.add(2, 2, "ru", DUE, CREATED)
    delivered: list[int] = []

    async def flaky(reminder: Reminder) -> DeliveryOutcome:
        if reminder.user_id == 1:
            raise RuntimeError("template bug")
        delivered.append(reminder.user_id)
        return DeliveryOutcome.SENT

    report = await deliver_due(store, flaky, MORNING_UTC)
    assert delivered == [2]
    assert report.failed == 1
    await deliver_due(store, flaky, MORNING_UTC + timedelta(hours=1))
    assert delivered == [2]


async def test_the_loop_keeps_going_after_a_failing_pass(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    outbox = Outbox()
    naps: list[float] = []
    real_claim = store.claim_due
    calls = 0

    async def claim_failing_once(now: datetime, limit: int) -> list[Reminder]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise aiosqlite.OperationalError("database is locked")
        return await real_claim(now, limit)

    store.claim_due = claim_failing_once  # type: ignore[method-assign]

    class Stop(Exception):
        pass

    async def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise Stop

    with pytest.raises(Stop):
        await run_reminder_loop(store, outbox, clock=lambda: MORNING_UTC, sleep=sleep)
    assert [r.user_id for r in outbox.sent] == [1]
    assert naps[0] == IDLE_CHECK.total_seconds()  # after the failure: wait, then try again


async def test_stored_reminder_keeps_the_appeal_dates(store: ReminderStore) -> None:
    reminder = await store.add(7, 70, "kk", DUE, CREATED)
    assert (reminder.registered, reminder.answer_by, reminder.extended_latest) == (
        DUE.registered,
        DUE.answer_by,
        DUE.extended_latest,
    )
    assert (reminder.chat_id, reminder.lang, reminder.status) == (70, "kk", ReminderStatus.PENDING)
    assert reminder.deliver_at == MORNING_UTC


async def test_two_presses_at_once_store_one_reminder(store: ReminderStore) -> None:
    first, second = await asyncio.gather(store.add(1, 1, "ru", DUE, CREATED), store.add(1, 1, "ru", DUE, CREATED))
    assert first.id == second.id
    assert len(await store.pending_for(1)) == 1


async def test_forget_deletes_all_of_a_users_reminders(store: ReminderStore) -> None:
    await store.add(1, 1, "ru", DUE, CREATED)
    await store.add(2, 2, "ru", DUE, CREATED)
    await store.forget_user(1)
    assert await store.pending_for(1) == []
    assert len(await store.pending_for(2)) == 1
