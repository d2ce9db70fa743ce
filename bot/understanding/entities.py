"""Reading the things a message names: a day, a category code, a post and its level, an age, education,
citizenship, a criminal record, the language asked about, a political post."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from bot.datafiles import DATA_DIR, DataError, load_data
from bot.dates import find_date
from bot.eligibility import extract_answers
from bot.register import load_register
from bot.search.results import PositionMatch, SearchResult
from bot.understanding.cues import CueSet
from bot.understanding.text import fold, fold_pattern, words

ENTITIES_FILE = "entities.yaml"
LEVELS = ("oblast", "district", "rural", "city")
EDUCATION = ("school", "college", "no_higher", "higher", "bachelor", "master", "phd")
RECORDS = ("yes", "expunged", "no", "asked")
CITIZENSHIP = ("kz", "other")
POLITICAL = ("akim", "minister", "deputy", "president")
# a code typed as one word or with dashes: letters (1-2), maybe a sub-letter, then the number ("E-G-3", "do4",
# "е2"); a cheap guard before the register is asked, so that "в 17 лет" or "5-і" never reach it
_CODE_LIKE = re.compile(r"[^\W\d_]{1,2}(?:-?[^\W\d_0]|-?0)?-?\d{1,2}")
_RAW_WORD = re.compile(r"\S+")
_ANY_DIGIT = re.compile(r"\d")
CODE_SPACED_WORDS = 5  # a message this short may have a code typed with spaces
_EDGES = ",;:!?()«»\"'.…"


@dataclass(frozen=True, slots=True)
class Entities:
    """The things a message (or a conversation) names; None or empty when it names none.

    ``date``: the day an appeal was filed; ``code``: a category code in canonical form, even one the register
    lacks ("D-O-7": the handler says so); ``position``: the words that name a post, as the register's search
    reads them; ``level``: oblast, district, rural or city; ``age`` in years; ``education``: school, college,
    no_higher, higher, bachelor, master or phd; ``citizenship``: kz or other; ``record``: yes, expunged or no;
    ``language_asked``: kk or ru, the language whose knowledge is asked about; ``political``: akim, minister,
    deputy or president asked about as such (not their staff). A ``record`` of "asked" is a question about who is not
    taken at all ("кого не берут"), a record among the restrictions.
    """

    date: date | None = None
    code: str | None = None
    position: str = ""
    level: str | None = None
    age: int | None = None
    education: str | None = None
    citizenship: str | None = None
    record: str | None = None
    language_asked: str | None = None
    political: str | None = None

    def named(self) -> frozenset[str]:
        """The names of the fields that are set ("date", "code" …): the ``#thing`` cues of topics.yaml."""
        return frozenset(name for name in _ENTITY_FIELDS if getattr(self, name) not in (None, ""))

    def over(self, earlier: Entities, keep: frozenset[str] | None = None) -> Entities:
        """These things, and where none is named, ``earlier``'s (only the fields in ``keep``, if given)."""
        taken = {name: getattr(earlier, name) for name in (keep if keep is not None else earlier.named())
                 if getattr(self, name) in (None, "") and getattr(earlier, name) not in (None, "")}
        return replace(self, **taken) if taken else self

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (for FSM storage): the fields that are set, the date as ISO text."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}
        if self.date is not None:
            out["date"] = self.date.isoformat()
        return out

    @classmethod
    def from_dict(cls, raw: Any) -> Entities:
        """Back from ``to_dict``; unknown keys and malformed values are dropped (old or foreign state)."""
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known or value in (None, ""):
                continue
            if key == "date":
                try:
                    value = value if isinstance(value, date) else date.fromisoformat(str(value))
                except ValueError:
                    continue
            elif key == "age":
                if not isinstance(value, int) or isinstance(value, bool):
                    continue
            elif not isinstance(value, str):
                continue
            values[key] = value
        return cls(**values)


_ENTITY_FIELDS = tuple(f.name for f in fields(Entities))


