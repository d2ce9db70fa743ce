"""Start-up without building all of aiogram's validators: each Telegram type is built when first used.

Importing ``aiogram.types`` calls ``model_rebuild`` on every one of its ~300 types, building ~590
pydantic validators the bot mostly never uses: about 2.5 s and 100 MB of a 2-CPU server's start-up.
``defer_aiogram_schemas`` lets that import skip the eager rebuild and gives every aiogram type and
method module the names the rebuild would have resolved forward references with, so pydantic builds
each model completely on its first use instead (every model still builds: ``tests/test_lazy_schemas.py``).
"""

from __future__ import annotations

import sys
from typing import Any

_MODULE_PREFIXES = ("aiogram.types.", "aiogram.methods.")


def defer_aiogram_schemas() -> bool:
    """Import aiogram with its types' validators built on first use; False if aiogram was imported already."""
    if "aiogram.types" in sys.modules:
        return False
    from pydantic import BaseModel

    eager = BaseModel.__dict__["model_rebuild"]
    namespace: dict[str, Any] = {}

    def remember_namespace(cls: type[BaseModel], *, _types_namespace: Any = None, **kwargs: Any) -> bool | None:
        # Only aiogram's import-time loop calls it with nothing but a namespace; anything else rebuilds as usual.
        if _types_namespace is None or kwargs:
            return eager.__func__(cls, _types_namespace=_types_namespace, **kwargs)
        namespace.update(_types_namespace)
        return None

    BaseModel.model_rebuild = classmethod(remember_namespace)  # type: ignore[method-assign,assignment]
    try:
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_rebuild = eager  # type: ignore[method-assign]
    # Forward references are resolved in the module that defines a model: give each the names it lacks.
    for name, module in list(sys.modules.items()):
        if name.startswith(_MODULE_PREFIXES) and module is not None:
            for key, value in namespace.items():
                module.__dict__.setdefault(key, value)
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
