"""Sourced facts: the one shape of every statement the bot takes from ``data/``, and the acts it relies on.

A :class:`Sourced` statement is a text in Russian and Kazakh, the source(s) it rests on (each with the
article for a law), and the date it was checked. Sources are read once from ``data/sources.yaml``
(publications, web pages, the bot's own guidance) and ``data/acts.yaml`` (laws, codes, decrees, orders,
with their status). An act that is no longer in force knows when it ended and what replaced it, so an
answer that cites it can say so by itself (:func:`ended_acts`), never by a hand-written sentence.

Every data loader reads its statements with :meth:`Library.statement`; nothing here knows Telegram.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from bot.datafiles import DataError, iso_date, load_data, localized, pick

ACTS_FILE = "acts.yaml"
SOURCES_FILE = "sources.yaml"
ADILET = "https://adilet.zan.kz/{section}/docs/{doc}"
Precision = Literal["day", "month"]
_PRECISIONS = ("day", "month")


class ActStatus(StrEnum):
    IN_FORCE = "in_force"
    REPLACED = "replaced"  # a newer act took its place on ``ended_on``
    REPEALED = "repealed"  # lost force on ``ended_on`` (maybe with an act that took over: ``replaced_by``)


@dataclass(frozen=True, slots=True, eq=False)  # one object per act, read once: compared and hashed by identity
class Act:
    """A law, code, decree or order: how the bot names it, where to read it, whether it is still in force."""

    id: str
    number: str | None
    date: dt.date  # adopted (signed)
    title: dict[str, str]  # its official title
    name: dict[str, str]  # how an answer cites it: "Закон РК от 23.11.2015 № 416-V"
    adilet: str | None  # the document id on adilet.zan.kz ("Z1500000416"), stable across editions
    link: str | None  # a page to read it when adilet has none
    status: ActStatus
    checked: dt.date  # when its status was last checked
    ended_on: dt.date | None = None
    replaced_by: Act | None = None
    feminine: bool = False  # Russian agreement: "Конституция … действовала"
    in_force_from: dt.date | None = None

    @property
    def in_force(self) -> bool:
        return self.status is ActStatus.IN_FORCE

    def url(self, lang: str) -> str | None:
        """The act on adilet in the reader's language (rus/kaz), else its page, else None."""
        if self.adilet:
            return ADILET.format(section="kaz" if lang == "kk" else "rus", doc=self.adilet)
        return self.link

    def current(self) -> Act | None:
        """The act in force that took this one's place (following a chain of replacements), or None."""
        act = self.replaced_by
        while act is not None and not act.in_force:
            act = act.replaced_by
        return act


@dataclass(frozen=True, slots=True, eq=False)  # one object per source, read once: compared and hashed by identity
class Source:
    """What a statement rests on: a publication or web page (``act`` is None), or an act."""

    id: str
    name: dict[str, str]
    url: dict[str, str] | None  # per language; None with ``no_url_reason``
    date: dt.date | None = None  # a publication's date; None for a site, the bot's guidance and acts
    precision: Precision = "day"
    act: Act | None = None
    no_url_reason: str | None = None

    def link(self, lang: str) -> str | None:
        return pick(self.url, lang) if self.url else None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source as one statement cites it: for an act, the article (and point) too."""

    source: Source
    article: str | None = None
    point: str | None = None


@dataclass(frozen=True, slots=True)
class Sourced:
    """One statement: its text in both languages, what it rests on, and the date it was checked."""

    text: dict[str, str]
    cites: tuple[Citation, ...]
    as_of: dt.date
    id: str = ""  # the record's id where the data gives one

    @property
    def source(self) -> Source:
        """The first (main) source."""
        return self.cites[0].source

    def pick(self, lang: str) -> str:
        return pick(self.text, lang)


@dataclass(frozen=True, slots=True)
class Cited:
    """One source as an answer cites it: every article its statements name, and the latest check."""

    source: Source
    articles: tuple[tuple[str, str | None], ...]  # (article, point), in the act's order
    as_of: dt.date

    @property
    def date(self) -> dt.date:
        """The date to show: a publication's own date, else the date its statements were checked."""
        return self.source.date or self.as_of

    @property
    def precision(self) -> Precision:
        return self.source.precision if self.source.date else "day"


def cite(facts: Iterable[Sourced]) -> tuple[Cited, ...]:
    """The distinct sources of ``facts`` in order of first use, each with its articles and latest check."""
    order: dict[str, Source] = {}
    articles: dict[str, list[tuple[str, str | None]]] = {}
    latest: dict[str, dt.date] = {}
    for fact in facts:
        for citation in fact.cites:
            key = citation.source.id
            order.setdefault(key, citation.source)
            latest[key] = max(latest.get(key, fact.as_of), fact.as_of)
            found = articles.setdefault(key, [])
            if citation.article and (citation.article, citation.point) not in found:
                found.append((citation.article, citation.point))
    return tuple(Cited(source, tuple(sorted(articles[key], key=_article_order)), latest[key])
                 for key, source in order.items())


