"""The main menu, the greeting, the language picker: what /start, /help and the fallback show."""

from __future__ import annotations

from aiogram.types import BotCommand

from bot.i18n import Translator
from handlers.callbacks import ForgetCb, LangCb, MenuCb, MenuItem
from handlers.views.keyboard import Keyboard, button

# Each item is handled by the router of its feature; the label is the locale key ``menu-<item>``.
MENU_ITEMS: tuple[MenuItem, ...] = (MenuItem.POSITIONS, MenuItem.SALARY, MenuItem.ADMISSION, MenuItem.COMPLAINT,
                                    MenuItem.AKIMAT, MenuItem.LANGUAGE)


def main_menu(t: Translator) -> Keyboard:
    """The features, one button each; "🌐 Қазақ тілі" switches at once (there are two languages)."""
    other = "kk" if t.lang == "ru" else "ru"

    def item(menu_item: MenuItem):
        data = LangCb(code=other) if menu_item is MenuItem.LANGUAGE else MenuCb(item=menu_item)
        return button(t(f"menu-{menu_item}"), data)

    positions, salary, admission, complaint, akimat, language = (item(i) for i in MENU_ITEMS)
    return Keyboard.of(t, [[positions], [salary, admission], [complaint], [akimat], [language]], home=False)


def greeting(t: Translator, first_name: str) -> str:
    # Telegram caps a first name at 64 characters; the cap here keeps a forged update within limits too.
    return f"{t('start-greeting', name=first_name[:64])}\n\n{t('start-hint')}"


def language_keyboard(t: Translator) -> Keyboard:
    """Both languages; the picker is not a dead end: "main menu" keeps the language."""
    return Keyboard.of(t, [[button(t("language-name-kk"), LangCb(code="kk")),
                            button(t("language-name-ru"), LangCb(code="ru"))]])


# Commands in the order Telegram's command menu shows them; descriptions are the locale keys ``cmd-<name>``.
COMMANDS: tuple[str, ...] = (
    "start", "positions", "salary", "admission", "complaint", "reminders", "akimat", "language", "help", "cancel",
    "forget",
)


def bot_commands(t: Translator) -> list[BotCommand]:
    """The command menu in ``t``'s language."""
    return [BotCommand(command=name, description=t(f"cmd-{name}")) for name in COMMANDS if t.has(f"cmd-{name}")]


def forget_question(t: Translator) -> Keyboard:
    """/forget's confirmation."""
    return Keyboard.of(t, [[button(t("forget-yes"), ForgetCb(confirm=True)),
                            button(t("forget-no"), ForgetCb(confirm=False))]], home=False)


def home_only(t: Translator) -> Keyboard:
    """Only the main-menu button: after /forget, and under an apology (building the menu may be what failed)."""
    return Keyboard.of(t)
