"""Pay of civil servants by category: the dated ranges we have, dated context where we have none.

Pay attaches to the category code (``D-O-4``), and a figure is shown with the table row that prints it: the
seed's salary table names positions differently from the register, and an answer must say so
(:meth:`SalaryRange.register_differs`, :meth:`SalaryBook.rows_naming`). :func:`load_salaries` reads
``data/salaries.yaml`` once;
:func:`salary_subject` turns a salary question into what to look up in the register.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.codes import is_category_code
from bot.datafiles import DATA_DIR, LANGS, DataError, iso_date, load_data, localized, pick
from bot.facts import Library, Sourced, load_library
from bot.folding import MAX_CLASSIFIED_CHARS, fold_plain

SALARIES_FILE = "salaries.yaml"
SALARY_WORDS_FILE = "salary_words.yaml"
THIN_SPACE = "\u202f"  # narrow no-break space: thousands separator that never wraps
NO_BREAK = "\u00a0"
TENGE = "₸"


@dataclass(frozen=True)
class SalaryRange:
    """A category's monthly pay range in tenge, as one row of the source's table prints it (``row``: the
    post that row names, which may differ from the register's posts of that code), valid for ``as_of``."""

    category_code: str
    minimum: int
    maximum: int
    row: dict[str, str]
    fact: Sourced  # the row as a sourced statement: its source and the date the figures are valid for

    @property
    def as_of(self) -> dt.date:
        return self.fact.as_of

    @property
    def year(self) -> int:
        return self.as_of.year

    def formatted(self) -> str:
        """The range as people write it: ``239 086 – 322 262 ₸`` (narrow no-break spaces)."""
        return f"{format_tenge(self.minimum)}{NO_BREAK}–{NO_BREAK}{format_tenge(self.maximum)}{NO_BREAK}{TENGE}"

    def row_label(self, lang: str) -> str:
        """The table's row as it prints it: "A-1 Инспектор"."""
        return f"{self.category_code} {pick(self.row, lang)}"

    def register_differs(self, register_names: Iterable[str]) -> bool:
        """Whether the register names other posts under this code than the table's row (Russian names)."""
        return self.row["ru"] not in set(register_names)


@dataclass(frozen=True)
class ContextFact:
    """A dated figure about pay in general; ``kind`` "claim" is someone's statement (or plan), not a table."""

    id: str
    kind: Literal["fact", "claim"]
    fact: Sourced


@dataclass(frozen=True)
class SalaryBook:
    """Everything the bot knows about pay, validated at load."""

    ranges: dict[str, SalaryRange]
    context: tuple[ContextFact, ...]
    factors: tuple[Sourced, ...]  # what pay depends on, each with its source
    factors_as_of: dt.date
    headline: ContextFact  # the one dated fact a short answer without a range gives

    def range_for(self, code: str) -> SalaryRange | None:
        """The range of category ``code`` (``D-O-4``), or None when the data has none."""
        return self.ranges.get(code)

    def split(self, codes: Iterable[str]) -> tuple[list[SalaryRange], list[str]]:
        """The ranges known for ``codes`` and the codes without one, each in the given order."""
        known: list[SalaryRange] = []
        unknown: list[str] = []
        for code in codes:
            found = self.ranges.get(code)
            if found is None:
                unknown.append(code)
            else:
                known.append(found)
        return known, unknown

    def rows_naming(self, name_ru: str, except_codes: Iterable[str] = ()) -> tuple[SalaryRange, ...]:
        """The table's rows that print ``name_ru`` under a code other than ``except_codes``: where the table puts
        a post the register files elsewhere ("Инспектор": the table's A-1, the register's A-2)."""
        skip = set(except_codes)
        return tuple(r for r in self.ranges.values() if r.row["ru"] == name_ru and r.category_code not in skip)


def format_tenge(amount: int) -> str:
    """``239086`` → ``239 086`` with narrow no-break spaces between groups of three digits."""
    return f"{amount:,}".replace(",", THIN_SPACE)


# ---------------------------------------------------------------- reading the data


def _field(record: Any, key: str, where: str) -> Any:
    if not isinstance(record, dict) or key not in record:
        raise DataError(f"{where}: missing '{key}'")
    return record[key]


def _amount(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DataError(f"{where}: expected a positive whole number of tenge, got {value!r}")
    return value


def read_salaries(data_dir: Path | None = None, library: Library | None = None) -> SalaryBook:
    """Read and validate ``salaries.yaml`` from ``data_dir`` (default ``data/``).

    Fails with :class:`DataError` naming the file and the record: a code not shaped like ``D-O-4``,
    min above max, an unknown source, a missing date or text, a claim or fact without a kind.
    """
    f = SALARIES_FILE
    raw = load_data(f, data_dir)
    library = library or load_library()
    if not isinstance(raw, dict):
        raise DataError(f"{f}: expected a mapping at the top level")

    ranges: dict[str, SalaryRange] = {}
    for code, record in (_field(raw, "ranges", f) or {}).items():
        where = f"{f}: ranges › {code}"
        if not isinstance(code, str) or not is_category_code(code):
            raise DataError(f"{where}: not a Latin category code like D-O-4")
        low = _amount(_field(record, "min", where), f"{where} › min")
        high = _amount(_field(record, "max", where), f"{where} › max")
        if low > high:
            raise DataError(f"{where}: min {low} is above max {high}")
        row = localized(_field(record, "row", where), f"{where} › row")
        ranges[code] = SalaryRange(code, low, high, row, library.statement({**record, "text": row}, where))

    context: list[ContextFact] = []
    for i, record in enumerate(_field(raw, "context", f) or []):
        where = f"{f}: context[{i}]"
        kind = _field(record, "kind", where)
        if kind not in ("fact", "claim"):
            raise DataError(f"{where}: kind must be 'fact' or 'claim', got {kind!r}")
        context.append(ContextFact(id=str(_field(record, "id", where)), kind=kind,
                                   fact=library.statement(record, where)))

    factors = tuple(library.statement(record, f"{f}: factors[{i}]")
                    for i, record in enumerate(_field(raw, "factors", f) or []))
    if not factors:
        raise DataError(f"{f}: factors: at least one is needed for the explanation")
    headline = next((c for c in context if c.id == _field(raw, "headline", f)), None)
    if headline is None:
        raise DataError(f"{f}: headline: expected the id of a context fact, got {raw['headline']!r}")
    return SalaryBook(
        headline=headline,
        ranges=ranges,
        context=tuple(context),
        factors=factors,
        factors_as_of=iso_date(_field(raw, "factors_as_of", f), f"{f}: factors_as_of"),
    )


@functools.cache
def load_salaries() -> SalaryBook:
    """The pay data of ``data/salaries.yaml``, read and validated once per process."""
    return read_salaries()


# ---------------------------------------------------------------- salary questions


_WORD_START = re.compile(r"(?<![\w-])\w")
_PUNCTUATION = re.compile(r"[?!.,;:«»\"()]+")


@dataclass(frozen=True)
class SalaryWords:
    """The words of a salary question that are not the position, compiled once."""

    pattern: re.Pattern[str]
    servants: re.Pattern[str]  # civil servants in general, over fold_plain's text

    def about_servants(self, text: str) -> bool:
        """Whether ``text`` asks about civil servants in general ("зарплата госслужащих")."""
        return self.servants.search(fold_plain(text)) is not None

    def subject(self, text: str) -> str:
        """``text`` without salary and question words: "сколько получает главный специалист" →
        "главный специалист"; empty when nothing else was asked."""
        # the same folding as the patterns, but keeping the user's letter case for display
        folded = text[:MAX_CLASSIFIED_CHARS].replace("ё", "е").replace("Ё", "Е")
        return " ".join(_PUNCTUATION.sub(" ", self.strip(folded)).split())

    def strip(self, text: str) -> str:
        """``pattern.sub(" ", text)``, trying the pattern only where a word starts: every strip word
        begins with a letter or digit after no letter, digit or dash, and the full scan tried all of
        them at every character (26 µs a question; ~5 µs this way)."""
        pieces: list[str] = []
        done = 0
        for word in _WORD_START.finditer(text):
            start = word.start()
            if start < done:
                continue  # inside a phrase already removed
            found = self.pattern.match(text, start)
            if found:
                pieces += [text[done:start], " "]
                done = found.end()
        pieces.append(text[done:])
        return "".join(pieces)


def read_salary_words(directory: Path | None = None) -> SalaryWords:
    """Compile the ``strip`` lists of ``data/salary_words.yaml`` into one whole-word pattern."""
    directory = directory or DATA_DIR
    raw = load_data(SALARY_WORDS_FILE, directory)
    where = f"{directory / SALARY_WORDS_FILE}: strip"
    strip = raw.get("strip") if isinstance(raw, dict) else None
    if not isinstance(strip, dict) or not all(isinstance(strip.get(lang), list) for lang in LANGS):
        raise DataError(f"{where}: needs lists for both 'ru' and 'kk'")
    words = [str(w) for lang in LANGS for w in strip[lang]]
    servants = raw.get("servants")
    if not isinstance(servants, dict) or not all(isinstance(servants.get(lang), list) for lang in LANGS):
        raise DataError(f"{directory / SALARY_WORDS_FILE}: servants: needs lists for both 'ru' and 'kk'")
    try:
        # not preceded or followed by a letter or digit (or a code's dash: the "а" of "а-4" stays)
        pattern = re.compile("|".join(rf"(?<![\w-])(?:{w})(?![\w-])" for w in words), re.IGNORECASE)
        servants_pattern = re.compile("|".join(f"(?:{w})" for lang in LANGS for w in servants[lang]))
    except re.error as exc:
        raise DataError(f"{where}: bad pattern: {exc}") from exc
    return SalaryWords(pattern, servants_pattern)


@functools.cache
def default_salary_words() -> SalaryWords:
    return read_salary_words()


def salary_subject(text: str) -> str:
    """What a salary question asks about, for the register search (see :meth:`SalaryWords.subject`)."""
    return default_salary_words().subject(text)
