"""Who may enter the administrative civil service: the walkthrough's steps and verdict as pure functions.

The requirements, questions and route live in ``data/admission.yaml``; the free-text patterns in
``data/admission_phrases.yaml``. Answers are an ordered tuple of ``(step id, option id)`` pairs, oldest
first, so "back" drops the last one and "restart" is the empty tuple. Nothing here knows Telegram.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.datafiles import DataError, iso_date, load_data, localized
from bot.facts import Library, Sourced, load_library
from bot.folding import MAX_CLASSIFIED_CHARS

RULES_FILE = "admission.yaml"
PHRASES_FILE = "admission_phrases.yaml"

Answer = tuple[str, str]
Answers = tuple[Answer, ...]

# Compact form for callback data: one character for a step's index, one for its option's index.
_ALPHABET = string.digits + string.ascii_lowercase


class Effect(StrEnum):
    """What an answer does to the verdict."""

    OK = "ok"
    BLOCK = "block"  # decides "not yet" at once
    UNSURE = "unsure"  # "needs checking" once everything else is answered
    NOTE = "note"  # only shuts a way in without competition


class Outcome(StrEnum):
    MEETS = "meets"
    NOT_YET = "not_yet"
    NEEDS_CHECK = "needs_check"


@dataclass(frozen=True)
class Requirement:
    """A rule the walkthrough checks: the rule as a sourced statement (its act and article, or the press), and
    what to do when it is not met or not sure."""

    id: str
    rule: Sourced
    advice: dict[str, str] | None = None  # what to do when the requirement is not met
    unsure: dict[str, str] | None = None  # how to check when the user is not sure
    min_years: int | None = None
    short: Sourced | None = None  # the rule in a few words, for a first reply

    @property
    def brief(self) -> Sourced:
        """The rule in a few words when the data has them, else the rule."""
        return self.short or self.rule


@dataclass(frozen=True)
class Option:
    id: str
    effect: Effect
    requirement: str | None = None  # overrides the step's requirement
    waiting_years: int | None = None
    within_period: Effect | None = None
    elapsed_years: int | None = None


@dataclass(frozen=True)
class Step:
    id: str
    requirement: str | None
    options: tuple[Option, ...]
    when: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class Way:
    """A way into an administrative post without competition, open to one answer of the status step (the
    1999 law's list: the text says so, and its source says the law was repealed)."""

    id: str
    status: str
    fact: Sourced
    closed_by: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExaminedAct:
    """An act the legislation test asks about, and how many questions."""

    id: str
    questions: int
    name: dict[str, str]


@dataclass(frozen=True)
class LegislationTest:
    """The test's figures under the rules in force until ``until``; ``fact`` is their source and date."""

    questions: int
    minutes: int
    pass_total: int
    pass_per_act: int
    acts: tuple[ExaminedAct, ...]
    until: dt.date
    fact: Sourced


@dataclass(frozen=True)
class Route:
    """What follows a positive verdict: the test, the newer rules, the stages, where vacancies are, what if not."""

    test: LegislationTest
    new_rules: Sourced
    stages: tuple[Sourced, ...]
    vacancies: Sourced
    reserve: Sourced


@dataclass(frozen=True)
class Reason:
    """Why the verdict is what it is: the requirement concerned and the answer that touched it."""

    requirement: Requirement
    effect: Effect
    step: str
    option: str


@dataclass(frozen=True)
class Progress:
    current: int
    total: int


@dataclass(frozen=True)
class Verdict:
    """The walkthrough's state after some answers.

    ``outcome`` is None while questions remain; then ``next_step`` is the question to ask. Once decided,
    ``reasons`` say why (blocks for "not yet", doubts for "needs checking"), ``notes`` carry what
    shapes the route, and ``ways`` the ways in without competition open to this person.
    """

    outcome: Outcome | None
    next_step: Step | None
    progress: Progress
    reasons: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    ways: tuple[Way, ...] = ()
    stopped_early: bool = False

    @property
    def decided(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: verdicts are cached per rule set
class Rules:
    version: int
    requirements: Mapping[str, Requirement]
    steps: tuple[Step, ...]
    ways: tuple[Way, ...]
    route: Route
    caveat: Sourced  # shown under every verdict: which law applies now

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


class InvalidAnswer(ValueError):
    """An answer that does not fit the walkthrough (unknown step or option, or a step not asked now)."""


def _requirement(req_id: str, raw: Mapping[str, Any], where: str, library: Library) -> Requirement:
    where = f"{where}: requirements.{req_id}"
    optional = {key: localized(raw[key], f"{where}.{key}") for key in ("advice", "unsure") if key in raw}
    min_years = raw.get("min_years")
    if min_years is not None and not isinstance(min_years, int):
        raise DataError(f"{where}.min_years: expected a whole number, got {min_years!r}")
    short = library.statement(raw, where, text_key="short") if "short" in raw else None
    return Requirement(id=req_id, rule=library.statement(raw, where, text_key="rule"), min_years=min_years,
                       short=short, **optional)


def _count(raw: Any, key: str, where: str) -> int:
    value = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DataError(f"{where}.{key}: expected a positive whole number, got {value!r}")
    return value


def _route(raw: Any, where: str, library: Library) -> Route:
    where = f"{where}: route"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping")
    test = raw.get("legislation_test") or {}
    twhere = f"{where}.legislation_test"
    acts = tuple(ExaminedAct(id=str(a.get("id")), questions=_count(a, "questions", f"{twhere}.acts[{i}]"),
                           name=localized(a.get("name"), f"{twhere}.acts[{i}].name"))
                 for i, a in enumerate(test.get("acts") or []))
    legislation_test = LegislationTest(
        questions=_count(test, "questions", twhere), minutes=_count(test, "minutes", twhere),
        pass_total=_count(test, "pass_total", twhere), pass_per_act=_count(test, "pass_per_act", twhere),
        acts=acts, until=iso_date(test.get("until"), f"{twhere}.until"),
        fact=library.statement({**test, "text": test.get("note")}, twhere),
    )
    if sum(a.questions for a in acts) != legislation_test.questions:
        raise DataError(f"{twhere}: questions per act must add up to the total")
    stages = raw.get("stages")
    if not isinstance(stages, list) or not stages:
        raise DataError(f"{where}.stages: expected a non-empty list")
    return Route(
        test=legislation_test,
        new_rules=library.statement(raw.get("new_rules"), f"{where}.new_rules"),
        stages=tuple(library.statement(stage, f"{where}.stages[{i}]") for i, stage in enumerate(stages)),
        vacancies=library.statement(raw.get("vacancies"), f"{where}.vacancies"),
        reserve=library.statement(raw.get("reserve"), f"{where}.reserve"),
    )


def _option(raw: Mapping[str, Any], requirements: Mapping[str, Requirement], where: str) -> Option:
    if not isinstance(raw.get("id"), str):
        raise DataError(f"{where}: option id must be a string (quote yes/no/on/off), got {raw.get('id')!r}")
    where = f"{where}.{raw['id']}"
    try:
        effect = Effect(raw.get("effect"))
        within = Effect(raw["within_period"]) if "within_period" in raw else None
    except ValueError as exc:
        raise DataError(f"{where}: {exc}") from exc
    req = raw.get("requirement")
    if req is not None and req not in requirements:
        raise DataError(f"{where}: unknown requirement {req!r}")
    if ("waiting_years" in raw) != (within is not None):
        raise DataError(f"{where}: waiting_years and within_period go together")
    return Option(id=raw["id"], effect=effect, requirement=req, waiting_years=raw.get("waiting_years"),
                  within_period=within, elapsed_years=raw.get("elapsed_years"))


def parse_rules(raw: Any, where: str = RULES_FILE, library: Library | None = None) -> Rules:
    """Validate the admission data and build the rules; a malformed file fails naming the record."""
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), int):
        raise DataError(f"{where}: expected a mapping with an integer 'version'")
    library = library or load_library()
    requirements = {rid: _requirement(rid, body, where, library)
                    for rid, body in (raw.get("requirements") or {}).items()}
    steps: list[Step] = []
    for i, body in enumerate(raw.get("steps") or []):
        sid = body.get("id")
        swhere = f"{where}: steps[{i}] {sid}"
        req = body.get("requirement")
        if req is not None and req not in requirements:
            raise DataError(f"{swhere}: unknown requirement {req!r}")
        options = tuple(_option(o, requirements, swhere) for o in body.get("options") or [])
        if len(options) < 2 or len({o.id for o in options}) != len(options):
            raise DataError(f"{swhere}: needs at least two options with distinct ids")
        if len(options) > len(_ALPHABET):
            raise DataError(f"{swhere}: too many options to encode")
        when: dict[str, frozenset[str]] = {}
        for dep, allowed in (body.get("when") or {}).items():
            earlier = next((s for s in steps if s.id == dep), None)
            if earlier is None or not set(allowed) <= set(earlier.option_ids):
                raise DataError(f"{swhere}: 'when' needs an earlier step and its options: {dep}: {allowed}")
            when[dep] = frozenset(allowed)
        if req is None and any(o.requirement is None and o.effect is not Effect.OK for o in options):
            raise DataError(f"{swhere}: an option with an effect needs a requirement")
        steps.append(Step(id=sid, requirement=req, options=options, when=when))
    if not steps or len({s.id for s in steps}) != len(steps) or len(steps) > len(_ALPHABET):
        raise DataError(f"{where}: steps must be present, with distinct ids")
    by_id = {s.id: s for s in steps}
    ways = []
    for body in raw.get("ways_without_competition") or []:
        wwhere = f"{where}: ways_without_competition.{body.get('id')}"
        closed_by = dict(body.get("closed_by") or {})
        status_step = by_id.get("status")
        if status_step is None or body.get("status") not in status_step.option_ids:
            raise DataError(f"{wwhere}: 'status' must be an option of the status step")
        for sid, oid in closed_by.items():
            if sid not in by_id or oid not in by_id[sid].option_ids:
                raise DataError(f"{wwhere}: closed_by names an unknown answer {sid}: {oid}")
        ways.append(Way(id=body["id"], status=body["status"], fact=library.statement(body, wwhere),
                        closed_by=closed_by))
    return Rules(version=raw["version"], requirements=requirements, steps=tuple(steps), ways=tuple(ways),
                 route=_route(raw.get("route"), where, library),
                 caveat=library.statement(raw.get("caveat"), f"{where}: caveat"))


