"""What a free-text message is about, from the patterns in ``data/intents/*.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.datafiles import DATA_DIR, LANGS, DataError, load_data

_SPACES = re.compile(r"\s+")
# Long texts are classified by their start: people put the question first, and regexes stay cheap.
MAX_CLASSIFIED_CHARS = 300


def normalize_for_intent(text: str) -> str:
    """Casefold, fold ё to е and squeeze white space: what intent patterns are written against."""
    return _SPACES.sub(" ", text[:MAX_CLASSIFIED_CHARS].casefold().replace("ё", "е")).strip()


@dataclass(frozen=True)
class Intent:
    name: str
    priority: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class IntentClassifier:
    intents: tuple[Intent, ...]  # highest priority first

    def classify(self, text: str) -> str | None:
        """The name of the highest-priority intent whose pattern occurs in ``text``, else None."""
        normalized = normalize_for_intent(text)
        for intent in self.intents:
            if intent.pattern.search(normalized):
                return intent.name
        return None


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
        sources = [p for lang in LANGS for p in patterns[lang]]
        try:
            compiled = re.compile("|".join(f"(?:{p})" for p in sources))
        except re.error as exc:
            raise DataError(f"{where}: bad pattern: {exc}") from exc
        intents.append(Intent(record["intent"], int(record.get("priority", 0)), compiled))
    intents.sort(key=lambda i: -i.priority)
    return IntentClassifier(tuple(intents))


@cache
def default_intents() -> IntentClassifier:
    return load_intents()
