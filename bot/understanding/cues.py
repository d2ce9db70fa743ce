"""Cues: words, phrases and things named, weighted per label, matched over a message's folded words.

The syntax is described in ``data/understanding/topics.yaml``. Matching is linear in the message: each word
is looked up once per prefix length in a dictionary of stems, then only the phrases starting with a found
stem are checked.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.datafiles import DataError
from bot.understanding.text import fold, words

ENTITY_MARK = "#"
WHOLE_MARK = "="
AND = " & "
# a stem longer than this cannot be a prefix of a word we look up in full; words are scanned to this length
MAX_STEM = 24
# a word this short before another of a cue is a particle or preposition, matched whole ("за скол" must not
# find "зарплата сколько"); as a cue's last word it may be a stem ("тек өз")
SHORT_WORD = 2
WORDS_KEPT = 4_096  # words whose keys each cue set keeps (a bounded memo; it changes no answer)

Key = tuple[str, str]  # ("p", stem) a word starting so, ("w", word) that whole word, ("#", thing) a thing named


def _keys(part: str, where: str) -> tuple[Key, ...]:
    keys: list[Key] = []
    for raw in part.split():
        if raw.startswith(ENTITY_MARK):
            keys.append(("#", raw[1:]))
            continue
        whole = raw.endswith(WHOLE_MARK)
        folded = words(fold(raw.rstrip(WHOLE_MARK)))
        if not folded:
            raise DataError(f"{where}: cue word {raw!r} has no letters or digits")
        keys += [("p", w) for w in folded[:-1]]
        keys.append(("w" if whole else "p", folded[-1]))
    keys = [("w", value) if kind == "p" and len(value) <= SHORT_WORD and i < len(keys) - 1 else (kind, value)
            for i, (kind, value) in enumerate(keys)]
    if not keys:
        raise DataError(f"{where}: empty cue")
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class Cue:
    label: str
    weight: float
    phrases: tuple[tuple[Key, ...], ...]  # every one must occur
    entity_only: bool  # found only through things named, no word of the message
    phrase_ids: tuple[int, ...] = ()  # the phrases as numbered in their CueSet


@dataclass(slots=True)
class Found:
    """What a message matched: per label, the summed weight and the part of it that came from words."""

    score: dict[str, float] = field(default_factory=dict)
    lexical: dict[str, float] = field(default_factory=dict)

    def add(self, cue: Cue) -> None:
        self.score[cue.label] = self.score.get(cue.label, 0.0) + cue.weight
        if not cue.entity_only:
            self.lexical[cue.label] = self.lexical.get(cue.label, 0.0) + cue.weight


class Word(NamedTuple):
    """What one folded word is to a cue set."""

    keys: frozenset[Key]  # every stem it starts with, itself if a whole-word cue
    starts: tuple[int, ...]  # the phrases (by number) whose first key is one of ``keys``


class CueSet:
    """Weighted cues of several labels, compiled once."""

    def __init__(self, cues: Iterable[tuple[str, float, str]], where: str) -> None:
        self.cues: list[Cue] = []
        self._prefixes: set[str] = set()
        self._whole: set[str] = set()
        self._number: dict[tuple[Key, ...], int] = {}  # every distinct phrase, numbered
        self._rest: list[tuple[Key, ...]] = []  # by number: the phrase's keys after its first
        self._cues_of_phrase: list[list[int]] = []  # by number: the cues that need the phrase
        self._by_first: dict[Key, list[int]] = {}
        self._things: dict[str, int] = {}  # a thing named alone as a phrase ("#date"): its number
        # what one word is to the cue set: people type the same few thousand words, and each message is matched
        # against several cue sets
        self.read_word = functools.lru_cache(maxsize=WORDS_KEPT)(self._read_word)
        for label, weight, text in cues:
            parts = tuple(_keys(part, f"{where}: {label}: {text!r}") for part in str(text).split(AND))
            entity_only = all(key[0] == "#" for part in parts for key in part)
            index = len(self.cues)
            self.cues.append(Cue(label, float(weight), parts, entity_only, tuple(self._numbered(p) for p in parts)))
            for phrase in parts:
                self._cues_of_phrase[self._number[phrase]].append(index)
                for kind, value in phrase:
                    if kind == "p":
                        if len(value) > MAX_STEM:
                            raise DataError(f"{where}: {label}: stem {value!r} is longer than {MAX_STEM}")
                        self._prefixes.add(value)
                    elif kind == "w":
                        self._whole.add(value)

    def _numbered(self, phrase: tuple[Key, ...]) -> int:
        if phrase not in self._number:
            number = self._number[phrase] = len(self._rest)
            self._rest.append(phrase[1:])
            self._cues_of_phrase.append([])
            self._by_first.setdefault(phrase[0], []).append(number)
            if len(phrase) == 1 and phrase[0][0] == "#":
                self._things[phrase[0][1]] = number
        return self._number[phrase]

    def _read_word(self, word: str) -> Word:
        keys: set[Key] = {("p", word[:n]) for n in range(1, min(len(word), MAX_STEM) + 1)
                          if word[:n] in self._prefixes}
        if word in self._whole:
            keys.add(("w", word))
        return Word(frozenset(keys), tuple(sorted(number for key in keys for number in self._by_first.get(key, ()))))

    def phrases(self, tokens: Sequence[str]) -> set[int]:
        """The phrases (by number) found in ``tokens``, folded words."""
        read = [self.read_word(token) for token in tokens]
        seen: set[int] = set()
        for i, word in enumerate(read):
            for number in word.starts:
                rest = self._rest[number]
                if not rest or (i + len(rest) < len(read) and number not in seen
                                and all(key in read[i + j].keys for j, key in enumerate(rest, 1))):
                    seen.add(number)
        return seen

    def found(self, phrases: set[int], things: Iterable[str] = ()) -> Found:
        """Every cue of ``phrases`` (found by ``phrases``) given the things named (``#date`` …), each counted once."""
        seen = phrases.union(self._things[thing] for thing in things if thing in self._things)
        found = Found()
        counted: set[int] = set()
        cues = self.cues
        for number in seen:
            for index in self._cues_of_phrase[number]:
                cue = cues[index]
                if len(cue.phrase_ids) > 1:  # a cue of one phrase is found once, with it
                    if index in counted or not all(p in seen for p in cue.phrase_ids):
                        continue
                    counted.add(index)
                found.add(cue)
        return found

    def labels(self, tokens: Sequence[str]) -> set[str]:
        """The labels of the cues found in ``tokens`` (folded words), whatever their weights."""
        seen = self.phrases(tokens)
        cues = self.cues
        return {cues[index].label for number in seen for index in self._cues_of_phrase[number]
                if all(p in seen for p in cues[index].phrase_ids)}

    def match(self, tokens: Sequence[str], things: Iterable[str] = ()) -> Found:
        """Every cue found in ``tokens`` (folded words) given the things named (``#date`` …), each counted once."""
        return self.found(self.phrases(tokens), things)

    def any_word(self, tokens: Sequence[str]) -> list[bool]:
        """For each token, whether some cue's word matches it (to drop known words from a sentence)."""
        return [bool(self.read_word(token).keys) for token in tokens]


def weighted(raw: Mapping[object, object], label: str, where: str) -> list[tuple[str, float, str]]:
    """``{weight: [cue, …]}`` of one label as (label, weight, cue) triples."""
    out: list[tuple[str, float, str]] = []
    for weight, cues in raw.items():
        try:
            value = float(weight)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise DataError(f"{where}: {label}: weight {weight!r} is not a number") from exc
        if not isinstance(cues, list):
            raise DataError(f"{where}: {label}: weight {weight!r} needs a list of cues")
        out += [(label, value, str(cue)) for cue in cues]
    return out