@dataclass(frozen=True)
class Vocabulary:
    """The word lists and patterns of ``data/understanding/entities.yaml``, compiled."""

    level_phrases: tuple[tuple[tuple[str, ...], str], ...]  # folded words of a phrase, its level ("none": no level)
    levels: CueSet
    lowest_first: tuple[str, ...]
    level_query: dict[str, str]  # the word that puts a level to the register's search ("района")
    political: CueSet
    education: tuple[tuple[str, re.Pattern[str]], ...]
    record: tuple[tuple[str, re.Pattern[str]], ...]
    citizenship: tuple[tuple[str, re.Pattern[str]], ...]
    language_asked: tuple[tuple[str, re.Pattern[str]], ...]
    age: tuple[re.Pattern[str], ...]
    not_position: CueSet
    language: CueSet

    @functools.cached_property
    def phrase_starts(self) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The level phrases by their first word."""
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, level in self.level_phrases:
            starts.setdefault(phrase[0], []).append((phrase, level))
        return {first: tuple(phrases) for first, phrases in starts.items()}

    @functools.cached_property
    def phrase_lengths(self) -> tuple[int, ...]:
        """The lengths of the level phrases' first words, shortest first."""
        return tuple(sorted({len(first) for first in self.phrase_starts}))

    @functools.cached_property
    def any_condition(self) -> re.Pattern[str]:
        """One pattern that finds where any education, citizenship, record or language asked would be: most
        messages name none, and one search says so."""
        return _any_of((*self.education, *self.citizenship, *self.record, *self.language_asked))