def load_rules(data_dir: Path | None = None) -> Rules:
    """Read and validate ``data/admission.yaml``."""
    return parse_rules(load_data(RULES_FILE, data_dir), RULES_FILE)


def _applies(step: Step, given: Mapping[str, str]) -> bool:
    return all(given.get(dep) in allowed for dep, allowed in step.when.items())


def applicable_steps(answers: Answers, rules: Rules | None = None) -> tuple[Step, ...]:
    """The steps that apply after these answers, in the order they are asked."""
    rules = rules or RULES
    given = dict(answers)
    return tuple(s for s in rules.steps if _applies(s, given))


def answer(answers: Answers, step_id: str, option_id: str, rules: Rules | None = None) -> Answers:
    """The answers plus one; raises InvalidAnswer if the step is not open now or the option is unknown."""
    rules = rules or RULES
    step = rules.step(step_id)
    given = dict(answers)
    if step is None or step.option(option_id) is None:
        raise InvalidAnswer(f"unknown answer {step_id}: {option_id}")
    if step_id in given or not _applies(step, given):
        raise InvalidAnswer(f"step {step_id} is not open after {answers}")
    return (*answers, (step_id, option_id))


def back(answers: Answers) -> Answers:
    """Undo the latest answer (nothing to undo at the start)."""
    return answers[:-1]


