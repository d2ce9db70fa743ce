"""The labelled questions (tests/data/questions.yaml) through the real dispatcher: the first reply answers the question.

Each of the labelled messages is sent by a user of its own; a follow-up's conversation context is set first through the
public FSM API, as the bot keeps it. The first reply is checked against the item's ``reply_must`` tokens, one checker
per token, each reading the text it expects from the locales and the data. ``python -m tests.handlers.test_questions``
prints the table per topic and language, the misses and the lengths, for tuning.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest
import yaml
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey

from bot.akimat import load_akimat_topics
from bot.appeal_guide import load_appeal_guide
from bot.datafiles import pick
from bot.dates import format_date
from bot.eligibility import RULES
from bot.i18n import Html, Translator, default_i18n
from bot.message_parts import utf16_len
from bot.runtime.console import Reply
from bot.runtime.middlewares import KeptContext, context_store
from bot.salary import load_salaries
from bot.understanding import Context, Entities

QUESTIONS = Path(__file__).parents[1] / "data" / "questions.yaml"
MIN_ACCURACY = 0.95
MIN_TOPIC_ACCURACY = 0.90
DIRECT_MAX_CHARS = 800  # a first reply a phone shows without scrolling
NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 11:00 in Almaty on the set's `today`
SENTINEL = "\x00"
LANG_GROUPS = ("ru", "kk", "kk_plain", "latin", "mixed")


@cache
def labelled() -> dict:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert data["today"] == NOW.date()
    return data


def interface_language(item: dict) -> str:
    """The user's Telegram language: the message's own (a Kazakh question in a Kazakh interface)."""
    said = (item.get("expect") or {}).get("language")
    return said or ("kk" if item["lang"] in ("kk", "kk_plain") else "ru")


# ---------------------------------------------------------------- what a reply must contain


def visible(text: str) -> str:
    """HTML as the user sees it: no tags, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def fragment(t: Translator, key: str, **args: object) -> str:
    """The longest fixed part of a locale text: the text made with a sentinel for every string argument and cut
    there (numbers are given, since they choose the plural)."""
    made = t(key, **{name: (SENTINEL if value is None else value) for name, value in args.items()})
    return max(visible(made).split(SENTINEL), key=len).strip()


def shows(reply: Reply, *texts: str) -> bool:
    """Whether the reply shows any of ``texts`` (HTML or plain)."""
    return any(visible(text).strip() in reply.text for text in texts if visible(text).strip())


def shows_all(reply: Reply, texts: list[str], at_least: int) -> bool:
    return sum(visible(text) in reply.text for text in texts) >= at_least


Check = Callable[[Reply, Translator, str], bool]
REQUIREMENTS = {"age": "age_min", "education": "education", "citizenship": "citizenship", "record": "record",
                "language": "language"}


def _due_date(reply: Reply, t: Translator, value: str) -> bool:
    return format_date(t, date.fromisoformat(value), "long") in reply.text


def _requirement(reply: Reply, t: Translator, value: str) -> bool:
    req = RULES.requirements[REQUIREMENTS[value]]
    return shows(reply, req.brief.pick(t.lang), req.rule.pick(t.lang))


def _prefilled(reply: Reply, t: Translator, value: str) -> bool:
    name = t(f"admission-requirement-{REQUIREMENTS[value]}")
    return shows(reply, fragment(t, "admission-prefilled", requirements=None)) and name in reply.text


def _akimat(topic: str) -> Check:
    def check(reply: Reply, t: Translator, value: str) -> bool:
        found = load_akimat_topics()[topic]
        return shows(reply, *(said[0].pick(t.lang) for said in (found.short, found.statements) if said))
    return check


def _test_lines(t: Translator) -> list[str]:
    """The test's figures as the short answer and the route say them."""
    test = RULES.route.test
    acts = Html(", ".join(f"{html.escape(pick(a.name, t.lang))} ({a.questions})" for a in test.acts))
    return [t(key, questions=test.questions, minutes=test.minutes, acts=acts, pass_total=test.pass_total,
              pass_per_act=test.pass_per_act, until=format_date(t, test.until))
            for key in ("admission-test", "admission-route-test")]


def _no_figure(reply: Reply, t: Translator, value: str) -> bool:
    akims = [s.pick(t.lang) for s in load_akimat_topics()["akims"].statements if s.id == "not_in_register"]
    return shows(reply, t("salary-no-range-one"), t("salary-no-figure"), *akims,
                 fragment(t, "salary-no-range-head", count=1), fragment(t, "salary-no-range-head", count=2),
                 fragment(t, "salary-no-range-codes", codes=None, count=1),
                 fragment(t, "salary-no-range-codes", codes=None, count=2))


