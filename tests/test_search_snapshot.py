"""The search answers every recorded query as it did (tests/search_snapshot.py): speed-ups change no answer."""

from __future__ import annotations

import json

from bot.register import read_register
from tests.search_snapshot import SNAPSHOT_FILE, dump, generated, record


def test_every_answer_is_the_recorded_one() -> None:
    recorded = json.loads(SNAPSHOT_FILE.read_text("utf-8"))
    now = json.loads(dump(record()))
    changed = [(name, old, new) for name in recorded for old, new in zip(recorded[name], now[name], strict=True)
               if old != new]
    assert not changed, (
        f"{len(changed)} answers changed, e.g. {changed[:3]}; if the change is meant, rewrite the snapshot with "
        "`PYTHONPATH=. python -m tests.search_snapshot --write` and say why in the commit")


def test_a_fresh_index_answers_as_the_warm_one() -> None:
    # memo tables (folded words, query stems) never change an answer: a new register, cold, answers the same
    register = read_register()
    recorded = json.loads(SNAPSHOT_FILE.read_text("utf-8"))
    assert json.loads(dump(record(register)))["generated"] == recorded["generated"]


def test_the_generated_queries_are_many_and_varied() -> None:
    queries = generated(read_register())
    assert len(queries) >= 1800 and len(set(queries)) > 1500
    assert any(len(q) > 200 for q in queries) and any("😀" in q for q in queries)
    assert any(set(q) & set("әғқңөұүһі") for q in queries) and any(q.isupper() for q in queries)
