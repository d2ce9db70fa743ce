"""The index's words: every name variant folded into tokens once, and a query's words read against them.

A variant is one way a name is written (the Russian and Kazakh names, aliases, the name without its
bracket); its tokens are its words with stopwords dropped, abbreviations expanded and endings stemmed.
A query's word becomes a token the same way, then the index's tokens it may be (itself, the words it
begins, or close spellings) with their similarity.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from bot.search.folding import KAZAKH_LETTERS, MIN_STEM, Word, are_endings, fold, fold_word, raw_words, stem
from bot.search.qualifiers import Qualifier, QualifierReader
from bot.search.results import IndexedName
from bot.search.terms import SearchTerms

WORDS_KEPT = 4_096  # words as typed whose reading is kept (Vocabulary.read_word), the search's one cache
_PREFIX_SIMILARITY = 0.9
_TOKEN_CUTOFF = 80.0
_RESPELL = 0.85
_BRACKETS = re.compile(r"\s*\([^)]*\)")


class Candidate(NamedTuple):
    """A token of the index that a query token may be."""

    token: str
    similarity: float  # 1.0 the same, 0.9 the query token begins it, else fuzz.ratio / 100


class TokenInfo(NamedTuple):
    """A query token, read: what it may be in the index and what it says as a qualifier."""

    token: str  # a query word stemmed against the index (see Vocabulary.query_stem)
    candidates: tuple[Candidate, ...]
    spelled: str  # the token as qualifiers read it: a mistyped one respelled as the index's word it resembles
    qualifier: Qualifier | None  # the level or kind of body it names, if any


class QueryWord(NamedTuple):
    """A query word as typed, read once (:attr:`Vocabulary.read_word`)."""

    word: Word
    info: TokenInfo | None  # None for a stopword
    starts_abbreviation: bool


class Vocabulary:
    """The tokens of every name variant, their postings, and the reading of a query's words against them.

    Variant ``v`` belongs to name ``variant_name[v]`` (an index into the names given) and has the tokens
    ``variant_tokens[v]``; ``postings`` maps each token to the variants that have it, ``exact`` each
    variant's tokens joined by spaces to the variants spelled so.
    """

    def __init__(self, names: Sequence[IndexedName], terms: SearchTerms, qualifiers: QualifierReader) -> None:
        self._terms = terms
        self._qualifiers = qualifiers
        self._abbreviation_starts = frozenset(words[0] for words in terms.abbreviations)
        self.variant_name: list[int] = []
        self.variant_tokens: list[tuple[str, ...]] = []
        self.exact: dict[str, list[int]] = {}
        self.postings: dict[str, list[int]] = {}
        for n, entry in enumerate(names):
            seen: set[tuple[str, ...]] = set()
            for text in entry.variants:
                words = fold(text)
                if _is_kazakh_name(text, entry):
                    # every word of a Kazakh name is stemmed as Kazakh, so that "басшысы" and
                    # "басшысының" share the stem whichever letters they happen to contain
                    words = [Word(word.text, True) for word in words]
                tokens = self.tokens(words)
                if not tokens or tokens in seen:
                    continue
                seen.add(tokens)
                v = len(self.variant_name)
                self.variant_name.append(n)
                self.variant_tokens.append(tokens)
                self.exact.setdefault(" ".join(tokens), []).append(v)
                for token in set(tokens):
                    self.postings.setdefault(token, []).append(v)
        self._sorted = sorted(self.postings)
        self._prefixes: dict[str, list[str]] = {}
        for token in self._sorted:
            for end in range(MIN_STEM, len(token)):
                self._prefixes.setdefault(token[:end], []).append(token)
        # what a query word may be stemmed to (see query_stem)
        self._known = frozenset((*self.postings, *qualifiers.words, *terms.synonyms))
        self._longest_known = max(map(len, self._known))
        # the one cache of the search: people type the same few hundred words, and reading one (folding, stemming
        # against the index, finding its candidates and qualifier) is most of a short query's cost
        self.read_word = functools.lru_cache(maxsize=WORDS_KEPT)(self._read_word)

    def tokens(self, words: Sequence[Word], query: bool = False) -> tuple[str, ...]:
        """Stopwords dropped, abbreviations expanded (longest phrase first), then stemmed (a query's
        words against the index's vocabulary, see :meth:`query_stem`)."""
        terms = self._terms
        starts = self._abbreviation_starts
        out: list[Word] = []
        i = 0
        while i < len(words):
            if words[i].text not in starts:  # no abbreviation begins with this word
                out.append(words[i])
                i += 1
                continue
            for size in range(min(terms.longest_abbreviation, len(words) - i), 0, -1):
                full = terms.abbreviations.get(tuple(w.text for w in words[i:i + size]))
                if full is not None:
                    out.extend(full)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        stopwords = terms.stopwords
        if query:
            return tuple(self.query_stem(w.text, w.kazakh) for w in out if w.text not in stopwords)
        synonyms = terms.synonyms
        return tuple(synonyms.get(s, s) for s in (stem(w.text, w.kazakh) for w in out if w.text not in stopwords))

    def read(self, query: str) -> list[TokenInfo]:
        """The tokens of ``query`` (``tokens(fold(query), query=True)``), read; each word by :attr:`read_word`."""
        words: list[QueryWord] = []
        abbreviated = False
        for raw in raw_words(query):
            found = self.read_word(raw)
            if found is not None:
                words.append(found)
                abbreviated = abbreviated or found.starts_abbreviation
        if abbreviated:  # an abbreviation may span words and expand to words: the general way
            return [self.token_info(token) for token in self.tokens([found.word for found in words], query=True)]
        return [found.info for found in words if found.info is not None]

    def _read_word(self, raw: str) -> QueryWord | None:
        word = fold_word(raw)
        if not word.text:
            return None
        info = None if word.text in self._terms.stopwords else self.token_info(self.query_stem(*word))
        return QueryWord(word, info, word.text in self._abbreviation_starts)

    def query_stem(self, word: str, kazakh: bool) -> str:
        """The :func:`stem` of ``word`` or the word itself if the index knows it (a name's token, a
        qualifier, a phrase word); else the longest known stem that only endings follow; else the stem.

        Blind stemming cuts Kazakh words too far when a stem ends like an ending: "ауданның" folds to
        "audanin" (the doubled н collapses) and loses "nin" and then "a". Here "audan" is known and
        "in" — the collapsed "nin" — follows it, so it stays "audan". Plain-typed Kazakh words with
        Russian-looking endings ("сарапшылар", "akiminin") are found the same way.
        """
        found = self._known_stem(word, kazakh)
        return self._terms.synonyms.get(found, found)  # "бастық" is searched as "бастығы"

    def _known_stem(self, word: str, kazakh: bool) -> str:
        known = self._known
        stemmed = stem(word, kazakh)
        if stemmed in known:
            return stemmed
        if word in known:
            return word
        for end in range(min(len(word) - 1, self._longest_known), MIN_STEM - 1, -1):  # no longer head is known
            head = word[:end]
            if head in known:
                rest = word[end:]
                if are_endings(rest) or are_endings(head[-1] + rest):
                    return head
        return stemmed

    def token_info(self, token: str) -> TokenInfo:
        """What a query token may be in the index, and the qualifier it names."""
        found = self._candidates(token)
        # a mistyped qualifier ("раона") is recognised by the register word it resembles
        spelled = (found[0].token if len(found) == 1 and found[0].similarity >= _RESPELL and token not in self._known
                   else token)
        return TokenInfo(token, found, spelled, self._qualifiers.of_token(spelled))

    def _candidates(self, token: str) -> tuple[Candidate, ...]:
        """The index's words a query token may be, with their similarity: itself, the words it begins, or
        (four letters or more, known to no table) the closest spellings."""
        if token in self.postings:
            return (Candidate(token, 1.0),)
        found = tuple(Candidate(t, _PREFIX_SIMILARITY) for t in self._prefixes.get(token, ()))
        if found or len(token) < 4 or token in self._known:  # a known word ("округ") is no typo
            return found
        return tuple(Candidate(t, score / 100) for t, score, _ in process.extract(
            token, self._sorted, scorer=fuzz.ratio, score_cutoff=_TOKEN_CUTOFF, limit=4))


def _is_kazakh_name(text: str, entry: IndexedName) -> bool:
    """Whether a name variant is Kazakh: the Kazakh name (unless spelled as the Russian one, such as
    "Консультант"), or a variant written with Kazakh letters."""
    if entry.name_kk != entry.name_ru and text in (entry.name_kk, _BRACKETS.sub("", entry.name_kk)):
        return True
    return not KAZAKH_LETTERS.isdisjoint(text.casefold())
