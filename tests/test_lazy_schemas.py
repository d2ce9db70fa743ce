"""aiogram's types are built on first use rather than at import, and every one of them still builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import bot.runtime  # defers aiogram's validators
import aiogram.methods as methods
import aiogram.types as types
from pydantic import BaseModel

assert not types.Update.__pydantic_complete__, "aiogram's types were built at import"
failed = []
for module in (types, methods):
    for name in module.__all__:
        model = getattr(module, name)
        if isinstance(model, type) and issubclass(model, BaseModel):
            if model.model_rebuild(raise_errors=False) is False:
                failed.append(name)
print(",".join(failed))
"""


def test_every_telegram_type_and_method_builds_when_deferred() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True,
                            timeout=300)
    assert result.stdout.strip() == "", f"not buildable lazily: {result.stdout}"


def test_an_update_parses_after_a_deferred_import() -> None:
    from aiogram.types import Update

    update = Update.model_validate({
        "update_id": 1,
        "message": {"message_id": 5, "date": 1_700_000_000, "chat": {"id": 7, "type": "private"},
                    "from": {"id": 7, "is_bot": False, "first_name": "Айгерим"}, "text": "бас маман"},
    })
    assert update.message is not None and update.message.from_user is not None
    assert update.message.text == "бас маман" and update.message.from_user.first_name == "Айгерим"
