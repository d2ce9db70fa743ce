"""Time Register.search over the labelled queries; prints median and p99 microseconds per query.

Run from the repository root: ``python bench/bench_search.py [rounds]``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.register import load_register

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "search_queries.yaml"


def main(rounds: int = 200) -> None:
    """Search every labelled query ``rounds`` times in shuffled order and report the spread."""
    started = time.perf_counter()
    register = load_register()
    load_ms = (time.perf_counter() - started) * 1000
    queries = [(item["q"], item.get("lang", "ru")) for item in yaml.safe_load(QUERIES.read_text("utf-8"))]
    for query, lang in queries:  # warm-up
        register.search(query, lang=lang)
    wall: list[float] = []
    cpu: list[float] = []
    rng = random.Random(1)
    for _ in range(rounds):
        rng.shuffle(queries)
        for query, lang in queries:
            w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            register.search(query, lang=lang)
            cpu.append((time.thread_time_ns() - c0) / 1000)
            wall.append((time.perf_counter_ns() - w0) / 1000)
    print(f"register load + index build: {load_ms:.1f} ms")
    print(f"{len(wall)} searches over {len(queries)} labelled queries")
    # CPU time is what a search costs; wall time adds whatever else the machine was doing
    for label, timings in (("cpu ", cpu), ("wall", wall)):
        timings.sort()
        p99 = timings[int(len(timings) * 0.99) - 1]
        median = statistics.median(timings)
        print(f"{label}: median {median:.1f} µs, p99 {p99:.1f} µs, max {timings[-1]:.1f} µs")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
