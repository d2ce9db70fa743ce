"""Scoring names against a query's words, and ranking them into an answer.

A name variant scores by how much of the query it matches (60 %) and how much of it the query matched
(40 %); qualifier words it does not spell weigh little, since they only narrow. A name keeps its best
variant. Names at :data:`GOOD_SCORE` or more are matches (within :data:`MARGIN` of the best), names at
:data:`SUGGEST_SCORE` or more are suggestions when nothing matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from itertools import chain
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from bot.search.results import IndexedName, PositionMatch, SearchResult
from bot.search.vocabulary import TokenInfo, Vocabulary

GOOD_SCORE = 70.0
SUGGEST_SCORE = 50.0
MARGIN = 15.0
_WHOLE_CUTOFF = 85.0
_QUALIFIER_DISCOUNT = 0.7  # an unmatched qualifier counts 0.3 of a word
_MIN_CONTENT_COVER = 0.6


class Score(NamedTuple):
    """A name's score for a query (tuples compare: the higher score, then the one that covers)."""

    score: float
    covers: bool  # the name itself spells every qualifier the query named


class Ranked(NamedTuple):
    """A name in the ranking; sorted, the best comes first, ties by name order."""

    negated_score: float
    name: int
    covers: bool

    @property
    def score(self) -> float:
        return -self.negated_score


class Part(NamedTuple):
    """The categories of a name that an answer keeps."""

    indices: tuple[int, ...]  # of the name's categories
    category_codes: tuple[str, ...]
    position_ids: tuple[str, ...]


class Asked(NamedTuple):
    """A query as the ranking reads it."""

    query: str
    limit: int
    scope: frozenset[str] | None  # the groups its qualifiers allow; None: any
    bodies: set[str]  # the kinds of body it names
    words: str  # its tokens, joined by spaces
    truncated: bool  # it was longer than the search reads

    def result(self, kind: Literal["positions", "none"], matches: tuple[PositionMatch, ...] = (),
               suggestions: tuple[PositionMatch, ...] = (), scope_missed: bool = False,
               excluded: tuple[str, ...] = ()) -> SearchResult:
        """The answer ``kind`` to this query, with its scope."""
        scope = tuple(sorted(self.scope)) if self.scope is not None else ()
        return SearchResult(kind, self.query, matches=matches, suggestions=suggestions, scope=scope,
                            scope_missed=scope_missed, excluded=excluded, truncated=self.truncated)