def restart() -> Answers:
    """A walkthrough from the first question."""
    return ()


def validated(answers: Answers, rules: Rules | None = None) -> Answers | None:
    """The answers if replaying them one by one is valid, else None (e.g. from an outdated message)."""
    replay: Answers = ()
    try:
        for step_id, option_id in answers:
            replay = answer(replay, step_id, option_id, rules)
    except InvalidAnswer:
        return None
    return replay


def _reason(rules: Rules, step: Step, option: Option, effect: Effect) -> Reason:
    req_id = option.requirement or step.requirement
    assert req_id is not None, "parse_rules guarantees a requirement for every effect"
    return Reason(requirement=rules.requirements[req_id], effect=effect, step=step.id, option=option.id)


def _closed(way: Way, given: Mapping[str, str]) -> bool:
    return bool(way.closed_by) and all(given.get(sid) == oid for sid, oid in way.closed_by.items())


def ways_not_shut(answers: Answers, rules: Rules | None = None) -> tuple[Way, ...]:
    """Every way in without competition, whoever it is for, except those the answers shut (a transfer
    under an active corruption penalty): the general list shown to someone none of them is for."""
    given = dict(answers)
    return tuple(w for w in (rules or RULES).ways if not _closed(w, given))


def check_eligibility(answers: Answers, rules: Rules | None = None) -> Verdict:
    """Judge the answers given so far.

    A blocking answer decides "not yet" at once, even with questions left (``stopped_early``). Otherwise
    the verdict waits until every applicable step is answered: "needs checking" when any answer was
    unsure, else "meets the basic requirements". Answers must come from ``answer`` or ``validated``.
    The verdict is shared between callers (it is frozen).
    """
    return _judge(answers, rules or RULES)


