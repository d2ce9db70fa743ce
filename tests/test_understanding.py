"""The question router against the labelled set (tests/data/questions.yaml) and its entity readers.

``python -m tests.test_understanding`` prints the accuracy table and every miss (for tuning).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from bot.register import load_register
from bot.understanding import Context, Entities, family_of, understand

QUESTIONS = Path(__file__).parent / "data" / "questions.yaml"
MIN_ACCURACY = 0.95
MIN_TOPIC_ACCURACY = 0.90
KAZAKH_LANGS = {"kk": "kk", "kk_plain": "kk", "ru": "ru"}


@cache
def labelled() -> dict:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def _context(raw: dict | None) -> Context | None:
    if not raw:
        return None
    return Context(raw["topic"], Entities.from_dict({k: v for k, v in raw.items() if k != "topic"}))


def _top_name(query: str) -> str | None:
    result = load_register().search(query)
    return result.matches[0].name_ru if result.kind == "positions" and result.matches else None


def entity_misses(item: dict, got) -> list[str]:
    """The expected things the understanding did not get, as "name: expected != got"."""
    misses = []
    for name, expected in (item.get("expect") or {}).items():
        if name == "language":
            actual = got.language
        elif name == "position":
            actual = got.entities.position
            if actual and _top_name(actual) == _top_name(str(expected)):
                continue
        else:
            actual = getattr(got.entities, name)
        if name != "position" and actual == expected:
            continue
        misses.append(f"{name}: {expected!r} != {actual!r}")
    expected_lang = KAZAKH_LANGS.get(item["lang"])
    if expected_lang and "language" not in (item.get("expect") or {}) and got.language not in (expected_lang, None):
        misses.append(f"language: {expected_lang!r} != {got.language!r}")
    return misses


def run(items: list[dict], today: date) -> list[tuple[dict, object]]:
    return [(item, understand(item["text"], today, _context(item.get("context")))) for item in items]


def table(results: list[tuple[dict, object]]) -> str:
    """Accuracy per topic and per language (tuned / held-out), and every miss."""
    by_topic: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    lines = []
    for item, got in results:
        part = "heldout" if item.get("heldout") else "tuned"
        ok = got.topic == item["topic"]
        for counter in (by_topic[item["topic"]], by_lang[item["lang"]], by_topic["ALL"]):
            counter[part] += 1
            counter[part + "_ok"] += ok
        if not ok:
            lines.append(f"  MISS [{part}] {item['text']!r}: {got.topic} (want {item['topic']}) {got.scores}")
    def cell(counter: Counter, part: str) -> str:
        n = counter[part]
        return f"{counter[part + '_ok']}/{n} {counter[part + '_ok'] / n:.0%}" if n else "-"
    rows = [f"{'':24} {'tuned':>14} {'held-out':>14}"]
    for name, counter in [*sorted(by_topic.items()), *sorted(by_lang.items())]:
        rows.append(f"{name:24} {cell(counter, 'tuned'):>14} {cell(counter, 'heldout'):>14}")
    return "\n".join(rows + lines)


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, object]]:
    data = labelled()
    return run(data["items"], data["today"])


def test_the_set_is_well_formed():
    data = labelled()
    items = data["items"]
    assert len(items) >= 450
    assert {item["topic"] for item in items} == set(data["topics"])
    assert all(item["lang"] in ("ru", "kk", "kk_plain", "latin", "mixed") for item in items)
    assert len({(item["text"], str(item.get("context"))) for item in items}) == len(items)
    assert sum(1 for item in items if item.get("context")) >= 40
    heldout = sum(1 for item in items if item.get("heldout"))
    assert 0.15 <= heldout / len(items) <= 0.25


def test_topic_accuracy(results):
    """95% of all messages and 90% of each topic get the topic their first reply must be about."""
    right = sum(got.topic == item["topic"] for item, got in results)
    per_topic: dict[str, list[bool]] = defaultdict(list)
    for item, got in results:
        per_topic[item["topic"]].append(got.topic == item["topic"])
    worst = {topic: sum(oks) / len(oks) for topic, oks in per_topic.items() if sum(oks) / len(oks) < MIN_TOPIC_ACCURACY}
    assert right / len(results) >= MIN_ACCURACY and not worst, "\n" + table(results)


def test_things_named_are_understood(results):
    """Where the topic is right, the things the reply depends on (date, code, post, age …) are read too."""
    misses = [f"{item['text']!r}: {', '.join(m)}" for item, got in results
              if got.topic == item["topic"] and (m := entity_misses(item, got))]
    assert len(misses) <= len(results) * 0.03, "\n".join(misses)


def test_families_are_topics():
    assert family_of("complaint.due_date") == "complaint"
    assert family_of("greeting") == "greeting"


if __name__ == "__main__":  # pragma: no cover - a tuning aid
    data = labelled()
    res = run(data["items"], data["today"])
    print(table(res))
    for item, got in res:
        if got.topic == item["topic"] and (m := entity_misses(item, got)):
            print(f"  ENTITY {item['text']!r}: {', '.join(m)}")
    sys.exit(0)
