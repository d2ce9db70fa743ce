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


def test_empty_token_counts_as_unset(monkeypatch):
    monkeypatch.setenv("BOT_TOKEN", "  ")
    assert settings().bot_token is None