# A button press judged the same answers three times (next step, count, state) at ~20 µs each; the answers
# a walkthrough can reach are few (9-11 steps of 2-6 options, most paths stop early).
@functools.lru_cache(maxsize=4096)
def _judge(answers: Answers, rules: Rules) -> Verdict:
    given = dict(answers)
    steps = applicable_steps(answers, rules)
    blocks: list[Reason] = []
    doubts: list[Reason] = []
    notes: list[Reason] = []
    for step in steps:
        if step.id not in given:
            continue
        option = step.option(given[step.id])
        assert option is not None
        effect = option.effect
        if option.elapsed_years is not None:
            grounds = next(rules.step(dep).option(given[dep]) for dep in step.when)  # type: ignore[union-attr]
            if grounds is not None and grounds.waiting_years is not None:
                # Inside the waiting period the grounds decide; after it, the caveat still deserves a note.
                within = option.elapsed_years < grounds.waiting_years
                effect = grounds.within_period if within else Effect.NOTE
        if effect is Effect.BLOCK:
            blocks.append(_reason(rules, step, option, effect))
        elif effect is Effect.UNSURE:
            doubts.append(_reason(rules, step, option, effect))
        elif effect is Effect.NOTE:
            notes.append(_reason(rules, step, option, effect))
    answered = sum(1 for s in steps if s.id in given)
    remaining = [s for s in steps if s.id not in given]
    if blocks:
        return Verdict(Outcome.NOT_YET, None, Progress(answered, len(steps)), tuple(blocks), tuple(notes),
                       stopped_early=bool(remaining))
    if remaining:
        return Verdict(None, remaining[0], Progress(answered + 1, len(steps)))
    ways = tuple(w for w in rules.ways if given.get("status") == w.status and not _closed(w, given))
    outcome = Outcome.NEEDS_CHECK if doubts else Outcome.MEETS
    return Verdict(outcome, None, Progress(answered, len(steps)), tuple(doubts), tuple(notes), ways)


def encode_answers(answers: Answers, rules: Rules | None = None) -> str:
    """A short ASCII form of the answers (2 characters each) for a button's callback data."""
    rules = rules or RULES
    out = []
    for step_id, option_id in answers:
        index = next(i for i, s in enumerate(rules.steps) if s.id == step_id)
        out.append(_ALPHABET[index] + _ALPHABET[rules.steps[index].option_ids.index(option_id)])
    return "".join(out)


def decode_answers(text: str, rules: Rules | None = None) -> Answers | None:
    """Answers from ``encode_answers`` output, or None when they do not fit the current rules."""
    rules = rules or RULES
    if len(text) % 2:
        return None
    answers = []
    for i in range(0, len(text), 2):
        s, o = _ALPHABET.find(text[i]), _ALPHABET.find(text[i + 1])
        if not 0 <= s < len(rules.steps) or not 0 <= o < len(rules.steps[s].options):
            return None
        answers.append((rules.steps[s].id, rules.steps[s].options[o].id))
    return validated(tuple(answers), rules)


@dataclass(frozen=True)
class Extraction:
    """Answers read out of a free-text question and the requirements they touch."""

    answers: Answers = ()
    touched: tuple[str, ...] = ()  # requirement ids, in step order
    years: int | None = None  # the age the user stated, if any


@dataclass(frozen=True)
class Phrases:
    age_years: tuple[re.Pattern[str], ...]
    age_minor: tuple[re.Pattern[str], ...]
    citizenship: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]  # (option id, patterns), in order
    # a typed "да" / "жоқ" (casefolded, without a final "." or "!"): the walkthrough asks again with a hint
    bare_replies: frozenset[str] = frozenset()


