"""Links into the bot: ``t.me/<bot>?start=<payload>`` payloads, and the share link built on them.

A payload is at most 64 characters of ``A-Z a-z 0-9 _ -`` (Telegram's rule). The forms are
``cat_<code>`` (a category card, ``cat_D-O-4``), ``pos_<position id>`` with the dot as ``_``
(``pos_D-O-4_1``), ``kind_<id>`` or ``kind_<id>_<code>_<code>…`` (a kind of post's card, as
``data/search_terms.yaml › roles`` names it: "Советник" everywhere, ``kind_adviser``, or only where the card
was narrowed, "советник акимата" → ``kind_adviser_D-3_E-3_E-G-2``; no single position opens such a card)
and the bare section names in ``SECTIONS``. Links typed or pasted by hand are read
generously: the prefix, the section name and the code in any case, the code in Cyrillic or without
dashes, as the register's code parser reads it (``cat_д-о-4``, ``POS_do4_1``, ``pos_D-O-4.1``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode

from bot.register import parse_category_code

PAYLOAD_MAX = 64
SECTIONS: tuple[str, ...] = ("complaint", "admission", "salary", "positions", "akimat")
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ROLE = re.compile(r"[a-z]{1,20}")  # a kind of post's id (data/search_terms.yaml › roles)
# "<code>_<number>": the last run of separators before the number splits them ("D-O-4_1", "do4-1")
_POSITION = re.compile(r"(.+?)[\s_.\-]+0*([1-9][0-9]{0,2})\s*")
# Cyrillic letters that look like the Latin ones of the prefixes "cat" and "pos"
_PREFIX_LOOKALIKES = str.maketrans("сатрохСАТРОХ", "catpoxCATPOX")


@dataclass(frozen=True)
class DeepLink:
    """What a start payload asks to open: a category, a position or a section (``target`` names it)."""

    kind: Literal["category", "position", "kind", "section"]
    target: str
    codes: tuple[str, ...] = ()  # a kind of post's card: the categories it was narrowed to (none: all)


def parse_start_payload(payload: str | None) -> DeepLink | None:
    """The target of a ``/start`` payload, or None for no payload or one the bot does not know.

    A category code is read by the register's parser, so ``cat_d-o-4`` and ``cat_Д-О-4`` (a link typed or
    pasted by hand) open ``D-O-4``; a code not in the register opens nothing. A position link names a
    category of the register and a number; whether that position exists is checked when it is opened.
    """
    if not payload or len(payload) > PAYLOAD_MAX:
        return None
    prefix, _, rest = payload.partition("_")
    prefix = prefix.strip().translate(_PREFIX_LOOKALIKES).casefold()
    if prefix == "cat":
        code = parse_category_code(rest)
        return DeepLink("category", code) if code else None
    if prefix == "pos":
        found = _POSITION.fullmatch(rest.strip())
        code = parse_category_code(found[1]) if found else None
        return DeepLink("position", f"{code}.{found[2]}") if found and code else None
    if prefix == "kind":
        role, *codes = rest.strip().split("_")
        role = role.lower() if role.isascii() else ""  # "ſ" would casefold to "s"
        parsed = tuple(parse_category_code(code) for code in codes)
        if not _ROLE.fullmatch(role) or not all(parsed) or len(set(parsed)) != len(parsed):
            return None
        return DeepLink("kind", role, parsed)  # type: ignore[arg-type]  # all() checked each
    section = payload.strip().casefold()
    if section in SECTIONS:
        return DeepLink("section", section)
    return None


def position_category(position_id: str) -> str:
    """The category code of a position id: ``D-O-4`` for ``D-O-4.1``."""
    return position_id.rpartition(".")[0]


def category_payload(code: str) -> str:
    """``cat_D-O-4`` for category ``D-O-4``."""
    return _checked(f"cat_{code}")


def position_payload(position_id: str) -> str:
    """``pos_D-O-4_1`` for position ``D-O-4.1`` (a dot is not allowed in a payload)."""
    return _checked("pos_" + position_id.replace(".", "_"))


def kind_payload(role: str, codes: Sequence[str] = ()) -> str:
    """``kind_adviser`` for a kind of post's whole card, ``kind_adviser_D-3_E-3`` for the card narrowed to those
    categories; the whole card when the narrowed one would not fit in a payload (it lists them all)."""
    narrowed = "_".join((f"kind_{role}", *codes))
    return _checked(narrowed if len(narrowed) <= PAYLOAD_MAX else f"kind_{role}")


def section_payload(section: str) -> str:
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section!r}")
    return section


def _checked(payload: str) -> str:
    if not _PAYLOAD.fullmatch(payload):
        raise ValueError(f"not a valid start payload: {payload!r}")
    return payload


def start_link(bot_username: str, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``: opens the bot on that answer."""
    return f"https://t.me/{bot_username}?start={_checked(payload)}"


def share_url(bot_username: str, payload: str, text: str = "") -> str:
    """Telegram's share dialog for the start link, with ``text`` under it in the chosen chat."""
    query = {"url": start_link(bot_username, payload)}
    if text:
        query["text"] = text
    return "https://t.me/share/url?" + urlencode(query, quote_via=quote)
