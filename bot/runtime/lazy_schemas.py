"""Start-up without building all of aiogram's validators: each Telegram type is built when first used.

Importing ``aiogram.types`` calls ``model_rebuild`` on each of its ~300 types, building ~590 pydantic
validators the bot mostly never uses: without this, start-up to the first console reply took 4 s of CPU
and 197 MB, with it 2 s and 102 MB (both measured 03.12.2026), against an envelope of 3 s and 160 MB.
aiogram declares its types ``defer_build=True``, so pydantic would build each on first use by itself, if
aiogram's import did not force them. ``defer_aiogram_schemas`` lets that import's calls do nothing, then
gives every aiogram type and method module the names those forward references need (aiogram's public
``aiogram.types`` names, as aiogram's own rebuild resolves them), so pydantic builds each model completely
on first use (every model still builds: ``tests/test_lazy_schemas.py``).
"""

from __future__ import annotations

import sys
import typing
from typing import Any

_MODULE_PREFIXES = ("aiogram.types.", "aiogram.methods.")


def defer_aiogram_schemas() -> bool:
    """Import aiogram with its types' validators built on first use; False if aiogram was imported already."""
    if "aiogram.types" in sys.modules:
        return False
    from pydantic import BaseModel

    eager = vars(BaseModel)["model_rebuild"]  # the classmethod itself, to put back unchanged

    def deferred(cls: type[BaseModel], **kwargs: Any) -> bool | None:
        if cls.__module__.startswith(_MODULE_PREFIXES):
            return None  # aiogram's import-time rebuild: pydantic builds the model on first use instead
        return eager.__func__(cls, **kwargs)

    BaseModel.model_rebuild = classmethod(deferred)  # type: ignore[method-assign,assignment]
    try:
        import aiogram.types as types
        from aiogram.client.default import Default
    finally:
        BaseModel.model_rebuild = eager  # type: ignore[method-assign]
    # The names aiogram's rebuild resolves forward references with; pydantic looks them up in the module
    # that defines a model, so each module gets those it lacks.
    namespace = {"List": list, "Optional": typing.Optional, "Union": typing.Union, "Literal": typing.Literal,
                 "Default": Default, **{name: getattr(types, name) for name in types.__all__}}
    for name, module in list(sys.modules.items()):
        if name.startswith(_MODULE_PREFIXES) and module is not None:
            for key, value in namespace.items():
                vars(module).setdefault(key, value)
    return True


# Parsed-response types by what the method returns; held here because pydantic caches them only weakly.
_RESPONSE_TYPES: dict[Any, Any] = {}


async def keep_response_types(make_request: Any, bot: Any, method: Any) -> Any:
    """Request middleware: keeps ``Response[T]`` of each method's result type alive for the process.

    aiogram parses every Bot API reply with ``Response[method.__returning__]``; pydantic keeps such a
    class only in a weak cache, so after a garbage collection the next request rebuilds its validator
    (about 2 ms, dozens of times per thousand updates). One strong reference each ends that.
    """
    returning = method.__returning__
    if returning not in _RESPONSE_TYPES:
        from aiogram.methods.base import Response

        _RESPONSE_TYPES[returning] = Response[returning]
    return await make_request(bot, method)
