"""How people type, read from ``data/search_terms.yaml``: abbreviations, filler words, synonyms, kinds of
post typed alone, and the qualifiers (levels, kinds of body, places) that narrow a search. Folded once at load."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from bot.datafiles import DataError, load_data
from bot.search.folding import Word, fold, fold_words, stem

SEARCH_TERMS_FILE = "search_terms.yaml"


@dataclass(frozen=True)
class Role:
    """A kind of post that many bodies have ("Советник" of the akim, of the Prime Minister …): typed alone,
    it names every category with such a post, not the first body's one. ``words``: how it is typed; ``id``: its
    name in links (``kind_<id>``)."""

    name_ru: str
    name_kk: str
    words: tuple[str, ...]
    id: str = ""


@dataclass(frozen=True)
class Places:
    """How a place's name is told in a query (``qualifiers › places``), folded: Russian level words, before which
    only an adjective is a place; the ends of such adjectives; words after which one word is a place; the levels,
    lowest first."""

    russian_levels: tuple[str, ...] = ()
    adjective_ends: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    lowest_first: tuple[str, ...] = ()


class Phrase(NamedTuple):
    """Words that name a level together ("город областного значения"), stemmed."""

    words: tuple[str, ...]
    level: str
    # the kind of body the phrase also names: "сельского округа" is a rural district, whose only state body is its
    # akim's apparatus
    body: str | None


class QualifierStem(NamedTuple):
    """A word's stem that names a level or a kind of body, or marks a generic word ("орган")."""

    stem: str
    whole: bool  # only as a whole word, not as the beginning of one
    kind: str  # "level", "body" or "generic"
    value: str


@dataclass(frozen=True)
class SearchTerms:
    """How people type: abbreviations, filler words and qualifiers, folded once at load."""

    abbreviations: Mapping[tuple[str, ...], tuple[Word, ...]]
    stopwords: frozenset[str]
    code_filler: frozenset[str]  # words ignored in a category code ("категория"), casefolded as typed
    phrases: tuple[Phrase, ...]
    stems: tuple[QualifierStem, ...]  # longest first
    scopes: Mapping[str, Mapping[str, tuple[str, ...]]]
    longest_abbreviation: int = field(default=1)
    vague_levels: frozenset[str] = field(default=frozenset())  # count only when no other level is named
    places: Places = field(default_factory=lambda: Places())  # how a place's name is told (see QualifierReader)
    body_kinds: frozenset[str] = field(default=frozenset())  # the kinds of body qualifiers name
    synonyms: Mapping[str, str] = field(default_factory=dict)  # stem typed -> stem of the register's word
    roles: tuple[Role, ...] = ()  # kinds of post typed alone ("советник"), see Role
    # the kinds of body a post is in when its name names another ("акима": the akimat and its apparatus)
    within: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # particles said around a code in a question ("а Е-Г-3?", "Е-Г-3 ше"), casefolded as typed
    code_particles: frozenset[str] = field(default=frozenset())


def read_search_terms(data_dir: Path | None = None) -> SearchTerms:
    """Parse and validate ``data/search_terms.yaml``; errors name the file and the entry."""
    raw = load_data(SEARCH_TERMS_FILE, data_dir)
    where = SEARCH_TERMS_FILE
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping at the top level")
    try:
        abbreviations: dict[tuple[str, ...], tuple[Word, ...]] = {}
        for short, full in raw["abbreviations"].items():
            key, value = tuple(fold_words(str(short))), tuple(fold(str(full)))
            if not key or not value:
                raise DataError(f"{where}: abbreviations › {short!r}: empty after folding")
            abbreviations[key] = value
        raw_stop = _as_typed(raw["stopwords"])
        stop = frozenset(w for s in raw_stop for w in fold_words(s))
        qualifiers = raw["qualifiers"]
        phrases = _read_phrases(qualifiers, raw["scopes"], where)
        stems = _read_stems(qualifiers, where)
        scopes = {level: {body: tuple(groups) for body, groups in bodies.items()}
                  for level, bodies in raw["scopes"].items()}
        synonyms: dict[str, str] = {}
        for typed, meant in (raw.get("synonyms") or {}).items():
            typed_words, meant_words = fold(str(typed)), fold(str(meant))
            if len(typed_words) != 1 or len(meant_words) != 1:
                raise DataError(f"{where}: synonyms › {typed!r}: one word each side expected")
            # stemmed as Kazakh if either side is (Kazakh names are, whatever letters a word happens to have)
            kazakh = typed_words[0].kazakh or meant_words[0].kazakh
            synonyms[stem(typed_words[0].text, kazakh)] = stem(meant_words[0].text, kazakh)
        roles = _read_roles(raw.get("roles") or (), where)
        body_kinds = frozenset(qualifiers["body"])
        within = {kind: frozenset(inside) for kind, inside in (qualifiers.get("within") or {}).items()}
        if not set(within) <= body_kinds or not all(inside <= body_kinds for inside in within.values()):
            raise DataError(f"{where}: qualifiers › within: kinds of body of qualifiers › body expected")
        vague = frozenset(qualifiers.get("vague_levels") or ())
        unknown_vague = vague - set(qualifiers["level"])
        if unknown_vague:
            raise DataError(f"{where}: qualifiers › vague_levels: unknown levels {sorted(unknown_vague)}")
        places = _read_places(qualifiers.get("places") or {}, set(qualifiers["level"]), where)
        particles = _as_typed(raw.get("code_particles") or ())
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{where}: malformed entry ({exc!r})") from exc
    return SearchTerms(
        abbreviations=abbreviations,
        stopwords=stop,
        # one-letter words ("в", "с", "а") are also code letters, so never filler in a code
        code_filler=frozenset(w for w in raw_stop if len(w) > 1),
        phrases=phrases,
        stems=stems,
        scopes=scopes,
        longest_abbreviation=max(len(k) for k in abbreviations),
        vague_levels=vague,
        places=places,
        body_kinds=body_kinds,
        synonyms=synonyms,
        roles=roles,
        within=within,
        code_particles=particles,
    )


