"""Finding positions by name however they are typed: folding, stemming, qualifiers and ranking.

Every name, alias and search term is folded once, when the index is built; a query is folded the same
way and scored against precomputed token postings, so a search costs tens of microseconds.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process

from bot.datafiles import DataError, load_data

SEARCH_TERMS_FILE = "search_terms.yaml"

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


def _latin_form(match: re.Match[str]) -> str:
    return "zh" if match.group(1) else _VARIANT_FORMS[match.group(0)]


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
# Endings a query word may carry after a stem the index knows (see PositionIndex._query_stem): the
# stemming endings plus Kazakh ones too short or too common to strip blindly (accusative -ны/-ді/-ті,
# -ын/-ін, locative -нда/-нде, -мен/-бен/-пен "with").
_QUERY_ENDINGS = _KK_SET | {"ni", "di", "ti", "in", "nda", "nde", "men", "ben", "pen"}
# Up to two of them in a row ("-лар-ы", "-сы-ның"); a third is checked by splitting once.
_QUERY_ENDINGS_2 = frozenset(_QUERY_ENDINGS | {a + b for a in _QUERY_ENDINGS for b in _QUERY_ENDINGS})
_LONGEST_ENDING = max(map(len, _KK_SET))
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Kazakh endings as typed on a Russian keyboard (ы, и or a Latin i for і, н for ң, г for ғ): "акимынын", "болымнын",
# "аудандагы". Russian words do not end so (the "-анин" of "гражданин" is left out on purpose), so a word
# ending like this is stemmed as Kazakh even without a Kazakh letter.
_PLAIN_KAZAKH_ENDING = re.compile(r"(?:[ыиi]н[ыиi]н|[аеоуы]н[ыi]н|[дт][ыi]н|н?[дт][аеыi]г[ыиi])$")
_MIN_STEM = 3
# Kazakh stems keep four letters: "бөлім" stays "bolim" rather than "bol", which "болады", "болу" (to be) share
_MIN_STEM_KK = 4

Word = tuple[str, bool]  # (folded word, written with Kazakh letters)


def fold(text: str) -> list[Word]:
    """Words of ``text`` in the folded Latin skeleton (no HTML, case, punctuation, ё/й or Kazakh
    letters), each flagged when it was written with Kazakh letters or ends as a Kazakh word typed
    without them."""
    return [word for word in map(_fold_word, _raw_words(text)) if word[0]]


def _raw_words(text: str) -> list[str]:
    """The words of ``text`` as typed, casefolded, without HTML (tags, entities) or punctuation."""
    return [raw for raw in _NOT_WORD.split(_TAG.sub(" ", html.unescape(text)).casefold()) if raw]


def _fold_word(raw: str) -> Word:
    word = _DOUBLED.sub(r"\1", _LATIN_VARIANT.sub(_latin_form, raw.translate(_TRANSLIT)))
    return word, not _KAZAKH_LETTERS.isdisjoint(raw) or _PLAIN_KAZAKH_ENDING.search(raw) is not None


def fold_words(text: str) -> list[str]:
    """The folded words of ``text`` (see :func:`fold`)."""
    return [word for word, _ in fold(text)]


def _is_ending(rest: str) -> bool:
    """Whether ``rest`` is one to three endings of :data:`_QUERY_ENDINGS` in a row."""
    if rest in _QUERY_ENDINGS_2:
        return True
    if len(rest) > 3 * _LONGEST_ENDING:
        return False
    return any(rest[:k] in _QUERY_ENDINGS and rest[k:] in _QUERY_ENDINGS_2
               for k in range(1, min(len(rest), _LONGEST_ENDING + 1)))


def stem(word: str, kazakh: bool = False) -> str:
    """The word without its inflectional ending (Russian: one; Kazakh: up to two layers, keeping four
    letters)."""
    endings = _KK_SET if kazakh else _RU_SET
    min_stem = _MIN_STEM_KK if kazakh else _MIN_STEM
    for _ in range(2 if kazakh else 1):
        for size in range(min(_LONGEST_ENDING, len(word) - min_stem), 0, -1):
            if word[-size:] in endings:
                word = word[:-size]
                break
        else:
            break
    return word


# ---------------------------------------------------------------- category codes

_CODE_LETTERS = str.maketrans({
    "а": "a", "б": "b", "в": "b", "с": "c", "д": "d", "е": "e", "о": "o", "р": "r", "г": "g", "ғ": "g",
})
# Any number of one or two digits and any sub-letter: "E-G-0", "D-R-1" or "A-12" are codes too (of no category),
# so they get the unknown-code answer with the closest group rather than a failed name search.
_CODE_SHAPE = re.compile(r"([abcde])[\s\-‐‑–—_.]*(?:([org0])[\s\-‐‑–—_.]*)?([0-9]{1,2})")
_CODE_FILLER = re.compile(r"[\s,.:;!?()«»\"'№#]+")
_DIGIT = re.compile(r"[0-9]")  # the digits _CODE_SHAPE's number is made of


def code_shape(text: str, filler: Iterable[str] = ()) -> str | None:
    """The canonical form (``D-O-4``) of ``text`` if all of it is shaped like a category code.

    Latin or Cyrillic letters, any case, with or without dashes and spaces; ``filler`` words
    (such as "категория") are ignored. Whether the code exists is the register's business: "E-G-0",
    "D-R-1" and "A-12" are shaped like codes but name no category.
    """
    if _DIGIT.search(text) is None:  # every code has its number: most queries are names, told apart here at once
        return None
    words = [w for w in _CODE_FILLER.split(text.casefold().replace("ё", "е")) if w and w not in filler]
    match = _CODE_SHAPE.fullmatch(" ".join(words).translate(_CODE_LETTERS))
    if not match:
        return None
    letter, sub, number = match.groups()
    if sub == "0":
        sub = "o"
    return "-".join(part.upper() for part in (letter, sub, number) if part)


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class Role:
    """A kind of post that many bodies have ("Советник" of the akim, of the Prime Minister …): typed alone,
    it names every category with such a post, not the first body's one. ``words``: how it is typed; ``id``: its
    name in links (``kind_<id>``)."""

    name_ru: str
    name_kk: str
    words: tuple[str, ...]
    id: str = ""


@dataclass(frozen=True)
class Places:
    """How a place's name is told in a query (``qualifiers › places``), folded: Russian level words, before which
    only an adjective is a place; the ends of such adjectives; words after which one word is a place; the levels,
    lowest first."""

    russian_levels: tuple[str, ...] = ()
    adjective_ends: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    lowest_first: tuple[str, ...] = ()


def _read_places(raw: Mapping[str, Any], levels: set[str], where: str) -> Places:
    def folded(key: str) -> tuple[str, ...]:
        words = tuple(w for text in raw.get(key) or () for w in fold_words(str(text)))
        if len(words) != len(raw.get(key) or ()):
            raise DataError(f"{where}: qualifiers › places › {key}: one word each expected")
        return words

    lowest_first = tuple(str(level) for level in raw.get("lowest_first") or ())
    if not set(lowest_first) <= levels:
        raise DataError(f"{where}: qualifiers › places › lowest_first: levels of qualifiers › level expected")
    return Places(folded("russian_levels"), folded("adjective_ends"), folded("after"), lowest_first)


@dataclass(frozen=True)
class SearchTerms:
    """How people type: abbreviations, filler words and qualifiers, folded once at load."""

    abbreviations: Mapping[tuple[str, ...], tuple[Word, ...]]
    stopwords: frozenset[str]
    code_filler: frozenset[str]
    # (words, level, the kind of body the phrase also names or None): "сельского округа" is a rural district, whose
    # only state body is its akim's apparatus
    phrases: tuple[tuple[tuple[str, ...], str, str | None], ...]
    stems: tuple[tuple[str, bool, str, str], ...]  # (stem, whole word only, kind "level"/"body"/"generic", value)
    scopes: Mapping[str, Mapping[str, tuple[str, ...]]]
    longest_abbreviation: int = field(default=1)
    vague_levels: frozenset[str] = field(default=frozenset())  # count only when no other level is named
    places: Places = field(default_factory=lambda: Places())  # how a place's name is told (see _mark_places)
    body_kinds: frozenset[str] = field(default=frozenset())  # the kinds of body qualifiers name
    synonyms: Mapping[str, str] = field(default_factory=dict)  # stem typed -> stem of the register's word
    roles: tuple[Role, ...] = ()  # kinds of post typed alone ("советник"), see Role
    # the kinds of body a post is in when its name names another ("акима": the akimat and its apparatus)
    within: Mapping[str, frozenset[str]] = field(default_factory=dict)


def read_search_terms(data_dir: Path | None = None) -> SearchTerms:
    """Parse and validate ``data/search_terms.yaml``; errors name the file and the entry."""
    raw = load_data(SEARCH_TERMS_FILE, data_dir)
    where = SEARCH_TERMS_FILE
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping at the top level")
    try:
        abbreviations: dict[tuple[str, ...], tuple[Word, ...]] = {}
        for short, full in raw["abbreviations"].items():
            key, value = tuple(fold_words(str(short))), tuple(fold(str(full)))
            if not key or not value:
                raise DataError(f"{where}: abbreviations › {short!r}: empty after folding")
            abbreviations[key] = value
        raw_stop = frozenset(str(w).casefold().replace("ё", "е") for w in raw["stopwords"])
        stop = frozenset(w for s in raw_stop for w in fold_words(s))
        qualifiers = raw["qualifiers"]
        phrases = []
        for i, entry in enumerate(qualifiers["phrases"]):
            words = tuple(stem(*w) for word in entry["words"] for w in fold(str(word)))
            if not words or entry["level"] not in raw["scopes"]:
                raise DataError(f"{where}: qualifiers › phrases[{i}]: needs words and a known level")
            body = entry.get("body")
            if body is not None and body not in qualifiers["body"]:
                raise DataError(f"{where}: qualifiers › phrases[{i}]: unknown kind of body {body!r}")
            phrases.append((words, entry["level"], body))
        stems: list[tuple[str, bool, str, str]] = []
        for kind in ("level", "body", "generic"):
            for value, words in (qualifiers.get(kind) or {} if kind == "generic" else qualifiers[kind]).items():
                for word in words:
                    text = str(word)
                    whole = text.endswith("=")
                    folded = fold(text.rstrip("="))
                    if len(folded) != 1:
                        raise DataError(
                            f"{where}: qualifiers › {kind} › {value} › {word!r}: one word expected")
                    stems.append((stem(*folded[0]), whole, kind, value))
        stems.sort(key=lambda s: len(s[0]), reverse=True)
        scopes = {
            level: {body: tuple(groups) for body, groups in bodies.items()}
            for level, bodies in raw["scopes"].items()
        }
        synonyms: dict[str, str] = {}
        for typed, meant in (raw.get("synonyms") or {}).items():
            typed_words, meant_words = fold(str(typed)), fold(str(meant))
            if len(typed_words) != 1 or len(meant_words) != 1:
                raise DataError(f"{where}: synonyms › {typed!r}: one word each side expected")
            # stemmed as Kazakh if either side is (Kazakh names are, whatever letters a word happens to have)
            kazakh = typed_words[0][1] or meant_words[0][1]
            synonyms[stem(typed_words[0][0], kazakh)] = stem(meant_words[0][0], kazakh)
        roles: list[Role] = []
        for i, entry in enumerate(raw.get("roles") or ()):
            words = tuple(str(w) for w in entry["words"])
            if not words or not all(fold(w) for w in words) or not entry["ru"] or not entry["kk"]:
                raise DataError(f"{where}: roles[{i}]: needs ru, kk and words")
            role_id = str(entry.get("id", ""))
            if not re.fullmatch(r"[a-z]{1,20}", role_id) or role_id in {r.id for r in roles}:
                raise DataError(f"{where}: roles[{i}]: needs an id of its own, a-z (it is its name in links)")
            roles.append(Role(str(entry["ru"]), str(entry["kk"]), words, role_id))
        body_kinds = frozenset(qualifiers["body"])
        within = {kind: frozenset(inside) for kind, inside in (qualifiers.get("within") or {}).items()}
        if not set(within) <= body_kinds or not all(inside <= body_kinds for inside in within.values()):
            raise DataError(f"{where}: qualifiers › within: kinds of body of qualifiers › body expected")
        vague = frozenset(qualifiers.get("vague_levels") or ())
        unknown_vague = vague - set(qualifiers["level"])
        if unknown_vague:
            raise DataError(f"{where}: qualifiers › vague_levels: unknown levels {sorted(unknown_vague)}")
        places = _read_places(qualifiers.get("places") or {}, set(qualifiers["level"]), where)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{where}: malformed entry ({exc!r})") from exc
    return SearchTerms(
        abbreviations=abbreviations,
        stopwords=stop,
        # one-letter words ("в", "с", "а") are also code letters, so never filler in a code
        code_filler=frozenset(w for w in raw_stop if len(w) > 1),
        phrases=tuple(phrases),
        stems=tuple(stems),
        scopes=scopes,
        longest_abbreviation=max(len(k) for k in abbreviations),
        vague_levels=vague,
        places=places,
        body_kinds=body_kinds,
        synonyms=synonyms,
        roles=tuple(roles),
        within=within,
    )


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class PositionMatch:
    """One distinct position name and every category where it occurs (narrowed by qualifiers)."""

    name_ru: str
    name_kk: str
    category_codes: tuple[str, ...]
    position_ids: tuple[str, ...]
    score: float
    # a role's match (see Role): per category, every position of that kind in it (``position_ids`` has the first)
    role_ids: tuple[tuple[str, ...], ...] = ()
    role: str = ""  # a role's match: the role's id

    def name(self, lang: str) -> str:
        """The name in ``lang`` (Russian for an unknown language)."""
        return self.name_kk if lang == "kk" else self.name_ru


def _role_part(match: PositionMatch, keep: Sequence[int]) -> PositionMatch:
    """A role's match with only the categories at ``keep`` (their indices, in order)."""
    return PositionMatch(match.name_ru, match.name_kk, tuple(match.category_codes[i] for i in keep),
                         tuple(match.position_ids[i] for i in keep), match.score,
                         tuple(match.role_ids[i] for i in keep), match.role)


