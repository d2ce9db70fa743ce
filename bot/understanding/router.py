"""The question router: a message's topic, the things it names, its language, and how sure that is."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from bot.datafiles import DATA_DIR, DataError, load_data
from bot.register import load_register
from bot.search.results import SearchResult
from bot.understanding.cues import CueSet, weighted
from bot.understanding.entities import (
    Entities,
    Vocabulary,
    default_vocabulary,
    find_post,
    post_query,
    read_entities,
    read_language,
)
from bot.understanding.text import MAX_CLASSIFIED_CHARS, fold, fold_words, words

TOPICS_FILE = "topics.yaml"
UNKNOWN = "unknown"
ALONE_MAX_WORDS = 3
FAMILY, ALONE = "family:", "alone:"  # label prefixes of families' and alone cues in the one cue set

# The things a follow-up may name to continue a conversation's topic ("а в районе?" after a pay question),
# by the topic's family; a thing of another kind starts a new topic.
FOLLOW_UP_THINGS = {
    "pay": frozenset({"position", "code", "level", "political"}),
    "register": frozenset({"position", "code", "level"}),
    "complaint": frozenset({"date", "level"}),
    "admission": frozenset({"age", "education", "citizenship", "record", "language_asked", "level"}),
    "akimat": frozenset({"level"}),
}
# Topics about one post or category: a follow-up that names none is about the conversation's one.
SUBJECT_TOPICS = frozenset({"pay.post", "register.search", "register.code", "register.duties"})
SUBJECT_THINGS = frozenset({"position", "code", "level"})
# What the admission check already knows stays known for the rest of the conversation.
ADMISSION_THINGS = frozenset({"age", "education", "citizenship", "record", "language_asked"})
# A follow-up with no word of its own topic: this many words at most ("а ведущий?", "ал ауылда ше").
FOLLOW_UP_MAX_WORDS = 6


def family_of(topic: str) -> str:
    """ "pay" of "pay.post"; a topic without a dot is its own family."""
    return topic.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Context:
    """What the conversation was about: the previous message's topic and the things named so far."""

    topic: str
    entities: Entities = field(default_factory=Entities)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for FSM storage."""
        return {"topic": self.topic, "entities": self.entities.to_dict()}

    @classmethod
    def from_dict(cls, raw: Any) -> Context | None:
        """Back from ``to_dict``; None for anything else (old or foreign state)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("topic"), str):
            return None
        return cls(raw["topic"], Entities.from_dict(raw.get("entities")))


@dataclass(frozen=True, slots=True)
class Understanding:
    """What a message asks.

    ``topic``: a label of ``data/understanding/topics.yaml`` ("complaint.due_date", "pay.post" …) or "unknown";
    ``guess``: with "unknown", the closest topic if any cue was found, else None; ``entities``: the things named,
    with a follow-up's completed from the context; ``language``: "ru" or "kk" the message is written in, None
    when too short to tell; ``confidence``: 0…1, how far the topic is ahead of the next one (0 for a tie or
    "unknown"); ``follow_up``: the topic was continued from the context; ``scores``: the best topics and
    their scores, best first (for logs and tuning); ``post``: what the register's search found for the post this
    message named (``entities.position``), so that an answer need not search again; when it named none, the
    closest the search came (suggested names, bodies named), if anywhere; None when the search was not needed or
    found nothing near (a follow-up's post comes from the conversation).
    """

    topic: str
    entities: Entities
    language: str | None
    confidence: float
    guess: str | None = None
    follow_up: bool = False
    scores: tuple[tuple[str, float], ...] = ()
    post: SearchResult | None = None

    @property
    def family(self) -> str:
        return family_of(self.topic)

    @property
    def understood(self) -> bool:
        return self.topic != UNKNOWN

    def context(self) -> Context:
        """The context to keep for the next message (the topic, or the guess when unsure)."""
        return Context(self.topic if self.understood else (self.guess or UNKNOWN), self.entities)