def _article_order(cited: tuple[str, str | None]) -> tuple[int, str, str]:
    """Articles in the act's order: "12" п. 2 before "12" п. 3 before "13"."""
    article, point = cited
    digits = re.match(r"\d+", article)
    return (int(digits.group()) if digits else 0, article, point or "")


def ended_acts(cited: Iterable[Cited]) -> tuple[Act, ...]:
    """The acts among ``cited`` that are no longer in force, once each, in order."""
    return tuple(c.source.act for c in cited if c.source.act is not None and not c.source.act.in_force)


class Footnotes:
    """Numbers each distinct source once, so several statements cite without repeating themselves.

    ``mark(fact)`` gives the numbers of the fact's sources; :func:`cite` over ``facts`` lists the sources
    in the same order, so the numbers and the list agree."""

    def __init__(self) -> None:
        self.facts: list[Sourced] = []
        self._numbers: dict[str, int] = {}

    def mark(self, fact: Sourced) -> str:
        """" [1]" (or " [1, 3]" for a fact with several sources), to put after the fact's text."""
        self.facts.append(fact)
        for citation in fact.cites:
            self._numbers.setdefault(citation.source.id, len(self._numbers) + 1)
        numbers = dict.fromkeys(self._numbers[c.source.id] for c in fact.cites)
        return f" [{', '.join(map(str, numbers))}]"


def several_sources(facts: Iterable[Sourced]) -> bool:
    """Whether ``facts`` rest on more than one source (then their text marks which is which)."""
    return len({c.source.id for fact in facts for c in fact.cites}) > 1


# ---------------------------------------------------------------- reading the data


def _field(record: Any, key: str, where: str) -> Any:
    if not isinstance(record, dict) or record.get(key) is None:
        raise DataError(f"{where}: missing '{key}'")
    return record[key]