class Ranker:
    """Scores and ranks the ``names`` indexed in ``vocabulary``."""

    def __init__(self, names: Sequence[IndexedName], vocabulary: Vocabulary) -> None:
        self._names = names
        self._vocabulary = vocabulary
        self._keys = list(vocabulary.exact)
        self._sizes = [len(tokens) for tokens in vocabulary.variant_tokens]
        self._variant_keys = [" ".join(tokens) for tokens in vocabulary.variant_tokens]
        self._name_keys: list[list[str]] = [[] for _ in names]  # " key " of each name's variants
        for v, key in enumerate(self._variant_keys):
            self._name_keys[vocabulary.variant_name[v]].append(f" {key} ")

    def scores(self, infos: Sequence[TokenInfo], qualifier_tokens: frozenset[int], asked: str,
               content: str) -> dict[int, Score]:
        """Per name, its best variant's score for the query words ``infos``, of which ``qualifier_tokens`` are
        qualifiers. A name spelled exactly as ``asked`` (the query's tokens) or ``content`` (those that are not
        qualifiers) scores 100; with nothing good, whole strings are compared (glued or badly mistyped words)."""
        scores = self._score_words(infos, qualifier_tokens, len(infos) - len(qualifier_tokens))
        exact, owner = self._vocabulary.exact, self._vocabulary.variant_name
        for v in {*exact.get(asked, ()), *exact.get(content, ())}:
            covers = scores.get(owner[v], Score(0.0, False)).covers or asked == self._variant_keys[v]
            scores[owner[v]] = Score(100.0, covers)
        if not scores or max(s.score for s in scores.values()) < GOOD_SCORE:
            for key, score, _ in process.extract(content, self._keys, scorer=fuzz.ratio, score_cutoff=_WHOLE_CUTOFF,
                                                 limit=3):
                for v in exact[key]:
                    found = Score(score * 0.97, False)
                    if owner[v] not in scores or found > scores[owner[v]]:
                        scores[owner[v]] = found
        return scores

    def _score_words(self, infos: Sequence[TokenInfo], qualifier_tokens: frozenset[int],
                     n_content: int) -> dict[int, Score]:
        """Per name, the best score of its variants that share a word with the content."""
        in_content = self._matched(info for i, info in enumerate(infos) if i not in qualifier_tokens)
        qualifier_infos = [info for i, info in enumerate(infos) if i in qualifier_tokens]
        in_qualifiers = self._matched(qualifier_infos)
        qualifiers_spelled = Counter(chain.from_iterable(map(self._variants, qualifier_infos)))
        n_tokens, n_qualifiers = len(infos), len(qualifier_tokens)
        sizes, owner = self._sizes, self._vocabulary.variant_name
        alike: dict[tuple[float, float, int, int], Score] = {}  # variants that matched alike are scored once
        scores: dict[int, Score] = {}
        for v, content in in_content.items():  # a name matching only qualifiers is not what was asked
            matched = (content, in_qualifiers.get(v, 0.0), qualifiers_spelled.get(v, 0), sizes[v])
            score = alike.get(matched)
            if score is None:
                score = alike[matched] = _name_score(*matched, n_tokens, n_content, n_qualifiers)
            name = owner[v]
            old = scores.get(name)
            if old is None or score > old:
                scores[name] = score
        return scores

    def _matched(self, infos: Iterable[TokenInfo]) -> dict[int, float]:
        """Per variant, the summed similarity of the words of ``infos`` it has (added in the order of the words, so
        that they are always the same floats)."""
        total: dict[int, float] = {}
        postings = self._vocabulary.postings
        for info in infos:
            if len(info.candidates) == 1:  # most words
                token, similarity = info.candidates[0]
                for v in postings[token]:
                    total[v] = total.get(v, 0.0) + similarity
                continue
            best: dict[int, float] = {}  # the best similarity of the word in each variant
            for token, similarity in info.candidates:
                for v in postings[token]:
                    if similarity > best.get(v, 0.0):
                        best[v] = similarity
            for v, similarity in best.items():
                total[v] = total.get(v, 0.0) + similarity
        return total

    def _variants(self, info: TokenInfo) -> Collection[int]:
        """The variants that have a word the token may be."""
        postings = self._vocabulary.postings
        if len(info.candidates) == 1:
            return postings[info.candidates[0].token]
        return {v for candidate in info.candidates for v in postings[candidate.token]}

    def rank(self, asked: Asked, scores: dict[int, Score]) -> SearchResult:
        """What ``scores`` answer: the matches, else the closest names as suggestions."""
        result, ranked = self.matches(asked, scores)
        return result if result is not None else self.unmatched(asked, ranked)

    def matches(self, asked: Asked, scores: dict[int, Score]) -> tuple[SearchResult | None, list[Ranked]]:
        """The names ranked, best first, and the answer if some match (or the register excepts the best one);
        None if none does (see :meth:`unmatched`)."""
        # a name under SUGGEST_SCORE is neither a match nor a suggestion
        ranked = sorted([Ranked(-score, n, covers) for n, (score, covers) in scores.items() if score >= SUGGEST_SCORE])
        if len(ranked) > 1 and ranked[0].negated_score == ranked[1].negated_score <= -GOOD_SCORE:
            # a tie ("начальник отдела областного управления", "облыстық басқарманың бөлім басшысы"):
            # the name whose words stand together in the query is what was asked, the rest is the body
            tied = [item for item in ranked if item.negated_score == ranked[0].negated_score]
            words = f" {asked.words} "
            tied.sort(key=lambda item: not any(key in words for key in self._name_keys[item.name]))
            ranked[:len(tied)] = tied
        matches: list[PositionMatch] = []
        excluded: tuple[str, ...] = ()
        for item in ranked:
            score = item.score
            if (score < GOOD_SCORE or len(matches) == asked.limit
                    or (matches and score < matches[0].score - MARGIN)):
                break
            entry = self._names[item.name]
            part = None  # the name's categories kept; None: all of them
            if asked.scope is not None and not item.covers:
                part = _part(entry, [i for i, g in enumerate(entry.group_codes) if g in asked.scope])
            if asked.bodies and entry.excepted_for:
                # the register excepts this body from some of the name's categories: never claim them
                kept: Sequence[int] = range(len(entry.category_codes)) if part is None else part.indices
                out = [i for i in kept if not asked.bodies.isdisjoint(entry.excepted_for[i])]
                if out:
                    part = _part(entry, [i for i in kept if i not in out])
                    if not matches and not excluded:
                        excluded = tuple(entry.position_ids[i] for i in out)
                        if not part.indices:  # the best name is the exception itself: that is the answer
                            return asked.result("none", excluded=excluded), ranked
            if part is None:
                matches.append(_whole_match(entry, score))
            elif part.indices:
                matches.append(PositionMatch(entry.name_ru, entry.name_kk, part.category_codes, part.position_ids,
                                             round(score, 1)))
        if matches:
            return asked.result("positions", matches=tuple(matches), excluded=excluded), ranked
        return None, ranked

    def unmatched(self, asked: Asked, ranked: list[Ranked]) -> SearchResult:
        """No name matches: the closest ones as suggestions."""
        near = [item for item in ranked[:min(asked.limit, 3)] if item.score >= SUGGEST_SCORE]
        suggestions = tuple(_whole_match(self._names[item.name], item.score) for item in near)
        missed = asked.scope is not None and any(item.score >= GOOD_SCORE for item in near)
        return asked.result("none", suggestions=suggestions, scope_missed=missed)


def _name_score(in_content: float, in_qualifiers: float, qualifiers_spelled: int, size: int, n_tokens: int,
                n_content: int, n_qualifiers: int) -> Score:
    """A variant's score: ``in_content`` and ``in_qualifiers``, the summed similarity of the content and qualifier
    words it matched; ``qualifiers_spelled`` how many of the qualifier words; ``size`` its number of words."""
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
    return Score(score, not unmatched_qualifiers)


def _part(entry: IndexedName, keep: Sequence[int]) -> Part:
    return Part(tuple(keep), tuple([entry.category_codes[i] for i in keep]),
                tuple([entry.position_ids[i] for i in keep]))


def _whole_match(entry: IndexedName, score: float) -> PositionMatch:
    return PositionMatch(entry.name_ru, entry.name_kk, entry.category_codes, entry.position_ids, round(score, 1))
