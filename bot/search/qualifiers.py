"""Qualifiers: the words of a query that say where the post is, not what it is called.

A level ("района", "облыстық"), a kind of body ("акимата", "маслихат"), a phrase ("город областного
значения"), or a place's name ("Карасайского района", "Арал ауданы") narrows the categories to the groups
that ``search_terms.yaml › scopes`` lists for it, and is left out of the name the query is matched against.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from bot.search.folding import MIN_STEM
from bot.search.terms import QualifierStem, SearchTerms

if TYPE_CHECKING:
    from bot.search.vocabulary import TokenInfo

_PLACE_CHARS = 4  # the shortest word (folded) taken for a place's name ("Ақсу", not "кима" of "а кима")
_PLACE_NOT_QUALIFIER = 80  # a word this like a qualifier's stem is its typo ("гороад"), not a place


class Qualifier(NamedTuple):
    """What a query token says: ``kind`` "level", "body" or "generic" (from the qualifier stems), "phrase" (a word
    of a level's phrase), "place" (a place's name) or "where" (a level that only says where); ``value`` the level
    or kind of body."""

    kind: str
    value: str


class Qualifiers(NamedTuple):
    """The levels and kinds of body a query names, and which of its tokens say what (by position)."""

    levels: set[str]
    bodies: set[str]
    marked: dict[int, Qualifier]


class Scope(NamedTuple):
    """Where a query's qualifiers point."""

    groups: frozenset[str] | None  # the groups of categories they allow; None: no narrowing
    qualifier_tokens: frozenset[int]  # the positions of the tokens that are qualifiers, not part of a name
    bodies: set[str]  # the kinds of body named