@dataclass(frozen=True)
class SearchResult:
    """What a query found.

    ``kind`` is "category" (``category_code`` set), "positions" (``matches`` best first) or "none"
    (``suggestions`` may hold the closest names; ``unknown_code`` is set when a code-shaped query
    names no category; ``scope_missed`` when the names exist but not in the body the query named).
    ``scope`` lists the groups the query's qualifiers pointed at (empty when it named none).
    ``excluded`` holds the positions of the best name that the register excepts for the body the query
    named (D-1's "except the oblast akim's apparatus"): with kind "none" that exception is the answer,
    with "positions" it is said beside the categories that remain.
    """

    kind: Literal["category", "positions", "none"]
    query: str
    category_code: str | None = None
    matches: tuple[PositionMatch, ...] = ()
    suggestions: tuple[PositionMatch, ...] = ()
    scope: tuple[str, ...] = ()
    scope_missed: bool = False
    unknown_code: str | None = None
    excluded: tuple[str, ...] = ()


# ---------------------------------------------------------------- index

@dataclass(frozen=True)
class IndexedName:
    """A distinct position name with the categories and positions that carry it, in register order."""

    name_ru: str
    name_kk: str
    variants: tuple[str, ...]
    category_codes: tuple[str, ...]
    position_ids: tuple[str, ...]
    group_codes: tuple[str, ...]
    # per position: the kinds of body whose mention puts the query outside it (the register's exception)
    excepted_for: tuple[frozenset[str], ...] = ()