CHECKS: dict[str, Check] = {
    "due_date": _due_date,
    "deadline_15": lambda r, t, v: shows(r, load_appeal_guide().deadline_short.pick(t.lang),
                                          load_appeal_guide().deadline("working_days").pick(t.lang),
                                          fragment(t, "calc-ask")),
    "channels": lambda r, t, v: shows_all(r, [pick(c.name, t.lang) for c in load_appeal_guide().channels], 3),
    "contents": lambda r, t, v: shows_all(r, [pick(i, t.lang) for i in load_appeal_guide().contents_items], 3),
    "no_answer_steps": lambda r, t, v: shows(r, load_appeal_guide().escalation[0].pick(t.lang),
                                              load_appeal_guide().no_answer[0].pick(t.lang)),
    "figure": lambda r, t, v: any(x.formatted() in r.text for x in load_salaries().ranges.values()),
    "no_figure": _no_figure,
    "raises": lambda r, t, v: shows(r, *(c.fact.pick(t.lang) for c in load_salaries().context
                                         if c.fact.id == "executive_staff_2026"),
                                    *(f.pick(t.lang) for f in load_salaries().factors if f.id == "factor_point_scale")),
    "political": lambda r, t, v: shows(r, *(t(key) for key in t.keys if key.startswith("salary-political-")
                                            and key != "salary-political-who")),
    "code": lambda r, t, v: v in r.text,
    "card": lambda r, t, v: shows(r, t("positions-match-categories"), t("positions-list-title")),
    "positions_list": lambda r, t, v: shows(r, t("positions-akimat-title")),
    "requirement": _requirement,
    "prefilled": _prefilled,
    "test": lambda r, t, v: shows(r, *_test_lines(t)),
    "probation": lambda r, t, v: shows(r, *(s.pick(t.lang) for s in RULES.route.stages if s.id == "probation")),
    "route": lambda r, t, v: shows_all(r, [s.pick(t.lang) for s in RULES.route.stages], 2),
    "vacancies": lambda r, t, v: shows(r, RULES.route.vacancies.pick(t.lang)),
    "duties_not_in_data": lambda r, t, v: shows(r, t("positions-duties-not-in-data")),
    "kinds": _akimat("servants"),
    "akimat_what": _akimat("what"),
    "akimat_does": _akimat("does"),
    "akims_appointed": _akimat("akims"),
    "contacts": lambda r, t, v: shows(r, load_appeal_guide().where_contacts.pick(t.lang)) and "1414" in r.text,
    "help": lambda r, t, v: shows(r, t("help-text").splitlines()[0], t("unknown-can")),
    "welcome": lambda r, t, v: shows(r, fragment(t, "start-greeting", name=None)),
    "menu": lambda r, t, v: {t("menu-positions"), t("menu-complaint")} <= {b for row in r.labels for b in row},
    "empathy": lambda r, t, v: shows(r, t("venting-reply")),
    "escalation": lambda r, t, v: shows(r, load_appeal_guide().escalation[0].pick(t.lang)),
    "offtopic": lambda r, t, v: shows(r, t("offtopic-jobs").splitlines()[0]),
    "where_to_ask": lambda r, t, v: shows(r, t("offtopic-where")),
    "understood": lambda r, t, v: shows(r, t("unknown-head")),
}


def misses(item: dict, reply: Reply | None, t: Translator) -> list[str]:
    """The tokens of ``reply_must`` the first reply does not satisfy."""
    if reply is None:
        return ["(no reply)"]
    missed = []
    for token in item["reply_must"]:
        name, _, value = str(token).partition(":")
        if not CHECKS[name.strip()](reply, t, value.strip()):
            missed.append(str(token))
    return missed


# ---------------------------------------------------------------- the conversations


@dataclass
class Outcome:
    item: dict
    reply: Reply | None
    missed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missed

    @property
    def length(self) -> int:
        return utf16_len(self.reply.text) if self.reply else 0


async def seed_context(env, user_id: int, raw: dict) -> None:
    """What the conversation was about, kept as the bot keeps it (a follow-up's first message)."""
    context = Context(raw["topic"], Entities.from_dict({k: v for k, v in raw.items() if k != "topic"}))
    key = StorageKey(bot_id=env.bot.id, chat_id=user_id, user_id=user_id)
    state = FSMContext(storage=env.dp.storage, key=key)
    await context_store(state).set_data(KeptContext(context, int(NOW.timestamp())).to_dict())


