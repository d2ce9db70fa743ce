"""What a free-text message is about, from the patterns in ``data/intents/*.yaml``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.datafiles import DATA_DIR, LANGS, DataError, load_data

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


class IntentClassifier:
    """Intents by priority; the first whose pattern occurs in the text wins."""

    def __init__(self, intents: Iterable[Intent]) -> None:
        self.intents = tuple(intents)  # highest priority first

    def classify(self, text: str) -> str | None:
        """The name of the highest-priority intent whose pattern occurs in ``text``, else None."""
        normalized = normalize_for_intent(text)
        return next((intent.name for intent in self.intents if intent.pattern.search(normalized)), None)


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
        intents.append(Intent(record["intent"], int(record.get("priority", 0)), compiled))
    intents.sort(key=lambda i: -i.priority)
    return IntentClassifier(intents)


@cache
def default_intents() -> IntentClassifier:
    return load_intents()
