"""Category codes (``D-O-4``): the one pattern of the code, in its canonical form and as people type it.

A code is a family letter A–E, for some groups a sub-letter O, R or G, and the category's number. Data files
write it canonically (:func:`is_category_code`); people type it in either alphabet, in any case, with or
without dashes ("д-о-4", "DO4", "санат Е-Г-3"), and in a question with a particle around it ("а Е-Г-3?",
"Е-Г-3 ше") (:func:`read_code`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

FAMILY_LETTERS = "ABCDE"
SUB_LETTERS = "ORG"
# The canonical form, as data files write it: Latin capitals, dashes, a number 1-9.
CATEGORY_CODE = re.compile(rf"[{FAMILY_LETTERS}](?:-[{SUB_LETTERS}])?-[1-9]")

# Cyrillic letters typed for the Latin ones: look-alikes (а, в, с, е, о, р), sounds (б, д, г) and Kazakh ғ
_TYPED_LETTERS = str.maketrans({
    "а": "a", "б": "b", "в": "b", "с": "c", "д": "d", "е": "e", "о": "o", "р": "r", "г": "g", "ғ": "g",
})
_SEPARATOR = r"[\s\-‐‑–—_.]*"
# As typed, after the letters above: any number of one or two digits and a zero for O. "E-G-0", "D-R-1" or
# "A-12" are codes too (of no category), so they get the unknown-code answer with the closest group rather
# than a failed name search.
_TYPED_CODE = re.compile(
    rf"([{FAMILY_LETTERS.lower()}]){_SEPARATOR}(?:([{SUB_LETTERS.lower()}0]){_SEPARATOR})?([0-9]{{1,2}})")
_BETWEEN_WORDS = re.compile(r"[\s,.:;!?()«»\"'№#]+")
_DIGIT = re.compile(r"[0-9]")  # the digits a code's number is made of


def is_category_code(text: str) -> bool:
    """Whether ``text`` is a code in its canonical form (``D-O-4``), as data files must write it."""
    return CATEGORY_CODE.fullmatch(text) is not None


def read_code(text: str, filler: Collection[str] = (), particles: Collection[str] = ()) -> str | None:
    """The canonical form (``D-O-4``) of ``text`` if all of it is shaped like a category code.

    Latin or Cyrillic letters, any case, with or without dashes and spaces; ``filler`` words (such as
    "категория") are ignored anywhere, ``particles`` ("а", "ше") only at either end and only when what is left
    is a code: "а 4" is A-4, "а Е-Г-3?" is E-G-3. Words are compared casefolded, with ё as е. Whether the code
    exists is the register's business: "E-G-0", "D-R-1" and "A-12" are shaped like codes but name no category.
    """
    if _DIGIT.search(text) is None:  # every code has its number: most queries are names, told apart here at once
        return None
    words = [w for w in _BETWEEN_WORDS.split(text.casefold().replace("ё", "е")) if w and w not in filler]
    found = _code_of(words)
    if found is None and words and particles:  # "Е-Г-3 ше", "а Е-Г-3?": without the particle at one end, or both
        lead = words[0] in particles
        trail = len(words) > 1 and words[-1] in particles
        shorter = [words[:-1]] if trail else []
        if lead:
            shorter += [words[1:], words[1:-1]] if trail else [words[1:]]
        for rest in shorter:
            found = _code_of(rest)
            if found is not None:
                break
    return found


def _code_of(words: list[str]) -> str | None:
    match = _TYPED_CODE.fullmatch(" ".join(words).translate(_TYPED_LETTERS))
    if not match:
        return None
    letter, sub, number = match.groups()
    if sub == "0":
        sub = "o"
    return "-".join(part.upper() for part in (letter, sub, number) if part)
