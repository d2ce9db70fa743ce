"""Dates in and out: reading a date a citizen typed ("26.11.2026", "26.11", "2026-11-26", "26 ноября",
"26 қараша", "вчера", "наурыздың 5-і", "3 дня назад", "второго ноября", "үш күн бұрын", "неделю назад",
"месяц назад", "в понедельник", "в прошлую среду", "5-го числа", "өткен айдың 3-і"), and :func:`format_date`,
the one way the bot writes a date in each language."""

from __future__ import annotations

import calendar
import enum
import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bot.datafiles import LANGS, DataError, load_data
from bot.folding import MAX_CLASSIFIED_CHARS

if TYPE_CHECKING:
    from bot.i18n import Translator

DateStyle = Literal["day", "month", "long"]


def format_date(t: Translator, day: date, style: DateStyle = "day") -> str:
    """``day`` as the bot writes it in ``t``'s language.

    "day": ``02.10.2024`` (the same in both languages); "month", when only the month is known:
    "март 2026 г." / "2026 жылғы наурыз"; "long", for a due date: "18 декабря 2026, пятница" /
    "2026 жылғы 18 желтоқсан, жұма". Numbers go in as text, so Fluent does not group "2 026".
    """
    if style == "month":
        return t("date-month", name=t(f"month-name-{day.month}"), year=str(day.year))
    if style == "long":
        return t("date-long", day=str(day.day), month=t(f"month-{day.month}"), year=str(day.year),
                 weekday=t(f"weekday-{day.weekday()}"))
    return day.strftime("%d.%m.%Y")


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


@dataclass(frozen=True)
class CalendarWords:
    """Month stems, relative-day words and year words, folded for matching."""

    month_stems: tuple[tuple[str, int], ...]  # longest stem first, so "мая" wins over a shorter one
    relative_days: dict[str, int]  # folded word -> days before today
    year_words: frozenset[str]
    filler_words: frozenset[str] = frozenset()  # "го" of "5-го", "і" of "5-і": no date in them
    day_words: frozenset[str] = frozenset()  # "дня", "күн" of "3 дня назад"
    ago_words: frozenset[str] = frozenset()  # "назад", "бұрын"
    week_words: frozenset[str] = frozenset()  # "неделю", "апта" of "неделю назад"
    month_words: frozenset[str] = frozenset()  # "месяц", "ай" of "месяц назад"
    last_words: frozenset[str] = frozenset()  # "прошлую", "өткен" of "в прошлую среду": the week before this one
    number_words: dict[str, int] = field(default_factory=dict)  # whole word -> number ("второго" -> 2)
    number_stems: tuple[tuple[str, int], ...] = ()  # start of a word -> number ("бес" of "бесінші"), longest first
    weekday_words: dict[str, int] = field(default_factory=dict)  # whole word -> weekday, Monday 0
    weekday_stems: tuple[tuple[str, int], ...] = ()
    day_of_month_after: frozenset[str] = frozenset()  # "числа" of "5-го числа": after the day's number
    day_of_month_before: frozenset[str] = frozenset()  # "айдың" of "айдың 5-і": before it
    this_words: frozenset[str] = frozenset()  # "этого", "осы" of "этого месяца", "осы айдың 1-і"

    def month_of(self, word: str) -> int | None:
        """The month number a word starts with (its longest stem decides), or None."""
        stems = self._stem_months
        for n in range(min(len(word), self._longest_stem), 2, -1):  # stems have 3 letters or more
            if (month := stems.get(word[:n])) is not None:
                return month
        return None

    @functools.cached_property
    def _stem_months(self) -> dict[str, int]:
        return dict(self.month_stems)

    @functools.cached_property
    def _longest_stem(self) -> int:
        return max((len(stem) for stem, _ in self.month_stems), default=0)

    def may_date(self, word: str) -> bool:
        """Whether a word can be part of a date: a digit, a month, a relative day, a number, day or week word."""
        folded = _fold(word)
        if any(map(str.isdigit, folded)) or folded in self._date_words:
            return True
        stems = self._date_stems
        # a word starts with a stem only if it starts as one does (most words of a question do not)
        if folded[:self._shortest_date_stem] in self._date_stem_heads and any(
                folded[:n] in stems for n in range(1, min(len(folded), self._longest_date_stem) + 1)):
            return True
        # a word of a relative phrase ("алдыңғы күні") with punctuation or a dash around it
        return not folded.isalpha() and any(w in self._relative_words for w in _TOKEN.findall(folded))

    @functools.cached_property
    def _date_words(self) -> frozenset[str]:
        """Whole words that may be part of a date (one set lookup per word of a sentence)."""
        return frozenset((*self.relative_days, *self.day_words, *self.week_words, *self.month_words,
                          *self.ago_words, *self.last_words, *self.number_words, *self.weekday_words,
                          *self.day_of_month_after, *self.day_of_month_before, *self.this_words,
                          *self._relative_words))

    @functools.cached_property
    def _date_stems(self) -> frozenset[str]:
        """Starts of words that may be part of a date: months, Kazakh numbers and weekdays."""
        return frozenset((*self._stem_months, *(stem for stem, _ in self.number_stems),
                          *(stem for stem, _ in self.weekday_stems)))

    @functools.cached_property
    def _longest_date_stem(self) -> int:
        return max(map(len, self._date_stems), default=0)

    @functools.cached_property
    def _shortest_date_stem(self) -> int:
        return min(map(len, self._date_stems), default=0)

    @functools.cached_property
    def _date_stem_heads(self) -> frozenset[str]:
        """The stems' starts as long as the shortest stem."""
        return frozenset(stem[:self._shortest_date_stem] for stem in self._date_stems)

    @functools.cached_property
    def _relative_words(self) -> frozenset[str]:
        return frozenset(w for phrase in self.relative_days for w in _TOKEN.findall(phrase))  # "алдыңғы", "күні"

    def number_of(self, word: str) -> int | None:
        """The number a word spells ("второго", "бесінші"), or None."""
        if word in self.number_words:
            return self.number_words[word]
        return next((n for stem, n in self.number_stems if word.startswith(stem)), None)

    def weekday_of(self, word: str) -> int | None:
        """The weekday (Monday 0) a word names ("понедельник", "дүйсенбіде"), or None."""
        if word in self.weekday_words:
            return self.weekday_words[word]
        return next((d for stem, d in self.weekday_stems if word.startswith(stem)), None)


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
    numbers = _whole_and_stems(raw.get("number_words") or {}, where, "number_words", range(1, 32))
    weekdays = _whole_and_stems(raw.get("weekdays") or {}, where, "weekdays", range(1, 8))
    day_of_month = raw.get("day_of_month") or {}
    return CalendarWords(
        month_stems=tuple(sorted(stems.items(), key=lambda item: -len(item[0]))),
        relative_days=relative,
        year_words=words(raw["year_words"]),
        filler_words=words(raw.get("filler_words")),
        day_words=words(days_ago.get("day_words")),
        ago_words=words(days_ago.get("ago_words")),
        week_words=words(days_ago.get("week_words")),
        month_words=words(days_ago.get("month_words")),
        last_words=words(raw.get("last_week_words")),
        number_words=numbers[0],
        number_stems=numbers[1],
        weekday_words={w: d - 1 for w, d in weekdays[0].items()},
        weekday_stems=tuple((w, d - 1) for w, d in weekdays[1]),
        day_of_month_after=words(day_of_month.get("after")),
        day_of_month_before=words(day_of_month.get("before")),
        this_words=words(day_of_month.get("this")),
    )


