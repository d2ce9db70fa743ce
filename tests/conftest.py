"""Shared fixtures: a real dispatcher on a temporary database with an offline Bot API session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.console import Conversation, RecordingSession
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
