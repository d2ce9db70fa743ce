"""The appeal deadline calculator against dates counted by hand from the law and the KZ calendar.

Each expected date was counted on a calendar: weekends skipped, and the days off the ``holidays``
package (0.109, country KZ) lists for that year, including observed and substituted days.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.deadlines import (
    AppealDeadline,
    add_months,
    appeal_due,
    extension_notice_due,
    is_working_day,
    working_days_after,
)

D = date.fromisoformat

# (registered, 15th working day, why the case is interesting)
ANSWER_DUE = [
    ("2026-02-02", "2026-02-23", "no holidays: Monday + 15 working days is Monday three weeks later"),
    ("2026-11-26", "2026-12-18", "Thursday, across 16 December (Wednesday)"),
    ("2025-12-24", "2026-01-19", "New Year 1-2 January and Orthodox Christmas 7 January"),
    ("2024-12-30", "2025-01-23", "Sunday 5 January 2025 was a working day (transfer for 3 January)"),
    ("2026-03-02", "2026-03-27", "8 March on Sunday -> 9 March off; Nauryz 21-23 March + 24, 25 observed"),
    ("2027-03-12", "2027-04-08", "Constitution Day 15 March from 2027; Nauryz 22-23 + 24 observed"),
    ("2026-04-28", "2026-05-22", "1 May (Fri), 7 May (Thu), 9 May on Saturday -> 11 May off"),
    ("2026-06-29", "2026-07-21", "Capital Day 6 July (Monday)"),
    ("2025-08-25", "2025-09-16", "Constitution Day 30 August 2025 on Saturday -> 1 September off"),
    ("2026-08-24", "2026-09-14", "no Constitution Day on 30 August in 2026"),
    ("2026-10-19", "2026-11-10", "Republic Day 25 October on Sunday -> 26 October off"),
    ("2026-12-07", "2026-12-29", "Independence Day 16 December (Wednesday)"),
    # handed in on a day off: registered on the next working day, counted from there (facts.md §6, guidance)
    ("2026-11-28", "2026-12-22", "Saturday: registered Monday 30 Nov; 1 Dec is day 1, 16 Dec off"),
    ("2026-11-29", "2026-12-22", "Sunday: the same Monday registration as Saturday"),
    ("2026-12-16", "2027-01-12", "Independence Day: registered 17 Dec; 1, 2 (Sat) and 4 Jan off, 7 Jan off"),
]


@pytest.mark.parametrize(("registered", "due", "why"), ANSWER_DUE)
def test_answer_due_on_the_15th_working_day(registered: str, due: str, why: str) -> None:
    assert appeal_due(D(registered)).answer_by == D(due), why


def test_registration_day_is_not_counted() -> None:
    # Friday 5 February 2027: the 1st working day is Monday 8 February, not the Friday itself
    assert working_days_after(D("2027-02-05"), 1) == D("2027-02-08")
    assert working_days_after(D("2027-02-05"), 0) == D("2027-02-05")


def test_forwarding_within_three_working_days_skips_holidays() -> None:
    # 14 Dec 2026 (Mon): 15 -> 1, 16 off, 17 -> 2, 18 -> 3
    assert appeal_due(D("2026-12-14")).forward_by == D("2026-12-18")


def test_extension_notice_counts_working_days_from_the_decision() -> None:
    # decided Friday 20 March 2026: 21-25 March are Nauryz and weekend, so 26, 27, 30
    assert extension_notice_due(D("2026-03-20")) == D("2026-03-30")


@pytest.mark.parametrize(
    ("registered", "latest"),
    [
        ("2026-11-26", "2027-01-26"),  # plain: same day two months later (Tuesday)
        ("2026-12-31", "2027-03-01"),  # 28 Feb 2027 is the month's end and a Sunday
        ("2026-11-01", "2027-01-05"),  # 1 Jan, 2 Jan (Sat), 3 Jan (Sun), 4 Jan (observed) are off
        ("2026-08-24", "2026-10-27"),  # 24 Oct Sat, 25 Sun, 26 Oct Republic Day observed
    ],
)
def test_latest_date_when_extended_to_two_months(registered: str, latest: str) -> None:
    assert appeal_due(D(registered)).extended_latest == D(latest)


def test_deadline_keeps_the_registration_date() -> None:
    assert appeal_due(D("2026-02-02")) == AppealDeadline(
        submitted=D("2026-02-02"),
        registered=D("2026-02-02"),
        answer_by=D("2026-02-23"),
        forward_by=D("2026-02-05"),
        extended_latest=D("2026-04-02"),
    )


def test_a_day_off_is_registered_on_the_next_working_day_and_counted_from_it() -> None:
    deadline = appeal_due(D("2026-11-28"))  # Saturday
    assert (deadline.submitted, deadline.registered) == (D("2026-11-28"), D("2026-11-30"))
    assert deadline.forward_by == D("2026-12-03")  # 1, 2, 3 December after the Monday
    assert deadline.extended_latest == D("2027-02-01")  # 30 Jan 2027 (two months after Monday) is a Saturday


def test_appeals_before_the_code_are_refused() -> None:
    with pytest.raises(ValueError, match="2021-07-01"):
        appeal_due(D("2021-06-30"))
    # Sat 3 July 2021 worked for Mon 5 July; 6 July Capital Day; 20 July Kurban ait
    assert appeal_due(D("2021-07-01")).answer_by == D("2021-07-26")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-03-23", False),  # Nauryz
        ("2026-03-25", False),  # Nauryz, observed for 21 March (Saturday)
        ("2026-05-27", False),  # Kurban ait (estimated date in the package)
        ("2026-08-31", True),  # Monday after 30 August: not a day off in 2026
        ("2025-01-05", True),  # transferred working Sunday
        ("2026-11-28", False),  # Saturday
    ],
)
def test_working_day_flags(day: str, working: bool) -> None:
    assert is_working_day(D(day)) is working


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D("2027-12-31"), 2) == D("2028-02-29")
    assert add_months(D("2026-11-15"), 2) == D("2027-01-15")


def test_negative_count_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        working_days_after(D("2026-01-01"), -1)


@given(
    start=st.dates(min_value=date(2021, 7, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=1, max_value=45),
)
def test_nth_working_day_is_a_working_day_with_exactly_n_before_it(start: date, n: int) -> None:
    due = working_days_after(start, n)
    assert due > start and is_working_day(due)
    between = [start + timedelta(days=k) for k in range(1, (due - start).days + 1)]
    assert sum(is_working_day(day) for day in between) == n