def _compile(patterns: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not patterns:
        raise DataError(f"{where}: expected a non-empty list of patterns")
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    except re.error as exc:
        raise DataError(f"{where}: bad pattern: {exc}") from exc


def parse_phrases(raw: Any, where: str = PHRASES_FILE) -> Phrases:
    """Compile the free-text patterns; an age pattern without a ``years`` group is an error."""
    try:
        years = _compile(raw["age"]["years"], f"{where}: age.years")
        minor = _compile(raw["age"]["minor"], f"{where}: age.minor")
        cit = raw["citizenship"]
        citizenship = (("other", _compile(cit["other_explicit"], f"{where}: citizenship.other_explicit")),
                       ("kz", _compile(cit["kz"], f"{where}: citizenship.kz")),
                       ("other", _compile(cit["other"], f"{where}: citizenship.other")))
        bare = raw["bare_replies"]
    except (KeyError, TypeError) as exc:
        raise DataError(f"{where}: missing section {exc}") from exc
    if any("years" not in p.groupindex for p in years):
        raise DataError(f"{where}: age.years: every pattern must capture (?P<years>...)")
    if not isinstance(bare, list) or not bare or not all(isinstance(w, str) and w.strip() for w in bare):
        raise DataError(f"{where}: bare_replies: expected a non-empty list of words")
    return Phrases(age_years=years, age_minor=minor, citizenship=citizenship,
                   bare_replies=frozenset(w.strip().casefold() for w in bare))


def load_phrases(data_dir: Path | None = None) -> Phrases:
    """Read and compile ``data/admission_phrases.yaml``."""
    return parse_phrases(load_data(PHRASES_FILE, data_dir), PHRASES_FILE)


def _stated_years(text: str, phrases: Phrases) -> int | None:
    for pattern in phrases.age_years:
        match = pattern.search(text)
        if match and 0 < int(match["years"]) <= 120:
            return int(match["years"])
    return None


def extract_answers(text: str, rules: Rules | None = None, phrases: Phrases | None = None) -> Extraction:
    """Answers a free-text message already gives (age, citizenship) and the requirements they touch.

    "мне 17 лет" gives the age step's "minor"; "Ресей азаматымын" the citizenship step's "other".
    Text that states nothing gives an empty extraction. Like a question's topic, it is read from the text's start
    (``MAX_CLASSIFIED_CHARS``): two dozen patterns over a whole pasted letter took 6 ms.
    """
    rules = rules or RULES
    phrases = phrases or PHRASES
    text = text[:MAX_CLASSIFIED_CHARS]
    found: dict[str, str] = {}
    for option_id, patterns in phrases.citizenship:
        if any(p.search(text) for p in patterns):
            found["citizenship"] = option_id
            break
    years = _stated_years(text, phrases)
    min_years = rules.requirements["age_min"].min_years or 18
    if years is not None:
        found["age"] = "minor" if years < min_years else "adult"
    elif any(p.search(text) for p in phrases.age_minor):
        found["age"] = "minor"
    ordered = tuple((s.id, found[s.id]) for s in rules.steps if s.id in found)
    touched = tuple(dict.fromkeys(
        rules.step(sid).option(oid).requirement or rules.step(sid).requirement  # type: ignore[union-attr]
        for sid, oid in ordered))
    return Extraction(answers=ordered, touched=touched, years=years)  # type: ignore[arg-type]


def stated_answers(years: int | None = None, citizenship: str | None = None, education: str | None = None,
                   rules: Rules | None = None) -> Extraction:
    """The answers a conversation already gives: an age in years, citizenship ("kz" or "other") and any education
    named ("бакалавр", "колледж"). A stated education is answered "not sure": whether it meets a post's
    qualification requirements depends on the post, which the verdict then says to check."""
    rules = rules or RULES
    found: dict[str, str] = {}
    if citizenship in ("kz", "other"):
        found["citizenship"] = citizenship
    if years is not None:
        found["age"] = "minor" if years < (rules.requirements["age_min"].min_years or 18) else "adult"
    if education is not None:
        found["education"] = "unsure"
    ordered = tuple((s.id, found[s.id]) for s in rules.steps if s.id in found)
    touched = tuple(dict.fromkeys(
        rules.step(sid).option(oid).requirement or rules.step(sid).requirement  # type: ignore[union-attr]
        for sid, oid in ordered))
    return Extraction(answers=ordered, touched=touched, years=years)  # type: ignore[arg-type]


# A question that names none of them ("какие требования") is told these; one about who is not taken ("кого не
# берут": record "asked") the criminal record too, of which the bot's data has no rule.
MAIN_REQUIREMENTS = ("citizenship", "age_min", "education")


def requirements_asked(*, years: int | None = None, citizenship: str | None = None, education: str | None = None,
                       record: str | None = None, language: str | None = None,
                       rules: Rules | None = None) -> tuple[Requirement, ...]:
    """The requirements a question is about: those of the things it names (an age, citizenship, education, a
    criminal record, a language), in that order, else the main ones (and the record, when ``record`` is "asked":
    who is not taken at all)."""
    rules = rules or RULES
    if record == "asked":
        return tuple(rules.requirements[req] for req in (*MAIN_REQUIREMENTS, "record"))
    named = [req for req, value in (("citizenship", citizenship), ("age_min", years), ("education", education),
                                    ("record", record), ("language", language)) if value is not None]
    return tuple(rules.requirements[req] for req in (named or MAIN_REQUIREMENTS))


RULES = load_rules()
PHRASES = load_phrases()
