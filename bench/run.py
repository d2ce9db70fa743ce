"""``python -m bench.run``: the whole bot against aiogram's own floor, with no network.

Every scenario (``bench/scenarios.py``) is fed through the real dispatcher (``create_dispatcher``, the
SQLite storage, every router and middleware) as raw Telegram updates (``Dispatcher.feed_raw_update``, the
webhook path), answered by ``InstantTelegram``. The floor is an echo bot on the same aiogram with the
same session: a text floor (reply with the text) and a press floor (answer the query, edit the message).
Also: search median and p99 per query, start-up to the first reply, and peak RSS of the console process.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import html
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bench.scenarios import Scenario, labelled_queries, scenarios, search_queries
from bench.session import InstantTelegram
from bot.config import load_settings
from bot.i18n import default_i18n
from bot.runtime.app import OFFLINE_TOKEN, create_bot, create_dispatcher
from bot.runtime.console import Conversation, RecordingSession, visible_text
from bot.storage import Database
from handlers.menu import main_menu

ROOT = Path(__file__).resolve().parent.parent
USERS = 50  # returning users the updates come from, half with a Kazakh Telegram
FIRST_USER = 500_000
# Texts that mean the bot did not handle the update itself: the feature is not there (yet).
NOT_HANDLED_KEYS = ("fallback-text", "fallback-stale-message", "fallback-empty")
ERROR_KEY = "error-generic"
TARGETS = {"search_p99_us": 200.0, "startup_s": 1.5, "peak_rss_mb": 120.0}


class NotAvailable(Exception):
    """The scenario's feature is not in this build; the message says what was missing."""


@dataclass
class Row:
    name: str
    kind: str
    status: str = "ok"  # "ok", or why the scenario could not run ("n/a: …", "error: …")
    updates: int = 0
    us_per_update: float | None = None  # CPU time of the process (every thread) per update, mean
    updates_per_s: float | None = None  # what one core sustains: 1e6 / us_per_update
    median_us: float | None = None  # wall-clock latency of one update, median
    p99_us: float | None = None  # wall-clock latency, 99th percentile
    ratio: float | None = None
    target: float | None = None
    api_calls_per_update: float | None = None
    same_reply_us: float | None = None  # aiogram alone making the same Bot API calls for the same update
    own_us: float | None = None  # us_per_update - same_reply_us: the bot's own work (routing, logic, texts)


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    search: dict[str, Any] = field(default_factory=dict)
    startup: dict[str, Any] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- the floor


def floor_dispatcher() -> Dispatcher:
    """aiogram's echo bot: a text gets its text back; a press gets an answer and an edited message."""
    router = Router(name="echo")

    # "buttons" gets one button to press, so the press floor has a message of the bot's to edit; "menu" gets
    # the bot's main menu, to show what a 6-button keyboard costs aiogram on its own.
    keyboards = {
        "buttons": InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="echo", callback_data="echo")]]),
        "menu": main_menu(default_i18n()("ru")),
    }

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(html.escape(message.text or "…"), reply_markup=keyboards.get(message.text or ""))

    @router.callback_query()
    async def echo_press(query: CallbackQuery) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(html.escape(query.data or "…"))

    dp = Dispatcher()
    dp.include_router(router)
    return dp


def instant_bot() -> Bot:
    return Bot(OFFLINE_TOKEN, session=InstantTelegram(),
               default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True))


# ---------------------------------------------------------------- raw updates


def _dump(obj: Any) -> dict[str, Any]:
    return obj.model_dump(mode="json", exclude_none=True, by_alias=True)


