"""The complaints section's tests run on a fixed day, in both languages."""

import pytest

from tests.conftest import BotEnv
from tests.handlers.complaints import NOW


@pytest.fixture(autouse=True)
def fixed_clock(env: BotEnv) -> None:
    env.dp["clock"] = lambda: NOW


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def user(env: BotEnv, lang: str):
    return env.chat(lang, 2001 if lang == "ru" else 2002)