def _patterns(raw: Any, allowed: tuple[str, ...], where: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{where}: expected a list of [value, pattern]")
    out = []
    for item in raw:
        if not isinstance(item, list) or len(item) != 2 or str(item[0]) not in allowed:
            raise DataError(f"{where}: expected [one of {allowed}, pattern], got {item!r}")
        try:
            out.append((str(item[0]), re.compile(fold_pattern(str(item[1])))))
        except re.error as exc:
            raise DataError(f"{where}: bad pattern {item[1]!r}: {exc}") from exc
    return tuple(out)


def _age_patterns(raw: Any, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for pattern in _listed(raw, where):
        try:
            compiled = re.compile(fold_pattern(pattern))
        except re.error as exc:
            raise DataError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
        if "years" not in compiled.groupindex:
            raise DataError(f"{where}: {pattern!r} must capture (?P<years>...)")
        out.append(compiled)
    return tuple(out)


def _level_query(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(LEVELS) or not all(isinstance(v, str) and v for v in raw.values()):
        raise DataError(f"{where}: expected a word for each of {LEVELS}")
    return {str(k): str(v) for k, v in raw.items()}


def _listed(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{where}: expected a non-empty list")
    return [str(w) for w in raw]


def read_vocabulary(directory: Path | None = None) -> Vocabulary:
    """Read and compile ``data/understanding/entities.yaml``; a malformed entry fails naming it."""
    directory = directory or DATA_DIR / "understanding"
    raw = load_data(ENTITIES_FILE, directory)
    where = str(directory / ENTITIES_FILE)
    try:
        levels, political, language = raw["levels"], raw["political"], raw["language"]
        phrases = tuple((tuple(words(fold(p))), level) for level, listed in levels["phrases"].items()
                        for p in _listed(listed, f"{where}: levels.phrases.{level}"))
        if any(level not in (*LEVELS, "none") for _, level in phrases):
            raise DataError(f"{where}: levels.phrases: unknown level")
        stems = levels["stems"]
        lowest = tuple(levels["lowest_first"])
        if set(stems) != set(LEVELS) or set(lowest) != set(LEVELS):
            raise DataError(f"{where}: levels: stems and lowest_first need exactly {LEVELS}")
        return Vocabulary(
            level_phrases=phrases,
            levels=CueSet(((lvl, 1, w) for lvl in LEVELS for w in _listed(stems[lvl], f"{where}: {lvl}")), where),
            lowest_first=lowest,
            level_query=_level_query(levels["query"], f"{where}: levels.query"),
            political=CueSet(((kind, 1, w) for kind in (*POLITICAL, "staff")
                              for w in _listed(political[kind], f"{where}: political.{kind}")), where),
            education=_patterns(raw["education"], EDUCATION, f"{where}: education"),
            record=_patterns(raw["record"], RECORDS, f"{where}: record"),
            citizenship=_patterns(raw["citizenship"], CITIZENSHIP, f"{where}: citizenship"),
            language_asked=_patterns(raw["language_asked"], ("kk", "ru"), f"{where}: language_asked"),
            age=_age_patterns(raw["age"], f"{where}: age"),
            not_position=CueSet((("filler", 1, w) for w in _listed(raw["not_position"], f"{where}: not_position")),
                                where),
            language=CueSet(((lang, 1, w) for lang in ("kk", "ru")
                             for w in _listed(language[lang], f"{where}: language.{lang}")), where),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{where}: missing or malformed section: {exc}") from exc


@cache
def default_vocabulary() -> Vocabulary:
    return read_vocabulary()


@functools.lru_cache(maxsize=16)
def _any_of(patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str]:
    """One pattern that finds where any of ``patterns`` would: most messages name none, and one search says so."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in patterns))


def _first(patterns: tuple[tuple[str, re.Pattern[str]], ...], folded: str) -> str | None:
    if not _any_of(patterns).search(folded):
        return None
    return next((value for value, pattern in patterns if pattern.search(folded)), None)


def read_level(tokens: list[str], vocabulary: Vocabulary | None = None) -> str | None:
    """The akimat level the words name, the lowest if several; a city only when nothing else is named."""
    vocabulary = vocabulary or default_vocabulary()
    named: set[str] = set()
    hidden: set[int] = set()
    starts = vocabulary.phrase_starts
    for i, token in enumerate(tokens):
        for n in vocabulary.phrase_lengths:
            if n > len(token):
                break
            for phrase, level in starts.get(token[:n], ()):
                if i + len(phrase) <= len(tokens) and all(
                        tokens[i + j].startswith(w) for j, w in enumerate(phrase) if j):
                    hidden.update(range(i, i + len(phrase)))
                    if level != "none":
                        named.add(level)
    named.update(vocabulary.levels.labels([t for i, t in enumerate(tokens) if i not in hidden] if hidden else tokens))
    return next((level for level in vocabulary.lowest_first if level in named), None)


def post_query(entities: Entities, vocabulary: Vocabulary | None = None) -> str:
    """What to ask the register's search about the post ``entities`` name: its words, and the akimat's level when
    that was named apart from them ("главный специалист", then "а в районе?": "главный специалист района"); words
    of another level are left out. "" when no post is named."""
    if not entities.position or entities.level is None:
        return entities.position
    vocabulary = vocabulary or default_vocabulary()
    raw = entities.position.split()
    folded = [words(fold(w)) for w in raw]
    if read_level([t for ws in folded for t in ws], vocabulary) == entities.level:
        return entities.position
    kept = " ".join(w for w, ws in zip(raw, folded, strict=True) if not ws or read_level(ws, vocabulary) is None)
    # part of a name that names one post alone ("ведущий", "жетекші"): its whole name, which the level does not
    # outweigh in the search ("ведущий района" would only be a suggestion)
    alone = load_register().search(kept)
    if alone.kind == "positions" and len(alone.matches) == 1:
        kept = alone.matches[0].name_ru
    return f"{kept} {vocabulary.level_query[entities.level]}"


def read_political(tokens: list[str], vocabulary: Vocabulary | None = None) -> str | None:
    """An akim, minister, deputy or president asked about as such: none when a word of their staff is there."""
    found = (vocabulary or default_vocabulary()).political.labels(tokens)
    if "staff" in found:
        return None
    return next((kind for kind in POLITICAL if kind in found), None)


def read_code(text: str) -> str | None:
    """The category code a message names anywhere, with words or particles around it ("а E-G-3?", "Е-Г-3 ше"),
    in canonical form; a code-shaped word the register lacks ("D-O-7") too. The register decides what is one."""
    if not _ANY_DIGIT.search(text):  # every code has its number
        return None
    register = load_register()
    for raw in _RAW_WORD.findall(text):
        word = raw.strip(_EDGES)
        if not _CODE_LIKE.fullmatch(word):
            continue
        result = register.search(word)
        if result.kind == "category" and result.category_code:
            return result.category_code
        if result.unknown_code:
            return result.unknown_code
    # a code typed with spaces ("категория D O 4", "а 4"): the register reads a short message whole; only a code it
    # has, so that "а мне 50" names no "A-50"
    if len(text.split()) <= CODE_SPACED_WORDS:
        spaced = register.read_code(text)
        return spaced if spaced in register.codes else None
    return None


def read_position(text: str, raw_tokens: list[str], tokens: list[str],
                  vocabulary: Vocabulary | None = None) -> str:
    """The words that name a post of the register, or "" (see ``find_post``)."""
    return find_post(text, raw_tokens, tokens, vocabulary)[0]


def find_post(text: str, raw_tokens: list[str], tokens: list[str],
              vocabulary: Vocabulary | None = None) -> tuple[str, SearchResult | None]:
    """The words that name a post of the register and what the register's search found for them: the sentence
    without words that never belong to a post's name is searched first ("сколько зарабатывает заместитель акима
    района"), then the whole text. A post the register excepts from its category ("руководитель аппарата акима
    области") or missing from the body named ("заместитель акима области") is named too: the register's exception is
    the answer. The result is None when the words are a
    suggested name spelled out in full (the caller searches that name). When no post is named: "" and the closest
    the search came (names it suggests, bodies it read: "аппарат акима"), or None when it came nowhere near."""
    vocabulary = vocabulary or default_vocabulary()
    register = load_register()
    filler = vocabulary.not_position.any_word(tokens)
    rest = " ".join(raw for raw, drop in zip(raw_tokens, filler, strict=True) if not drop)
    suggested: tuple[PositionMatch, ...] = ()
    near: SearchResult | None = None
    for query in dict.fromkeys((rest, text)):
        if not query or (query != rest and rest and near is None and not suggested):
            continue  # the whole text only when the rest came near a post: one search for a question about else
        result = register.search(query)
        # the register's own answer about a post: found, excepted from the body named, or not in that body
        if result.kind == "positions" or (result.kind == "none" and (result.excluded or result.scope_missed)):
            return query, result
        suggested = suggested or result.suggestions
        if near is None and (result.suggestions or result.scope):
            near = result
    # the search doubted, but the sentence spells a suggested name in full ("ведущий специалист отдела
    # образования": the department is what it could not place): that post
    for match in suggested[:2]:
        for name in (match.name_ru, match.name_kk):
            if all(any(token.startswith(w[:max(4, len(w) - 2)]) for token in tokens) for w in words(fold(name))):
                return name, None
    return "", near


def read_age(text: str, folded: str = "", vocabulary: Vocabulary | None = None) -> int | None:
    """The age a person states ("мне 22", "22 жастамын"), read with the admission walkthrough's own patterns,
    then in the ``folded`` text (Latin read as Cyrillic: "mne 40 let") and as a bare "21 год", "27 лет"."""
    if not any(map(str.isdigit, text)):  # every pattern that gives years has its number
        return None
    years = extract_answers(text).years or (extract_answers(folded).years if folded else None)
    if years is not None or not folded:
        return years
    for pattern in (vocabulary or default_vocabulary()).age:
        if match := pattern.search(folded):
            return int(match["years"])
    return None


def read_entities(text: str, today: date, raw_tokens: list[str], tokens: list[str],
                  vocabulary: Vocabulary | None = None, position: bool = True) -> Entities:
    """Everything ``text`` names; ``tokens`` are its folded words, ``raw_tokens`` the same words as typed.
    ``position=False`` leaves out the post (the register's search, the dearest reading) for the caller to add."""
    vocabulary = vocabulary or default_vocabulary()
    folded = " ".join(tokens)
    code = read_code(text)
    political = read_political(tokens, vocabulary)
    conditions = vocabulary.any_condition.search(folded) is not None
    return Entities(
        date=find_date(text, today),
        code=code,
        # with no word of their staff around, a political post is the subject ("министрдің айлығы" is no aide's)
        position="" if code or political or not position else read_position(text, raw_tokens, tokens, vocabulary),
        level=read_level(tokens, vocabulary),
        age=read_age(text, folded, vocabulary),
        education=_first(vocabulary.education, folded) if conditions else None,
        citizenship=_first(vocabulary.citizenship, folded) if conditions else None,
        record=_first(vocabulary.record, folded) if conditions else None,
        language_asked=_first(vocabulary.language_asked, folded) if conditions else None,
        political=political,
    )


def read_language(text: str, tokens: list[str], vocabulary: Vocabulary | None = None) -> str | None:
    """ "kk" or "ru": a Kazakh letter decides; otherwise the more frequent marker words (a word counts once for a
    language, however many of its markers it starts with: "akimatqa" is one Russian-looking word, not two);
    None when neither."""
    if not _KAZAKH_LETTERS.isdisjoint(text.casefold()):
        return "kk"
    markers = (vocabulary or default_vocabulary()).language
    kk = ru = 0
    for token in tokens:
        found = markers.labels([token])
        kk += "kk" in found
        ru += "ru" in found
    if kk == ru:
        return None
    return "kk" if kk > ru else "ru"


_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
