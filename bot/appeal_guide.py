"""The complaint/appeal guide as reviewed data: channels, what to write, deadlines, what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.datafiles import DataError, iso_date, load_data, localized

GUIDE_FILE = "appeals.yaml"


@dataclass(frozen=True, slots=True)
class Statement:
    """One sourced statement: its text and its source's title in both languages, and its date."""

    text: dict[str, str]
    source: dict[str, str]
    as_of: date
    id: str = ""  # the record's id where the data gives one


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to reach an akimat, what to expect from it, and its official links (maybe none)."""

    id: str
    name: dict[str, str]
    expect: Statement
    links: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AppealGuide:
    """Everything the guide tells, in the order it is told."""

    channels: tuple[Channel, ...]
    where_contacts: Statement
    contents_intro: dict[str, str]
    contents_items: tuple[dict[str, str], ...]
    contents_source: Statement  # text = intro; source and date of art. 63
    deadlines: tuple[Statement, ...]
    no_answer: tuple[Statement, ...]

    def channel(self, channel_id: str) -> Channel | None:
        """The channel with this id, or None for a stale or forged id."""
        return next((c for c in self.channels if c.id == channel_id), None)

    def deadline(self, statement_id: str) -> Statement:
        """The deadline statement with this id (a missing one is a data error caught by the tests)."""
        return next(s for s in self.deadlines if s.id == statement_id)


def read_sources(raw: Any, where: str) -> dict[str, dict[str, str]]:
    """The ``sources`` block: key -> bilingual title."""
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{where}: 'sources' must be a non-empty mapping")
    return {key: localized(value, f"{where}: sources.{key}") for key, value in raw.items()}


def read_statement(record: Any, sources: dict[str, dict[str, str]], where: str, text_key: str = "text") -> Statement:
    """A statement record with ``text`` (or ``text_key``), a known ``source`` and an ``as_of``."""
    if not isinstance(record, dict):
        raise DataError(f"{where}: expected a mapping, got {record!r}")
    if record.get("source") not in sources:
        raise DataError(f"{where}: unknown source {record.get('source')!r}")
    return Statement(
        text=localized(record.get(text_key), f"{where}.{text_key}"),
        source=sources[record["source"]],
        as_of=iso_date(record.get("as_of"), where),
        id=str(record.get("id", "")),
    )


def _channel(record: dict, sources: dict[str, dict[str, str]], where: str) -> Channel:
    channel_id = record.get("id")
    if not isinstance(channel_id, str) or not channel_id.isascii() or len(channel_id) > 12:
        raise DataError(f"{where}: channel id must be short ASCII, got {channel_id!r}")
    links = tuple(record.get("links") or ())
    if any(not str(link).startswith("https://") for link in links):
        raise DataError(f"{where}: links must be https URLs, got {links!r}")
    return Channel(
        id=channel_id,
        name=localized(record.get("name"), f"{where}.name"),
        expect=read_statement(record, sources, where, text_key="expect"),
        links=links,
    )


@lru_cache(maxsize=4)
def load_appeal_guide(data_dir: Path | None = None) -> AppealGuide:
    """Read and check ``data/appeals.yaml`` once; any missing text, source or date fails loudly."""
    raw = load_data(GUIDE_FILE, data_dir)
    sources = read_sources(raw.get("sources"), GUIDE_FILE)
    channels = tuple(
        _channel(record, sources, f"{GUIDE_FILE}: channels[{i}]") for i, record in enumerate(raw["channels"])
    )
    if len({c.id for c in channels}) != len(channels):
        raise DataError(f"{GUIDE_FILE}: channel ids must be unique")
    contents = raw["contents"]
    return AppealGuide(
        channels=channels,
        where_contacts=read_statement(raw["where_contacts"], sources, f"{GUIDE_FILE}: where_contacts"),
        contents_intro=localized(contents.get("intro"), f"{GUIDE_FILE}: contents.intro"),
        contents_items=tuple(
            localized(item, f"{GUIDE_FILE}: contents.items[{i}]") for i, item in enumerate(contents["items"])
        ),
        contents_source=read_statement(contents, sources, f"{GUIDE_FILE}: contents", text_key="intro"),
        deadlines=_section(raw, "deadlines", sources),
        no_answer=_section(raw, "no_answer", sources),
    )


def _section(raw: dict, name: str, sources: dict[str, dict[str, str]]) -> tuple[Statement, ...]:
    return tuple(read_statement(r, sources, f"{GUIDE_FILE}: {name}[{i}]") for i, r in enumerate(raw[name]))
