"""Long texts: an answer split into messages that each fit Telegram's limit; of a user's long text, the start
that is read and the start that is quoted back."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import NamedTuple

# Telegram's limit is 4096 characters after entity parsing; counted here in UTF-16 code units, as
# Telegram counts offsets, which is never fewer than code points (an emoji may count twice).
MESSAGE_LIMIT = 4096

# A tag ends at the first ">" and holds no "<": a run of "<" without ">" is read once, not once per "<".
_ATOM = re.compile(r"<[^<>]*>|&#?[0-9A-Za-z]+;|.", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][\w-]*)")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: characters outside the Basic Multilingual Plane count twice."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_prefix(text: str, units: int) -> str:
    """The longest start of ``text`` that is at most ``units`` UTF-16 units long (never half an emoji)."""
    if len(text) <= units // 2 or utf16_len(text) <= units:
        return text
    cut = text.encode("utf-16-le", "surrogatepass")[: 2 * max(units, 0)]
    if cut and 0xD800 <= int.from_bytes(cut[-2:], "little") <= 0xDBFF:
        cut = cut[:-2]  # the first half of a pair: the character does not fit
    return cut.decode("utf-16-le", "surrogatepass")


@dataclass(frozen=True, slots=True)
class _Atom:
    raw: str
    width: int  # visible UTF-16 units; 0 for a tag
    tag: str | None = None  # tag name for a tag
    closing: bool = False
    char: str = ""  # the visible character, for text atoms


def _atoms(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _ATOM.finditer(text):
        raw = match.group()
        if raw.startswith("<") and len(raw) > 1:
            name = _TAG_NAME.match(raw)
            if name:
                atoms.append(_Atom(raw, 0, name.group(1).lower(), raw[1:].lstrip().startswith("/")))
                continue
        shown = html.unescape(raw) if raw.startswith("&") else raw
        atoms.append(_Atom(raw, utf16_len(shown), char=shown))
    return atoms


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split ``text`` (Telegram HTML) into parts of at most ``limit`` visible characters each.

    Breaks at a paragraph (blank line) if one lies in the second half of the allowance, else at a line
    break, else at a space, else inside the word. No tag or entity is cut: tags open at a break are
    closed at the end of the part and opened again at the start of the next. Whitespace at a break is
    dropped and no part is blank. Text that already fits comes back unchanged as the only part.
    """
    if limit < 2:
        raise ValueError("limit must allow at least one character")
    if utf16_len(text) <= limit:  # markup and entities only shrink what is shown
        return [text]
    atoms = _atoms(text)
    parts: list[str] = []
    stack: list[_Atom] = []  # open tags at ``start``
    start = 0
    while start < len(atoms):
        while start < len(atoms) and atoms[start].char.isspace():
            start += 1
        end = _break(atoms, start, limit)
        body_end = end
        while body_end > start and atoms[body_end - 1].char.isspace():
            body_end -= 1
        opened = list(stack)
        for atom in atoms[start:end]:  # only whitespace follows body_end: this is the stack after the body
            if atom.tag is None:
                continue
            if not atom.closing:
                stack.append(atom)
            elif stack and stack[-1].tag == atom.tag:
                stack.pop()
        body = atoms[start:body_end]
        if any(a.char and not a.char.isspace() for a in body):
            parts.append("".join(
                [a.raw for a in opened] + [a.raw for a in body] + [f"</{a.tag}>" for a in reversed(stack)]
            ))
        start = end
    return parts


def _break(atoms: list[_Atom], start: int, limit: int) -> int:
    """Index after the last atom of the part starting at ``start``."""
    width = 0
    best: dict[str, tuple[int, int]] = {}  # kind -> (index after the break, width before it)
    i = start
    while i < len(atoms) and width + atoms[i].width <= limit:
        atom = atoms[i]
        width += atom.width
        i += 1
        if atom.char == "\n":
            kind = "paragraph" if i - 2 >= start and atoms[i - 2].char == "\n" else "line"
            best[kind] = (i, width)
        elif atom.char.isspace():
            best["space"] = (i, width)
    if i >= len(atoms):
        return i
    for kind in ("paragraph", "line", "space"):
        if kind in best and best[kind][1] >= limit // 2:
            return best[kind][0]
    candidates = [index for index, _ in best.values() if index > start]
    return max(candidates) if candidates else max(i, start + 1)


ECHO_LIMIT = 80
# Of a user's text only the start is quoted, so only the start is read: enough for 80 visible units after
# runs of white space are collapsed.
_ECHO_READ = 16 * ECHO_LIMIT


def excerpt(text: str, limit: int = ECHO_LIMIT) -> str:
    """A user's text shortened for quoting back to them: whitespace collapsed, cut at a word with "…",
    at most ``limit`` UTF-16 units (as Telegram counts).

    Quoting a pasted essay in full would push the answer past Telegram's limit (and past Fluent's
    2,500 characters a placeable, which renders "{???}"); the start is enough to recognise it.
    """
    read = max(_ECHO_READ, 16 * limit)
    collapsed = " ".join(text[:read].split())
    if len(text) <= read and utf16_len(collapsed) <= limit:
        return collapsed
    cut = utf16_prefix(collapsed, limit - 1)
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


# A question is asked in a sentence or two; the search and the other readers never see more than this much.
MAX_QUERY_CHARS = 200


class TextStart(NamedTuple):
    """The start of a user's text that is read, and whether words after it were left unread."""

    text: str
    cut: bool


def text_start(text: str, limit: int = MAX_QUERY_CHARS) -> TextStart:
    """``text`` without outer white space, cut to at most ``limit`` characters: after its last whole word if
    that leaves at least half, else inside the word. Linear, and only the cut reads past ``limit``."""
    text = text.strip()
    if len(text) <= limit:
        return TextStart(text, False)
    head = text[:limit]
    if not text[limit].isspace():  # the cut falls inside a word: end at the word before, if not too early
        space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        if space >= limit // 2:
            head = head[:space]
    return TextStart(head.rstrip(), True)