def _https(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.startswith("https://") or any(c in value for c in ' "<>'):
        raise DataError(f"{where}: expected an https URL, got {value!r}")
    return value


def _read_acts(raw: Any, where: str) -> dict[str, Act]:
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{where}: 'acts' must be a non-empty mapping")
    built: dict[str, Act] = {}

    def build(act_id: str, chain: tuple[str, ...] = ()) -> Act:
        if act_id in built:
            return built[act_id]
        if act_id in chain:
            raise DataError(f"{where}: acts replace each other in a circle: {' → '.join((*chain, act_id))}")
        record = raw.get(act_id)
        here = f"{where}: acts › {act_id}"
        if not isinstance(record, dict):
            raise DataError(f"{here}: unknown act (named by replaced_by?)")
        try:
            status = ActStatus(record.get("status"))
        except ValueError as exc:
            raise DataError(f"{here}: status must be one of {', '.join(ActStatus)}") from exc
        successor = record.get("replaced_by")
        ended = {ActStatus.REPLACED: "replaced_on", ActStatus.REPEALED: "repealed_on"}.get(status)
        if status is ActStatus.REPLACED and not successor:
            raise DataError(f"{here}: a replaced act needs replaced_by and replaced_on")
        if status is ActStatus.IN_FORCE and (successor or "replaced_on" in record or "repealed_on" in record):
            raise DataError(f"{here}: an act in force has no replaced_by, replaced_on or repealed_on")
        adilet = record.get("adilet")
        if adilet is not None and (not isinstance(adilet, str) or not re.fullmatch(r"[A-Z0-9_]+", adilet)):
            raise DataError(f"{here}: adilet must be a document id like Z1500000416, got {adilet!r}")
        link = _https(record["url"], f"{here} › url") if "url" in record else None
        if not adilet and not link:
            raise DataError(f"{here}: needs an adilet document id or a url")
        act = Act(
            id=act_id,
            number=str(record["number"]) if record.get("number") is not None else None,
            date=iso_date(_field(record, "date", here), f"{here} › date"),
            title=localized(_field(record, "title", here), f"{here} › title"),
            name=localized(_field(record, "name", here), f"{here} › name"),
            adilet=adilet,
            link=link,
            status=status,
            checked=iso_date(_field(record, "checked", here), f"{here} › checked"),
            ended_on=iso_date(_field(record, ended, here), f"{here} › {ended}") if ended else None,
            replaced_by=build(successor, (*chain, act_id)) if successor else None,
            feminine=bool(record.get("feminine", False)),
            in_force_from=iso_date(record["in_force_from"], here) if "in_force_from" in record else None,
        )
        built[act_id] = act
        return act

    for act_id in raw:
        build(act_id)
    return built


def _read_source(source_id: str, record: Any, where: str) -> Source:
    here = f"{where}: sources › {source_id}"
    url = record.get("url") if isinstance(record, dict) else None
    reason = record.get("no_url_reason") if isinstance(record, dict) else None
    if (url is None) == (reason is None):
        raise DataError(f"{here}: give either a url or a no_url_reason (why there is none)")
    if isinstance(url, dict):
        urls = {lang: _https(value, f"{here} › url") for lang, value in localized(url, f"{here} › url").items()}
    elif url is not None:
        urls = {"ru": _https(url, f"{here} › url"), "kk": url}
    else:
        urls = None
    precision = record.get("precision", "day")
    if precision not in _PRECISIONS:
        raise DataError(f"{here}: precision must be one of {', '.join(_PRECISIONS)}")
    return Source(
        id=source_id,
        name=localized(_field(record, "name", here), f"{here} › name"),
        url=urls,
        date=iso_date(record["date"], f"{here} › date") if record.get("date") is not None else None,
        precision=precision,
        no_url_reason=str(reason) if reason is not None else None,
    )


@dataclass(frozen=True)
class Library:
    """Every act and every other source the data may cite, by id."""

    acts: Mapping[str, Act]
    sources: Mapping[str, Source]  # publications, pages and guidance, and every act as a source

    def source(self, source_id: Any, where: str) -> Source:
        found = self.sources.get(source_id) if isinstance(source_id, str) else None
        if found is None:
            raise DataError(f"{where}: unknown source {source_id!r} (see data/{SOURCES_FILE} and data/{ACTS_FILE})")
        return found

    def act(self, act_id: Any, where: str) -> Act:
        found = self.acts.get(act_id) if isinstance(act_id, str) else None
        if found is None:
            raise DataError(f"{where}: unknown act {act_id!r} (see data/{ACTS_FILE})")
        return found

    def _citation(self, record: Any, where: str) -> Citation:
        source = self.source(_field(record, "source", where), where)
        article, point = record.get("article"), record.get("point")
        if (article is not None or point is not None) and source.act is None:
            raise DataError(f"{where}: an article is cited only from an act, not from {source.id!r}")
        if point is not None and article is None:
            raise DataError(f"{where}: a point needs its article")
        return Citation(source, str(article) if article is not None else None,
                        str(point) if point is not None else None)

    def citations(self, record: Any, where: str) -> tuple[Citation, ...]:
        """``source`` (+ ``article``, ``point``) of a record, or its list ``sources`` of the same."""
        if isinstance(record, dict) and "sources" in record:
            listed = record["sources"]
            if "source" in record or not isinstance(listed, list) or not listed:
                raise DataError(f"{where}: give 'source' or a non-empty list 'sources', not both")
            return tuple(self._citation(item, f"{where} › sources[{i}]") for i, item in enumerate(listed))
        return (self._citation(record, where),)

    def statement(self, record: Any, where: str, text_key: str = "text") -> Sourced:
        """A statement record: ``text`` (or ``text_key``) in both languages, its source(s), ``as_of``."""
        if not isinstance(record, dict):
            raise DataError(f"{where}: expected a mapping, got {record!r}")
        return Sourced(
            text=localized(record.get(text_key), f"{where} › {text_key}"),
            cites=self.citations(record, where),
            as_of=iso_date(_field(record, "as_of", where), f"{where} › as_of"),
            id=str(record.get("id", "")),
        )


def read_library(data_dir: Path | None = None) -> Library:
    """Read and check ``acts.yaml`` and ``sources.yaml`` from ``data_dir`` (default ``data/``)."""
    acts = _read_acts(_field(load_data(ACTS_FILE, data_dir), "acts", ACTS_FILE), ACTS_FILE)
    raw = _field(load_data(SOURCES_FILE, data_dir), "sources", SOURCES_FILE)
    if not isinstance(raw, dict):
        raise DataError(f"{SOURCES_FILE}: 'sources' must be a mapping")
    sources: dict[str, Source] = {sid: _read_source(sid, record, SOURCES_FILE) for sid, record in raw.items()}
    for act in acts.values():
        if act.id in sources:
            raise DataError(f"{SOURCES_FILE}: sources › {act.id}: the id is an act's already")
        url = {lang: act.url(lang) for lang in ("ru", "kk")}
        sources[act.id] = Source(id=act.id, name=act.name, url=url, act=act)  # type: ignore[arg-type]
    return Library(acts, sources)


@functools.cache
def load_library() -> Library:
    """The project's acts and sources, read and checked once per process."""
    return read_library()
