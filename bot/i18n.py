"""Fluent translations from ``locales/<lang>/*.ftl``, loaded and checked once at start-up."""

from __future__ import annotations

import html
import logging
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.datafiles import LANGS, LOCALES_DIR, Lang

log = logging.getLogger(__name__)
DEFAULT_LANG: Lang = "ru"
_MAX_PLACEABLE = 500  # well under fluent.runtime's limit on the characters one placeable may produce


class Html(str):
    """A string that is already safe HTML and must not be escaped again when interpolated."""

    __slots__ = ()


class LocaleError(RuntimeError):
    """The locale files are inconsistent; the message names the file and the message id."""


def lang_from_telegram(language_code: str | None) -> Lang:
    """A new user's language: Kazakh for ``kk…`` Telegram clients, Russian for everyone else."""
    return "kk" if language_code and language_code.lower().startswith("kk") else "ru"


def _placeholders(node: ast.SyntaxNode) -> set[str]:
    found: set[str] = set()

    class Collector(Visitor):
        def visit_VariableReference(self, vr: ast.VariableReference) -> None:
            found.add(vr.id.name)
            self.generic_visit(vr)

    Collector().visit(node)
    return found


# Texts with arguments kept formatted, per language: the same card's source line, a button's label with its
# code. Formatting is a pure function of the key and the arguments (their values and whether they are ready
# HTML), so a kept text is the text Fluent would make again (tests/test_i18n.py); ~15 µs a text saved.
FORMATTED_KEPT = 4096


class Translator:
    """Texts of one language; ``t(key, **args)`` escapes every plain-string argument for HTML."""

    __slots__ = ("_bundle", "_formatted", "_patterns", "_plain", "lang")

    def __init__(self, lang: Lang, bundle: FluentBundle, keys: frozenset[str]) -> None:
        self.lang = lang
        self._bundle = bundle
        self._patterns = {key: bundle.get_message(key).value for key in keys}
        self._plain: dict[str, str] = {}  # texts asked for without arguments: the same every time
        self._formatted: OrderedDict[Hashable, str] = OrderedDict()  # the last FORMATTED_KEPT with arguments

    def __call__(self, key: str, /, **args: Any) -> str:
        if not args:
            if key in self._plain:
                return self._plain[key]
            return self._format(key, args)[0]
        memo = (key, *((k, type(v), v) for k, v in sorted(args.items())))
        try:
            text = self._formatted.get(memo)
        except TypeError:  # an argument that cannot be a key (none of the bot's are): formatted every time
            return self._format(key, args)[0]
        if text is not None:
            self._formatted.move_to_end(memo)
            return text
        text, complete = self._format(key, args)
        if complete:  # a text Fluent could not make whole is made (and its error logged) again next time
            self._formatted[memo] = text
            if len(self._formatted) > FORMATTED_KEPT:
                self._formatted.popitem(last=False)
        return text

    def formatted_kept(self) -> int:
        """How many texts with arguments are kept formatted."""
        return len(self._formatted)

    def _format(self, key: str, args: Mapping[str, Any]) -> tuple[str, bool]:
        """The text, and whether Fluent made it without an error."""
        pattern = self._patterns.get(key)
        if pattern is None:
            raise KeyError(f"no text {key!r} in locales/{self.lang}")
        safe = {k: (v if isinstance(v, Html) or not isinstance(v, str) else html.escape(v, quote=False))
                for k, v in args.items()}
        # Fluent refuses long placeables (it renders "{???}"); long strings go in after formatting instead.
        long = {k: v for k, v in safe.items() if isinstance(v, str) and len(v) > _MAX_PLACEABLE}
        for k in long:
            safe[k] = f"\x00{k}\x00"
        text, errors = self._bundle.format_pattern(pattern, safe)
        for k, v in long.items():
            text = text.replace(f"\x00{k}\x00", v)
        if errors:
            log.error("locale %s, text %s: %s", self.lang, key, errors)
        elif not args:
            self._plain[key] = text
        return text, not errors

    def plain(self, key: str, /, **args: Any) -> str:
        """The text for a place Telegram shows as plain text (a button label, an inline result's title):
        arguments go in as they are, not HTML-escaped."""
        return self(key, **{k: Html(v) if isinstance(v, str) else v for k, v in args.items()})

    def has(self, key: str) -> bool:
        return key in self._patterns

    @property
    def keys(self) -> frozenset[str]:
        """Every message id of this language."""
        return frozenset(self._patterns)


class I18n:
    """Both languages' translators, built once; identical keys and placeholders are enforced."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self.translators: dict[str, Translator] = {}
        parsed: dict[str, dict[str, set[str]]] = {}
        parser = FluentParser(with_spans=False)
        for lang in LANGS:
            bundle = FluentBundle([lang], use_isolating=False)
            keys: dict[str, set[str]] = {}
            files = sorted((locales_dir / lang).glob("*.ftl"))
            if not files:
                raise LocaleError(f"{locales_dir / lang}: no .ftl files")
            for path in files:
                source = path.read_text(encoding="utf-8")
                resource = parser.parse(source)
                for entry in resource.body:
                    if isinstance(entry, ast.Junk):
                        raise LocaleError(f"{path}: cannot parse: {entry.content.strip()[:80]!r}")
                    if isinstance(entry, ast.Message):
                        name = entry.id.name
                        if name in keys:
                            raise LocaleError(f"{path}: message {name!r} is defined twice")
                        if entry.value is None:
                            raise LocaleError(f"{path}: message {name!r} has no value")
                        keys[name] = _placeholders(entry)
                bundle.add_resource(resource)  # parsed once, above (Fluent's own loader would parse again)
            parsed[lang] = keys
            self.translators[lang] = Translator(lang, bundle, frozenset(keys))
        self._check_same(parsed)

    @staticmethod
    def _check_same(parsed: Mapping[str, dict[str, set[str]]]) -> None:
        ru, kk = parsed["ru"], parsed["kk"]
        missing = sorted(set(ru) ^ set(kk))
        if missing:
            raise LocaleError(f"locales ru and kk differ in message ids: {', '.join(missing[:10])}")
        for key in ru:
            if ru[key] != kk[key]:
                raise LocaleError(f"locales ru and kk differ in placeholders of {key!r}: {ru[key]} vs {kk[key]}")

    def __call__(self, lang: str) -> Translator:
        return self.translators.get(lang) or self.translators[DEFAULT_LANG]

    @property
    def keys(self) -> frozenset[str]:
        return self.translators[DEFAULT_LANG].keys


@cache
def default_i18n() -> I18n:
    """The project's translations, loaded once per process."""
    return I18n()