@dataclass(frozen=True)
class TopicModel:
    """The cues of every topic and family, compiled."""

    order: tuple[str, ...]  # ties go to the earlier
    family: dict[str, str | None]
    needs_family: frozenset[str]
    cues: CueSet  # topics' cues by topic, families' as FAMILY + family, alone cues as ALONE + topic
    min_score: float
    alone_words: CueSet  # the alone cues again: a message counts them only if each of its words is one
    particles: frozenset[str] = frozenset()  # folded first words of a follow-up that names nothing new
    yields: frozenset[str] = frozenset()  # topics said around a question (a greeting): any other that counts wins

    def read(self, tokens: list[str]) -> Words:
        """What the message's words (folded) are to the topics, before the things it names are known."""
        return Words(self.cues.phrases(tokens),
                     len(tokens) <= ALONE_MAX_WORDS and all(self.alone_words.any_word(tokens)))

    @functools.cached_property
    def topics_of(self) -> dict[str, tuple[str, ...]]:
        """The topics a label of ``cues`` scores for: a topic itself, every topic of a family, an alone cue's topic."""
        topics: dict[str, list[str]] = {}
        for topic in self.order:
            topics.setdefault(topic, []).append(topic)
            topics.setdefault(ALONE + topic, []).append(topic)
            if self.family[topic]:
                topics.setdefault(FAMILY + str(self.family[topic]), []).append(topic)
        return {label: tuple(listed) for label, listed in topics.items()}

    @functools.cached_property
    def rank(self) -> dict[str, int]:
        """Each topic's place in ``order``."""
        return {topic: i for i, topic in enumerate(self.order)}

    def scores(self, words: Words, things: frozenset[str], context: Context | None) -> tuple[dict, dict]:
        """Per topic: the total score and the part from words (not from things named)."""
        found = self.cues.found(words.phrases, things)
        alone = words.alone
        context_family = family_of(context.topic) if context else None
        total: dict[str, float] = {}
        lexical: dict[str, float] = {}
        # only a topic some cue was found for can score (in any order: ``_best`` ranks them)
        for topic in {topic for label in found.score for topic in self.topics_of.get(label, ())}:
            family = self.family[topic]
            family_score = found.score.get(FAMILY + family, 0.0) if family else 0.0
            if topic in self.needs_family and family_score == 0 and family != context_family:
                continue
            extra = found.score.get(ALONE + topic, 0.0) if alone else 0.0
            score = found.score.get(topic, 0.0) + extra + family_score
            if score > 0:
                total[topic] = score
                lexical[topic] = found.lexical.get(topic, 0.0) + extra + family_score
        return total, lexical


class Words(NamedTuple):
    """A message's words as the topic model reads them."""

    phrases: set[int]  # the cue phrases found
    alone: bool  # every word is an alone cue's, and they are few


