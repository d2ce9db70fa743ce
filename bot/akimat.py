"""Short answers about the akimat (what it is, what it does, who appoints akims, kinds of civil servants)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.datafiles import DataError, load_data, localized
from bot.facts import Sourced, load_library

AKIMAT_FILE = "akimat.yaml"


@dataclass(frozen=True, slots=True)
class AkimatTopic:
    """One question about the akimat and its answer: sourced statements, shown in order."""

    id: str
    title: dict[str, str]
    statements: tuple[Sourced, ...]
    button: dict[str, str]  # the label of the topic's button: `button` in the file, else the title
    short: tuple[Sourced, ...] = ()  # the statements in a few lines, for a first reply (none: the statements)


@lru_cache(maxsize=4)
def load_akimat_topics(data_dir: Path | None = None) -> dict[str, AkimatTopic]:
    """Read and check ``data/akimat.yaml`` once; topics keep the file's order."""
    raw = load_data(AKIMAT_FILE, data_dir)
    library = load_library()
    topics: dict[str, AkimatTopic] = {}
    for i, record in enumerate(raw["topics"]):
        where = f"{AKIMAT_FILE}: topics[{i}]"
        topic_id = record.get("id")
        if not isinstance(topic_id, str) or not topic_id.isascii() or topic_id in topics:
            raise DataError(f"{where}: topic id must be unique ASCII, got {topic_id!r}")
        statements = record.get("statements")
        if not isinstance(statements, list) or not statements:
            raise DataError(f"{where}: 'statements' must be a non-empty list")
        topics[topic_id] = AkimatTopic(
            id=topic_id,
            title=(title := localized(record.get("title"), f"{where}.title")),
            statements=tuple(library.statement(s, f"{where}.statements[{j}]") for j, s in enumerate(statements)),
            button=localized(record["button"], f"{where}.button") if "button" in record else title,
            short=tuple(library.statement(s, f"{where}.short[{j}]") for j, s in enumerate(record.get("short") or ())),
        )
    return topics


def find_topic(topic_id: str) -> AkimatTopic | None:
    """The topic a button names: its id as sent, or written in another case or with spaces around it
    (an older version of the bot); None when no topic has that id any more."""
    topics = load_akimat_topics()
    topic = topics.get(topic_id)
    if topic is None:
        wanted = topic_id.strip().casefold()
        topic = next((found for key, found in topics.items() if key.casefold() == wanted), None)
    return topic
