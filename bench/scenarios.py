"""What the bench feeds the bot: one scenario per kind of update a user sends, as console-style lines.

A line is a text message or ``/command``, ``[N]`` or ``[label]`` (press a button of the newest message with
buttons, as in ``python -m bot console``) or ``<data>`` (press a button carrying that callback data on the
newest message with buttons). To add a scenario, append to ``SCENARIOS``; a scenario whose feature is not
there yet (its button is missing, or the bot answers with the fallback) is reported as "n/a".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

QUERY_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "search_queries.yaml"

# Used when the labelled query set is missing: what people type, in both languages, typos included.
SAMPLE_QUERIES: tuple[str, ...] = (
    "главный специалист",
    "бас маман",
    "ведущий специалист акимата района",
    "руководитель отдела",
    "аким сельского округа",
    "жетекші маман",
    "главный спецалист",
    "заместитель акима области",
    "бөлім басшысы",
    "эксперт министерства",
)
CATEGORY_CODES: tuple[str, ...] = ("D-O-4", "E-G-3", "C-O-5", "е-г-3", "B-4", "A-3", "d-r-2", "Е-4")


def labelled_queries() -> list[tuple[str, str]]:
    """(query, language) pairs of the labelled set (``tests/data/search_queries.yaml``), else a built-in sample."""
    records = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8")) if QUERY_FILE.exists() else None
    found = [pair for pair in _queries(records) if pair[0].strip()]
    return found or [(q, "kk" if set(q) & set("әғқңөұүһі") else "ru") for q in SAMPLE_QUERIES]


def search_queries() -> tuple[str, ...]:
    """The texts of ``labelled_queries``."""
    return tuple(q for q, _ in labelled_queries())


def _queries(node: object) -> list[tuple[str, str]]:
    # The set is a list of records (or a mapping holding one); a record's text is under "q" or "query".
    if isinstance(node, dict):
        for key in ("queries", "cases", "items"):
            if isinstance(node.get(key), list):
                return _queries(node[key])
        text = node.get("q", node.get("query"))
        return [(text, str(node.get("lang", "ru")))] if isinstance(text, str) else []
    if isinstance(node, list):
        return [pair for item in node for pair in ([(item, "ru")] if isinstance(item, str) else _queries(item))]
    return []


@dataclass(frozen=True)
class Scenario:
    """One kind of update, timed alone; ``prepare`` runs untimed (once per user, or before every update)."""

    name: str
    kind: Literal["text", "press"]  # which floor it is compared with
    actions: tuple[str, ...]  # the timed update, cycling through these lines
    prepare: tuple[str, ...] = ()
    prepare_each: bool = False  # a flow that moves on with every press is set up again before each one
    target: float | None = None  # the ratio to the floor the issue asks for
    fallback_expected: bool = False  # the scenario measures the fallback itself


def scenarios() -> list[Scenario]:
    """Every scenario, features first; the floor is not one of them."""
    return [
        Scenario("free-text position search", "text", search_queries(), target=1.5),
        Scenario("category code", "text", CATEGORY_CODES),
        Scenario("salary question", "text", ("зарплата главного специалиста", "сколько получает эксперт",
                                             "бас маманның жалақысы", "зарплата D-O-4")),
        Scenario("admission walkthrough button", "press", ("[1]",), prepare=("<m:admission>",),
                 prepare_each=True, target=1.2),
        Scenario("complaint-guide button", "press", ("[1]",), prepare=("<m:complaint>",), target=1.2),
        Scenario("/start", "text", ("/start",)),
        Scenario("/help", "text", ("/help",)),
        Scenario("greeting", "text", ("привет", "сәлем", "спасибо")),
        Scenario("main-menu button (home)", "press", ("<m:home>",), prepare=("/start",), target=1.2),
        Scenario("stale button", "press", ("<zz:old:1>",), prepare=("/start",), fallback_expected=True),
    ]
