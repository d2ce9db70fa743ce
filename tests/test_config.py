import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import OFFICIAL_API_BASE, ConfigError, load_settings


def settings(**values):
    return load_settings(_env_file=None, **values)


def test_defaults_point_at_the_official_api(monkeypatch):
    for name in ("BOT_TOKEN", "TELEGRAM_API_BASE", "DATABASE_PATH", "WEBHOOK_URL", "ADMIN_IDS"):
        monkeypatch.delenv(name, raising=False)
    s = settings()
    assert s.bot_token is None
    assert s.telegram_api_base == OFFICIAL_API_BASE
    assert s.webhook_port == 8080
    assert s.admin_ids == frozenset()
    assert s.log_level == "INFO"


def test_environment_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_TOKEN", "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAA")
    monkeypatch.setenv("ADMIN_IDS", "1, 22;333")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "x.db"))
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:9000/")
    s = settings()
    assert s.bot_token is not None and s.bot_token.get_secret_value().startswith("123456:")
    assert s.admin_ids == frozenset({1, 22, 333})
    assert s.database_path == Path(tmp_path / "x.db")
    assert s.telegram_api_base == "http://127.0.0.1:9000"


@pytest.mark.parametrize(
    ("name", "value"),
    [("BOT_TOKEN", "not-a-token-secret-value"), ("ADMIN_IDS", "12,abc"), ("WEBHOOK_PORT", "99999"),
     ("TELEGRAM_API_BASE", "ftp://x"), ("LOG_LEVEL", "loud"), ("WEBHOOK_SECRET", "has spaces!")],
)
def test_a_malformed_value_is_one_line_naming_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        settings()
    message = str(info.value)
    assert message.startswith(f"{name}:")
    assert "\n" not in message
    assert value not in message  # a secret pasted into the wrong place is not echoed


@pytest.mark.parametrize("raw", ["  123456:AAHsecretPart_x9-abc \n", "\t123456:AAHsecretPart_x9-abc\r\n"])
def test_a_token_is_normalised_once_and_every_reader_gets_the_clean_value(monkeypatch, raw):
    # aiogram refused the token with its spaces, logged CRITICAL and the process never exited (issue 17, item 4)
    monkeypatch.setenv("BOT_TOKEN", raw)
    token = settings().bot_token
    assert token is not None and token.get_secret_value() == "123456:AAHsecretPart_x9-abc"


def test_the_bot_is_made_with_the_normalised_token():
    from bot.runtime.app import create_bot

    bot = create_bot(settings(bot_token=" 123456:AAHsecretPart_x9-abc\n"))
    assert bot.token == "123456:AAHsecretPart_x9-abc"


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_a_malformed_token_stops_the_bot_at_once_with_one_line(tmp_path, mode):
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_URL"}}
    env.update({"BOT_TOKEN": "123456:AAHsecret Part_x9", "WEBHOOK_URL": "https://bot.example.kz",
                "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    result = subprocess.run([sys.executable, "-m", "bot", mode], capture_output=True, text=True, cwd=tmp_path,
                            env=env, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["configuration error: BOT_TOKEN: has a space or line break inside; paste "
                                          "the token exactly as @BotFather gives it"]


@pytest.mark.parametrize(("value", "why"), [
    ("123456:AAHsecret Part_x9", "space or line break inside"),
    ("123456:AAHsecret\nPart_x9", "space or line break inside"),
    ("123456:AAHsecret/Part_x9", "expected the form"),
    ("12a456:AAHsecretPart_x9", "expected the form"),
    ("123456:short", "expected the form"),
    ("123456AAHsecretPart_x9", "expected the form"),
])
def test_a_malformed_token_is_one_line_saying_what_is_wrong(monkeypatch, value, why):
    monkeypatch.setenv("BOT_TOKEN", value)
    with pytest.raises(ConfigError) as info:
        settings()
    message = str(info.value)
    assert message.startswith("BOT_TOKEN: ") and why in message and "\n" not in message
    assert "AAHsecret" not in message


def test_empty_token_counts_as_unset(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", "  ")
    assert settings().bot_token is None
