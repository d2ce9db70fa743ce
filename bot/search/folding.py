"""Text folded to one Latin skeleton, and words stemmed: what makes a name and a query comparable.

Russian, Kazakh (with or without its letters) and Latin transliteration of either fold to the same
skeleton ("ауданның", "аудан", "audan" → "audan…"); stemming then takes the inflectional endings off.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

# Cyrillic (Russian and Kazakh) to a Latin skeleton; Kazakh letters fold onto their nearest Russian sound.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "iu", "я": "ia", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
    # Latin letters of the Kazakh and Turkish-style alphabets
    "ä": "a", "ö": "o", "ü": "u", "ū": "u", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "é": "e",
}
_TRANSLIT = str.maketrans(_CYRILLIC)
# Spelling variants of Latin transliteration, rewritten in one pass to one form; then doubled letters.
_VARIANT_FORMS = {"shch": "sh", "sch": "sh", "ts": "c", "tz": "c", "kh": "h", "ph": "f", "x": "ks", "w": "v",
                  "q": "k", "y": "i", "j": "i"}
_LATIN_VARIANT = re.compile(r"shch|sch|ts|tz|kh|ph|x|w|q|y|j(?![aeiouy])|(j)")
_DOUBLED = re.compile(r"(.)\1+")
_TAG = re.compile(r"<[^>]*>")
_NOT_WORD = re.compile(r"[^0-9a-zа-яёәғқңөұүһіäöüūışçğñé]+")

# Inflectional endings in the folded alphabet, longest first. Russian words lose one; Kazakh words
# (told by their letters ә, ғ, қ, ң, ө, ұ, ү, һ, і) lose up to two, Kazakh endings included, since
# short Kazakh endings such as -та, -на would eat Russian stems ("акимата", "района").
_RU = (
    "iami", "ami", "iah", "ah", "ogo", "ego", "omu", "emu", "imi", "oi", "ei", "ia", "ie", "iu", "om",
    "em", "im", "ih", "ov", "ev", "a", "e", "i", "o", "u",
)
_KK = (
    "sinin", "inin", "nin", "din", "tin", "nan", "nen", "dan", "den", "tan", "ten", "ndagi", "ndegi",
    "dagi", "degi", "tagi", "tegi", "lar", "ler", "dar", "der", "tar", "ter", "si", "ga", "ge", "ka",
    "ke", "na", "ne", "da", "de", "ta", "te",
)
_RU_SET = frozenset(_RU)
_KK_SET = frozenset(_RU + _KK)
# Endings a query word may carry after a stem the index knows (see Vocabulary.query_stem): the stemming
# endings plus Kazakh ones too short or too common to strip blindly (accusative -ны/-ді/-ті, -ын/-ін,
# locative -нда/-нде, -мен/-бен/-пен "with").
_QUERY_ENDINGS = _KK_SET | {"ni", "di", "ti", "in", "nda", "nde", "men", "ben", "pen"}
# Up to two of them in a row ("-лар-ы", "-сы-ның"); a third is checked by splitting once.
_QUERY_ENDINGS_2 = frozenset(_QUERY_ENDINGS | {a + b for a in _QUERY_ENDINGS for b in _QUERY_ENDINGS})
_LONGEST_ENDING = max(map(len, _KK_SET))
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Kazakh endings as typed on a Russian keyboard (ы, и or a Latin i for і, н for ң, г for ғ): "акимынын", "болымнын",
# "аудандагы". Russian words do not end so (the "-анин" of "гражданин" is left out on purpose), so a word
# ending like this is stemmed as Kazakh even without a Kazakh letter.
_PLAIN_KAZAKH_ENDING = re.compile(r"(?:[ыиi]н[ыиi]н|[аеоуы]н[ыi]н|[дт][ыi]н|н?[дт][аеыi]г[ыиi])$")
MIN_STEM = 3
# Kazakh stems keep four letters: "бөлім" stays "bolim" rather than "bol", which "болады", "болу" (to be) share
_MIN_STEM_KK = 4


class Word(NamedTuple):
    """A word folded (:func:`fold`)."""

    text: str  # in the folded Latin skeleton
    kazakh: bool  # written with Kazakh letters, or ending as a Kazakh word typed without them


def raw_words(text: str) -> list[str]:
    """The words of ``text`` as typed, casefolded, without HTML (tags, entities) or punctuation."""
    return [raw for raw in _NOT_WORD.split(_TAG.sub(" ", html.unescape(text)).casefold()) if raw]


def fold_word(raw: str) -> Word:
    """One word of :func:`raw_words` folded (its text is empty for a word of no letter or digit)."""
    word = _DOUBLED.sub(r"\1", _LATIN_VARIANT.sub(_latin_form, raw.translate(_TRANSLIT)))
    return Word(word, not KAZAKH_LETTERS.isdisjoint(raw) or _PLAIN_KAZAKH_ENDING.search(raw) is not None)


def _latin_form(match: re.Match[str]) -> str:
    return "zh" if match.group(1) else _VARIANT_FORMS[match.group(0)]


def fold(text: str) -> list[Word]:
    """Words of ``text`` in the folded Latin skeleton (no HTML, case, punctuation, ё/й or Kazakh
    letters), each flagged when it was written with Kazakh letters or ends as a Kazakh word typed
    without them."""
    return [word for word in map(fold_word, raw_words(text)) if word.text]


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` (see :func:`fold`)."""
    return [word.text for word in fold(text)]


def stem(word: str, kazakh: bool = False) -> str:
    """The word without its inflectional ending (Russian: one; Kazakh: up to two layers, keeping four
    letters)."""
    endings = _KK_SET if kazakh else _RU_SET
    min_stem = _MIN_STEM_KK if kazakh else MIN_STEM
    for _ in range(2 if kazakh else 1):
        for size in range(min(_LONGEST_ENDING, len(word) - min_stem), 0, -1):
            if word[-size:] in endings:
                word = word[:-size]
                break
        else:
            break
    return word


def are_endings(rest: str) -> bool:
    """Whether ``rest`` is one to three inflectional endings in a row, as a query word may carry after a stem
    ("-лар-ы-ның")."""
    if rest in _QUERY_ENDINGS_2:
        return True
    if len(rest) > 3 * _LONGEST_ENDING:
        return False
    return any(rest[:k] in _QUERY_ENDINGS and rest[k:] in _QUERY_ENDINGS_2
               for k in range(1, min(len(rest), _LONGEST_ENDING + 1)))
