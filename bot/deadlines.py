"""Deadlines of an appeal to an akimat under the Administrative Procedural Code (APPC).

How the terms are counted here (APPC of 29.06.2020 No. 350-VI, in force from 01.07.2021, art. 76):

* "15 working days from registration": the day of registration is not counted; the answer is due
  by the end of the 15th working day after it.
* An appeal handed in on a weekend or a holiday is registered on the next working day, and the count
  starts from there (the rules on registering appeals, research/facts.md §6: guidance, not the Code's
  text; the answer says so).
* Working days are Monday to Friday, minus Kazakhstan's public holidays and their observed
  (transferred) days off, plus weekend days the Government made working days by a transfer — all
  as the ``holidays`` package (country KZ) lists them.
* Forwarding to the competent body happens within 3 working days, counted the same way.
* An extension may not go beyond two months: the latest date is the same day number two months
  after registration (the month's last day when it has no such day), moved to the next working day
  when that falls on a day off.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

APPC_IN_FORCE = date(2021, 7, 1)
ANSWER_WORKING_DAYS = 15
FORWARD_WORKING_DAYS = 3
EXTENSION_NOTICE_WORKING_DAYS = 3
EXTENSION_MAX_MONTHS = 2


@dataclass(frozen=True, slots=True)
class WorkCalendarYear:
    """Days off that fall on weekdays and working days that fall on weekends in one year."""

    days_off: frozenset[date]
    weekend_workdays: frozenset[date]


@lru_cache(maxsize=32)
def calendar_year(year: int) -> WorkCalendarYear:
    """Kazakhstan's public holidays (with observed and substituted days) for ``year``, built once."""
    kz = holidays.country_holidays("KZ", years=year)
    return WorkCalendarYear(
        days_off=frozenset(kz),
        # the package keeps transfers of every year in one set, so keep only this year's
        weekend_workdays=frozenset(d for d in kz.weekend_workdays if d.year == year),
    )


def is_working_day(day: date) -> bool:
    """True when ``day`` is a working day in Kazakhstan (weekday, not a holiday, or a transferred workday)."""
    year = calendar_year(day.year)
    if day in year.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in year.days_off


def working_days_after(start: date, n: int) -> date:
    """The n-th working day after ``start``; ``start`` itself is never counted (n=0 returns it)."""
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def next_working_day_from(day: date) -> date:
    """``day`` itself when it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_months(day: date, months: int) -> date:
    """The same day number ``months`` later, or the last day of that month when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    """The dates a citizen can hold an akimat to for an appeal registered on ``registered``."""

    submitted: date  # the day the citizen handed it in
    registered: date  # that day, or the next working day when it was a day off
    answer_by: date  # 15th working day after registration (art. 76)
    forward_by: date  # 3rd working day: forwarding when the akimat is not competent
    extended_latest: date  # the latest possible answer if the term was extended with reasons


def appeal_due(submitted: date) -> AppealDeadline:
    """Deadlines of an appeal handed in on ``submitted`` (registered then, or on the next working day when
    that was a day off); refuses dates before the APPC came in force."""
    if submitted < APPC_IN_FORCE:
        raise ValueError(f"APPC terms apply from {APPC_IN_FORCE.isoformat()}, got {submitted}")
    registered = next_working_day_from(submitted)
    return AppealDeadline(
        submitted=submitted,
        registered=registered,
        answer_by=working_days_after(registered, ANSWER_WORKING_DAYS),
        forward_by=working_days_after(registered, FORWARD_WORKING_DAYS),
        extended_latest=next_working_day_from(add_months(registered, EXTENSION_MAX_MONTHS)),
    )


def extension_notice_due(extended_on: date) -> date:
    """The last day to tell the applicant about an extension decided on ``extended_on``."""
    return working_days_after(extended_on, EXTENSION_NOTICE_WORKING_DAYS)