def read_topic_model(directory: Path | None = None) -> TopicModel:
    """Read and compile ``data/understanding/topics.yaml``."""
    directory = directory or DATA_DIR / "understanding"
    where = str(directory / TOPICS_FILE)
    raw = load_data(TOPICS_FILE, directory)
    try:
        topics: dict[str, dict] = raw["topics"]
        families: dict[str, dict] = raw["families"]
        order = tuple(topics)
        if UNKNOWN not in topics:
            raise DataError(f"{where}: topics must list '{UNKNOWN}'")
        family = {t: (body or {}).get("family") for t, body in topics.items()}
        if any(f is not None and f not in families for f in family.values()):
            raise DataError(f"{where}: a topic names an unknown family")
        topic_cues = [c for t, body in topics.items()
                      for c in weighted({k: v for k, v in (body or {}).items()
                                         if k not in ("family", "needs_family")}, t, where)]
        family_cues = [c for f, body in families.items() for c in weighted(body, f, where)]
        alone = raw.get("alone") or {}
        if any(t not in topics for t in alone):
            raise DataError(f"{where}: alone: unknown topic")
        return TopicModel(
            order=order,
            family=family,
            needs_family=frozenset(t for t, body in topics.items() if (body or {}).get("needs_family")),
            cues=CueSet([*topic_cues, *((FAMILY + f, w, c) for f, w, c in family_cues),
                         *((ALONE + t, raw.get("alone_weight", 5), c) for t, cues in alone.items() for c in cues)],
                        where),
            min_score=float(raw["min_score"]),
            alone_words=CueSet(((t, 1, c) for t, cues in alone.items() for c in cues), where),
            particles=frozenset(w for p in raw.get("follow_up_particles") or () for w in words(fold(str(p)))[:1]),
            yields=frozenset(raw.get("yields") or ()),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{where}: missing or malformed section: {exc}") from exc


@cache
def default_topic_model() -> TopicModel:
    return read_topic_model()


def _continued(topic: str, entities: Entities) -> str:
    """The topic a follow-up continues the conversation's ``topic`` with, given what it names."""
    family = family_of(topic)
    named = entities.named()
    if family == "pay":
        if entities.political and not ({"position", "code"} & named):
            return "pay.political"
        return "pay.post" if {"position", "code"} & named else topic
    if family == "register":
        if entities.code:
            return "register.code"
        if entities.position:
            return topic if topic == "register.duties" else "register.search"
        return topic
    if family == "complaint" and entities.date:
        return "complaint.due_date"
    if family == "admission" and ADMISSION_THINGS & named:
        return "admission.eligibility"
    return topic


# The search for a post (~50 µs) is skipped when another topic is already clear by this much.
CLEAR_SCORE = 4.0
# offtopic too: "главный специалист налогового управления" is a post of the register, not taxes
POST_FAMILIES = frozenset({"pay", "register", "offtopic"})


def _post_may_matter(total: dict[str, float], model: TopicModel, context: Context | None) -> bool:
    """Whether a post named could change the topic: the message is about pay, the register or no subject of the bot,
    or is a greeting, the conversation was about pay or the register, or no topic is clear yet."""
    if context is not None and family_of(context.topic) in POST_FAMILIES:
        return True
    ranked = _best(total, model)
    return (not ranked or ranked[0][1] < CLEAR_SCORE or family_of(ranked[0][0]) in POST_FAMILIES
            or ranked[0][0] in model.yields)  # "добрый день, ведущий специалист …": the greeting yields to a post


def _best(total: dict[str, float], model: TopicModel, yields: frozenset[str] = frozenset(),
          min_score: float = 0.0) -> list[tuple[str, float]]:
    """The topics best first (ties to the earlier); a topic that yields goes after every other that counts."""
    rank = model.rank
    others_count = any(s >= min_score for t, s in total.items() if t not in yields)
    return sorted(total.items(), key=lambda item: (others_count and item[0] in yields, -item[1], rank[item[0]]))


def understand(text: str, today: date, context: Context | None = None, *,
               model: TopicModel | None = None, vocabulary: Vocabulary | None = None) -> Understanding:
    """What ``text`` asks, judged on ``today`` (for dates), continuing ``context`` when it is a follow-up.

    Only the first ``MAX_CLASSIFIED_CHARS`` characters are read, so the work per message is bounded.
    """
    model = model or default_topic_model()
    vocabulary = vocabulary or default_vocabulary()
    text = text[:MAX_CLASSIFIED_CHARS]
    raw_tokens, tokens = fold_words(text)
    named = read_entities(text, today, raw_tokens, tokens, vocabulary, position=False)
    language = read_language(text, tokens, vocabulary)
    words = model.read(tokens)
    total, lexical = model.scores(words, named.named(), context)
    post: SearchResult | None = None
    if _post_may_matter(total, model, context) and not (named.code or named.political):
        position, post = find_post(text, raw_tokens, tokens, vocabulary)
        if position:
            named = replace(named, position=position)
            total, lexical = model.scores(words, named.named(), context)
    ranked = _best(total, model, model.yields, model.min_score)
    best, best_score = ranked[0] if ranked else (UNKNOWN, 0.0)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    scores = tuple((t, round(s, 2)) for t, s in ranked[:4])

    if context is not None and context.topic != UNKNOWN and lexical.get(best, 0.0) < model.min_score:
        # no word of a topic of its own: a follow-up if it is short and names only what the context's topic takes
        things = named.named()
        allowed = FOLLOW_UP_THINGS.get(family_of(context.topic), frozenset())
        bare = not things and bool(tokens) and tokens[0] in model.particles  # "а в 2027?", not "фывапр"
        if len(tokens) <= FOLLOW_UP_MAX_WORDS and things <= allowed | {"political"} and (things & allowed or bare):
            topic = _continued(context.topic, named)
            return Understanding(topic, _completed(topic, named, context), language, 0.8, follow_up=True,
                                 scores=scores, post=post)

    if best_score < model.min_score:
        return Understanding(UNKNOWN, named, language, 0.0, guess=best if ranked else None, scores=scores, post=post)
    confidence = round((best_score - second) / best_score * min(1.0, best_score / 5), 2)
    # a question of its own takes the conversation's post only when it names no other thing ("а зарплата?", not
    # "зарплата космонавта": a post the register lacks is still that post)
    other = any(not drop and not level for token, drop, level in zip(
        tokens, vocabulary.not_position.any_word(tokens), vocabulary.levels.any_word(tokens), strict=True))
    completed = _completed(best, named, context, subject=not other)
    return Understanding(best, completed, language, confidence, scores=scores, post=post)


def _completed(topic: str, named: Entities, context: Context | None, subject: bool = True) -> Entities:
    """The things of ``topic`` a follow-up leaves out, taken from the conversation (its post and level only when
    ``subject``)."""
    if context is None:
        return named
    earlier = context.entities
    if topic in SUBJECT_TOPICS and family_of(context.topic) in ("pay", "register"):
        if named.position and not named.code and earlier.position:
            named = replace(named, position=_in_place_of(named.position, earlier.position))
        if named.position or named.code:
            return named.over(earlier, frozenset({"level"}))
        return named.over(earlier, SUBJECT_THINGS) if subject else named
    if family_of(topic) == "admission":
        return named.over(earlier, ADMISSION_THINGS)
    if family_of(topic) == family_of(context.topic) and family_of(topic) in ("pay", "akimat"):
        return named.over(earlier, frozenset({"level"}))
    return named


def _in_place_of(position: str, earlier: str) -> str:
    """A follow-up's one word put in place of the first word of the conversation's post, when the register has that
    post ("а главный?" after "ведущий специалист": "главный специалист"; "а советник?" after "помощник акима
    района": "советник акима района"); else the word as it is (a kind of post: "советник")."""
    new, old = position.split(), earlier.split()
    if len(new) != 1 or len(old) < 2 or words(fold(new[0]))[:1] == words(fold(old[0]))[:1]:
        return position
    result = load_register().search(" ".join([*new, *old[1:]]))
    if result.kind != "positions" or not result.matches:
        return position
    stem = "".join(words(fold(new[0])))[:4]
    top = result.matches[0]
    named = (w for name in (top.name_ru, top.name_kk) for w in words(fold(name)))
    return " ".join([*new, *old[1:]]) if stem and any(w.startswith(stem) for w in named) else position


def post_search(understanding: Understanding) -> SearchResult | None:
    """What the register says about the category code or the post a question names, or its conversation named
    (with the level named apart: "а в районе?"): the search ``understand`` already made when the words are the
    message's own, else a search now; None when neither is named."""
    entities = understanding.entities
    if entities.code:
        return load_register().search(entities.code)
    query = post_query(entities)
    if not query:
        return None
    found = understanding.post
    return found if found is not None and found.query == query else load_register().search(query)
