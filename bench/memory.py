"""Start-up and memory, each measured in a fresh process.

- start-up: ``python -m bot console --jsonl`` from process start until its reply to /start is read;
- console peak RSS: the same console after it answered 1,000 varied inputs (VmHWM);
- user growth: the production dispatcher (flood control, pacing, logging at INFO) answering /start and one
  question from each of 30,000 new users; RSS at 1,000 users and at 30,000 (``python -m bench.memory users``);
- webhook burst: ``python -m bot webhook`` as shipped, against a fake Bot API served here over HTTP, gets
  2,000 updates from 200 users as fast as Telegram's 40 webhook connections would post them; its RSS
  before, its RSS once every reply has gone out (Telegram's pace, ~25 messages a second), and its peak.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WARM_QUESTIONS = 10  # questions each of the first thousand users asks before the first figure


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a bot process: no settings of the developer's, the repository importable."""
    drop = {"BOT_TOKEN", "WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_HOST", "WEBHOOK_PORT", "DATABASE_PATH",
            "TELEGRAM_API_BASE", "ADMIN_IDS", "LOG_LEVEL"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def proc_status_mb(pid: int | str, field: str) -> float:
    """A memory figure of /proc/<pid>/status (VmRSS, VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no {field} for process {pid}")


# ---------------------------------------------------------------- the console


def console_run(lines: Sequence[str]) -> tuple[float, float, int]:
    """Type ``lines`` into a fresh ``python -m bot console --jsonl``.

    Returns seconds from process start to the first reply, the peak RSS (VmHWM, MB) once every line is
    answered, and how many reply lines were printed.
    """
    workdir = tempfile.mkdtemp(prefix="gosbot-bench-console-")  # no .env here: offline settings
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "console", "--jsonl"], cwd=workdir, env=child_env(),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(lines[0] + "\n")
        proc.stdin.flush()
        printed = 1 if proc.stdout.readline() else 0
        ready = time.perf_counter() - start
        if not printed:
            raise RuntimeError("the console printed nothing")
        for line in lines[1:]:  # one at a time, as a person types: the pipe never fills up
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            if not proc.stdout.readline():
                break
            printed += 1
        peak = proc_status_mb(proc.pid, "VmHWM")
        proc.stdin.close()
        proc.stdout.read()
        proc.wait(timeout=30)
        return ready, peak, printed
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def startup(runs: int) -> dict[str, Any]:
    """Seconds from process start to the console's reply to /start, median of ``runs`` fresh processes."""
    seconds = [console_run(["/start"])[0] for _ in range(max(1, runs))]
    return {"seconds": round(statistics.median(seconds), 2), "runs": len(seconds),
            "all": [round(s, 2) for s in seconds]}


def console_peak(inputs: int) -> dict[str, Any]:
    """Peak RSS of a console that answered ``inputs`` varied lines (questions, codes, pay, presses)."""
    from bench.scenarios import console_inputs

    lines = console_inputs(inputs)
    _, peak, printed = console_run(lines)
    if printed != len(lines):
        raise RuntimeError(f"the console answered {printed} of {len(lines)} inputs")
    return {"peak_rss_mb": round(peak, 1), "inputs": len(lines)}


# ---------------------------------------------------------------- users


def user_growth(users: int, first: int = 1000) -> dict[str, Any]:
    """RSS of the production dispatcher at ``first`` users and at ``users`` (a fresh process)."""
    out = subprocess.run([sys.executable, "-m", "bench.memory", "users", "--users", str(users), "--first", str(first)],
                         cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True).stdout
    return json.loads(out)


async def grow(users: int, first: int, trace: int = 0, warm: int = WARM_QUESTIONS) -> dict[str, Any]:
    """In this process: /start and one varied question from each of ``users`` new users.

    The first ``first`` users ask ``warm`` questions more each, so the bounded caches (search memos,
    rendered views) are as full as in a bot that has been up a while: what grows after that is per user.
    ``trace``: also print to stderr the ``trace`` places whose allocations grew most between the two figures
    (tracemalloc; slows the run down severalfold).
    """
    from bench.run import Side, VirtualClock, bench_bot, bench_settings, startup_data
    from bench.scenarios import free_texts
    from bench.session import TelegramServer
    from bench.updates import Updates
    from bot.runtime.app import create_dispatcher
    from bot.runtime.logs import setup_logging
    from bot.storage import Database

    workdir = Path(tempfile.mkdtemp(prefix="gosbot-bench-users-"))
    settings = bench_settings(workdir)
    with open(os.devnull, "w") as devnull:
        setup_logging(settings, devnull)
        db = Database(workdir / "bot.sqlite3")
        try:
            dp = await create_dispatcher(settings, db, flood_control=True)
            bot, session = bench_bot(settings, VirtualClock(), TelegramServer(kept_messages=0))
            await dp.emit_startup(**startup_data(dp, bot))
            side, make = Side(dp, bot, session), Updates()
            stream = free_texts()
            texts = [next(stream).text for _ in range(users)]  # made before the first figure: not the bot's
            warmers = [make.person() for _ in range(first)]
            for n in range(warm * first):  # one question a user at a time: nobody exceeds flood control
                await side.feed(make.text(warmers[n % first], next(stream).text))
                session.server.take()
            del stream
            rss: dict[int, float] = {}
            snapshot = None
            if trace:
                tracemalloc.start(8)
            started = time.perf_counter()
            for i, text in enumerate(texts, start=1):
                person = warmers[i - 1] if i <= first else make.person()
                for body in (make.text(person, "/start"), make.text(person, text)):
                    await side.feed(body)
                    session.server.take()
                if i in (first, users) or i % 5000 == 0:
                    gc.collect()
                    rss[i] = round(proc_status_mb("self", "VmRSS"), 1)
                    if trace and i in (first, users):
                        snapshot = print_growth(snapshot, trace)
            seconds = time.perf_counter() - started
            await dp.emit_shutdown(**startup_data(dp, bot))
        finally:
            await db.close()
            shutil.rmtree(workdir, ignore_errors=True)
    return {"from": first, "to": users, "warm_questions": warm * first, "rss_from_mb": rss[first],
            "rss_to_mb": rss[users],
            "growth_mb": round(rss[users] - rss[first], 1), "rss_by_users": rss, "seconds": round(seconds, 1)}


def print_growth(before: tracemalloc.Snapshot | None, top: int) -> tracemalloc.Snapshot:
    """Take a snapshot; if there is an earlier one, print where allocations grew most since (stderr)."""
    now = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    if before is not None:
        for stat in now.compare_to(before, "traceback")[:top]:
            print(f"{stat.size_diff / 1024:9.0f} KiB {stat.count_diff:+8d} blocks", file=sys.stderr)
            for line in stat.traceback.format(limit=8):
                print("    " + line, file=sys.stderr)
    return now


# ---------------------------------------------------------------- the webhook burst


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotAPI:
    """The fake Bot API over HTTP: ``TelegramServer``'s answers, and when the last request came."""

    def __init__(self) -> None:
        from bench.session import TelegramServer

        self.server = TelegramServer(kept_messages=0)
        self.messages = 0
        self.last = time.monotonic()

    async def handle(self, request: Any) -> Any:
        from aiohttp import web

        status, content = self.server.answer(str(request.url), await request.text())
        self.messages += sum(1 for d in self.server.take() if d.message is not None)
        self.last = time.monotonic()
        return web.Response(text=content, status=status, content_type="application/json")


async def webhook_burst(updates: int = 2000, users: int = 200, quiet: float = 3.0,
                        deadline: float = 600.0) -> dict[str, Any]:
    """``python -m bot webhook`` gets ``updates`` updates from ``users`` users at once; its memory around it."""
    import aiohttp
    from aiohttp import web

    from bench.run import BENCH_TOKEN
    from bench.scenarios import code_texts, free_texts, salary_texts
    from bench.updates import Updates

    api = BotAPI()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", api.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    api_port, hook_port = free_port(), free_port()
    await web.TCPSite(runner, "127.0.0.1", api_port).start()
    workdir = Path(tempfile.mkdtemp(prefix="gosbot-bench-burst-"))
    secret = "bench-webhook-secret"
    env = child_env(BOT_TOKEN=BENCH_TOKEN, WEBHOOK_URL="https://bench.invalid", WEBHOOK_SECRET=secret,
                    WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(hook_port), LOG_LEVEL="INFO",
                    TELEGRAM_API_BASE=f"http://127.0.0.1:{api_port}", DATABASE_PATH=str(workdir / "bot.sqlite3"))
    log = open(workdir / "bot.log", "w")  # noqa: SIM115 - the bot writes it until it stops
    proc = subprocess.Popen([sys.executable, "-m", "bot", "webhook"], cwd=workdir, env=env,
                            stdout=subprocess.DEVNULL, stderr=log)
    hook = f"http://127.0.0.1:{hook_port}"
    try:
        async with aiohttp.ClientSession() as client:
            await wait_healthy(client, hook, proc)
            await asyncio.sleep(1.0)  # start-up's own requests (commands, webhook) are done
            before = proc_status_mb(proc.pid, "VmRSS")
            make = Updates()
            streams = [free_texts(), code_texts(), salary_texts()]
            people = [make.person() for _ in range(users)]
            bodies = [make.text(people[n % users], "/start" if n < users else next(streams[n % 3]).text)
                      for n in range(updates)]
            queue: asyncio.Queue[bytes] = asyncio.Queue()
            for body in bodies:
                queue.put_nowait(body)
            started = time.monotonic()
            statuses: dict[int, int] = {}

            async def post() -> None:
                while not queue.empty():
                    body = queue.get_nowait()
                    async with client.post(f"{hook}/webhook", data=body,
                                           headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                                                    "Content-Type": "application/json"}) as resp:
                        statuses[resp.status] = statuses.get(resp.status, 0) + 1

            await asyncio.gather(*(post() for _ in range(40)))  # Telegram's default max_connections
            posted = time.monotonic() - started
            # Every update gets a message: done when all have gone out and nothing more came for a while (or,
            # should flood control have dropped some, when nothing came for far longer than pacing ever waits).
            while time.monotonic() - api.last < (quiet if api.messages >= updates else 10 * quiet):
                if time.monotonic() - started > deadline or proc.poll() is not None:
                    raise RuntimeError(f"the burst did not finish: {api.messages} messages; see the bot's log")
                await asyncio.sleep(0.2)
            seconds = api.last - started
            after = proc_status_mb(proc.pid, "VmRSS")
            peak = proc_status_mb(proc.pid, "VmHWM")
        return {"updates": updates, "users": users, "accepted": statuses.get(200, 0), "posted_s": round(posted, 1),
                "messages": api.messages, "seconds": round(seconds, 1), "rss_before_mb": round(before, 1),
                "rss_after_mb": round(after, 1), "peak_mb": round(peak, 1)}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        await runner.cleanup()
        shutil.rmtree(workdir, ignore_errors=True)


async def wait_healthy(client: Any, url: str, proc: subprocess.Popen[bytes], deadline: float = 60.0) -> None:
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the webhook bot exited with {proc.returncode}")
        with contextlib.suppress(OSError):
            async with client.get(url + "/") as resp:
                if resp.status == 200:
                    return
        await asyncio.sleep(0.2)
    raise RuntimeError("the webhook bot did not answer its health check")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    users = sub.add_parser("users", help="RSS growth from --first to --users users (JSON)")
    users.add_argument("--users", type=int, default=30_000)
    users.add_argument("--first", type=int, default=1000)
    users.add_argument("--warm", type=int, default=WARM_QUESTIONS, help="questions per first user before (10)")
    users.add_argument("--trace", type=int, default=0, metavar="N", help="print the N places that grew most")
    burst = sub.add_parser("burst", help="RSS around a webhook burst (JSON)")
    burst.add_argument("--updates", type=int, default=2000)
    burst.add_argument("--from-users", type=int, default=200)
    args = parser.parse_args(argv)
    if args.what == "users":
        result = asyncio.run(grow(args.users, min(args.first, args.users), args.trace, args.warm))
    else:
        result = asyncio.run(webhook_burst(args.updates, args.from_users))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