class Driver:
    """Users of one dispatcher: untimed set-up through the console's conversation, timed raw updates."""

    def __init__(self, dp: Dispatcher, timed_bot: Bot, setup_bot: Bot) -> None:
        self.dp = dp
        self.timed_bot = timed_bot
        self.chats = [
            Conversation(dp, setup_bot, user_id=FIRST_USER + i, language_code="kk" if i % 2 else "ru")
            for i in range(USERS)
        ]
        self._update_id = 10**8
        self.last_requests: list[Any] = []  # Bot API calls of the newest untimed line
        texts = [default_i18n()(lang) for lang in ("ru", "kk")]
        self.not_handled = {visible_text(t(key)) for t in texts for key in NOT_HANDLED_KEYS}
        self.error = {visible_text(t(ERROR_KEY)) for t in texts}

    def _next_id(self) -> int:
        self._update_id += 1
        return self._update_id

    async def replay(self, chat: Conversation, line: str) -> list[Any]:
        """Run one console-style line untimed, through the recording session."""
        press = _press(line)
        chat.session.requests.clear()
        try:
            if press is None:
                replies = await chat.send(line)
            elif isinstance(press, tuple):
                target = chat.last_with_buttons
                replies = await chat.press_data(press[0], target.message_id if target else None)
            else:
                replies = await chat.press(press)
        except LookupError as exc:
            raise NotAvailable(f"n/a: {exc} after {line!r}") from None
        self.last_requests = list(chat.session.requests)
        _tidy(chat)
        return replies

    def raw(self, chat: Conversation, line: str) -> dict[str, Any]:
        """The update for ``line`` as Telegram would post it, pressing on the chat's newest buttons."""
        press = _press(line)
        if press is None:
            return {"update_id": self._next_id(), "message": _dump(chat.text_message(line))}
        target = chat.last_with_buttons
        if target is None:
            raise NotAvailable(f"n/a: no message with buttons for {line!r}")
        if isinstance(press, tuple):
            data = press[0]
        else:
            try:
                _, button = chat.find_button(press)
            except LookupError as exc:
                raise NotAvailable(f"n/a: {exc}") from None
            if button.callback_data is None:
                raise NotAvailable(f"n/a: button {button.label!r} is a link")
            data = button.callback_data
        message = chat.session.message(chat.user_id, target.message_id)
        query = {"id": str(self._next_id()), "from": _dump(chat.user), "chat_instance": "bench",
                 "data": data, "message": _dump(message) if message else None}
        return {"update_id": self._next_id(), "callback_query": {k: v for k, v in query.items() if v is not None}}

    def verdict(self, replies: Sequence[Any], scenario: Scenario, needs_reply: bool = True) -> str | None:
        """Why the scenario cannot be measured, judged from the replies to one untimed update."""
        texts = [r.text for r in replies]
        if any(t in self.error for t in texts):
            return "error: the bot answered with its error message"
        silent = needs_reply and not texts
        if not scenario.fallback_expected and (silent or any(t in self.not_handled for t in texts)):
            return "n/a: the bot does not handle it yet (fallback answer)"
        return None


def _press(line: str) -> int | str | tuple[str] | None:
    stripped = line.strip()
    if len(stripped) >= 3 and stripped[0] == "<" and stripped[-1] == ">":
        return (stripped[1:-1],)
    if len(stripped) >= 3 and stripped[0] == "[" and stripped[-1] == "]":
        inner = stripped[1:-1]
        return int(inner) if inner.isdigit() else inner
    return None


def _tidy(chat: Conversation) -> None:
    # The recording session keeps every request; keep only the message the next press needs.
    session = chat.session
    session.requests.clear()
    session.replies.clear()
    keep = (chat.user_id, chat.last_with_buttons.message_id) if chat.last_with_buttons else None
    for key in [k for k in session._messages if k[0] == chat.user_id and k != keep]:
        del session._messages[key]


# ---------------------------------------------------------------- timing


async def measure(driver: Driver, scenario: Scenario, n: int, profiler: cProfile.Profile | None = None,
                  dp: Dispatcher | None = None) -> tuple[list[int], list[int], int]:
    """Time ``n`` updates of ``scenario``: CPU and wall nanoseconds per update, and the Bot API calls made."""
    chats = driver.chats
    if not scenario.prepare_each:
        for chat in chats:
            for line in scenario.prepare:
                await driver.replay(chat, line)
    session = driver.timed_bot.session
    assert isinstance(session, InstantTelegram)
    calls_before = session.calls
    cpu = [0] * n
    wall = [0] * n
    gc.collect()
    for i in range(n):
        chat = chats[i % len(chats)]
        if scenario.prepare_each:
            for line in scenario.prepare:
                await driver.replay(chat, line)
        update = driver.raw(chat, scenario.actions[i % len(scenario.actions)])
        if profiler is not None:
            profiler.enable()
        start_cpu, start = time.process_time_ns(), time.perf_counter_ns()
        await (dp or driver.dp).feed_raw_update(driver.timed_bot, update)
        wall[i] = time.perf_counter_ns() - start
        cpu[i] = time.process_time_ns() - start_cpu
        if profiler is not None:
            profiler.disable()
    return cpu, wall, session.calls - calls_before


async def probe(driver: Driver, scenario: Scenario) -> tuple[str | None, list[Any]]:
    """One untimed run of the scenario for every user (first contact, caches): whether it works, and the
    Bot API calls the bot made for the last user's timed line."""
    verdict = None
    calls: list[Any] = []
    for chat in driver.chats:
        try:
            replies = []
            for line in scenario.prepare:
                replies += await driver.replay(chat, line)
            action = await driver.replay(chat, scenario.actions[0])
        except NotAvailable as exc:
            return str(exc)
        calls = driver.last_requests or calls  # the last user's: one-off calls (getMe) are cached by then
        # Set-up that lands on the fallback (a menu item nobody handles yet) also means the feature is missing.
        verdict = verdict or driver.verdict(replies, scenario, needs_reply=False) or driver.verdict(action, scenario)
    return verdict, calls


