"""Shared fixtures: a real dispatcher on a temporary database with an offline Bot API session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.feedback import Feedback
from bot.i18n import default_i18n
from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.console import Button, Conversation, RecordingSession, Reply
from bot.storage import Database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long measurements (``slow``) run only when a ``-m`` expression names them, as ``.ci/run`` does."""
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="a long measurement: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@dataclass
class BotEnv:
    """A running bot: dispatcher, bot with a recording session, database and settings."""

    dp: object
    bot: object
    db: Database
    settings: Settings

    @property
    def session(self) -> RecordingSession:
        return self.bot.session  # type: ignore[attr-defined,return-value]

    @property
    def feedback(self) -> Feedback:
        """The running bot's question counts, miss log and ratings (counts and misses not yet written too)."""
        return self.dp["feedback"]  # type: ignore[index]

    def chat(self, language_code: str = "ru", user_id: int = 1001) -> Conversation:
        return Conversation(self.dp, self.bot, user_id=user_id, language_code=language_code)  # type: ignore[arg-type]


def offline_settings(database_path: Path, **overrides: object) -> Settings:
    """Settings that ignore the developer's .env and environment token."""
    values: dict[str, object] = {"_env_file": None, "bot_token": None, "database_path": database_path}
    values.update(overrides)
    return load_settings(**values)


async def start_env(database_path: Path, **overrides: object) -> BotEnv:
    settings = offline_settings(database_path, **overrides)
    db = Database(database_path)
    dp = await create_dispatcher(settings, db)
    bot = create_bot(settings, session=RecordingSession())
    return BotEnv(dp, bot, db, settings)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[BotEnv]:
    bot_env = await start_env(tmp_path / "bot.sqlite3")
    yield bot_env
    await bot_env.db.close()


@pytest.fixture
def chat(env: BotEnv) -> Conversation:
    """A Russian-speaking user."""
    return env.chat("ru", 1001)


@pytest.fixture
def chat_kk(env: BotEnv) -> Conversation:
    """A user whose Telegram is in Kazakh."""
    return env.chat("kk", 1002)


def label(lang: str, key: str, **args: object) -> str:
    """A button's label as the bot shows it in ``lang`` (the locale's text for ``key``)."""
    return default_i18n()(lang)(key, **args)


async def reveal(chat: Conversation, name: str) -> Reply:
    """The newest keyboard's page that shows the button ``name``: "Ещё…" / "Тағы…" is pressed while the keyboard
    keeps it on a further page, as a user would."""
    more = {label(lang, "keyboard-more") for lang in ("ru", "kk")}
    for _ in range(10):
        reply = chat.last_with_buttons
        shown = [b.label for row in (reply.buttons if reply else []) for b in row]
        if reply is not None and name in shown:
            return reply
        further = [b for b in shown if b in more]
        if not further:
            raise LookupError(f"no button labelled {name!r} on any page")
        await chat.press(further[0])
    raise LookupError(f"no button labelled {name!r} in ten pages")


async def press_shown(chat: Conversation, name: str) -> list[Reply]:
    """Press the button ``name``, first turning the newest keyboard's pages to it (``reveal``)."""
    await reveal(chat, name)
    return await chat.press(name)


async def every_row(chat: Conversation) -> list[list[str]]:
    """The labels of the newest keyboard over all its pages, as one keyboard (the main-menu row last): "Ещё…" is
    pressed to the last page, then "К началу" back to the first."""
    return [[b.label for b in row] for row in await whole_keyboard(chat)]


async def every_button(chat: Conversation) -> list[Button]:
    """The buttons of the newest keyboard over all its pages (see ``every_row``)."""
    return [b for row in await whole_keyboard(chat) for b in row]


async def whole_keyboard(chat: Conversation) -> list[list[Button]]:
    """The rows of buttons of the newest keyboard over all its pages (see ``every_row``)."""
    more = {label(lang, "keyboard-more") for lang in ("ru", "kk")}
    start = {label(lang, "keyboard-start") for lang in ("ru", "kk")}
    content: list[list[Button]] = []
    pages = 0
    while True:
        reply = chat.last_with_buttons
        assert reply is not None, "no message with buttons"
        rows = reply.buttons
        chrome = next((i for i, row in enumerate(rows) if {b.label for b in row} & (more | start)), None)
        if chrome is None:  # one page: the keyboard as it is
            return rows
        content += rows[:chrome]
        pages += 1
        shown = {b.label for b in rows[chrome]}
        if not shown & more:
            [back] = shown & start
            await chat.press(back)
            return [*content, *rows[chrome + 1:]]
        assert pages < 10, "a keyboard of more than ten pages"
        await chat.press((shown & more).pop())
