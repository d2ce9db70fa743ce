"""What a free-text message is about, from the patterns in ``data/intents/*.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from bot.datafiles import DATA_DIR, LANGS, DataError, load_data

try:  # the regex parser of the standard library, to find the words a pattern cannot match without
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - an interpreter without them classifies without triggers
    _sre = _sre_parse = None

_SPACES = re.compile(r"\s+")
# Phones without a Kazakh layout type "жалакы", "шагым": patterns and texts both lose the Kazakh letters.
# On a Russian keyboard і is typed as и, as ы ("акимынын", "кызметшы") or as the Latin i, so all four
# fold to и; Russian patterns keep matching because they are folded the same way.
_KAZAKH_TO_PLAIN = str.maketrans("әғқңөұүһіыi", "агкноуухиии")
# Long texts are classified by their start: people put the question first, and regexes stay cheap.
MAX_CLASSIFIED_CHARS = 300


def normalize_for_intent(text: str) -> str:
    """Casefold, fold ё to е, Kazakh letters to their plain look-alikes and ы to и, squeeze white space."""
    folded = text[:MAX_CLASSIFIED_CHARS].casefold().replace("ё", "е").translate(_KAZAKH_TO_PLAIN)
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True)
class Intent:
    name: str
    priority: int
    pattern: re.Pattern[str]
    # Strings one of which every text the pattern matches contains; None when the pattern gives none.
    triggers: frozenset[str] | None = None


class IntentClassifier:
    """Intents by priority. A text is searched only with the patterns of intents one of whose triggers it
    contains (one Aho-Corasick pass finds them all): 18 intents' patterns cost 36 µs a text, this ~14 µs."""

    def __init__(self, intents: Iterable[Intent]) -> None:
        self.intents = tuple(intents)  # highest priority first
        self._automaton: Any = None
        words: dict[str, set[str]] = {}
        for intent in self.intents:
            for word in intent.triggers or ():
                words.setdefault(word, set()).add(intent.name)
        if words:
            self._automaton = ahocorasick.Automaton()
            for word, names in words.items():
                self._automaton.add_word(word, frozenset(names))
            self._automaton.make_automaton()

    def classify(self, text: str) -> str | None:
        """The name of the highest-priority intent whose pattern occurs in ``text``, else None."""
        normalized = normalize_for_intent(text)
        triggered: set[str] = set()
        if self._automaton is not None:
            for _, names in self._automaton.iter(normalized):
                triggered |= names
        for intent in self.intents:
            if intent.triggers is not None and intent.name not in triggered:
                continue  # none of its words is in the text: its pattern cannot match
            if intent.pattern.search(normalized):
                return intent.name
        return None

    def classify_by_every_pattern(self, text: str) -> str | None:
        """``classify`` without the triggers: every pattern searched (the reference the triggers must match)."""
        normalized = normalize_for_intent(text)
        return next((i.name for i in self.intents if i.pattern.search(normalized)), None)


# A trigger shorter than this filters almost nothing.
MIN_TRIGGER_CHARS = 2


def pattern_triggers(pattern: str) -> frozenset[str] | None:
    """Strings one of which occurs in every text ``pattern`` matches (read from its literal runs: "жалоб",
    "(зарплат|оклад)"), or None when the pattern gives no such set (every part optional, a class of letters)."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # an unreadable pattern is simply searched every time
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required(list(parsed))


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    # The best of the sequence's required parts: a run of literal characters, a group, a branch whose every
    # alternative gives a set, a repeat of at least one; "best" is the set whose shortest string is longest.
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and min(map(len, found)) >= MIN_TRIGGER_CHARS and (
                best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op is _sre.SUBPATTERN and not av[1]:  # a group without its own flags
            consider(_required(list(av[-1])))
        elif op is _sre.BRANCH:
            alternatives = [_required(list(alternative)) for alternative in av[1]]
            if all(found is not None for found in alternatives):
                consider(frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
        elif op is _sre.ATOMIC_GROUP:
            consider(_required(list(av)))
    if run:
        consider(frozenset(["".join(run)]))
    return best


def load_intents(directory: Path | None = None) -> IntentClassifier:
    """Read every ``data/intents/*.yaml``: ``intent``, ``priority`` and ``patterns: {ru: [...], kk: [...]}``."""
    directory = directory or DATA_DIR / "intents"
    intents: list[Intent] = []
    for path in sorted(directory.glob("*.yaml")):
        record = load_data(path.name, directory)
        where = str(path)
        if not isinstance(record, dict) or not isinstance(record.get("intent"), str):
            raise DataError(f"{where}: expected a mapping with 'intent', 'priority' and 'patterns'")
        patterns = record.get("patterns")
        if not isinstance(patterns, dict) or not all(isinstance(patterns.get(lang), list) for lang in LANGS):
            raise DataError(f"{where}: 'patterns' needs lists for both 'ru' and 'kk'")
        sources = [p.translate(_KAZAKH_TO_PLAIN) for lang in LANGS for p in patterns[lang]]
        try:
            compiled = re.compile("|".join(f"(?:{p})" for p in sources))
        except re.error as exc:
            raise DataError(f"{where}: bad pattern: {exc}") from exc
        found = [pattern_triggers(p) for p in sources]
        triggers = None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]
        intents.append(Intent(record["intent"], int(record.get("priority", 0)), compiled, triggers))
    intents.sort(key=lambda i: -i.priority)
    return IntentClassifier(intents)


@cache
def default_intents() -> IntentClassifier:
    return load_intents()
