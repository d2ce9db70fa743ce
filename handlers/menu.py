"""The main menu: one inline keyboard of the features, shown by /start, /help and the fallback."""

from __future__ import annotations

from functools import cache

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import Translator


class MenuCb(CallbackData, prefix="m"):
    """A main-menu button; ``item`` is one of MENU_ITEMS or ``home``."""

    item: str


class LangCb(CallbackData, prefix="lang"):
    """A language button: ``code`` is the language to switch to (handled in ``handlers.common``)."""

    code: str


# Each item is handled by the router of its feature; the label is the locale key ``menu-<item>``.
MENU_ITEMS: tuple[str, ...] = ("positions", "salary", "admission", "complaint", "akimat", "language")


@cache  # one keyboard per language, built on first use
def main_menu(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for item in MENU_ITEMS:
        # "🌐 Қазақ тілі" says what it does: it switches at once (there are two languages), no picker between
        data = LangCb(code="kk" if t.lang == "ru" else "ru") if item == "language" else MenuCb(item=item)
        builder.button(text=t(f"menu-{item}"), callback_data=data)
    builder.adjust(1, 2, 1, 1, 1)
    return builder.as_markup()


@cache  # one per language, shared read-only: every keyboard ends with it
def home_button(t: Translator) -> InlineKeyboardButton:
    """The "back to the main menu" button that ends every feature's keyboard."""
    return InlineKeyboardButton(text=t("menu-back"), callback_data=MenuCb(item="home").pack())
