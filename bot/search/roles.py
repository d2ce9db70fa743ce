"""Kinds of post typed alone ("советник", "кеңесші"): every category with such a post, not one body's.

``search_terms.yaml › roles`` lists them. Typed alone, a kind of post answers with one card of every category
that has it, the akimats' first; typed with a body ("советник акимата") it keeps the categories whose posts
are in that body. A kind of post that is also a name of its own ("специалист", D-O-6) is that name, unless
the body asked about has no post so named ("специалист сельского округа": its главный, ведущий … posts).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from bot.search.folding import fold
from bot.search.qualifiers import QualifierReader
from bot.search.results import IndexedName, PositionMatch
from bot.search.terms import Role, SearchTerms
from bot.search.vocabulary import Vocabulary


class RolePosts(NamedTuple):
    """A kind of post's card, with what narrowing it needs."""

    match: PositionMatch  # every category with such a post (role_ids: its posts of that kind)
    groups: tuple[str, ...]  # per category, its group
    bodies_in: tuple[frozenset[str], ...]  # per category, the kinds of body its posts' names name (or are within)

    def within(self, scope: frozenset[str], bodies: set[str], own_name: bool) -> PositionMatch | None:
        """The card narrowed to the categories in ``scope`` whose posts are in every body of ``bodies`` (a kind
        of post that is a name of its own: also those whose posts name no body); None if none is."""
        keep = [i for i, group in enumerate(self.groups)
                if group in scope and (bodies <= self.bodies_in[i] or (own_name and not self.bodies_in[i]))]
        return self.match.only(keep) if keep else None


class Roles:
    """The kinds of post of ``terms``, found among the names of ``vocabulary``, built once."""

    def __init__(self, names: Sequence[IndexedName], terms: SearchTerms, vocabulary: Vocabulary,
                 qualifiers: QualifierReader, category_order: Mapping[str, int]) -> None:
        self._names = names
        self._terms = terms
        self._vocabulary = vocabulary
        self._qualifiers = qualifiers
        # by the query tokens of the words it is typed with: a kind of post typed alone (no name is spelled so) …
        self._alone: dict[str, RolePosts] = {}
        # … and one that is a name of its own ("специалист", "маман": D-O-6's name)
        self._named: dict[str, RolePosts] = {}
        self._cards: dict[str, PositionMatch] = {}  # a role's id -> its card, for links (see card)
        group_of = {code: group for entry in names
                    for code, group in zip(entry.category_codes, entry.group_codes, strict=True)}
        for role in terms.roles:
            match = self._role_match(role, category_order, group_of)
            if match is None:
                continue
            self._cards[role.id] = match
            posts = RolePosts(match, tuple(group_of[code] for code in match.category_codes),
                              tuple(frozenset().union(*(self._bodies_named(p) for p in ids)) for ids in match.role_ids))
            for word in role.words:
                key = " ".join(vocabulary.tokens(fold(word), query=True))
                if key and key not in vocabulary.exact:
                    self._alone[key] = posts
                elif key:
                    self._named[key] = posts

    def typed_alone(self, key: str) -> RolePosts | None:
        """The kind of post whose words are ``key`` (a query's tokens joined by spaces), when no name is so."""
        return self._alone.get(key)

    def typed_as_name(self, key: str) -> RolePosts | None:
        """The kind of post whose words are ``key`` when a name of its own is spelled so too."""
        return self._named.get(key)

    def card(self, role_id: str, codes: Collection[str] = ()) -> PositionMatch | None:
        """The card of the role ``role_id`` (a link's ``kind_<id>``), narrowed to ``codes`` when given: the same
        match the search gave for the card the link was shared from. None when there is no such role or one of
        ``codes`` has no post of it (an old link, another register, a link typed by hand)."""
        match = self._cards.get(role_id)
        if match is None or not codes:
            return match
        keep = [i for i, code in enumerate(match.category_codes) if code in codes]
        return match.only(keep) if len(keep) == len(set(codes)) else None  # a code without one: not ours

    def _role_match(self, role: Role, order: Mapping[str, int], group_of: Mapping[str, str]) -> PositionMatch | None:
        """Every category with a position of ``role``'s kind (a name whose variant has all the words of one
        of the role's words), the akimats' first (what this bot is asked about), then in register order."""
        vocabulary = self._vocabulary
        keys = [set(vocabulary.tokens(fold(word), query=True)) for word in role.words]
        found: dict[str, list[str]] = {}
        for v, tokens in enumerate(vocabulary.variant_tokens):
            if any(key and key <= set(tokens) for key in keys):
                entry = self._names[vocabulary.variant_name[v]]
                for code, position_id in zip(entry.category_codes, entry.position_ids, strict=True):
                    ids = found.setdefault(code, [])
                    if position_id not in ids:
                        ids.append(position_id)
        if not found:
            return None
        akimat = set(self._terms.scopes.get("none", {}).get("akimat", ()))
        codes = sorted(found, key=lambda code: (group_of[code] not in akimat, order.get(code, 0), code))
        role_ids = tuple(tuple(sorted(found[code], key=_position_number)) for code in codes)
        return PositionMatch(role.name_ru, role.name_kk, tuple(codes), tuple(ids[0] for ids in role_ids), 100.0,
                             role_ids, role.id)

    def _bodies_named(self, position_id: str) -> frozenset[str]:
        """The kinds of body a position's name names (any variant), with those they are within."""
        vocabulary = self._vocabulary
        kinds: set[str] = set()
        for n, entry in enumerate(self._names):
            if position_id in entry.position_ids:
                for v, name in enumerate(vocabulary.variant_name):
                    if name == n:
                        kinds.update(found.value for token in vocabulary.variant_tokens[v]
                                     if (found := self._qualifiers.of_token(token)) and found.kind == "body")
        for kind in tuple(kinds):
            kinds.update(self._terms.within.get(kind, ()))
        return frozenset(kinds)


def _position_number(position_id: str) -> int:
    """The place of a position in its category: ``D-3.3`` → 3."""
    return int(position_id.rsplit(".", 1)[1])