GOOD_SCORE = 70.0
SUGGEST_SCORE = 50.0
MARGIN = 15.0
_PREFIX_SIMILARITY = 0.9
_TOKEN_CUTOFF = 80.0
_WHOLE_CUTOFF = 85.0
_QUALIFIER_DISCOUNT = 0.7  # an unmatched qualifier counts 0.3 of a word
_MIN_CONTENT_COVER = 0.6
_RESPELL = 0.85
_MAX_QUERY_CHARS = 300  # a position query is short; a pasted essay must not cost milliseconds
WORDS_KEPT = 4_096  # words as typed whose reading the index keeps (see PositionIndex.read_word)
_PLACE_CHARS = 4  # the shortest word (folded) taken for a place's name ("Ақсу", not "кима" of "а кима")
_PLACE_NOT_QUALIFIER = 80  # a word this like a qualifier's stem is its typo ("гороад"), not a place

# A query word as typed, read by PositionIndex.read_word: its folded form, its token (None for a stopword),
# whether an abbreviation begins with it.
_QueryWord = tuple[Word, "str | None", bool]
# A query token (PositionIndex._token_info): the index's words it may be with their similarity, how it is read for
# qualifiers (a mistyped one respelled), the qualifier it names, the qualifier phrases that may begin with it.
_TokenInfo = tuple[tuple[tuple[str, float], ...], str, "tuple[str, str] | None", tuple[int, ...]]


_BRACKETS = re.compile(r"\s*\([^)]*\)")


def _position_number(position_id: str) -> int:
    """The place of a position in its category: ``D-3.3`` → 3."""
    return int(position_id.rsplit(".", 1)[1])


def _is_kazakh_name(text: str, entry: IndexedName) -> bool:
    """Whether a name variant is Kazakh: the Kazakh name (unless spelled as the Russian one, such as
    "Консультант"), or a variant written with Kazakh letters."""
    if entry.name_kk != entry.name_ru and text in (entry.name_kk, _BRACKETS.sub("", entry.name_kk)):
        return True
    return not _KAZAKH_LETTERS.isdisjoint(text.casefold())


