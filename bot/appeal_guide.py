"""The complaint/appeal guide as reviewed data: channels, what to write, deadlines, what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.datafiles import DataError, load_data, localized
from bot.facts import Library, Sourced, load_library

GUIDE_FILE = "appeals.yaml"


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to reach an akimat, what to expect from it, and its official links (maybe none)."""

    id: str
    name: dict[str, str]
    expect: Sourced
    links: tuple[str, ...]
    button: dict[str, str]  # the name on a button: a shorter one where the name is too long for it


@dataclass(frozen=True, slots=True)
class AppealGuide:
    """Everything the guide tells, in the order it is told."""

    channels: tuple[Channel, ...]
    where_contacts: Sourced
    contents_intro: dict[str, str]
    contents_items: tuple[dict[str, str], ...]
    contents_source: Sourced  # text = intro; source and date of art. 63
    deadlines: tuple[Sourced, ...]
    no_answer: tuple[Sourced, ...]
    deadline_short: Sourced  # the deadline in one sentence, for a first reply
    escalation: tuple[Sourced, ...]  # what to do when no answer helps, a sentence a step, for a first reply

    def channel(self, channel_id: str) -> Channel | None:
        """The channel with this id, or None for a stale or forged id."""
        return next((c for c in self.channels if c.id == channel_id), None)

    def deadline(self, statement_id: str) -> Sourced:
        """The deadline statement with this id (a missing one is a data error caught by the tests)."""
        return next(s for s in self.deadlines if s.id == statement_id)


def _channel(record: dict, library: Library, where: str) -> Channel:
    channel_id = record.get("id")
    if not isinstance(channel_id, str) or not channel_id.isascii() or len(channel_id) > 12:
        raise DataError(f"{where}: channel id must be short ASCII, got {channel_id!r}")
    links = tuple(record.get("links") or ())
    if any(not str(link).startswith("https://") for link in links):
        raise DataError(f"{where}: links must be https URLs, got {links!r}")
    return Channel(
        id=channel_id,
        name=(name := localized(record.get("name"), f"{where}.name")),
        expect=library.statement(record, where, text_key="expect"),
        links=links,
        button=localized(record["button"], f"{where}.button") if "button" in record else name,
    )


@lru_cache(maxsize=4)
def load_appeal_guide(data_dir: Path | None = None) -> AppealGuide:
    """Read and check ``data/appeals.yaml`` once; any missing text, source or date fails loudly."""
    raw = load_data(GUIDE_FILE, data_dir)
    library = load_library()
    channels = tuple(
        _channel(record, library, f"{GUIDE_FILE}: channels[{i}]") for i, record in enumerate(raw["channels"])
    )
    if len({c.id for c in channels}) != len(channels):
        raise DataError(f"{GUIDE_FILE}: channel ids must be unique")
    contents = raw["contents"]
    return AppealGuide(
        channels=channels,
        where_contacts=library.statement(raw["where_contacts"], f"{GUIDE_FILE}: where_contacts"),
        contents_intro=localized(contents.get("intro"), f"{GUIDE_FILE}: contents.intro"),
        contents_items=tuple(
            localized(item, f"{GUIDE_FILE}: contents.items[{i}]") for i, item in enumerate(contents["items"])
        ),
        contents_source=library.statement(contents, f"{GUIDE_FILE}: contents", text_key="intro"),
        deadlines=_section(raw, "deadlines", library),
        no_answer=_section(raw, "no_answer", library),
        deadline_short=library.statement(raw["answer_first"]["deadline"], f"{GUIDE_FILE}: answer_first.deadline"),
        escalation=_section(raw["answer_first"], "escalation", library),
    )


def _section(raw: dict, name: str, library: Library) -> tuple[Sourced, ...]:
    return tuple(library.statement(r, f"{GUIDE_FILE}: {name}[{i}]") for i, r in enumerate(raw[name]))
