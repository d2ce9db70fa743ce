"""Routers, one per feature, found by module so that adding a feature touches no shared list.

A feature module in this package exposes ``router`` and, if it has multi-step flows, ``flow_router``
for the handlers bound to a state. Order: ``common`` (commands work in any state), every
``flow_router``, every ``router`` (by the module's ``ORDER``, default 50, then name), ``fallback`` last.
"""

from __future__ import annotations

import importlib
import pkgutil

from aiogram import Router

_NOT_FEATURES = {"middlewares", "menu", "common", "fallback"}


def feature_routers() -> list[Router]:
    """Fresh routers of every feature in dispatch order (import modules once; routers attach once)."""
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name not in _NOT_FEATURES and not info.name.startswith("_")
    ]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 50), m.__name__))
    common = importlib.import_module(f"{__name__}.common")
    fallback = importlib.import_module(f"{__name__}.fallback")
    flows = [m.flow_router for m in modules if hasattr(m, "flow_router")]
    features = [m.router for m in modules if hasattr(m, "router")]
    return [common.router, *flows, *features, fallback.router]
