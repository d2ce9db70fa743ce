"""Reading a date a citizen typed: "26.11.2026", "26.11", "2026-11-26", "26 ноября", "26 қараша", "вчера"."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from bot.datafiles import LANGS, DataError, load_data


class DateProblem(enum.Enum):
    """Why a typed text gave no usable date; the caller picks the message."""

    UNREADABLE = "unreadable"  # no date shape in the text
    INVALID = "invalid"  # a date shape, but no such day (31.02, 32.01, month 13)
    FUTURE = "future"  # a real day after today


# Kazakh letters read as the Russian letters people type for them on phones without a Kazakh layout
_KAZAKH_LOOKALIKES = str.maketrans("әғқңөұүһіiё", "агкноуухиие")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_NUMERIC = re.compile(r"(\d{1,2})[./\-](\d{1,2})(?:[./\-](\d{4}|\d{2}))?")
_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_TRAILING_WORD = re.compile(r"\s*([^\W\d_]+)\.?$")


def _fold(word: str) -> str:
    return word.lower().translate(_KAZAKH_LOOKALIKES)


@dataclass(frozen=True, slots=True)
class CalendarWords:
    """Month stems, relative-day words and year words, folded for matching."""

    month_stems: tuple[tuple[str, int], ...]  # longest stem first, so "мая" wins over a shorter one
    relative_days: dict[str, int]  # folded word -> days before today
    year_words: frozenset[str]

    def month_of(self, word: str) -> int | None:
        """The month number a word starts with, or None."""
        return next((month for stem, month in self.month_stems if word.startswith(stem)), None)


_RELATIVE_OFFSETS = {"today": 0, "yesterday": 1}


@lru_cache(maxsize=4)
def calendar_words(data_dir: Path | None = None) -> CalendarWords:
    """Load and check ``data/calendar_words.yaml`` once; a stem shared by two months is an error."""
    where = "calendar_words.yaml"
    raw = load_data(where, data_dir)
    stems: dict[str, int] = {}
    for month, forms in raw["months"].items():
        if not 1 <= int(month) <= 12 or set(forms) != set(LANGS):
            raise DataError(f"{where}: month {month!r} needs a number 1-12 and forms for {LANGS}")
        for form in (f for lang in LANGS for f in forms[lang]):
            stem = _fold(form)
            if len(stem) < 3 or stems.get(stem, int(month)) != int(month):
                raise DataError(f"{where}: month form {form!r} is shorter than 3 letters or ambiguous")
            stems[stem] = int(month)
    relative = {
        _fold(word): _RELATIVE_OFFSETS[key]
        for key, words in raw["relative_days"].items()
        for lang in LANGS
        for word in words[lang]
    }
    year_words = frozenset(_fold(w) for lang in LANGS for w in raw["year_words"][lang])
    return CalendarWords(
        month_stems=tuple(sorted(stems.items(), key=lambda item: -len(item[0]))),
        relative_days=relative,
        year_words=year_words,
    )


def _full_year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _dated(year: int | None, month: int, day: int, today: date) -> date | DateProblem:
    """The day, with a missing year taken as the latest such day not after today."""
    years = [year] if year is not None else [today.year, today.year - 1]
    problem = DateProblem.INVALID
    for candidate_year in years:
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
        problem = DateProblem.FUTURE
    return problem


def _from_words(tokens: list[str], words: CalendarWords, today: date) -> date | DateProblem:
    numbers = [t for t in tokens if t.isdigit()]
    letters = [t for t in tokens if not t.isdigit()]
    months = [m for m in (words.month_of(t) for t in letters) if m is not None]
    if len(months) != 1 or len(letters) - 1 != sum(t in words.year_words for t in letters):
        return DateProblem.UNREADABLE
    days = [n for n in numbers if len(n) <= 2]
    years = [n for n in numbers if len(n) == 4]
    if len(days) != 1 or len(years) > 1 or len(days) + len(years) != len(numbers):
        return DateProblem.UNREADABLE
    return _dated(int(years[0]) if years else None, months[0], int(days[0]), today)


def parse_user_date(text: str, today: date, words: CalendarWords | None = None) -> date | DateProblem:
    """The date ``text`` names, judged against ``today`` (Asia/Almaty), or why it names none.

    Accepts day.month[.year] with '.', '/' or '-', ISO year-month-day, "26 ноября [2026 г.]",
    "2026 жылғы 26 қараша", "сегодня/вчера/бүгін/кеше". A missing year means the latest such day
    that is not in the future; a two-digit year means 20xx.
    """
    words = words or calendar_words()
    folded = _fold(text).strip()
    if folded in words.relative_days:
        return today - timedelta(days=words.relative_days[folded])
    trailing = _TRAILING_WORD.search(folded)
    # "26.11.2026 г." and "26.11.2026 жыл" read as the bare numbers
    numeric = folded[: trailing.start()] if trailing and trailing.group(1) in words.year_words else folded
    if match := _ISO.fullmatch(numeric):
        year, month, day = (int(g) for g in match.groups())
        return _dated(year, month, day, today)
    if match := _NUMERIC.fullmatch(numeric):
        day_text, month_text, year_text = match.groups()
        return _dated(_full_year(year_text) if year_text else None, int(month_text), int(day_text), today)
    tokens = _TOKEN.findall(folded)
    if not tokens:
        return DateProblem.UNREADABLE
    return _from_words(tokens, words, today)
