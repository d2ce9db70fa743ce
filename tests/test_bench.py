"""The bench keeps working (a tiny run reports every scenario in the promised shape; timings are never
asserted), and, as long measurements marked ``slow``, the memory envelope of issues 14 and 17 holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import memory
from bench.scenarios import Text, Varied, code_texts, folded, free_texts, salary_texts

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = {"free-text question", "category code", "salary question", "admission button", "complaint button",
             "rating button", "language switch", "/start of a new user"}


@pytest.mark.slow  # runs the bench end to end: .ci/run's long step
def test_a_small_run_reports_every_scenario_in_the_promised_shape() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--updates", "10", "--block", "5", "--startup-runs", "1",
         "--console-inputs", "20", "--skip-memory", "--json"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300,
        check=True,
    )
    report = json.loads(result.stdout)
    assert set(report) == {"floor_us", "scenarios", "startup_s", "peak_rss_mb", "extra"}
    assert set(report["scenarios"]) == SCENARIOS
    for name, row in report["scenarios"].items():
        assert set(row) == {"median_us", "p99_us", "x_floor", "updates_per_s"}, name
        assert all(value > 0 for value in row.values()), name
        details = report["extra"]["details"][name]
        assert details["updates"] == 10 and details["api_calls_per_update"] >= 1, name
        # Every timed update was answered, none with the error message or a flood-control warning.
        assert not {"error", "throttled", "silent"} & set(details["replies"]), (name, details["replies"])
        # Typed questions report understanding them alone, and the bound it sets with the same reply.
        questions = name in {"free-text question", "category code", "salary question"}
        assert (details["understanding_us"] is not None) is questions, name
        if questions:
            assert details["same_and_understanding_x_floor"] > details["same_reply_us"] / details["floor_mean_us"]
    assert report["extra"]["details"]["/start of a new user"]["first_contacts"] == 10
    assert report["floor_us"] > 0 and report["startup_s"] > 0 and report["peak_rss_mb"] > 0
    assert report["extra"]["console"]["inputs"] == 20


def test_a_text_stream_never_repeats_a_text() -> None:
    for stream in (free_texts(), code_texts(), salary_texts(), Varied([Text("главный специалист", "ru")])):
        texts = [next(stream).text for _ in range(500)]
        assert len({folded(text) for text in texts}) == 500


@pytest.mark.slow
def test_memory_per_user_is_bounded() -> None:
    users = memory.user_growth(30_000)
    assert users["growth_mb"] <= 10, users


@pytest.mark.slow
def test_a_console_that_answered_1000_inputs_stays_within_160_mb() -> None:
    assert memory.console_peak(1000)["peak_rss_mb"] <= 160
