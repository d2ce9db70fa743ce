"""What the search is given (the register's distinct names) and what it answers (matches and results)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class IndexedName:
    """A distinct position name with the categories and positions that carry it, in register order."""

    name_ru: str
    name_kk: str
    variants: tuple[str, ...]
    category_codes: tuple[str, ...]
    position_ids: tuple[str, ...]
    group_codes: tuple[str, ...]
    # per position: the kinds of body whose mention puts the query outside it (the register's exception)
    excepted_for: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class PositionMatch:
    """One distinct position name and every category where it occurs (narrowed by qualifiers)."""

    name_ru: str
    name_kk: str
    category_codes: tuple[str, ...]
    position_ids: tuple[str, ...]
    score: float
    # a role's match (see Role): per category, every position of that kind in it (``position_ids`` has the first)
    role_ids: tuple[tuple[str, ...], ...] = ()
    role: str = ""  # a role's match: the role's id

    def name(self, lang: str) -> str:
        """The name in ``lang`` (Russian for an unknown language)."""
        return self.name_kk if lang == "kk" else self.name_ru

    def only(self, keep: Sequence[int]) -> PositionMatch:
        """The match with only the categories at ``keep`` (their indices, in order)."""
        return PositionMatch(self.name_ru, self.name_kk, tuple(self.category_codes[i] for i in keep),
                             tuple(self.position_ids[i] for i in keep), self.score,
                             tuple(self.role_ids[i] for i in keep) if self.role_ids else (), self.role)


@dataclass(frozen=True)
class SearchResult:
    """What a query found.

    ``kind`` is "category" (``category_code`` set), "positions" (``matches`` best first) or "none"
    (``suggestions`` may hold the closest names; ``unknown_code`` is set when a code-shaped query
    names no category; ``scope_missed`` when the names exist but not in the body the query named).
    ``scope`` lists the groups the query's qualifiers pointed at (empty when it named none).
    ``excluded`` holds the positions of the best name that the register excepts for the body the query
    named (D-1's "except the oblast akim's apparatus"): with kind "none" that exception is the answer,
    with "positions" it is said beside the categories that remain.
    ``truncated`` is set when the query was longer than the search reads (``MAX_QUERY_CHARS``): it was
    understood from its start, which a reply may say.
    """

    kind: Literal["category", "positions", "none"]
    query: str
    category_code: str | None = None
    matches: tuple[PositionMatch, ...] = ()
    suggestions: tuple[PositionMatch, ...] = ()
    scope: tuple[str, ...] = ()
    scope_missed: bool = False
    unknown_code: str | None = None
    excluded: tuple[str, ...] = ()
    truncated: bool = False