def _whole_and_stems(raw: dict, where: str, section: str,
                     allowed: range) -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """``{n: {ru: [whole words], kk: [word starts]}}`` as a word map and stems (longest first)."""
    whole: dict[str, int] = {}
    stems: dict[str, int] = {}
    for key, forms in raw.items():
        if int(key) not in allowed or set(forms) != set(LANGS):
            raise DataError(f"{where}: {section}: {key!r} needs a number in {allowed} and forms for {LANGS}")
        for target, lang in ((whole, "ru"), (stems, "kk")):
            for form in forms[lang]:
                folded = _fold(form)
                if target.get(folded, int(key)) != int(key):
                    raise DataError(f"{where}: {section}: {form!r} is ambiguous")
                target[folded] = int(key)
    return whole, tuple(sorted(stems.items(), key=lambda item: -len(item[0])))


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


def _months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier, or that month's last day when it is shorter (31 March -> 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _days_ago(tokens: list[str], words: CalendarWords, today: date) -> date | None:
    """ "3 дня назад", "3 күн бұрын", "2 недели назад", "неделю назад", "месяц назад", "бір ай бұрын": today minus
    the count, or None if the text is not that shape."""
    if len(tokens) == 2 and tokens[1] in words.ago_words:
        if tokens[0] in words.week_words:
            return today - timedelta(days=7)
        if tokens[0] in words.month_words:
            return _months_before(today, 1)
    if len(tokens) != 3 or not tokens[0].isdecimal() or tokens[2] not in words.ago_words:
        return None
    if tokens[1] in words.day_words:
        days = int(tokens[0])
    elif tokens[1] in words.week_words:
        days = 7 * int(tokens[0])
    elif tokens[1] in words.month_words:
        days = 31 * int(tokens[0])
        return _months_before(today, int(tokens[0])) if days <= MAX_DAYS_AGO else None
    else:
        return None
    return today - timedelta(days=days) if days <= MAX_DAYS_AGO else None