class PositionIndex:
    """Token postings over every folded name variant; built once, queried in microseconds."""

    def __init__(self, names: Sequence[IndexedName], terms: SearchTerms,
                 category_order: Mapping[str, int] | None = None) -> None:
        self._names = tuple(names)
        self._terms = terms
        self._synonyms = terms.synonyms
        self._abbreviation_starts = frozenset(words[0] for words in terms.abbreviations)
        self._variant_owner: list[int] = []
        self._variant_tokens: list[tuple[str, ...]] = []
        self._exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for n, entry in enumerate(self._names):
            seen: set[tuple[str, ...]] = set()
            for text in entry.variants:
                words = fold(text)
                if _is_kazakh_name(text, entry):
                    # every word of a Kazakh name is stemmed as Kazakh, so that "басшысы" and
                    # "басшысының" share the stem whichever letters they happen to contain
                    words = [(word, True) for word, _ in words]
                tokens = self._tokens(words)
                if not tokens or tokens in seen:
                    continue
                seen.add(tokens)
                v = len(self._variant_owner)
                self._variant_owner.append(n)
                self._variant_tokens.append(tokens)
                self._exact.setdefault(" ".join(tokens), []).append(v)
                for token in set(tokens):
                    postings.setdefault(token, []).append(v)
        self._postings = postings
        self._vocab = sorted(postings)
        self._prefixes: dict[str, list[str]] = {}
        for token in self._vocab:
            for end in range(_MIN_STEM, len(token)):
                self._prefixes.setdefault(token[:end], []).append(token)
        self._keys = list(self._exact)
        self._variant_keys = [" ".join(tokens) for tokens in self._variant_tokens]
        self._name_keys: list[list[str]] = [[] for _ in self._names]  # " key " of each name's variants
        for v, key in enumerate(self._variant_keys):
            self._name_keys[self._variant_owner[v]].append(f" {key} ")
        self._variant_sizes = [len(tokens) for tokens in self._variant_tokens]
        self._qualifier_stems = {
            stem_: (whole, kind, value) for stem_, whole, kind, value in reversed(terms.stems)}
        self._qualifier_stem_list = tuple(self._qualifier_stems)  # for telling a place from a qualifier's typo
        # what a query word may be stemmed to (see _query_stem)
        self._known = frozenset((*postings, *self._qualifier_stems, *terms.synonyms,
                                 *(w for words, *_ in terms.phrases for w in words)))
        # the one cache of the search: people type the same few hundred words, and reading one (folding, stemming
        # against the index) is most of a short query's cost
        self.read_word = functools.lru_cache(maxsize=WORDS_KEPT)(self._read_word)
        # a role typed alone (its words' query tokens, unless a name is spelled so): its match, the group of each
        # of its categories and the kinds of body their posts are in, built here
        self._roles: dict[str, tuple[PositionMatch, tuple[str, ...], tuple[frozenset[str], ...]]] = {}
        # a role typed as a name of its own ("специалист", "маман": D-O-6's name): that name alone, but in a body
        # where no post has that exact name ("… сельского округа") the role's posts there (главный, ведущий …)
        self._scoped_roles: dict[str, tuple[PositionMatch, tuple[str, ...], tuple[frozenset[str], ...]]] = {}
        group_of = {code: group for entry in self._names
                    for code, group in zip(entry.category_codes, entry.group_codes, strict=True)}
        self._role_cards: dict[str, PositionMatch] = {}  # a role's id -> its match, for links (role_card)
        for role in terms.roles:
            match = self._role_match(role, category_order or {}, group_of)
            if match is None:
                continue
            self._role_cards[role.id] = match
            groups = tuple(group_of[code] for code in match.category_codes)
            bodies_in = tuple(frozenset().union(*(self._bodies_named(p) for p in ids)) for ids in match.role_ids)
            for word in role.words:
                key = " ".join(self._tokens(fold(word), query=True))
                if key and key not in self._exact:
                    self._roles[key] = (match, groups, bodies_in)
                elif key:
                    self._scoped_roles[key] = (match, groups, bodies_in)

    def role_card(self, role_id: str, codes: Collection[str] = ()) -> PositionMatch | None:
        """The match of the role ``role_id`` (a link's ``kind_<id>``), narrowed to ``codes`` when given: the same
        match the search gave for the card the link was shared from. None when there is no such role or one of
        ``codes`` has no post of it (an old link, another register, a link typed by hand)."""
        match = self._role_cards.get(role_id)
        if match is None or not codes:
            return match
        keep = [i for i, code in enumerate(match.category_codes) if code in codes]
        return _role_part(match, keep) if len(keep) == len(set(codes)) else None  # a code without one: not ours

    @property
    def terms(self) -> SearchTerms:
        """The search vocabulary the index was built with."""
        return self._terms

    @property
    def names(self) -> tuple[IndexedName, ...]:
        """The distinct names, in register order of their first occurrence."""
        return self._names

    def _tokens(self, words: Sequence[Word], query: bool = False) -> tuple[str, ...]:
        """Stopwords dropped, abbreviations expanded (longest phrase first), then stemmed (a query's
        words against the index's vocabulary, see :meth:`_query_stem`)."""
        terms = self._terms
        starts = self._abbreviation_starts
        out: list[Word] = []
        i = 0
        while i < len(words):
            if words[i][0] not in starts:  # no abbreviation begins with this word
                out.append(words[i])
                i += 1
                continue
            for size in range(min(terms.longest_abbreviation, len(words) - i), 0, -1):
                full = terms.abbreviations.get(tuple(w for w, _ in words[i:i + size]))
                if full is not None:
                    out.extend(full)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        stopwords = terms.stopwords
        if query:
            query_stem = self._query_stem
            return tuple(query_stem(w, kazakh) for w, kazakh in out if w not in stopwords)
        synonyms = self._synonyms
        return tuple(synonyms.get(s, s) for s in (stem(w, kazakh) for w, kazakh in out if w not in stopwords))

    def _bodies_named(self, position_id: str) -> frozenset[str]:
        """The kinds of body a position's name names (any variant), with those they are within."""
        kinds: set[str] = set()
        for n, entry in enumerate(self._names):
            if position_id in entry.position_ids:
                for v, owner in enumerate(self._variant_owner):
                    if owner == n:
                        kinds.update(found[1] for token in self._variant_tokens[v]
                                     if (found := self._qualifier_of_token(token)) and found[0] == "body")
        for kind in tuple(kinds):
            kinds.update(self._terms.within.get(kind, ()))
        return frozenset(kinds)

    def _role_match(self, role: Role, order: Mapping[str, int], group_of: Mapping[str, str]) -> PositionMatch | None:
        """Every category with a position of ``role``'s kind (a name whose variant has all the words of one
        of the role's words), the akimats' first (what this bot is asked about), then in register order."""
        keys = [set(self._tokens(fold(word), query=True)) for word in role.words]
        found: dict[str, list[str]] = {}
        for v, tokens in enumerate(self._variant_tokens):
            if any(key and key <= set(tokens) for key in keys):
                entry = self._names[self._variant_owner[v]]
                for code, position_id in zip(entry.category_codes, entry.position_ids, strict=True):
                    ids = found.setdefault(code, [])
                    if position_id not in ids:
                        ids.append(position_id)
        if not found:
            return None
        akimat = set(self._terms.scopes.get("none", {}).get("akimat", ()))
        codes = sorted(found, key=lambda code: (group_of[code] not in akimat, order.get(code, 0), code))
        role_ids = tuple(tuple(sorted(found[code], key=_position_number)) for code in codes)
        return PositionMatch(role.name_ru, role.name_kk, tuple(codes), tuple(ids[0] for ids in role_ids), 100.0,
                             role_ids, role.id)

    def _query_stem(self, word: str, kazakh: bool) -> str:
        """The :func:`stem` of ``word`` or the word itself if the index knows it (a name's token, a
        qualifier, a phrase word); else the longest known stem that only endings follow; else the stem.

        Blind stemming cuts Kazakh words too far when a stem ends like an ending: "ауданның" folds to
        "audanin" (the doubled н collapses) and loses "nin" and then "a". Here "audan" is known and
        "in" — the collapsed "nin" — follows it, so it stays "audan". Plain-typed Kazakh words with
        Russian-looking endings ("сарапшылар", "akiminin") are found the same way.
        """
        found = self._known_stem(word, kazakh)
        return self._synonyms.get(found, found)  # "бастық" is searched as "бастығы"

    def _known_stem(self, word: str, kazakh: bool) -> str:
        known = self._known
        stemmed = stem(word, kazakh)
        if stemmed in known:
            return stemmed
        if word in known:
            return word
        for end in range(len(word) - 1, _MIN_STEM - 1, -1):
            head = word[:end]
            if head in known:
                rest = word[end:]
                if _is_ending(rest) or _is_ending(head[-1] + rest):
                    return head
        return stemmed

    def _qualifiers(self, tokens: Sequence[str], infos: Sequence[_TokenInfo]
                    ) -> tuple[set[str], set[str], dict[int, tuple[str, str]]]:
        """Levels and kinds of body named in the query, and which tokens named them (generic words such
        as "орган" are marked but name neither). ``infos``: each token's :class:`_TokenInfo`."""
        levels: set[str] = set()
        bodies: set[str] = set()
        implied: set[str] = set()  # bodies a phrase names, when the query names none itself
        located: set[str] = set()  # levels of such phrases
        marked: dict[int, tuple[str, str]] = {}
        # a phrase ("город областного значения") is looked for only where a token begins like it
        starts: dict[int, list[int]] = {}
        if len(tokens) > 1:
            for i, info in enumerate(infos):
                for p in info[3]:
                    starts.setdefault(p, []).append(i)
        phrases, n_tokens = self._terms.phrases, len(tokens)
        for p in sorted(starts) if len(starts) > 1 else starts:
            words, level, body = phrases[p]
            size = len(words)
            for start in starts[p]:
                if start + size <= n_tokens and all(tokens[start + k].startswith(words[k]) for k in range(1, size)):
                    levels.add(level)
                    if body is not None:  # a unit with one body ("сельского округа"): another level named
                        implied.add(body)  # with it only says where it is ("… района"), see below
                        located.add(level)
                    for k in range(size):
                        marked[start + k] = ("phrase", level)
        for i, info in enumerate(infos):
            if i in marked:
                continue
            found = info[2]
            if found is not None:
                if found[0] == "level":
                    levels.add(found[1])
                elif found[0] == "body":
                    bodies.add(found[1])
                marked[i] = found
        self._mark_places(infos, marked)
        if located:  # "… сельского округа района": the district's word says where, and is no part of a name
            for i, (kind, value) in marked.items():
                if kind == "level" and value not in located:
                    marked[i] = ("where", value)
        return located or levels, bodies or implied, marked

    def _mark_places(self, infos: Sequence[_TokenInfo], marked: dict[int, tuple[str, str]]) -> None:
        """Mark the name of a place as saying only where. Before a Kazakh level, a word like no word of the index
        (no candidate, no qualifier) that starts the query or follows a level or body: "Бурабай ауданы", "Ақсу
        ауылдық округі". Before a Russian level, such a
        word only in the form of a place's adjective, "-ский/-ская" ("Карасайского района", "Северо-
        Казахстанской области"): "главный бухгалтер района" names a job, not a place. After "города", one such
        word ("города Костанай"). A typo of a name's word has candidates, and one of a qualifier's ("гороад
        районного значения") is like its stem, so neither is taken."""
        places = self._terms.places

        def unknown(i: int) -> bool:  # three letters or fewer may be a piece of a split word ("а кима")
            info = infos[i]
            return (i not in marked and not info[0] and info[2] is None and len(info[1]) >= _PLACE_CHARS
                    and process.extractOne(info[1], self._qualifier_stem_list, scorer=fuzz.ratio,
                                           score_cutoff=_PLACE_NOT_QUALIFIER) is None)
        for i in range(len(infos) - 2, -1, -1):  # before a level, right to left: "северо казахстанской области"
            right = marked.get(i + 1)
            if right is None or right[0] not in ("level", "phrase", "place") or not unknown(i):
                continue
            if right[0] == "place" or infos[i + 1][1].startswith(places.russian_levels):
                taken = infos[i][1].endswith(places.adjective_ends)
            else:  # Kazakh names the place first: "Арал ауданының …", "Алматы облысы Қарасай ауданы …"; a word
                left = marked.get(i - 1)  # after the post's ("бас дәрігер ауданы") is no place
                taken = i == 0 or (left is not None and left[0] != "generic")
            if taken:
                marked[i] = ("place", right[1])
        for i in range(1, len(infos)):  # after "города": "города Костанай" (Kazakh puts the name before: above)
            if (marked.get(i - 1, ("",))[0] == "level" and infos[i - 1][1].startswith(places.after)
                    and unknown(i)):
                marked[i] = ("place", "city")

    def _lowest_level(self, levels: set[str], bodies: set[str], marked: dict[int, tuple[str, str]]
                      ) -> tuple[set[str], set[str], dict[int, tuple[str, str]]]:
        """An address names several levels ("Карасайского района Алматинской области"): the post is at the
        lowest, the others say where it is."""
        named = [level for level in self._terms.places.lowest_first if level in levels]
        if len(named) > 1:
            for i, (kind, value) in marked.items():
                if kind in ("level", "phrase") and value in named[1:]:
                    marked[i] = ("where", value)
            levels = (levels - set(named)) | {named[0]}
        return levels, bodies, marked

    def _qualifier_of_token(self, token: str) -> tuple[str, str] | None:
        """The qualifier (kind, value) a token names: the longest stem it begins with (or is, for a
        whole-word stem); None if none."""
        stems = self._qualifier_stems
        for end in range(len(token), _MIN_STEM - 1, -1):  # the longest stem wins
            found = stems.get(token[:end])
            if found is not None and (end == len(token) or not found[0]):
                return found[1], found[2]
        return None

    def _scope(self, tokens: Sequence[str], infos: Sequence[_TokenInfo],
               qualifiers: tuple[set[str], set[str], dict[int, tuple[str, str]]] | None = None,
               ) -> tuple[frozenset[str] | None, frozenset[int], set[str]]:
        """The groups the qualifiers allow (None: no narrowing), the positions of qualifier tokens and the
        kinds of body named. ``qualifiers``: what ``_qualifiers`` found, when worked out already."""
        levels, bodies, marked = qualifiers or self._qualifiers(tokens, infos)
        if len(levels) > 1 and not levels <= self._terms.vague_levels:
            levels -= self._terms.vague_levels  # "аудан … қаласы": the district, not any city
        scopes = self._terms.scopes
        groups: set[str] = set()
        used_levels: set[str] = set()
        used_bodies: set[str] = set()
        for level in levels or {"none"}:
            for body in bodies or {"any"}:
                found = scopes.get(level, {}).get(body)
                if found is not None:
                    groups.update(found)
                    used_levels.add(level)
                    used_bodies.add(body)
        if not used_levels and not used_bodies:
            return None, frozenset(i for i, (kind, _) in marked.items() if kind == "generic"), bodies
        qualifier_tokens = frozenset(
            i for i, (kind, value) in marked.items()
            if (kind in ("level", "phrase") and value in used_levels)
            or (kind == "body" and value in used_bodies) or kind in ("generic", "where")
        )
        return frozenset(groups), qualifier_tokens, bodies

    def _candidates(self, token: str) -> tuple[tuple[str, float], ...]:
        """The index's words a query token may be, with their similarity: itself, the words it begins, or
        (four letters or more, known to no table) the closest spellings."""
        if token in self._postings:
            return ((token, 1.0),)
        found = tuple((t, _PREFIX_SIMILARITY) for t in self._prefixes.get(token, ()))
        if found or len(token) < 4 or token in self._known:  # a known word ("округ") is no typo
            return found
        return tuple((t, score / 100) for t, score, _ in process.extract(
            token, self._vocab, scorer=fuzz.ratio, score_cutoff=_TOKEN_CUTOFF, limit=4))

    def _token_info(self, token: str) -> _TokenInfo:
        """What a query token may be: see :data:`_TokenInfo`."""
        found = self._candidates(token)
        # a mistyped qualifier ("раона") is recognised by the register word it resembles
        spelled = (found[0][0] if len(found) == 1 and found[0][1] >= _RESPELL and token not in self._known
                   else token)
        qualifier = self._qualifier_of_token(spelled)
        begins = tuple(p for p, (words, *_) in enumerate(self._terms.phrases) if spelled.startswith(words[0]))
        return found, spelled, qualifier, begins

    def _read_word(self, raw: str) -> _QueryWord | None:
        word = _fold_word(raw)
        if not word[0]:
            return None
        token = None if word[0] in self._terms.stopwords else self._query_stem(*word)
        return word, token, word[0] in self._abbreviation_starts

    def _query_tokens(self, query: str) -> tuple[str, ...]:
        """``self._tokens(fold(query), query=True)``, each word read by :attr:`read_word` (cached)."""
        words: list[_QueryWord] = []
        abbreviated = False
        read_word = self.read_word
        for raw in _raw_words(query):
            found = read_word(raw)
            if found is not None:
                words.append(found)
                abbreviated = abbreviated or found[2]
        if abbreviated:  # an abbreviation may span words and expand to words: the general way
            return self._tokens([word[0] for word in words], query=True)
        return tuple(word[1] for word in words if word[1] is not None)

    def search(self, query: str, limit: int = 5) -> SearchResult:
        """Rank the distinct names for ``query``; see :class:`SearchResult` for what comes back."""
        tokens = self._query_tokens(query[:_MAX_QUERY_CHARS])
        if not tokens:
            return SearchResult("none", query)
        infos = [self._token_info(token) for token in tokens]
        spelled = tuple(info[1] for info in infos)
        qualifiers: tuple[set[str], set[str], dict[int, tuple[str, str]]] | None = self._qualifiers(spelled, infos)
        places = {i for i, (kind, _) in qualifiers[2].items() if kind == "place"}
        if places:  # "Карасайского района": the place's name is left out, as if not typed
            tokens = tuple(t for i, t in enumerate(tokens) if i not in places)
            infos = [info for i, info in enumerate(infos) if i not in places]
            spelled = tuple(info[1] for info in infos)
            qualifiers = self._lowest_level(*self._qualifiers(spelled, infos))
        scope, qualifier_tokens, bodies = self._scope(spelled, infos, qualifiers)
        content = [t for i, t in enumerate(tokens) if i not in qualifier_tokens]
        scope_out = tuple(sorted(scope)) if scope is not None else ()
        if not content:
            # only "акимат района" and the like: no name to look for, the scope is the answer
            return SearchResult("none", query, scope=scope_out)
        role_key = " ".join(t for i, t in enumerate(spelled) if i not in qualifier_tokens)
        role = self._roles.get(role_key) if self._roles else None
        if role is not None and scope is None:  # "советник" alone: every category with an adviser, not one body's
            return SearchResult("positions", query, matches=(role[0],))

        full_key, content_key = " ".join(tokens), " ".join(content)
        scores = self._score_words(infos, qualifier_tokens, len(content))
        owner = self._variant_owner
        for v in {*self._exact.get(full_key, ()), *self._exact.get(content_key, ())}:
            covers = scores.get(owner[v], (0.0, False))[1] or full_key == self._variant_keys[v]
            scores[owner[v]] = (100.0, covers)
        if not scores or max(s for s, _ in scores.values()) < GOOD_SCORE:
            # glued or badly mistyped words: compare whole strings
            for key, score, _ in process.extract(content_key, self._keys, scorer=fuzz.ratio,
                                                 score_cutoff=_WHOLE_CUTOFF, limit=3):
                for v in self._exact[key]:
                    self._keep(scores, owner[v], score * 0.97, False)
        # a name of its own ("специалист") not in the body asked about: its role's posts there, which name no body
        # (главный специалист of a rural akim's apparatus is E-G-3). Only when a body is named: "ауылдағы маман" (a
        # specialist in the village) may be a teacher or a vet, "ауыл әкімдігінің маманы" is the akim's staff
        own_name = role is None and bool(bodies) and scope is not None
        if own_name:
            role = self._scoped_roles.get(role_key)
        if role is None or scope is None:
            return self._rank(query, scores, scope, scope_out, limit, full_key, bodies)
        # with a role to fall back on, suggestions are made only if it has no post in the scope either
        result, ranked = self._ranked_matches(query, scores, scope, scope_out, limit, full_key, bodies)
        if result is None or result.kind == "none":
            # "советник акимата": no name says "акимат", yet the akims' advisers are in it: the role's posts in that
            # scope whose names name (or are within) every body asked about; not the akim's for "маслихата"
            match, groups, bodies_in = role
            keep = [i for i, group in enumerate(groups)
                    if group in scope and (bodies <= bodies_in[i] or (own_name and not bodies_in[i]))]
            if keep:
                return SearchResult("positions", query, matches=(_role_part(match, keep),), scope=scope_out)
        return result if result is not None else self._unmatched(query, ranked, scope, scope_out, limit)

    @staticmethod
    def _name_score(in_content: float, in_qualifiers: float, qualifiers_spelled: int, n_tokens: int,
                    n_content: int, n_qualifiers: int, size: int) -> tuple[float, bool]:
        """A variant's (score, whether it spells every qualifier): ``in_content`` and ``in_qualifiers``, the summed
        similarity of the content and qualifier words it matched; ``qualifiers_spelled`` how many of the
        qualifier words; ``size`` its number of words."""
        matched = in_content + in_qualifiers
        unmatched_qualifiers = n_qualifiers - qualifiers_spelled
        # a qualifier the name does not spell only narrows the result, so it weighs little here
        asked = n_tokens - _QUALIFIER_DISCOUNT * unmatched_qualifiers
        name_cover = matched / size
        score = 60.0 * matched / asked + 40.0 * (name_cover if name_cover < 1.0 else 1.0)
        if in_content < _MIN_CONTENT_COVER * n_content and score >= GOOD_SCORE:
            # the name matched the qualifiers, not what the user asked about: a suggestion at most
            score = GOOD_SCORE - 1
        if score > 99.0:
            score = 99.0  # 100 is kept for names spelled exactly as asked
        return score, not unmatched_qualifiers

    def _score_words(self, infos: Sequence[_TokenInfo], qualifier_tokens: frozenset[int],
                     n_content: int) -> dict[int, tuple[float, bool]]:
        """Per name, the best (score, spells every qualifier) of its variants that share a word with the content."""
        content_sum: dict[int, float] = {}
        qualifier_sum: dict[int, float] = {}
        qualifier_count: dict[int, int] = {}
        postings = self._postings
        for i, info in enumerate(infos):
            found = info[0]
            if not found:
                continue
            # the summed similarities are added in the order of the words, as ever, so that they are the same floats
            if len(found) == 1:
                sim = found[0][1]
                if i in qualifier_tokens:
                    for v in postings[found[0][0]]:
                        qualifier_sum[v] = qualifier_sum.get(v, 0.0) + sim
                        qualifier_count[v] = qualifier_count.get(v, 0) + 1
                else:
                    for v in postings[found[0][0]]:
                        content_sum[v] = content_sum.get(v, 0.0) + sim
                continue
            per_variant: dict[int, float] = {}
            for vocab_token, sim in found:
                for v in postings[vocab_token]:
                    if sim > per_variant.get(v, 0.0):
                        per_variant[v] = sim
            if i in qualifier_tokens:
                for v, sim in per_variant.items():
                    qualifier_sum[v] = qualifier_sum.get(v, 0.0) + sim
                    qualifier_count[v] = qualifier_count.get(v, 0) + 1
            else:
                for v, sim in per_variant.items():
                    content_sum[v] = content_sum.get(v, 0.0) + sim
        n_tokens, n_qualifiers = len(infos), len(qualifier_tokens)
        sizes, owner, score_of = self._variant_sizes, self._variant_owner, self._name_score
        scores: dict[int, tuple[float, bool]] = {}  # name -> (score, the name itself spells the qualifiers)
        for v, in_content in content_sum.items():  # a name matching only qualifiers is not what was asked
            found_score = score_of(in_content, qualifier_sum.get(v, 0.0), qualifier_count.get(v, 0), n_tokens,
                                   n_content, n_qualifiers, sizes[v])
            name = owner[v]
            old = scores.get(name)
            if old is None or found_score > old:
                scores[name] = found_score
        return scores

    @staticmethod
    def _keep(scores: dict[int, tuple[float, bool]], name: int, score: float, covers: bool) -> None:
        old = scores.get(name)
        if old is None or (score, covers) > old:
            scores[name] = (score, covers)

    def _rank(self, query: str, scores: dict[int, tuple[float, bool]], scope: frozenset[str] | None,
              scope_out: tuple[str, ...], limit: int, full_key: str = "",
              bodies: set[str] | frozenset[str] = frozenset()) -> SearchResult:
        """What ``scores`` (per name: score, whether it spells the qualifiers) answer."""
        result, ranked = self._ranked_matches(query, scores, scope, scope_out, limit, full_key, bodies)
        return result if result is not None else self._unmatched(query, ranked, scope, scope_out, limit)

    def _ranked_matches(self, query: str, scores: dict[int, tuple[float, bool]], scope: frozenset[str] | None,
                        scope_out: tuple[str, ...], limit: int, full_key: str,
                        bodies: set[str] | frozenset[str]) -> tuple[SearchResult | None, list[tuple[float, int, bool]]]:
        """The names ranked (-score, name, covers), best first, and the answer if some match (or the register excepts
        the best one); None if none does (see :meth:`_unmatched`)."""
        # a name under SUGGEST_SCORE is neither a match nor a suggestion
        ranked = sorted([(-score, n, covers) for n, (score, covers) in scores.items() if score >= SUGGEST_SCORE])
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0] <= -GOOD_SCORE:
            # a tie ("начальник отдела областного управления", "облыстық басқарманың бөлім басшысы"):
            # the name whose words stand together in the query is what was asked, the rest is the body
            top = ranked[0][0]
            tied = [item for item in ranked if item[0] == top]
            asked = f" {full_key} "
            tied.sort(key=lambda item: not any(key in asked for key in self._name_keys[item[1]]))
            ranked[:len(tied)] = tied
        matches: list[PositionMatch] = []
        excluded: tuple[str, ...] = ()
        for minus, n, covers in ranked:
            score = -minus
            if score < GOOD_SCORE or len(matches) == limit or (matches and score < matches[0].score - MARGIN):
                break
            entry = self._names[n]
            part = None  # (indices, codes, position ids) of the name's categories kept; None: all of them
            if scope is not None and not covers:
                part = self._in_scope(n, scope)
            if bodies and entry.excepted_for:
                # the register excepts this body from some of the name's categories: never claim them
                kept: Sequence[int] = range(len(entry.category_codes)) if part is None else part[0]
                out = [i for i in kept if not bodies.isdisjoint(entry.excepted_for[i])]
                if out:
                    keep = tuple([i for i in kept if i not in out])
                    part = (keep, tuple([entry.category_codes[i] for i in keep]),
                            tuple([entry.position_ids[i] for i in keep]))
                    if not matches and not excluded:
                        excluded = tuple(entry.position_ids[i] for i in out)
                        if not keep:  # the best name is the exception itself: that is the answer
                            return SearchResult("none", query, scope=scope_out, excluded=excluded), ranked
            if part is None:
                matches.append(self._whole_match(entry, score))
            elif part[0]:
                matches.append(PositionMatch(entry.name_ru, entry.name_kk, part[1], part[2], round(score, 1)))
        if matches:
            return SearchResult("positions", query, matches=tuple(matches), scope=scope_out,
                                excluded=excluded), ranked
        return None, ranked

    def _unmatched(self, query: str, ranked: list[tuple[float, int, bool]], scope: frozenset[str] | None,
                   scope_out: tuple[str, ...], limit: int) -> SearchResult:
        """No name matches: the closest ones as suggestions."""
        near = [(n, -minus) for minus, n, _ in ranked[:min(limit, 3)] if -minus >= SUGGEST_SCORE]
        suggestions = tuple(self._whole_match(self._names[n], score) for n, score in near)
        missed = scope is not None and any(score >= GOOD_SCORE for _, score in near)
        return SearchResult("none", query, suggestions=suggestions, scope=scope_out, scope_missed=missed)

    def _in_scope(self, n: int, scope: frozenset[str]) -> tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
        """The indices, codes and position ids of name ``n``'s categories in ``scope``'s groups."""
        entry = self._names[n]
        keep = tuple([i for i, g in enumerate(entry.group_codes) if g in scope])
        return keep, tuple([entry.category_codes[i] for i in keep]), tuple([entry.position_ids[i] for i in keep])

    @staticmethod
    def _whole_match(entry: IndexedName, score: float) -> PositionMatch:
        return PositionMatch(entry.name_ru, entry.name_kk, entry.category_codes, entry.position_ids,
                             round(score, 1))
