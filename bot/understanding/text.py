"""Folding a message into comparable words: bot.folding's folding, then Latin read as Cyrillic."""

from __future__ import annotations

import re

from bot.folding import MAX_CLASSIFIED_CHARS, fold_plain

# After fold_plain (casefold, ё→е, Kazakh letters to their look-alikes, ы→и): й is typed as и,
# щ as ш, э as е (as Latin "eto" reads), and the soft and hard signs are often left out, so none of them tells
# words apart here.
_CYRILLIC_EXTRA = str.maketrans({"й": "и", "щ": "ш", "э": "е", "ь": None, "ъ": None})
# Latin as typed for Russian ("zarplata", "chto") and for Kazakh in both its Latin alphabets ("qansha", "jauap",
# "sáýir"): digraphs first. The result is compared with folded Cyrillic, so ы, й and і all become и.
_LATIN_DIGRAPHS = (("shch", "ш"), ("sch", "ш"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ya", "я"),
                   ("yu", "ю"))
_LATIN_LETTERS = str.maketrans({
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "w": "у", "x": "кс", "y": "и", "z": "з", "á": "а", "ä": "а", "ó": "о", "ö": "о", "ú": "у", "ü": "у", "ý": "у",
    "ı": "и", "ń": "н", "ǵ": "г", "ğ": "г", "ş": "ш", "ç": "ч", "é": "е",
})
_LATIN = re.compile(r"[a-záäóöúüýıńǵğşçé]+")
_WORD = re.compile(r"[^\W_]+")


def _cyrillic(match: re.Match[str]) -> str:
    word = match.group()
    for latin, cyrillic in _LATIN_DIGRAPHS:
        word = word.replace(latin, cyrillic)
    return word.translate(_LATIN_LETTERS)


def fold(text: str) -> str:
    """The first ``MAX_CLASSIFIED_CHARS`` characters folded: what cues and patterns are matched against."""
    folded = fold_plain(text)
    return _LATIN.sub(_cyrillic, folded).translate(_CYRILLIC_EXTRA)


def fold_words(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` (letters and digits) that fold to something, as typed and folded, in one fold of
    them all: folding reads each character alone or within a run of Latin letters, never across a space."""
    raw = _WORD.findall(text)
    folded = fold(" ".join(raw)).split(" ")  # ь, ъ and a word of them only are dropped after the spaces are squeezed
    if all(folded):
        return raw, folded
    kept = [i for i, word in enumerate(folded) if word]
    return [raw[i] for i in kept], [folded[i] for i in kept]


def fold_pattern(pattern: str) -> str:
    """A regular expression written in ordinary Cyrillic, folded like a text (its Latin escapes left alone)."""
    if not pattern:
        return pattern
    # casefolding lowers a named group's "(?P<name>" too
    return fold_plain(pattern).translate(_CYRILLIC_EXTRA).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def words(folded: str) -> list[str]:
    """The words (letters and digits) of a folded text."""
    return _WORD.findall(folded)


__all__ = ["MAX_CLASSIFIED_CHARS", "fold", "fold_pattern", "fold_words", "words"]