def _as_typed(words: Any) -> frozenset[str]:
    """Words compared as a code's words are: casefolded, ё as е."""
    return frozenset(str(w).casefold().replace("ё", "е") for w in words)


def _read_phrases(qualifiers: Mapping[str, Any], scopes: Mapping[str, Any], where: str) -> tuple[Phrase, ...]:
    phrases = []
    for i, entry in enumerate(qualifiers["phrases"]):
        words = tuple(stem(*w) for word in entry["words"] for w in fold(str(word)))
        if not words or entry["level"] not in scopes:
            raise DataError(f"{where}: qualifiers › phrases[{i}]: needs words and a known level")
        body = entry.get("body")
        if body is not None and body not in qualifiers["body"]:
            raise DataError(f"{where}: qualifiers › phrases[{i}]: unknown kind of body {body!r}")
        phrases.append(Phrase(words, entry["level"], body))
    return tuple(phrases)


def _read_stems(qualifiers: Mapping[str, Any], where: str) -> tuple[QualifierStem, ...]:
    stems: list[QualifierStem] = []
    for kind in ("level", "body", "generic"):
        for value, words in (qualifiers.get(kind) or {} if kind == "generic" else qualifiers[kind]).items():
            for word in words:
                text = str(word)
                folded = fold(text.rstrip("="))
                if len(folded) != 1:
                    raise DataError(f"{where}: qualifiers › {kind} › {value} › {word!r}: one word expected")
                stems.append(QualifierStem(stem(*folded[0]), text.endswith("="), kind, value))
    stems.sort(key=lambda s: len(s.stem), reverse=True)
    return tuple(stems)


def _read_roles(raw: Any, where: str) -> tuple[Role, ...]:
    roles: list[Role] = []
    for i, entry in enumerate(raw):
        words = tuple(str(w) for w in entry["words"])
        if not words or not all(fold(w) for w in words) or not entry["ru"] or not entry["kk"]:
            raise DataError(f"{where}: roles[{i}]: needs ru, kk and words")
        role_id = str(entry.get("id", ""))
        if not re.fullmatch(r"[a-z]{1,20}", role_id) or role_id in {r.id for r in roles}:
            raise DataError(f"{where}: roles[{i}]: needs an id of its own, a-z (it is its name in links)")
        roles.append(Role(str(entry["ru"]), str(entry["kk"]), words, role_id))
    return tuple(roles)


def _read_places(raw: Mapping[str, Any], levels: set[str], where: str) -> Places:
    def folded(key: str) -> tuple[str, ...]:
        words = tuple(w for text in raw.get(key) or () for w in fold_words(str(text)))
        if len(words) != len(raw.get(key) or ()):
            raise DataError(f"{where}: qualifiers › places › {key}: one word each expected")
        return words

    lowest_first = tuple(str(level) for level in raw.get("lowest_first") or ())
    if not set(lowest_first) <= levels:
        raise DataError(f"{where}: qualifiers › places › lowest_first: levels of qualifiers › level expected")
    return Places(folded("russian_levels"), folded("adjective_ends"), folded("after"), lowest_first)
