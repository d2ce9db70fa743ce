"""The house: the core needs no Telegram, and no module reaches into a library's private names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "bot").rglob("*.py")
    if "runtime" not in path.parts and path.name != "__main__.py"
)


def test_every_core_module_imports_without_aiogram() -> None:
    assert "bot.register" in CORE and "bot.storage" in CORE and "bot.i18n" in CORE
    check = f"import importlib, sys\nfor name in {CORE!r}:\n    importlib.import_module(name)\n" \
            "loaded = sorted(m for m in sys.modules if m == 'aiogram' or m.startswith('aiogram.'))\n" \
            "print(len(loaded))"
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0", f"a core module loads aiogram: {result.stderr}"


# Underscored names a library documents as its public API: pydantic-settings' ``Settings(_env_file=...)``.
DOCUMENTED = frozenset({"_env_file"})


def _private_names(path: Path) -> list[str]:
    """Uses of another object's private name: ``x._y``, ``from lib import _y``, ``from lib._mod``, ``_y=``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module and not node.module.startswith(("bot", "handlers")):
            parts = node.module.split(".") + [alias.name for alias in node.names]
            found += [f"{node.lineno}: from {node.module} import {alias.name}"
                      for alias in node.names if any(_private(part) for part in parts)]
        elif isinstance(node, ast.keyword) and node.arg and _private(node.arg) and node.arg not in DOCUMENTED:
            found.append(f"{node.lineno}: {node.arg}=")
        elif isinstance(node, ast.arg) and _private(node.arg) and node.arg != "_":
            found.append(f"{node.lineno}: parameter {node.arg}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_touches_a_private_name_of_another() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for package in ("bot", "handlers", "bench")
        for path in sorted((ROOT / package).rglob("*.py"))
        if (found := _private_names(path))
    }
    assert offenders == {}


HANDLERS = ROOT / "handlers"
SHARED = ("handlers.views", "handlers.callbacks", "handlers.filters")  # what every feature may import


def _imported(path: Path) -> list[str]:
    """The modules ``path`` imports, absolute."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _allowed(name: str, also: tuple[str, ...] = ()) -> bool:
    top = name.partition(".")[0]
    return (top in sys.stdlib_module_names or top == "aiogram" or name == "bot" or name.startswith("bot.")
            or any(name == allowed or name.startswith(f"{allowed}.") for allowed in also))


def test_features_never_import_each_other() -> None:
    """A feature (a module or package of ``handlers``) imports aiogram, the core, the views, the callbacks and
    the filters, and its own package's modules; views import no feature; callbacks and filters only the core."""
    wrong = {}
    for path in sorted(HANDLERS.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        if module == "handlers":
            continue  # the list of routers: it imports every feature
        if module.startswith("handlers.views"):
            also: tuple[str, ...] = ("handlers.views", "handlers.callbacks")
        elif module in ("handlers.callbacks", "handlers.filters"):
            also = ()
        else:
            feature = ".".join(module.split(".")[:2])  # handlers.complaints.guide -> handlers.complaints
            also = (*SHARED, feature)
        found = [name for name in _imported(path) if name != "__future__" and not _allowed(name, also)]
        if found:
            wrong[module] = found
    assert wrong == {}


def test_routers_are_made_anew_for_each_dispatcher() -> None:
    from handlers import create_routers

    first, second = create_routers(), create_routers()
    assert len(first) == len(second) > 10
    assert not {id(router) for router in first} & {id(router) for router in second}
    assert all(router.parent_router is None for router in (*first, *second))