class QualifierReader:
    """Reads the qualifiers of a query's tokens with the vocabulary of ``terms``."""

    def __init__(self, terms: SearchTerms) -> None:
        self._terms = terms
        # a stem listed more than once keeps its first entry
        self._stems: dict[str, QualifierStem] = {entry.stem: entry for entry in reversed(terms.stems)}
        self._named = {stem: Qualifier(entry.kind, entry.value) for stem, entry in self._stems.items()}
        self._stem_list = tuple(self._stems)  # for telling a place from a qualifier's typo
        self._phrase_firsts = tuple(phrase.words[0] for phrase in terms.phrases)

    @property
    def words(self) -> frozenset[str]:
        """Every word the qualifiers are made of (stems and the words of phrases), as a query may type them."""
        return frozenset((*self._stems, *(w for phrase in self._terms.phrases for w in phrase.words)))

    def of_token(self, token: str) -> Qualifier | None:
        """The qualifier a token names: the longest stem it begins with (or is, for a whole-word stem); None if
        none."""
        stems = self._stems
        for end in range(len(token), MIN_STEM - 1, -1):  # the longest stem wins
            found = stems.get(token[:end])
            if found is not None and (end == len(token) or not found.whole):
                return self._named[found.stem]
        return None

    def read(self, infos: Sequence[TokenInfo]) -> Qualifiers:
        """Levels and kinds of body named in the query, and which tokens named them (generic words such as
        "орган" are marked but name neither)."""
        tokens = [info.spelled for info in infos]
        levels: set[str] = set()
        bodies: set[str] = set()
        implied: set[str] = set()  # bodies a phrase names, when the query names none itself
        located: set[str] = set()  # levels of such phrases
        marked: dict[int, Qualifier] = {}
        phrases, n_tokens = self._terms.phrases, len(tokens)
        for p, start in self._phrase_starts(tokens):
            words, level, body = phrases[p]
            size = len(words)
            if start + size <= n_tokens and all(tokens[start + k].startswith(words[k]) for k in range(1, size)):
                levels.add(level)
                if body is not None:  # a unit with one body ("сельского округа"): another level named
                    implied.add(body)  # with it only says where it is ("… района"), see below
                    located.add(level)
                for k in range(size):
                    marked[start + k] = Qualifier("phrase", level)
        for i, info in enumerate(infos):
            found = info.qualifier
            if i in marked or found is None:
                continue
            if found.kind == "level":
                levels.add(found.value)
            elif found.kind == "body":
                bodies.add(found.value)
            marked[i] = found
        self._mark_places(infos, marked)
        if located:  # "… сельского округа района": the district's word says where, and is no part of a name
            for i, (kind, value) in marked.items():
                if kind == "level" and value not in located:
                    marked[i] = Qualifier("where", value)
        return Qualifiers(located or levels, bodies or implied, marked)

    def _phrase_starts(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """(phrase, token) for each token that begins like a phrase's first word, phrases in order."""
        if len(tokens) < 2:
            return []
        firsts = self._phrase_firsts
        return sorted((p, i) for i, token in enumerate(tokens) if token.startswith(firsts)
                      for p, first in enumerate(firsts) if token.startswith(first))

    def _mark_places(self, infos: Sequence[TokenInfo], marked: dict[int, Qualifier]) -> None:
        """Mark the name of a place as saying only where. Before a Kazakh level, a word like no word of the index
        (no candidate, no qualifier) that starts the query or follows a level or body: "Бурабай ауданы", "Ақсу
        ауылдық округі". Before a Russian level, such a word only in the form of a place's adjective,
        "-ский/-ская" ("Карасайского района", "Северо-Казахстанской области"): "главный бухгалтер района" names a
        job, not a place. After "города", one such word ("города Костанай"). A typo of a name's word has
        candidates, and one of a qualifier's ("гороад районного значения") is like its stem, so neither is
        taken."""
        places = self._terms.places

        def unknown(i: int) -> bool:  # three letters or fewer may be a piece of a split word ("а кима")
            info = infos[i]
            return (i not in marked and not info.candidates and info.qualifier is None
                    and len(info.spelled) >= _PLACE_CHARS
                    and process.extractOne(info.spelled, self._stem_list, scorer=fuzz.ratio,
                                           score_cutoff=_PLACE_NOT_QUALIFIER) is None)
        for i in range(len(infos) - 2, -1, -1):  # before a level, right to left: "северо казахстанской области"
            right = marked.get(i + 1)
            if right is None or right.kind not in ("level", "phrase", "place") or not unknown(i):
                continue
            if right.kind == "place" or infos[i + 1].spelled.startswith(places.russian_levels):
                taken = infos[i].spelled.endswith(places.adjective_ends)
            else:  # Kazakh names the place first: "Арал ауданының …", "Алматы облысы Қарасай ауданы …"; a word
                left = marked.get(i - 1)  # after the post's ("бас дәрігер ауданы") is no place
                taken = i == 0 or (left is not None and left.kind != "generic")
            if taken:
                marked[i] = Qualifier("place", right.value)
        for i in range(1, len(infos)):  # after "города": "города Костанай" (Kazakh puts the name before: above)
            left = marked.get(i - 1)
            if (left is not None and left.kind == "level" and infos[i - 1].spelled.startswith(places.after)
                    and unknown(i)):
                marked[i] = Qualifier("place", "city")

    def lowest_level(self, qualifiers: Qualifiers) -> Qualifiers:
        """An address names several levels ("Карасайского района Алматинской области"): the post is at the
        lowest, the others say where it is."""
        levels, bodies, marked = qualifiers
        named = [level for level in self._terms.places.lowest_first if level in levels]
        if len(named) > 1:
            for i, (kind, value) in marked.items():
                if kind in ("level", "phrase") and value in named[1:]:
                    marked[i] = Qualifier("where", value)
            levels = (levels - set(named)) | {named[0]}
        return Qualifiers(levels, bodies, marked)

    def scope(self, qualifiers: Qualifiers) -> Scope:
        """Where the qualifiers point: the groups they allow, which tokens are qualifiers, the kinds of body."""
        levels, bodies, marked = qualifiers
        vague = self._terms.vague_levels
        if len(levels) > 1 and not levels <= vague:
            levels = levels - vague  # "аудан … қаласы": the district, not any city
        scopes = self._terms.scopes
        groups: set[str] = set()
        used_levels: set[str] = set()
        used_bodies: set[str] = set()
        for level in levels or {"none"}:
            for body in bodies or {"any"}:
                found = scopes.get(level, {}).get(body)
                if found is not None:
                    groups.update(found)
                    used_levels.add(level)
                    used_bodies.add(body)
        if not used_levels and not used_bodies:
            return Scope(None, frozenset(i for i, (kind, _) in marked.items() if kind == "generic"), bodies)
        qualifier_tokens = frozenset(
            i for i, (kind, value) in marked.items()
            if (kind in ("level", "phrase") and value in used_levels)
            or (kind == "body" and value in used_bodies) or kind in ("generic", "where")
        )
        return Scope(frozenset(groups), qualifier_tokens, bodies)
