"""Logging setup: nothing a user wrote reaches the log through aiogram's warning about unknown updates."""

from __future__ import annotations

import io
import logging
import warnings

from aiogram.types import Update

from bot.runtime.logs import setup_logging
from tests.conftest import offline_settings

USER_TEXT = "Мой секретный текст 777"


async def test_aiogram_warning_quoting_an_unknown_update_is_filtered_out(env, capsys):
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("default")
            setup_logging(offline_settings(None), stream)
            # The dispatcher without the transports' tracker: aiogram itself meets the unknown type.
            update = Update.model_validate({"update_id": 5, "some_future_update": {"text": USER_TEXT}},
                                           context={"bot": env.bot})
            await env.dp.feed_update(env.bot, update)
            warnings.warn("an unrelated warning still shows", RuntimeWarning, stacklevel=1)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert [str(w.message) for w in warned] == ["an unrelated warning still shows"]
    assert USER_TEXT not in stream.getvalue() + capsys.readouterr().err
