"""Inline keyboards of at most six buttons: a longer keyboard is shown a page at a time, behind "Ещё…".

A view builds a ``Keyboard``: its rows in the order of their use (the answer's own buttons first), a
``pinned`` last row (the main-menu button) shown on every page, and ``ref``, the callback data that names the
view, so that its feature can build the same keyboard again when "Ещё…" is pressed. Up to six buttons, the
keyboard is one page. Beyond that each page holds the next rows that fit beside the pinned row and one more
button: "Ещё…" (the next page, in the same message) or, on the last page, "⏮ К началу" (the first). Rows stay
whole unless one alone is wider than a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from handlers.callbacks import MenuCb, MenuItem, MoreCb

MAX_BUTTONS = 6  # the developers' guide: more in one message is more than anyone reads


class Key(NamedTuple):
    """A button as a view lays it out: its label and what it does (callback data, or a link). It becomes
    Telegram's ``InlineKeyboardButton`` only on the page that shows it (a card of twelve buttons sends six)."""

    text: str
    data: CallbackData | None = None
    url: str | None = None

    def made(self) -> InlineKeyboardButton:
        if self.data is not None:
            return InlineKeyboardButton(text=self.text, callback_data=self.data.pack())
        return InlineKeyboardButton(text=self.text, url=self.url)


Row = tuple[Key, ...]


def button(label: str, data: CallbackData) -> Key:
    return Key(label, data)


def home_button(t: Translator) -> Key:
    """The "back to the main menu" button that ends a feature's keyboard."""
    return button(t("menu-back"), MenuCb(item=MenuItem.HOME))


def rows_of(buttons: Sequence[Key], width: int) -> list[Row]:
    """``buttons`` laid out ``width`` to a row."""
    return [tuple(buttons[i:i + width]) for i in range(0, len(buttons), width)]


@dataclass(frozen=True)
class Keyboard:
    """Rows of buttons and a pinned last row, shown in pages of at most ``MAX_BUTTONS`` (see the module)."""

    rows: tuple[Row, ...] = ()
    pinned: Row = ()
    ref: str = ""  # the packed callback data naming the view; needed once there are pages
    more_label: str = ""
    start_label: str = ""

    @classmethod
    def of(cls, t: Translator, rows: Iterable[Sequence[Key]] = (), *, home: bool = True,
           ref: CallbackData | None = None) -> Keyboard:
        """A keyboard of ``rows`` (empty ones left out) ending with the main-menu button unless ``home`` is
        False; ``ref`` names the view for its further pages."""
        return cls(rows=tuple(tuple(r) for r in rows if r), pinned=(home_button(t),) if home else (),
                   ref=ref.pack() if ref is not None else "", more_label=t("keyboard-more"),
                   start_label=t("keyboard-start"))

    def with_rows(self, *rows: Sequence[Key]) -> Keyboard:
        """The keyboard with the non-empty ``rows`` added after its own (above the pinned row)."""
        return replace(self, rows=(*self.rows, *(tuple(r) for r in rows if r)))

    def named(self, ref: CallbackData) -> Keyboard:
        """The keyboard named by ``ref`` (the callback data its feature builds it again from)."""
        return replace(self, ref=ref.pack())

    def pages(self) -> tuple[tuple[Row, ...], ...]:
        """The rows of each page."""
        return _pages(self.rows, len(self.pinned))

    @property
    def page_count(self) -> int:
        return len(self.pages())

    @property
    def buttons(self) -> list[Key]:
        """Every button of every page, chrome left out, in order."""
        return [b for row in (*self.rows, self.pinned) for b in row]

    def markup(self, page: int = 1) -> InlineKeyboardMarkup:
        """Page ``page`` (from 1; clamped to the pages there are) as Telegram's keyboard."""
        pages = self.pages()
        page = min(max(page, 1), len(pages))
        chrome: Row = ()
        if len(pages) > 1:
            if not self.ref:
                raise ValueError(f"a keyboard of {len(self.buttons)} buttons needs a ref to show its other pages")
            chrome = ((button(self.more_label, MoreCb(page=page + 1, of=self.ref)),) if page < len(pages)
                      else (button(self.start_label, MoreCb(page=1, of=self.ref)),))
        rows = [[key.made() for key in row] for row in (*pages[page - 1], chrome, self.pinned) if row]
        return InlineKeyboardMarkup(inline_keyboard=rows)


class View(NamedTuple):
    """A message: its HTML text and its keyboard."""

    text: str
    keyboard: Keyboard


def _pages(rows: tuple[Row, ...], pinned: int) -> tuple[tuple[Row, ...], ...]:
    """The rows of each page: everything on one when it fits in MAX_BUTTONS, else as the module says."""
    if sum(len(r) for r in rows) + pinned <= MAX_BUTTONS:
        return (rows,)
    room = MAX_BUTTONS - pinned - 1  # one button to turn the page: "Ещё…", or "К началу" on the last
    if room < 1:
        raise ValueError(f"a pinned row of {pinned} buttons leaves no room for a page")
    pages: list[tuple[Row, ...]] = []
    left = list(rows)
    while left:
        page: list[Row] = []
        while left and sum(len(r) for r in page) + len(left[0]) <= room:
            page.append(left.pop(0))
        if not page:  # one row wider than a page: split it
            head, tail = left[0][:room], left[0][room:]
            page.append(head)
            left[0] = tail
        pages.append(tuple(page))
    return tuple(pages)
