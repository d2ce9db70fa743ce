"""What ``@bot <query>`` offers in any chat: register cards in search order, a page at a time.

Telegram accepts at most 50 results per answer and asks for the next page with the offset we
gave; the entries are computed from the query alone, so a page is a slice of them, worked out again for each
page (a search costs tens of microseconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.register import load_register
from bot.search.results import PositionMatch

PAGE_SIZE = 10
MAX_ENTRIES = 50
# Position names to ask the search for: one name can sit in up to seven categories.
_SEARCH_NAMES = 10


@dataclass(frozen=True)
class InlineEntry:
    """One result: a category card (``id`` is its code) or a position name's card (``match`` says which
    categories it lists; ``id`` is its first position's id)."""

    kind: Literal["category", "name"]
    id: str
    match: PositionMatch | None = None


@dataclass(frozen=True)
class InlinePage:
    """The entries of one answer and the offset Telegram should send for the next ("" when none)."""

    entries: tuple[InlineEntry, ...]
    next_offset: str


def inline_entries(query: str, lang: str) -> tuple[InlineEntry, ...]:
    """Cards for ``query``: an empty query lists the akimat categories level by level (oblast, district,
    village); a category code gives its card; a name gives the cards of the matching names, best first,
    then the cards of their categories; a near miss gives the names the search suggests. At most
    ``MAX_ENTRIES``."""
    register = load_register()
    query = " ".join(query.split())
    if not query:
        return tuple(InlineEntry("category", c.code) for level in register.akimat_levels for c in level.categories)
    result = register.search(query, lang=lang, limit=_SEARCH_NAMES)
    if result.kind == "category" and result.category_code:
        return (InlineEntry("category", result.category_code),)
    matches = result.matches if result.kind == "positions" else result.suggestions
    names = [InlineEntry("name", match.position_ids[0], match) for match in matches]
    codes = dict.fromkeys(code for match in matches for code in match.category_codes)
    return tuple([*names, *(InlineEntry("category", code) for code in codes)][:MAX_ENTRIES])


def inline_page(query: str, lang: str, offset: str) -> InlinePage:
    """The page of ``inline_entries`` starting at ``offset`` (Telegram's opaque offset; junk reads as 0)."""
    entries = inline_entries(query, lang)
    start = int(offset) if offset.isascii() and offset.isdigit() else 0  # "¹".isdigit(), yet int() refuses it
    end = start + PAGE_SIZE
    return InlinePage(entries[start:end], str(end) if end < len(entries) else "")