async def converse(env, items: list[dict], first_user: int = 500_000) -> list[Outcome]:
    env.dp["clock"] = lambda: NOW
    i18n = default_i18n()
    outcomes = []
    for n, item in enumerate(items):
        lang = interface_language(item)
        chat = env.chat(lang, user_id=first_user + n)
        if item.get("context"):
            await seed_context(env, chat.user_id, item["context"])
        replies = await chat.send(item["text"])
        reply = replies[0] if replies else None
        outcomes.append(Outcome(item, reply, misses(item, reply, i18n(lang))))
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    """First-reply accuracy per topic and per language of the message, then every miss."""
    cells: dict[str, Counter] = defaultdict(Counter)
    for o in outcomes:
        for row in (o.item["topic"], "ALL"):
            for column in (o.item["lang"], "all"):
                cells[row][column] += 1
                cells[row][column + "_ok"] += o.ok

    def cell(counter: Counter, column: str) -> str:
        n = counter[column]
        return f"{counter[column + '_ok']}/{n} {counter[column + '_ok'] / n:.0%}" if n else "-"

    columns = (*LANG_GROUPS, "all")
    lines = [f"{'':24}" + "".join(f"{c:>14}" for c in columns)]
    for row in [*sorted(k for k in cells if k != "ALL"), "ALL"]:
        lines.append(f"{row:24}" + "".join(f"{cell(cells[row], c):>14}" for c in columns))
    lines += [f"  MISS {o.item['topic']} {o.item['text']!r}: {', '.join(o.missed)} | "
              f"{(o.reply.text if o.reply else '')[:160]!r}" for o in outcomes if not o.ok]
    return "\n".join(lines)


def lengths(outcomes: list[Outcome]) -> str:
    """The share of first replies within DIRECT_MAX_CHARS, overall and per topic (the longest one named)."""
    by_topic: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_topic[o.item["topic"]].append(o)
    within = sum(o.length <= DIRECT_MAX_CHARS for o in outcomes)
    lines = [f"first replies within {DIRECT_MAX_CHARS} characters: {within}/{len(outcomes)} "
             f"{within / len(outcomes):.1%}"]
    for topic, group in sorted(by_topic.items()):
        longest = max(group, key=lambda o: o.length)
        share = sum(o.length <= DIRECT_MAX_CHARS for o in group) / len(group)
        lines.append(f"  {topic:24} {share:>5.0%} within; median {sorted(o.length for o in group)[len(group) // 2]:>5},"
                     f" longest {longest.length:>5} ({longest.item['text'][:40]!r})")
    return "\n".join(lines)


MIN_SHORT_SHARE = 0.90  # of first replies within DIRECT_MAX_CHARS (cards of a bare post may be longer)
_RUN: list[Outcome] = []  # the labelled conversations, made once for the tests below


@pytest.fixture
async def outcomes(env) -> list[Outcome]:
    if not _RUN:
        _RUN.extend(await converse(env, labelled()["items"]))
    return _RUN


async def test_the_first_reply_answers_the_question(outcomes):
    """95% of all labelled messages and 90% of each topic get a first reply with everything it must contain."""
    right = sum(o.ok for o in outcomes) / len(outcomes)
    per_topic: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        per_topic[o.item["topic"]].append(o.ok)
    worst = {topic: sum(oks) / len(oks) for topic, oks in per_topic.items() if sum(oks) / len(oks) < MIN_TOPIC_ACCURACY}
    assert right >= MIN_ACCURACY and not worst, "\n" + table(outcomes)


async def test_the_first_reply_is_short(outcomes):
    """A phone shows the first reply without scrolling: 90% of them within 800 characters (the register's cards and
    an akimat level's posts are lists, and may be longer)."""
    within = sum(o.length <= DIRECT_MAX_CHARS for o in outcomes) / len(outcomes)
    assert within >= MIN_SHORT_SHARE, "\n" + lengths(outcomes)
    assert all(utf16_len(o.reply.html) <= 4096 for o in outcomes if o.reply)


if __name__ == "__main__":  # pragma: no cover - a tuning aid
    from tests.conftest import start_env

    async def main() -> None:
        import tempfile

        env = await start_env(Path(tempfile.mkdtemp()) / "bot.sqlite3")
        try:
            found = await converse(env, labelled()["items"])
        finally:
            await env.db.close()
        print(table(found))
        print(lengths(found))

    asyncio.run(main())
    sys.exit(0)
