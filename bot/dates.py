"""Reading a date a citizen typed: "26.11.2026", "26.11", "2026-11-26", "26 ноября", "26 қараша", "вчера",
"наурыздың 5-і", "3 дня назад"."""

from __future__ import annotations

import enum
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from bot.datafiles import LANGS, DataError, load_data
from bot.intents import MAX_CLASSIFIED_CHARS


class DateProblem(enum.Enum):
    """Why a typed text gave no usable date; the caller picks the message."""

    UNREADABLE = "unreadable"  # no date shape in the text
    INVALID = "invalid"  # a date shape, but no such day (31.02, 32.01, month 13)
    FUTURE = "future"  # a real day after today


# Kazakh letters read as the Russian letters people type for them on phones without a Kazakh layout
_KAZAKH_LOOKALIKES = str.maketrans("әғқңөұүһіiё", "агкноуухиие")
# and the Kazakh Latin alphabet's accented letters as plain ones ("sáýir" → "sauir"; ı as i → и)
_KAZAKH_LOOKALIKES.update(str.maketrans("áóúńǵýı", "aounguи"))
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
    filler_words: frozenset[str] = frozenset()  # "го" of "5-го", "і" of "5-і": no date in them
    day_words: frozenset[str] = frozenset()  # "дня", "күн" of "3 дня назад"
    ago_words: frozenset[str] = frozenset()  # "назад", "бұрын"

    def month_of(self, word: str) -> int | None:
        """The month number a word starts with, or None."""
        return next((month for stem, month in self.month_stems if word.startswith(stem)), None)


_RELATIVE_OFFSETS = {"today": 0, "yesterday": 1, "day_before_yesterday": 2, "tomorrow": -1}
MAX_DAYS_AGO = 3660  # "3 дня назад" up to about ten years back; more is a typo, not a date
# The longest date people write ("2026 жылғы 26 қарашадағы", "26-го ноября 2026 года") is some 30 characters.
MAX_DATE_CHARS = 64
# A question names its date early: only its first words are read.
FIND_DATE_WORDS = 40


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
    def words(forms: dict | None) -> frozenset[str]:
        return frozenset(_fold(w) for lang in LANGS for w in (forms or {}).get(lang, []))

    days_ago = raw.get("days_ago") or {}
    return CalendarWords(
        month_stems=tuple(sorted(stems.items(), key=lambda item: -len(item[0]))),
        relative_days=relative,
        year_words=words(raw["year_words"]),
        filler_words=words(raw.get("filler_words")),
        day_words=words(days_ago.get("day_words")),
        ago_words=words(days_ago.get("ago_words")),
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
    numbers = [t for t in tokens if t.isdecimal()]
    letters = [t for t in tokens if not t.isdecimal()]
    letters = [t for t in letters if t not in words.filler_words]
    months = [m for m in (words.month_of(t) for t in letters) if m is not None]
    if len(months) != 1 or len(letters) - 1 != sum(t in words.year_words for t in letters):
        return DateProblem.UNREADABLE
    days = [n for n in numbers if len(n) <= 2]
    years = [n for n in numbers if len(n) == 4]
    if len(days) != 1 or len(years) > 1 or len(days) + len(years) != len(numbers):
        return DateProblem.UNREADABLE
    return _dated(int(years[0]) if years else None, months[0], int(days[0]), today)


def _days_ago(tokens: list[str], words: CalendarWords, today: date) -> date | None:
    """ "3 дня назад", "3 күн бұрын": today minus the count, or None if the text is not that shape."""
    if len(tokens) != 3 or not tokens[0].isdecimal():
        return None
    if tokens[1] not in words.day_words or tokens[2] not in words.ago_words:
        return None
    days = int(tokens[0])
    return today - timedelta(days=days) if days <= MAX_DAYS_AGO else None


def looks_like_a_date(text: str, words: CalendarWords | None = None) -> bool:
    """Whether ``text`` tries to name a day (a number, or "вчера"/"кеше" and the like), as opposed to a
    question typed while a date was expected ("бас маман")."""
    words = words or calendar_words()
    folded = _fold(text[:MAX_CLASSIFIED_CHARS]).strip()
    if folded in words.relative_days or any(ch.isdigit() for ch in folded):
        return True
    return any(token in words.relative_days for token in _TOKEN.findall(folded))


def _bare(folded: str) -> str:
    return folded.rstrip("!?.,;:) ")  # "Вчера!", "ертең?" as the bare word


def parse_user_date(text: str, today: date, words: CalendarWords | None = None) -> date | DateProblem:
    """The date ``text`` names, judged against ``today`` (Asia/Almaty), or why it names none.

    Accepts day.month[.year] with '.', '/' or '-', ISO year-month-day, "26 ноября [2026 г.]",
    "2026 жылғы 26 қараша", "5-го марта", "наурыздың 5-і", "сегодня/вчера/позавчера/бүгін/кеше",
    "3 дня назад"/"3 күн бұрын". A missing year means the latest such day
    that is not in the future; a two-digit year means 20xx.
    """
    words = words or calendar_words()
    text = text.strip()
    if len(text) > MAX_DATE_CHARS:  # no date is written so long, and the patterns below stay cheap
        return DateProblem.UNREADABLE
    folded = _fold(text)
    relative = _bare(folded)
    if relative in words.relative_days:
        days_before = words.relative_days[relative]
        return today - timedelta(days=days_before) if days_before >= 0 else DateProblem.FUTURE
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
    if (ago := _days_ago(tokens, words, today)) is not None:
        return ago
    return _from_words(tokens, words, today)


_WORDS = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_EDGE_PUNCTUATION = ",;:!?()«»\"'"


def find_date(text: str, today: date, words: CalendarWords | None = None) -> date | None:
    """The one day a sentence names ("обращение подал 5 марта, когда ответят?"), or None when it names
    none, names several, or names a day not yet come."""
    words = words or calendar_words()
    # a question names its date early; a pasted letter is not scanned
    stripped = (match.group().strip(_EDGE_PUNCTUATION) for match in _WORDS.finditer(text))
    parts = list(itertools.islice((w for w in stripped if w), FIND_DATE_WORDS))
    # Words without a number name a date only as a relative day ("вчера", "алдыңғы күні"): other such spans are
    # not read, which spares some 150 readings of a question without a date.
    numbered = [_DIGIT.search(part) is not None for part in parts]
    found: set[date] = set()
    covered: set[int] = set()
    for size in (4, 3, 2, 1):  # the longest reading wins: "5 марта 2026" over "5 марта"
        for start in range(len(parts) - size + 1):
            span = range(start, start + size)
            if covered.intersection(span):
                continue
            said = " ".join(parts[start:start + size])
            if not any(numbered[start:start + size]) and _bare(_fold(said)) not in words.relative_days:
                continue
            parsed = parse_user_date(said, today, words)
            if isinstance(parsed, date):
                found.add(parsed)
                covered.update(span)
    return found.pop() if len(found) == 1 else None
