"""Reading the reviewed fact files in ``data/`` and picking a language from bilingual values."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

Lang = Literal["ru", "kk"]
LANGS: tuple[Lang, ...] = ("ru", "kk")
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
LOCALES_DIR = ROOT / "locales"
# libyaml's loader when PyYAML has it (its wheels do): the same values, ten times faster (140 ms of start-up)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataError(RuntimeError):
    """A data file is missing or malformed; the message names the file and the record."""


def load_data(name: str, data_dir: Path | None = None) -> Any:
    """Parse ``data/<name>`` (YAML), failing loudly with the file name."""
    path = (data_dir or DATA_DIR) / name
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except FileNotFoundError as exc:
        raise DataError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: invalid YAML: {exc}") from exc


def localized(value: Any, where: str) -> dict[str, str]:
    """Check that ``value`` is a ``{ru: ..., kk: ...}`` mapping of non-empty strings."""
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                          for lang in LANGS):
        raise DataError(f"{where}: expected a mapping with non-empty 'ru' and 'kk' texts, got {value!r}")
    # a key without a value is what an unquoted comma in {ru: a, b, kk: c} leaves: the text was cut short
    if any(v is None for v in value.values()):
        raise DataError(f"{where}: text cut at an unquoted comma (quote it): {value!r}")
    return {lang: value[lang].strip() for lang in LANGS}


def pick(value: dict[str, str], lang: str) -> str:
    """The text of a bilingual value in ``lang`` (Russian when the language is unknown)."""
    return value.get(lang) or value["ru"]


def iso_date(value: Any, where: str) -> date:
    """A date field such as ``as_of``: YAML's date, or an ISO string; fails naming the record."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataError(f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}") from exc
