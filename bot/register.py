"""The register of administrative positions: groups, categories and positions, validated at load.

Use :func:`load_register` (cached) for the register of ``data/register.yaml``; it builds the search
index once. :func:`parse_category_code` turns "д-о-4", "DO4" or "категория Е-Г-2" into ``D-O-4`` …
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from bot.codes import is_category_code, read_code
from bot.datafiles import DataError, Lang, iso_date, load_data, localized
from bot.facts import Act, Library, Source, Sourced, load_library
from bot.search.index import MAX_QUERY_CHARS, PositionIndex
from bot.search.results import IndexedName, PositionMatch, SearchResult
from bot.search.terms import SearchTerms, read_search_terms

REGISTER_FILE = "register.yaml"
AKIMAT_LEVELS = ("oblast", "district", "rural")
_FOOTNOTE = re.compile(r"\s*\d+$")
# Characters a full-row inline button shows on a phone before Telegram cuts it (~30-35): a group's or family's
# `short` title must fit, with the code before it ("C-O-1 — …"), and the handlers cut positions' names to it.
BUTTON_CHARS = 32
# The digits of ``Register.pack_positions``: none is a separator of callback data (":", "~") or of keys (".", "_").
_KEY_DIGITS = string.digits + string.ascii_uppercase + string.ascii_lowercase + "-+"


@dataclass(frozen=True)
class Text:
    """A text in Russian and Kazakh."""

    ru: str
    kk: str

    def pick(self, lang: str) -> str:
        """The text in ``lang`` (Russian for an unknown language)."""
        return self.kk if lang == "kk" else self.ru


@dataclass(frozen=True)
class ExceptedPost:
    """A post the register excepts from a position ("Руководитель аппарата, за исключением аппарата акима
    области"): its name, what the source says about it, and the kinds of body (search qualifiers) that a
    query names when it asks about the excepted post rather than the position."""

    bodies: frozenset[str]
    name: Text
    explain: Text
    source: Source
    as_of: dt.date


@dataclass(frozen=True)
class Position:
    """One position of the register. ``id`` is ``<category code>.<n>``, short enough for callback data."""

    id: str
    category_code: str
    name: Text
    note: Text | None
    aliases: tuple[str, ...]
    seed_text: str | None
    excludes: ExceptedPost | None = None


@dataclass(frozen=True)
class Category:
    """A category (``D-O-4``) with its positions, in register order."""

    code: str
    group_code: str
    number: int
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class Group:
    """A group of categories sharing a kind of body (A, B, C, C-O, C-R, D, D-O, E, E-R, E-G)."""

    code: str
    family: str
    title: Text
    body: Text
    level: str | None
    source: Source
    as_of: dt.date
    categories: tuple[Category, ...]
    # what else counts as the group's kind of body ("к районам приравниваются города областного значения …")
    equated: Text | None = None
    # the title reworded for a button ("Аким села, аула, посёлка"); messages show ``title``
    short: Text | None = None

    def label(self, lang: str, code: str | None = None) -> str:
        """A button's text for the group, or for one of its categories (``code``): "E-G — Аким села, аула, посёлка"."""
        return f"{code or self.code} — {(self.short or self.title).pick(lang)}"


@dataclass(frozen=True)
class Family:
    """A top-level letter (A … E) and its groups, e.g. E: E, E-R, E-G."""

    letter: str
    title: Text
    groups: tuple[Group, ...]
    short: Text | None = None  # the title for a button ("D — органы области"), letter included

    def label(self, lang: str) -> str:
        """A button's text for the family."""
        return (self.short or self.title).pick(lang)


@dataclass(frozen=True)
class AkimatLevel:
    """A level of local government and the groups of categories its akimat has."""

    id: str
    name: Text
    groups: tuple[Group, ...]

    @property
    def categories(self) -> tuple[Category, ...]:
        """Categories of the level, in register order."""
        return tuple(c for g in self.groups for c in g.categories)


@dataclass(frozen=True)
class Provenance:
    """Where the register comes from (``fact``: the vintage note and its sources, the seed's register and the
    act in force), and the act in force that users should check against."""

    fact: Sourced
    in_force: Act
    kk_names: Text


class Register:
    """The whole register, with lookups and the search index built once."""

    def __init__(self, families: tuple[Family, ...], levels: Mapping[str, Text], provenance: Provenance,
                 terms: SearchTerms) -> None:
        self.families = families
        self.groups: tuple[Group, ...] = tuple(g for f in families for g in f.groups)
        self.categories: tuple[Category, ...] = tuple(c for g in self.groups for c in g.categories)
        self.provenance = provenance
        self._groups = {g.code: g for g in self.groups}
        self._categories = {c.code: c for c in self.categories}
        self._order = {c.code: i for i, c in enumerate(self.categories)}
        self._positions = {p.id: p for c in self.categories for p in c.positions}
        self._position_ids = tuple(self._positions)
        self._position_order = {p: i for i, p in enumerate(self._position_ids)}
        self.akimat_levels: tuple[AkimatLevel, ...] = tuple(
            AkimatLevel(level, levels[level], tuple(g for g in self.groups if g.level == level))
            for level in AKIMAT_LEVELS
        )
        self._by_name: dict[str, tuple[Position, ...]] = {}
        for category in self.categories:
            for position in category.positions:
                self._by_name[position.name.ru] = (*self._by_name.get(position.name.ru, ()), position)
        self._index = PositionIndex(self._distinct_names(), terms, self._order)

    def _distinct_names(self) -> list[IndexedName]:
        by_name: dict[str, list[Position]] = {}
        for category in self.categories:
            for position in category.positions:
                by_name.setdefault(position.name.ru, []).append(position)
        names = []
        for ru, positions in by_name.items():
            first = positions[0]
            variants = [ru, first.name.kk, *(a for p in positions for a in p.aliases)]
            # "(по режиму)" and the like: people type the name without the bracket
            variants += [re.sub(r"\s*\([^)]*\)", "", v) for v in variants if "(" in v]
            names.append(IndexedName(
                name_ru=ru,
                name_kk=first.name.kk,
                variants=tuple(dict.fromkeys(variants)),
                category_codes=tuple(p.category_code for p in positions),
                position_ids=tuple(p.id for p in positions),
                group_codes=tuple(self._categories[p.category_code].group_code for p in positions),
                excepted_for=(tuple(p.excludes.bodies if p.excludes else frozenset() for p in positions)
                              if any(p.excludes for p in positions) else ()),
            ))
        return names

    @property
    def codes(self) -> frozenset[str]:
        """All category codes."""
        return frozenset(self._categories)

    def category(self, code: str) -> Category:
        """The category with canonical ``code`` (``D-O-4``), or its typed form ("до4"); KeyError if none."""
        found = self._categories.get(code) or self._categories.get(read_code(code) or "")
        if found is None:
            raise KeyError(f"no category {code!r} in the register")
        return found

    def group(self, code: str) -> Group:
        """The group with ``code`` (``D-O``); KeyError if none."""
        return self._groups[code]

    def family(self, letter: str) -> Family:
        """The family of groups under ``letter`` (``E``); KeyError if none."""
        for family in self.families:
            if family.letter == letter:
                return family
        raise KeyError(f"no family {letter!r} in the register")

    def closest_group(self, code: str) -> Group | None:
        """The group a code of no category would belong to ("D-O-7" → D-O, "Е-Г-0" → E-G), or None when
        the register has no such group ("D-R-1"): its siblings are what the user was probably after."""
        return self._groups.get(code.rsplit("-", 1)[0])

    def group_of(self, code: str) -> Group:
        """The group a category belongs to."""
        return self._groups[self.category(code).group_code]

    def position(self, position_id: str) -> Position:
        """The position with ``id`` (``D-O-4.1``); KeyError if none."""
        return self._positions[position_id]

    def pack_positions(self, position_ids: Iterable[str]) -> str:
        """Position ids as two characters each, their place in the register: a short key for a button's data
        (seven positions in 14 characters, where their ids take 55). ``unpack_positions`` reads it back."""
        return "".join(_KEY_DIGITS[i // len(_KEY_DIGITS)] + _KEY_DIGITS[i % len(_KEY_DIGITS)]
                       for i in (self._position_order[p] for p in position_ids))

    def unpack_positions(self, packed: str) -> tuple[str, ...]:
        """The position ids ``pack_positions`` wrote; ValueError for a key the register cannot read (stale or
        forged)."""
        if len(packed) % 2 or any(c not in _KEY_DIGITS for c in packed):
            raise ValueError(f"not a key of positions: {packed!r}")
        order = [_KEY_DIGITS.index(a) * len(_KEY_DIGITS) + _KEY_DIGITS.index(b) for a, b in zip(
            packed[::2], packed[1::2], strict=True)]
        if any(i >= len(self._position_ids) for i in order):
            raise ValueError(f"no such positions in the register: {packed!r}")
        return tuple(self._position_ids[i] for i in order)

    def same_name(self, position_id: str) -> tuple[Position, ...]:
        """Every position named like ``position_id``'s, in register order (itself included)."""
        return self._by_name[self.position(position_id).name.ru]

    def neighbours(self, code: str) -> tuple[Category | None, Category | None]:
        """The categories just before and after ``code`` in register order (None at either end)."""
        i = self._order[self.category(code).code]
        before = self.categories[i - 1] if i > 0 else None
        after = self.categories[i + 1] if i + 1 < len(self.categories) else None
        return before, after

    def akimat_level(self, level: str) -> AkimatLevel:
        """The akimat level ``oblast``, ``district`` or ``rural``; KeyError if none."""
        for found in self.akimat_levels:
            if found.id == level:
                return found
        raise KeyError(f"no akimat level {level!r}")

    def search(self, query: str, lang: Lang | str = "ru", limit: int = 5) -> SearchResult:
        """Find what ``query`` names: a category code, or positions ranked by how well they match.

        A code-shaped query gives kind "category" (or "none" with ``unknown_code`` when no such
        category exists). Otherwise each match is one distinct name with every category code where it
        occurs, narrowed by qualifiers ("… акимата района"); with no good match, kind "none" and the
        closest names as ``suggestions``. ``lang`` is the user's language; names are searched in both.
        Only the first ``MAX_QUERY_CHARS`` characters are read (``truncated`` says when there were more).
        """
        shaped = self.read_code(query[:MAX_QUERY_CHARS])
        if shaped is not None:
            truncated = len(query) > MAX_QUERY_CHARS
            if shaped in self._categories:
                return SearchResult("category", query, category_code=shaped, truncated=truncated)
            return SearchResult("none", query, unknown_code=shaped, truncated=truncated)
        return self._index.search(query, limit=limit)

    def kind_of_post(self, role_id: str, codes: Collection[str] = ()) -> PositionMatch | None:
        """A kind of post's card ("Советник"), narrowed to the categories ``codes`` when given: what a
        ``kind_…`` link opens. None when there is no such kind of post or none of those categories has one."""
        return self._index.role_card(role_id, codes)

    @property
    def search_index(self) -> PositionIndex:
        """The index the search runs on: its distinct names, its vocabulary and its cache of words read."""
        return self._index

    def read_code(self, text: str) -> str | None:
        """The canonical form (``D-O-4``) of a category code typed as ``text`` ("санат Е-Г-3", "до4", "а Е-Г-3?"),
        the search's filler words and particles ignored, whether or not the register has it; None if ``text`` is
        not a code."""
        terms = self._index.terms
        return read_code(text, terms.code_filler, terms.code_particles)


def parse_category_code(text: str) -> str | None:
    """The canonical code (``D-O-4``) of a category of the register that ``text`` names, else None.

    Accepts Latin or Cyrillic letters in any case, with or without dashes or spaces ("д-о-4", "DO4",
    "D O 4", "С-0-3"), with or without words like "категория" / "санат".
    """
    register = load_register()
    shaped = register.read_code(text)
    return shaped if shaped in register.codes else None


# ---------------------------------------------------------------- loading


def _text(value: Any, where: str) -> Text:
    checked = localized(value, where)
    return Text(ru=checked["ru"], kk=checked["kk"])


def _require(record: Any, key: str, where: str) -> Any:
    if not isinstance(record, dict) or key not in record:
        raise DataError(f"{where}: missing '{key}'")
    return record[key]


def _exception(raw: Any, where: str, source: Any, terms: SearchTerms) -> ExceptedPost | None:
    if raw is None:
        return None
    bodies = _require(raw, "bodies", where)
    if not isinstance(bodies, list) or not bodies or not set(bodies) <= terms.body_kinds:
        raise DataError(f"{where} › bodies: expected kinds of body of search_terms.yaml "
                        f"({', '.join(sorted(terms.body_kinds))}), got {bodies!r}")
    return ExceptedPost(
        bodies=frozenset(bodies),
        name=_text(_require(raw, "name", where), f"{where} › name"),
        explain=_text(_require(raw, "explain", where), f"{where} › explain"),
        source=source(_require(raw, "source", where), where),
        as_of=iso_date(_require(raw, "as_of", where), f"{where} › as_of"),
    )


def _equated(raw: Any, where: str, source: Any) -> Text | None:
    if raw is None:
        return None
    source(_require(raw, "source", where), where)
    iso_date(_require(raw, "as_of", where), f"{where} › as_of")
    return _text(raw, where)


def _short_title(raw: Any, where: str, before: Any, prefix: str = "") -> Text:
    """A title for buttons: in both languages, starting with ``prefix``, fitting :data:`BUTTON_CHARS` after each
    of ``before`` (the codes a button puts before it)."""
    short = _text(raw, where)
    for text in (short.ru, short.kk):
        if not text.startswith(prefix):
            raise DataError(f"{where}: {text!r} should start with {prefix!r}")
        for lead in before if not prefix else [""]:
            if len(lead + text) > BUTTON_CHARS:
                raise DataError(f"{where}: {lead + text!r} is {len(lead + text)} characters, a phone's button "
                                f"shows {BUTTON_CHARS}")
    return short


class _FirstKazakh(NamedTuple):
    """The Kazakh name a Russian name was first given in the register, and where: every other must be the same."""

    kk: str
    where: str


def read_register(data_dir: Path | None = None, library: Library | None = None) -> Register:
    """Read and validate ``register.yaml`` (and the search terms) from ``data_dir``.

    Fails with :class:`DataError` naming the file and the record: unknown or duplicate codes, codes
    outside their group or out of order, a position without a Russian or Kazakh name, a footnote
    digit left in a name, one Russian name with two Kazakh translations, missing sources or dates.
    """
    raw = load_data(REGISTER_FILE, data_dir)
    f = REGISTER_FILE
    if not isinstance(raw, dict):
        raise DataError(f"{f}: expected a mapping at the top level")
    library = library or load_library()

    def source(sid: Any, where: str) -> Source:
        return library.source(sid, where)

    prov = _require(raw, "provenance", f)
    where = f"{f}: provenance"
    fact = library.statement(prov, where)
    acts_in_force = [c.source.act for c in fact.cites if c.source.act is not None and c.source.act.in_force]
    if len(acts_in_force) != 1:
        raise DataError(f"{where}: sources must name exactly one act in force (the register to check against)")
    provenance = Provenance(
        fact=fact,
        in_force=acts_in_force[0],
        kk_names=_text(_require(prov, "kk_names", where), f"{where} › kk_names"),
    )
    terms = read_search_terms(data_dir)
    levels = {lvl: _text(text, f"{f}: levels › {lvl}") for lvl, text in _require(raw, "levels", f).items()}
    if set(levels) != set(AKIMAT_LEVELS):
        raise DataError(f"{f}: levels: expected exactly {', '.join(AKIMAT_LEVELS)}, got {', '.join(levels)}")
    family_titles = {k: _text(v, f"{f}: families › {k}") for k, v in _require(raw, "families", f).items()}
    family_shorts = {k: _short_title(_require(v, "short", f"{f}: families › {k}"), f"{f}: families › {k} › short",
                                     (k,), prefix=f"{k} — ")
                     for k, v in raw["families"].items()}

    groups: list[Group] = []
    seen_codes: set[str] = set()
    kk_of: dict[str, _FirstKazakh] = {}
    for gi, graw in enumerate(_require(raw, "groups", f)):
        gcode = _require(graw, "code", f"{f}: groups[{gi}]")
        gwhere = f"{f}: group {gcode}"
        if gcode in {g.code for g in groups}:
            raise DataError(f"{gwhere}: duplicate group code")
        family = _require(graw, "family", gwhere)
        if family not in family_titles or not str(gcode).startswith(family):
            raise DataError(f"{gwhere}: family {family!r} unknown or not the group's letter")
        level = graw.get("level")
        if level is not None and level not in levels:
            raise DataError(f"{gwhere}: unknown level {level!r}")
        categories: list[Category] = []
        for ci, craw in enumerate(_require(graw, "categories", gwhere) or []):
            code = _require(craw, "code", f"{gwhere} › categories[{ci}]")
            cwhere = f"{f}: category {code}"
            if not isinstance(code, str) or not is_category_code(code) or code.rsplit("-", 1)[0] != gcode:
                raise DataError(f"{cwhere}: not a Latin code of group {gcode} (like {gcode}-1)")
            if code in seen_codes:
                raise DataError(f"{cwhere}: duplicate category code")
            if int(code.rsplit("-", 1)[1]) != ci + 1:
                raise DataError(f"{cwhere}: out of order, expected {gcode}-{ci + 1}")
            seen_codes.add(code)
            positions: list[Position] = []
            for pi, praw in enumerate(_require(craw, "positions", cwhere) or []):
                pwhere = f"{cwhere} › position {pi + 1}"
                name = _text(praw, pwhere)
                for text in (name.ru, name.kk):
                    if _FOOTNOTE.search(text):
                        raise DataError(f"{pwhere}: footnote digit left in {text!r}")
                if name.ru in {p.name.ru for p in positions}:
                    raise DataError(f"{pwhere}: {name.ru!r} listed twice in the category")
                first = kk_of.setdefault(name.ru, _FirstKazakh(name.kk, pwhere))
                if first.kk != name.kk:
                    raise DataError(
                        f"{pwhere}: {name.ru!r} is {name.kk!r} here but {first.kk!r} at {first.where}")
                note = praw.get("note")
                aliases = praw.get("aliases") or []
                if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip()
                                                            for a in aliases):
                    raise DataError(f"{pwhere}: aliases must be a list of non-empty strings")
                positions.append(Position(
                    id=f"{code}.{pi + 1}",
                    category_code=code,
                    name=name,
                    note=_text(note, f"{pwhere} › note") if note is not None else None,
                    aliases=tuple(a.strip() for a in aliases),
                    seed_text=praw.get("seed"),
                    excludes=_exception(praw.get("excludes"), f"{pwhere} › excludes", source, terms),
                ))
            if not positions:
                raise DataError(f"{cwhere}: no positions")
            categories.append(Category(code, gcode, ci + 1, tuple(positions)))
        if not categories:
            raise DataError(f"{gwhere}: no categories")
        short = _short_title(_require(graw, "short", gwhere), f"{gwhere} › short",
                             [f"{gcode} — ", *(f"{c.code} — " for c in categories)])
        groups.append(Group(
            code=gcode,
            family=family,
            title=_text(_require(graw, "title", gwhere), f"{gwhere} › title"),
            short=short,
            body=_text(_require(graw, "body", gwhere), f"{gwhere} › body"),
            level=level,
            source=source(_require(graw, "source", gwhere), gwhere),
            as_of=iso_date(_require(graw, "as_of", gwhere), f"{gwhere} › as_of"),
            categories=tuple(categories),
            equated=_equated(graw.get("equated"), f"{gwhere} › equated", source),
        ))
    families = tuple(
        Family(letter, title, tuple(g for g in groups if g.family == letter), family_shorts[letter])
        for letter, title in family_titles.items()
    )
    for family in families:
        if not family.groups:
            raise DataError(f"{f}: families › {family.letter}: no group belongs to it")
    order = [g.code for fam in families for g in fam.groups]
    if order != [g.code for g in groups]:
        raise DataError(f"{f}: groups must be listed family by family, in the order of 'families'")
    for level, bodies in terms.scopes.items():
        for body, scoped in bodies.items():
            unknown = set(scoped) - {g.code for g in groups}
            if unknown:
                raise DataError(
                    f"search_terms.yaml: scopes › {level} › {body}: unknown groups {sorted(unknown)}")
    return Register(families, levels, provenance, terms)


@functools.cache
def load_register() -> Register:
    """The register of ``data/register.yaml``, read, validated and indexed once per process."""
    return read_register()