def same_reply_dispatcher(calls: Sequence[Any]) -> Dispatcher:
    """aiogram alone making exactly the Bot API calls the bot made for one update, whatever arrives."""
    router = Router(name="same-reply")

    async def send_the_same(_: Any, bot: Bot) -> None:
        for method in calls:
            await bot(method)

    router.message.register(send_the_same)
    router.callback_query.register(send_the_same)
    dp = Dispatcher()
    dp.include_router(router)
    return dp


def summarise(row: Row, cpu: list[int], wall: list[int], calls: int) -> None:
    ordered = sorted(wall)
    row.updates = len(cpu)
    row.us_per_update = sum(cpu) / len(cpu) / 1000
    row.updates_per_s = 1e6 / row.us_per_update
    row.median_us = statistics.median(ordered) / 1000
    row.p99_us = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] / 1000
    row.api_calls_per_update = calls / len(cpu)


async def run_updates(n: int, rounds: int, only: str | None = None, profile: str | None = None) -> list[Row]:
    """Every scenario and both floors, ``rounds`` times each, keeping each one's fastest round."""
    settings = load_settings(_env_file=None, bot_token=None)
    workdir = Path(tempfile.mkdtemp(prefix="gosbot-bench-"))
    db = Database(workdir / "bench.sqlite3")
    try:
        dp = await create_dispatcher(settings, db)
        setup_bot = create_bot(settings, session=RecordingSession())
        timed_bot = create_bot(settings, session=InstantTelegram())
        await dp.emit_startup(bot=setup_bot, **dp.workflow_data)
        bot_driver = Driver(dp, timed_bot, setup_bot)
        floor_driver = Driver(floor_dispatcher(), instant_bot(), create_bot(settings, session=RecordingSession()))
        floors = {
            "text": Scenario("floor: echo text", "text", search_queries()),
            "press": Scenario("floor: echo button press", "press", ("<echo>",), prepare=("buttons",)),
            # Not a floor the ratios use: the same echo, replying with the main menu's keyboard.
            "reference": Scenario("reference: echo + menu keyboard", "text", ("menu",)),
        }
        todo = [s for s in scenarios() if only is None or only.casefold() in s.name.casefold()]
        profiler = cProfile.Profile() if profile else None
        rows: dict[str, Row] = {}
        best: dict[str, tuple[list[int], list[int], int]] = {}
        jobs: list[tuple[Driver, Scenario, Dispatcher | None]] = [(floor_driver, s, None) for s in floors.values()]
        for scenario in todo:
            jobs.append((bot_driver, scenario, None))
        same_reply: dict[str, str] = {}  # scenario → its same-reply row
        for driver, scenario, _ in list(jobs):
            row = rows[scenario.name] = Row(scenario.name, scenario.kind, target=scenario.target)
            if driver is floor_driver:
                await _floor_ready(driver, scenario)
                continue
            verdict, calls = await probe(driver, scenario)
            if verdict:
                row.status = verdict
            elif calls:
                twin = f"  aiogram, same reply: {scenario.name}"
                rows[twin] = Row(twin, scenario.kind)
                same_reply[scenario.name] = twin
                jobs.append((driver, Scenario(twin, scenario.kind, scenario.actions, scenario.prepare,
                                              scenario.prepare_each), same_reply_dispatcher(calls)))
        for _ in range(rounds):
            for driver, scenario, dp_override in jobs:
                if rows[scenario.name].status != "ok":
                    continue
                prof = profiler if profile and scenario.name.casefold().startswith(profile.casefold()) else None
                result = await measure(driver, scenario, n, prof, dp_override)
                if scenario.name not in best or sum(result[0]) < sum(best[scenario.name][0]):
                    best[scenario.name] = result
        for name, (cpu, wall, calls) in best.items():
            summarise(rows[name], cpu, wall, calls)
        for scenario in [*todo, floors["reference"]]:
            row, floor = rows[scenario.name], rows[floors[scenario.kind].name]
            if row.us_per_update is not None and floor.us_per_update:
                row.ratio = row.us_per_update / floor.us_per_update
            twin = rows.get(same_reply.get(scenario.name, ""))
            if twin is not None and twin.us_per_update is not None and row.us_per_update is not None:
                row.same_reply_us = twin.us_per_update
                row.own_us = row.us_per_update - twin.us_per_update
                twin.ratio = twin.us_per_update / floor.us_per_update if floor.us_per_update else None
        await dp.emit_shutdown(bot=setup_bot, **dp.workflow_data)
        if profiler is not None:
            if os.environ.get("BENCH_PROFILE_FILE"):  # for snakeviz or pstats
                profiler.dump_stats(os.environ["BENCH_PROFILE_FILE"])
            stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs().sort_stats("tottime")
            stats.print_stats(30)
            stats.sort_stats("cumulative").print_stats(40)
        return list(rows.values())
    finally:
        await db.close()
        shutil.rmtree(workdir, ignore_errors=True)


