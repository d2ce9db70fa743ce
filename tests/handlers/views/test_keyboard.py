"""The keyboard builder: at most six buttons a page, the rest behind "Ещё…", every button once, in order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import I18n
from handlers.callbacks import MoreCb, PosCb, PosView
from handlers.views.keyboard import MAX_BUTTONS, Keyboard, button

T = I18n()("ru")
REF = PosCb(view=PosView.ROOT)


def rows_of(widths: list[int]) -> list[list]:
    n = iter(range(1000))
    return [[button(f"b{next(n)}", PosCb(view=PosView.CATEGORY, key=str(i))) for i in range(w)] for w in widths]


def shown(keyboard: Keyboard, page: int) -> list[list[str]]:
    return [[b.text for b in row] for row in keyboard.markup(page).inline_keyboard]


def test_six_buttons_are_one_page_as_they_are():
    keyboard = Keyboard.of(T, rows_of([2, 2, 1]), ref=REF)
    assert keyboard.page_count == 1
    assert shown(keyboard, 1) == [["b0", "b1"], ["b2", "b3"], ["b4"], ["⬅️ Главное меню"]]


def test_a_seventh_button_goes_behind_more_and_the_last_page_leads_back():
    keyboard = Keyboard.of(T, rows_of([4, 3]), ref=REF)
    assert shown(keyboard, 1) == [["b0", "b1", "b2", "b3"], ["Ещё…"], ["⬅️ Главное меню"]]
    assert shown(keyboard, 2) == [["b4", "b5", "b6"], ["⏮ К началу"], ["⬅️ Главное меню"]]
    [[more]] = keyboard.markup(1).inline_keyboard[-2:-1]
    assert MoreCb.unpack(more.callback_data) == MoreCb(page=2, of=REF.pack())
    [[start]] = keyboard.markup(2).inline_keyboard[-2:-1]
    assert MoreCb.unpack(start.callback_data) == MoreCb(page=1, of=REF.pack())


def test_a_row_wider_than_a_page_is_split_and_an_unpinned_keyboard_has_room_for_five():
    keyboard = Keyboard.of(T, rows_of([7]), home=False, ref=REF)
    assert shown(keyboard, 1) == [["b0", "b1", "b2", "b3", "b4"], ["Ещё…"]]
    assert shown(keyboard, 2) == [["b5", "b6"], ["⏮ К началу"]]


def test_a_page_past_the_end_shows_the_last_and_a_long_keyboard_needs_a_ref():
    keyboard = Keyboard.of(T, rows_of([1] * 9), ref=REF)
    assert shown(keyboard, 99) == shown(keyboard, keyboard.page_count)
    with pytest.raises(ValueError, match="needs a ref"):
        Keyboard.of(T, rows_of([1] * 9)).markup()


def test_kazakh_pages_say_so_in_kazakh():
    keyboard = Keyboard.of(I18n()("kk"), rows_of([1] * 7), ref=REF)
    assert shown(keyboard, 1)[-2:] == [["Тағы…"], ["⬅️ Басты мәзір"]]
    assert shown(keyboard, 2)[-2] == ["⏮ Басына"]


@given(widths=st.lists(st.integers(min_value=1, max_value=8), max_size=12), home=st.booleans())
def test_every_button_is_on_exactly_one_page_in_order_and_no_page_has_more_than_six(widths, home):
    keyboard = Keyboard.of(T, rows_of(widths), home=home, ref=REF)
    chrome = {"Ещё…", "⏮ К началу", "⬅️ Главное меню"}
    seen = []
    for page in range(1, keyboard.page_count + 1):
        labels = [label for row in shown(keyboard, page) for label in row]
        assert len(labels) <= MAX_BUTTONS
        seen += [label for label in labels if label not in chrome]
    assert seen == [f"b{i}" for i in range(sum(widths))]