def _spelled_numbers(tokens: list[str], words: CalendarWords) -> list[str]:
    """Number words next to a month, day or week word as digits: "второго ноября" -> "2 ноября", "жиырма бесінші
    қараша" -> "25 қараша", "үш күн бұрын" -> "3 күн бұрын"; other words stay as they are ("он" is also "that")."""
    def anchors(token: str) -> bool:
        return (token in words.day_words or token in words.week_words or token in words.month_words
                or token in words.day_of_month_after or token in words.day_of_month_before
                or (words.month_of(token) is not None and words.number_of(token) is None))

    out: list[str] = []
    i = 0
    while i < len(tokens):
        number = words.number_of(tokens[i])
        if number is None:
            out.append(tokens[i])
            i += 1
            continue
        end = i + 1
        unit = words.number_of(tokens[end]) if end < len(tokens) else None
        if number in (10, 20, 30) and unit is not None and unit < 10:  # "двадцать пятого", "он бес"
            number += unit
            end += 1
        near = (end < len(tokens) and anchors(tokens[end])) or (i > 0 and anchors(tokens[i - 1]))
        out += [str(number)] if near else tokens[i:end]
        i = end
    return out


def _weekday(tokens: list[str], words: CalendarWords, today: date) -> date | None:
    """ "понедельник", "в понедельник", "дүйсенбіде": the latest such day before today; "в прошлую среду",
    "өткен жұмада": that day of the week before this one (Monday to Sunday)."""
    if tokens and tokens[0] in _WEEKDAY_PREPOSITIONS:
        tokens = tokens[1:]
    last = len(tokens) == 2 and tokens[0] in words.last_words
    if len(tokens) != 1 + last or (weekday := words.weekday_of(tokens[-1])) is None:
        return None
    if last:
        return today - timedelta(days=today.weekday() + 7 - weekday)
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


_WEEKDAY_PREPOSITIONS = frozenset({"в", "во", "v"})


def _day_of_month(tokens: list[str], words: CalendarWords, today: date) -> date | DateProblem | None:
    """ "5-го числа", "5 числа прошлого месяца", "айдың 3-і", "өткен айдың 3-інде": a day of a month not named, the
    latest such day not after today (of the month before with "прошлого"/"өткен", of this one with "этого"/"осы"),
    or None if the text is not that shape."""
    tokens = [t for t in tokens if t not in words.filler_words]
    at = [i for i, t in enumerate(tokens) if t.isdecimal()]
    if len(at) != 1 or len(tokens[at[0]]) > 2:
        return None
    i = at[0]
    if not ((i + 1 < len(tokens) and tokens[i + 1] in words.day_of_month_after)
            or (i > 0 and tokens[i - 1] in words.day_of_month_before)):
        return None
    rest = set(tokens[:i] + tokens[i + 1:])
    last, this = bool(rest & words.last_words), bool(rest & words.this_words)
    allowed = (words.day_of_month_after | words.day_of_month_before | words.last_words | words.this_words
               | words.month_words)
    if (last and this) or not rest <= allowed:
        return None
    month_start = today.replace(day=1)
    before = _months_before(month_start, 1)
    if last:
        return _dated(before.year, before.month, int(tokens[i]), today)
    if this:
        return _dated(today.year, today.month, int(tokens[i]), today)
    # no month said: this month's day if it has come, else the latest month before that has it ("31 числа")
    found: date | DateProblem = DateProblem.INVALID
    for back in range(3):
        month = _months_before(month_start, back)
        if isinstance(found := _dated(month.year, month.month, int(tokens[i]), today), date):
            break
    return found


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
    "3 дня назад"/"3 күн бұрын", "неделю назад"/"бір апта бұрын", numbers in words next to a month or a day word
    ("второго ноября", "қарашаның бесінде"), a weekday ("в понедельник": the latest one before today), a day of the
    month with no month named ("5-го числа", "өткен айдың 3-і").
    A missing year means the latest such day
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
    tokens = _spelled_numbers(_TOKEN.findall(folded), words)
    if not tokens:
        return DateProblem.UNREADABLE
    if (ago := _days_ago(tokens, words, today)) is not None:
        return ago
    if (weekday := _weekday(tokens, words, today)) is not None:
        return weekday
    if (of_month := _day_of_month(tokens, words, today)) is not None:
        return of_month
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
    datey = [words.may_date(w) for w in parts]
    if not any(datey):  # most questions name no day: no word of one
        return None
    found: set[date] = set()
    nows: set[date] = set()  # "сегодня": said of the present ("сегодня уже декабрь"), unless it is the only day
    covered: set[int] = set()
    for size in (4, 3, 2, 1):  # the longest reading wins: "5 марта 2026" over "5 марта"
        for start in range(len(parts) - size + 1):
            span = range(start, start + size)
            # a date starts and ends with a word of one ("5 марта 2026", "3 дня назад", "наурыздың 5-і")
            if not (datey[start] and datey[start + size - 1]) or covered.intersection(span):
                continue
            typed = " ".join(parts[start:start + size])
            parsed = parse_user_date(typed, today, words)
            if isinstance(parsed, date):
                is_now = words.relative_days.get(_fold(typed).rstrip("!?.,;:) ")) == 0
                (nows if is_now else found).add(parsed)
                covered.update(span)
            elif parsed is DateProblem.FUTURE:  # a day not yet come: no shorter reading of it is another day
                covered.update(span)
    found = found or nows
    return found.pop() if len(found) == 1 else None
