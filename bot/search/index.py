"""The position index and its search: a query's words read, its qualifiers set apart, names scored and ranked.

Every name, alias and search term is folded once, when the index is built; a query is folded the same
way and scored against precomputed token postings, so a search costs tens of microseconds.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from bot.search.qualifiers import QualifierReader
from bot.search.results import IndexedName, PositionMatch, SearchResult
from bot.search.roles import Roles
from bot.search.scoring import Asked, Ranker
from bot.search.terms import SearchTerms
from bot.search.vocabulary import Vocabulary

# A position query is short: a longer text is read from its start, so that no text costs more than a short one
# (a pasted essay, 4,096 characters without a space) and the result says it was cut.
MAX_QUERY_CHARS = 300


class PositionIndex:
    """Token postings over every folded name variant; built once, queried in microseconds."""

    def __init__(self, names: Sequence[IndexedName], terms: SearchTerms,
                 category_order: Mapping[str, int] | None = None) -> None:
        self._names = tuple(names)
        self._terms = terms
        self._qualifiers = QualifierReader(terms)
        self._vocabulary = Vocabulary(self._names, terms, self._qualifiers)
        self._roles = Roles(self._names, terms, self._vocabulary, self._qualifiers, category_order or {})
        self._ranker = Ranker(self._names, self._vocabulary)

    @property
    def terms(self) -> SearchTerms:
        """The search vocabulary the index was built with."""
        return self._terms

    @property
    def names(self) -> tuple[IndexedName, ...]:
        """The distinct names, in register order of their first occurrence."""
        return self._names

    @property
    def vocabulary(self) -> Vocabulary:
        """The index's words, and the reading of a query's words (with the search's one cache)."""
        return self._vocabulary

    def role_card(self, role_id: str, codes: Collection[str] = ()) -> PositionMatch | None:
        """The card of the kind of post ``role_id`` (a link's ``kind_<id>``), narrowed to ``codes`` when given;
        see :meth:`Roles.card`."""
        return self._roles.card(role_id, codes)

    def search(self, query: str, limit: int = 5) -> SearchResult:
        """Rank the distinct names for ``query`` (its first :data:`MAX_QUERY_CHARS` characters); see
        :class:`SearchResult` for what comes back."""
        vocabulary, qualifiers = self._vocabulary, self._qualifiers
        truncated = len(query) > MAX_QUERY_CHARS
        infos = vocabulary.read(query[:MAX_QUERY_CHARS])
        if not infos:
            return SearchResult("none", query, truncated=truncated)
        read = qualifiers.read(infos)
        places = {i for i, (kind, _) in read.marked.items() if kind == "place"}
        if places:  # "Карасайского района": the place's name is left out, as if not typed
            infos = [info for i, info in enumerate(infos) if i not in places]
            read = qualifiers.lowest_level(qualifiers.read(infos))
        scope = qualifiers.scope(read)
        content = [info.token for i, info in enumerate(infos) if i not in scope.qualifier_tokens]
        asked = Asked(query, limit, scope.groups, scope.bodies, " ".join(info.token for info in infos), truncated)
        if not content:
            # only "акимат района" and the like: no name to look for, the scope is the answer
            return asked.result("none")
        role_key = " ".join(info.spelled for i, info in enumerate(infos) if i not in scope.qualifier_tokens)
        role = self._roles.typed_alone(role_key)
        if role is not None and scope.groups is None:  # "советник" alone: every category with an adviser
            return asked.result("positions", matches=(role.match,))

        scores = self._ranker.scores(infos, scope.qualifier_tokens, asked.words, " ".join(content))
        # a name of its own ("специалист") not in the body asked about: its role's posts there, which name no body
        # (главный специалист of a rural akim's apparatus is E-G-3). Only when a body is named: "ауылдағы маман" (a
        # specialist in the village) may be a teacher or a vet, "ауыл әкімдігінің маманы" is the akim's staff
        own_name = role is None and bool(scope.bodies) and scope.groups is not None
        if own_name:
            role = self._roles.typed_as_name(role_key)
        if role is None or scope.groups is None:
            return self._ranker.rank(asked, scores)
        # with a role to fall back on, suggestions are made only if it has no post in the scope either
        result, ranked = self._ranker.matches(asked, scores)
        if result is None or result.kind == "none":
            # "советник акимата": no name says "акимат", yet the akims' advisers are in it: the role's posts in that
            # scope whose names name (or are within) every body asked about; not the akim's for "маслихата"
            narrowed = role.within(scope.groups, scope.bodies, own_name)
            if narrowed is not None:
                return asked.result("positions", matches=(narrowed,))
        return result if result is not None else self._ranker.unmatched(asked, ranked)