async def _floor_ready(driver: Driver, scenario: Scenario) -> None:
    for chat in driver.chats:
        for line in scenario.prepare:
            await driver.replay(chat, line)
        await driver.replay(chat, scenario.actions[0])


# ---------------------------------------------------------------- search, start-up, memory


def search_figures() -> dict[str, Any]:
    """Median and p99 microseconds of the core search per query, over the labelled query set."""
    search = _search_function()
    if search is None:
        return {"status": "n/a: no position search on this build"}
    queries = labelled_queries()
    for query, lang in queries:  # first calls fill caches, as a running bot's would be
        search(query, lang)
    timings: list[int] = []
    for _ in range(max(1, 2000 // len(queries))):
        for query, lang in queries:
            start = time.perf_counter_ns()
            search(query, lang)
            timings.append(time.perf_counter_ns() - start)
    timings.sort()
    return {
        "status": "ok", "queries": len(queries), "calls": len(timings),
        "median_us": statistics.median(timings) / 1000,
        "p99_us": timings[min(len(timings) - 1, int(len(timings) * 0.99))] / 1000,
        "max_us": timings[-1] / 1000, "target_p99_us": TARGETS["search_p99_us"],
    }


def _search_function() -> Callable[[str, str], Any] | None:
    """The register's position search (``load_register().search``); None on a build without it."""
    try:
        from bot.register import load_register
    except ImportError:
        return None
    register = load_register()
    return lambda query, lang: register.search(query, lang=lang)


def _console_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "WEBHOOK_URL", "DATABASE_PATH"}}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def console_run(lines: Sequence[str]) -> tuple[float, int, int]:
    """Start ``python -m bot console --jsonl`` in a fresh process and type ``lines``.

    Returns seconds from process start to the first reply, the process's peak RSS in KiB once every line
    is answered, and how many reply lines it printed. The peak is VmHWM from /proc: ``ru_maxrss`` of a child
    also counts the forking parent's peak (Linux carries it across exec), which here is the bench itself.
    """
    workdir = tempfile.mkdtemp(prefix="gosbot-bench-start-")  # no .env here: offline settings
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "console", "--jsonl"], cwd=workdir, env=_console_env(),
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
        proc.stdin.write("".join(line + "\n" for line in lines[1:]))
        proc.stdin.flush()
        while printed < len(lines) and proc.stdout.readline():
            printed += 1
        peak = _peak_rss_kib(proc.pid)
        proc.stdin.close()
        proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return ready, peak or usage.ru_maxrss, printed
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def _peak_rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def dispatcher_build_time() -> float:
    """Seconds a fresh interpreter spends importing the bot and running ``create_dispatcher``."""
    code = (
        "import time; t = time.perf_counter()\n"
        "import asyncio, tempfile, pathlib\n"
        "from bot.runtime.app import create_dispatcher\nfrom bot.config import load_settings\n"
        "from bot.storage import Database\n"
        "async def main():\n"
        "    db = Database(pathlib.Path(tempfile.mkdtemp()) / 'b.sqlite3')\n"
        "    await create_dispatcher(load_settings(_env_file=None, bot_token=None), db)\n"
        "    await db.close()\n"
        "asyncio.run(main()); print(time.perf_counter() - t)\n"
    )
    workdir = tempfile.mkdtemp(prefix="gosbot-bench-build-")
    try:
        out = subprocess.run([sys.executable, "-c", code], cwd=workdir, env=_console_env(), check=True,
                             capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return float(out.strip().splitlines()[-1])


def startup_figures(runs: int) -> dict[str, Any]:
    """Start-up to the first reply (median of ``runs`` fresh processes), and peak RSS after every scenario."""
    workload = ["/start"]
    for scenario in scenarios():
        workload += [line for line in (*scenario.prepare, *scenario.actions[:20]) if not line.startswith("<")]
    workload += search_queries()
    ready = []
    rss_kib = 0
    for _ in range(runs):
        seconds, _, _ = console_run(["/start"])
        ready.append(seconds)
    _, rss_kib, printed = console_run(workload)
    return {
        "ready_s": statistics.median(ready), "ready_runs": runs,
        "ready_measured": "`python -m bot console --jsonl`: process start until the reply to /start is read",
        "dispatcher_build_s": statistics.median(dispatcher_build_time() for _ in range(runs)),
        "dispatcher_build_measured": "fresh interpreter: imports + create_dispatcher (interpreter start excluded)",
        "peak_rss_mb": rss_kib / 1024, "rss_workload_lines": len(workload), "rss_replies": printed,
        "peak_rss_measured": "VmHWM of a console process that answered every scenario's inputs and all queries",
        "target_ready_s": TARGETS["startup_s"], "target_peak_rss_mb": TARGETS["peak_rss_mb"],
    }


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import aiogram

    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "aiogram": aiogram.__version__, "platform": platform.platform(),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


# ---------------------------------------------------------------- output


def _fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def table(report: Report) -> str:
    lines = [
        f"{'scenario':<44} {'CPU µs/upd':>10} {'updates/s':>9} {'× floor':>7} {'target':>6} {'own µs':>7} "
        f"{'wall med':>8} {'wall p99':>8} {'API/upd':>7}",
    ]
    for row in report.rows:
        if row.status != "ok":
            lines.append(f"{row.name:<44} {row.status}")
            continue
        lines.append(
            f"{row.name:<44} {_fmt(row.us_per_update, '.1f'):>10} {_fmt(row.updates_per_s, ',.0f'):>9} "
            f"{_fmt(row.ratio, '.2f'):>7} {_fmt(row.target, '.1f'):>6} {_fmt(row.own_us, '.0f'):>7} "
            f"{_fmt(row.median_us, '.0f'):>8} {_fmt(row.p99_us, '.0f'):>8} {_fmt(row.api_calls_per_update, '.1f'):>7}"
        )
    s = report.search
    if s:
        lines.append("")
        if s.get("status") == "ok":
            lines.append(f"search (core, {s['queries']} queries × {s['calls'] // s['queries']}): median "
                         f"{s['median_us']:.1f} µs, p99 {s['p99_us']:.1f} µs (target ≤ {s['target_p99_us']:.0f})")
        else:
            lines.append(f"search: {s['status']}")
    st = report.startup
    if st:
        lines.append(f"start-up to first reply: {st['ready_s']:.2f} s (median of {st['ready_runs']}; target "
                     f"≤ {st['target_ready_s']}) — {st['ready_measured']}")
        lines.append(f"imports + create_dispatcher: {st['dispatcher_build_s']:.2f} s (median of {st['ready_runs']}, "
                     "fresh interpreter, interpreter start excluded)")
        lines.append(f"peak RSS: {st['peak_rss_mb']:.1f} MB (target ≤ {st['target_peak_rss_mb']:.0f}) — "
                     f"{st['peak_rss_measured']}")
    m = report.machine
    lines.append("")
    lines.append(f"machine: {m['cpus']} × {m['cpu']}, Python {m['python']}, aiogram {m['aiogram']}, {m['date']}")
    cfg = report.settings
    lines.append(f"{cfg['updates']} updates per scenario, fastest of {cfg['rounds']} rounds, {USERS} users. "
                 "× floor: to the echo floor of the same kind (text or press).")
    lines.append("'aiogram, same reply': an aiogram handler making exactly the bot's Bot API calls for that update; "
                 "own µs = the scenario minus it (routing, middleware, logic, texts, keyboards built).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="updates per scenario and round (2000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each scenario keeps its fastest (3)")
    parser.add_argument("--only", help="run only scenarios whose name contains this")
    parser.add_argument("--profile", metavar="NAME", help="cProfile the scenario whose name starts with NAME (stderr)")
    parser.add_argument("--startup-runs", type=int, default=5, help="fresh processes for start-up time (5)")
    parser.add_argument("--skip-startup", action="store_true", help="skip start-up and RSS (subprocesses)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.updates < 1 or args.rounds < 1:
        parser.error("--updates and --rounds must be at least 1")

    import logging

    logging.disable(logging.ERROR)  # the error path is reported per scenario, not logged per update
    report = Report(machine=machine(), settings={"updates": args.updates, "rounds": args.rounds, "users": USERS})
    report.rows = asyncio.run(run_updates(args.updates, args.rounds, args.only, args.profile))
    report.search = search_figures()
    if not args.skip_startup:
        report.startup = startup_figures(args.startup_runs)
    if args.json:
        print(json.dumps({**asdict(report)}, ensure_ascii=False, indent=2))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
