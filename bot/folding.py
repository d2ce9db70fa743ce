"""Folding free text for matching words and patterns: what a phone without a Kazakh layout types is read like
the properly spelled text."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
# Phones without a Kazakh layout type "жалакы", "шагым": patterns and texts both lose the Kazakh letters.
# On a Russian keyboard і is typed as и, as ы ("акимынын", "кызметшы") or as the Latin i, so all four
# fold to и; Russian words keep matching because they are folded the same way.
_KAZAKH_TO_PLAIN = str.maketrans("әғқңөұүһіыi", "агкноуухиии")
# Long texts are read from their start: people put the question first, and patterns stay cheap.
MAX_CLASSIFIED_CHARS = 300


def fold_plain(text: str) -> str:
    """The first ``MAX_CLASSIFIED_CHARS`` characters casefolded, ё as е, Kazakh letters as their plain
    look-alikes and ы as и, white space squeezed."""
    folded = text[:MAX_CLASSIFIED_CHARS].casefold().replace("ё", "е").translate(_KAZAKH_TO_PLAIN)
    return _SPACES.sub(" ", folded).strip()
