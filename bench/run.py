"""``python -m bench.run``: the bot as ``python -m bot polling`` builds it, against aiogram's echo floor.

The bot is ``create_dispatcher(..., flood_control=True)`` on a SQLite file, its ``create_bot`` session
middlewares plus the pacing the Telegram session gets, logging at INFO through ``setup_logging`` (to
/dev/null). Both the bot and the floor talk to ``bench.session.FakeTelegram``: aiogram's own request encoding
and a Telegram-shaped JSON answer parsed by aiogram. Updates arrive as JSON, as from Telegram, and are
parsed and fed like polling feeds them.

Scenarios (``bench/scenarios.py``) make blocks of varied updates. Each block is timed on the bot, on the
floor and on aiogram alone making the bot's own Bot API calls for each update ("same reply"), in turns, all
scenarios taking turns too: the ratio to the floor comes from the same inputs at the same moment. Time is the
CPU time of the whole process (SQLite's thread too) less the fake Telegram's own work; question counts and
misses the bot keeps in memory are written at the end of every block, inside the timing, and shared out over
its updates. For typed questions, understanding each text alone is timed too: with the same reply, it is the
least that any bot understanding these questions and sending these replies through aiogram can spend. Also
measured in fresh processes (``bench/memory.py``): start-up to the first console reply,
peak RSS of a console that answered 1,000 varied inputs, RSS growth from 1,000 to 30,000 users, and RSS
after a 2,000-update burst through the webhook.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import html
import itertools
import json
import logging
import math
import os
import platform
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TextIO

from aiogram import Bot, Dispatcher, Router
from aiogram.methods import TelegramMethod
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from bench import memory
from bench.scenarios import Scenario, scenarios
from bench.session import FakeTelegram, TelegramServer, parse_text
from bench.updates import Person, Updates
from bot.config import Settings, load_settings
from bot.i18n import I18n, default_i18n
from bot.message_parts import text_start
from bot.reminders import almaty_today, utc_now
from bot.runtime.app import create_bot, create_dispatcher
from bot.runtime.logs import setup_logging
from bot.runtime.pacing import PacingMiddleware
from bot.storage import Database
from bot.understanding import understand

BENCH_TOKEN = "1000000:bench-token-not-a-real-one"
BLOCK = 50  # updates a block: the bot and the floor take turns this often
POOL = 400  # returning users per scenario; they rotate, so nobody writes faster than flood control allows
ENVELOPE = {"x_floor": 2.5, "start_updates_per_s": 300.0, "startup_s": 3.0, "peak_rss_mb": 160.0,
            "user_growth_mb": 10.0, "burst_rss_mb": 160.0}
START = "/start of a new user"
# Reply texts that say something went wrong, by what they mean.
REPLY_KINDS = {"error": ("error-generic",), "throttled": ("throttle-slow-down",),
               "fallback": ("fallback-text", "fallback-stale-message", "fallback-empty", "fallback-stale-button")}


# ---------------------------------------------------------------- the bot, the floor, their Bot API


def bench_settings(workdir: Path) -> Settings:
    """Production settings but for the token and the database: a bench token, a fresh file."""
    return load_settings(_env_file=None, bot_token=BENCH_TOKEN, database_path=workdir / "bot.sqlite3",
                         webhook_url=None, admin_ids=frozenset(), log_level="INFO")


class VirtualClock:
    """Pacing decides as in production, on a clock its own waits move forward instead of sleeping them."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits = 0
        self.waited = 0.0

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits += 1
        self.waited += seconds
        self.now += seconds


def bench_bot(settings: Settings, clock: VirtualClock,
              server: TelegramServer | None = None) -> tuple[Bot, FakeTelegram]:
    """A bot from ``create_bot`` on a ``FakeTelegram`` session, with the pacing an AiohttpSession would get."""
    session = FakeTelegram(server or TelegramServer())
    bot = create_bot(settings, session=session)
    session.middleware(PacingMiddleware(clock=clock.time, sleep=clock.sleep))
    return bot, session


def floor_dispatcher() -> Dispatcher:
    """aiogram's echo bot: a text gets its text back; a press gets an answer and its message edited."""
    router = Router(name="echo")

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(html.escape(message.text or "…"))

    @router.callback_query()
    async def echo_press(query: CallbackQuery) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(html.escape(query.data or "…"))

    dp = Dispatcher()
    dp.include_router(router)
    return dp


def same_reply_dispatcher(calls: dict[int, list[TelegramMethod[Any]]]) -> Dispatcher:
    """aiogram alone making, for each update, exactly the Bot API calls the bot made for it."""
    router = Router(name="same-reply")

    async def same_reply(event: TelegramObject, bot: Bot, event_update: Update) -> None:
        for method in calls.pop(event_update.update_id, ()):
            await bot(method)

    router.message.register(same_reply)
    router.callback_query.register(same_reply)
    dp = Dispatcher()
    dp.include_router(router)
    return dp


def startup_data(dp: Dispatcher, bot: Bot) -> dict[str, Any]:
    """What ``start_polling`` gives the startup handlers and every update."""
    return {**dp.workflow_data, "dispatcher": dp, "bots": [bot], "bot": bot}


@dataclass
class Side:
    """A dispatcher with its bot, fed one JSON update at a time and timed."""

    dp: Dispatcher
    bot: Bot
    session: FakeTelegram
    profiler: cProfile.Profile | None = None  # profiles the dispatch: not reading the update, not the requests

    async def feed(self, body: bytes) -> Cost:
        """Handle one update: its CPU nanoseconds, Telegram's part left out."""
        server, client = self.session.server_ns, self.session.client_ns
        started, started_main = time.process_time_ns(), time.thread_time_ns()
        update = Update.model_validate(json.loads(body), context={"bot": self.bot})
        parsed = time.process_time_ns()
        if self.profiler is not None:
            self.profiler.enable()
        await self.dp.feed_update(self.bot, update, dispatcher=self.dp, bots=[self.bot])
        if self.profiler is not None:
            self.profiler.disable()
        main = time.thread_time_ns() - started_main
        spent = time.process_time_ns() - started
        server = self.session.server_ns - server
        return Cost(spent - server, main - server, parsed - started, self.session.client_ns - client)


class Cost(NamedTuple):
    """CPU nanoseconds of one update, Telegram's own work left out."""

    total: float  # the whole process (SQLite's thread too)
    main: float  # the main thread
    parse: float  # reading the update's JSON into aiogram's Update
    requests: float  # aiogram encoding the Bot API requests and parsing Telegram's answers

    def plus(self, share: Cost) -> Cost:
        return Cost(*(a + b for a, b in zip(self, share, strict=True)))


# ---------------------------------------------------------------- users


class Driver:
    """Users of the bot: their updates as Telegram sends them, set-up updates, and what the bot answered."""

    def __init__(self, side: Side, i18n: I18n) -> None:
        self.side = side
        self.i18n = i18n
        self.updates = Updates()
        self.pools: dict[str, list[Person]] = {}
        self.turns: dict[str, itertools.count] = {}
        self.newcomers = 0
        self.tally: Counter[str] = Counter()  # what replies said, of the timed updates
        self.kinds = {kind: tuple(parse_text(i18n(lang)(key), "HTML")[0] for lang in ("ru", "kk") for key in keys)
                      for kind, keys in REPLY_KINDS.items()}

    def newcomer(self) -> Person:
        """A user the bot has never seen."""
        self.newcomers += 1
        return self.updates.person()

    async def returning(self, pool: str, count: int) -> list[Person]:
        """``count`` different users of ``pool`` who have written to the bot before (their /start untimed)."""
        people = self.pools.setdefault(pool, [])
        turn = self.turns.setdefault(pool, itertools.count())
        chosen = []
        for _ in range(count):
            i = next(turn) % POOL
            if i == len(people):
                people.append(self.updates.person())
                await self.untimed(people[i], self.text_update(people[i], "/start"))
            chosen.append(people[i])
        return chosen

    def labels(self, *keys: str) -> set[str]:
        """The button labels of these locale keys, in both languages."""
        return {t(key) for t in (self.i18n("ru"), self.i18n("kk")) for key in keys if t.has(key)}

    @staticmethod
    def buttons(person: Person) -> list[dict[str, Any]]:
        """The callback buttons of the newest message with buttons the bot sent ``person``."""
        markup = (person.keyboard or {}).get("reply_markup", {})
        return [b for row in markup.get("inline_keyboard", ()) for b in row if b.get("callback_data")]

    def text_update(self, person: Person, text: str) -> bytes:
        return self.updates.text(person, text)

    def press_update(self, person: Person, button: dict[str, Any]) -> bytes:
        return self.updates.press(person, button)

    async def untimed(self, person: Person, body: bytes) -> None:
        await self.side.feed(body)
        self.absorb(person, timed=False)

    def absorb(self, person: Person, timed: bool = True) -> None:
        """Read what the bot sent: the user's newest buttons, and whether a timed reply was an error."""
        person.known = True
        deliveries = self.side.session.server.take()
        if timed and not deliveries:
            self.tally["silent"] += 1
        for delivery in deliveries:
            shown = delivery.message["text"] if delivery.message else delivery.notice or ""
            if timed:
                for kind, texts in self.kinds.items():
                    if shown.startswith(texts):
                        self.tally[kind] += 1
            if delivery.message is None or delivery.chat_id != person.id:
                continue
            if delivery.message.get("reply_markup"):
                person.keyboard = delivery.message
            elif person.keyboard and delivery.message["message_id"] == person.keyboard["message_id"]:
                person.keyboard = None  # an edit took the buttons away


# ---------------------------------------------------------------- timing


@dataclass
class Samples:
    """Per-update costs of one scenario on each side, over the same blocks."""

    bot: list[Cost] = field(default_factory=list)
    first_contact: list[float] = field(default_factory=list)  # the bot's updates from users it had never seen
    floor: list[Cost] = field(default_factory=list)
    same_reply: list[Cost] = field(default_factory=list)
    understanding: list[float] = field(default_factory=list)  # understanding the texts alone (text scenarios)
    calls: int = 0
    tally: Counter[str] = field(default_factory=Counter)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def time_bot(driver: Driver, db: Database, block: list[tuple[Person, bytes]], samples: Samples,
                   profiler: cProfile.Profile | None, calls_made: dict[int, list[TelegramMethod[Any]]]) -> None:
    """Time the bot on ``block``; the Bot API calls it made for each update go to ``calls_made``."""
    server = driver.side.session.server
    calls = sum(server.calls.values())
    tally = driver.tally.copy()
    costs, first = [], []
    driver.side.session.profiler = driver.side.profiler = profiler
    for person, body in block:
        first.append(not person.known)
        driver.side.session.recorded = calls_made.setdefault(json.loads(body)["update_id"], [])
        costs.append(await driver.side.feed(body))
        driver.side.session.recorded = None
        driver.absorb(person)
    # What the bot keeps in memory to write later is written now, inside the timing, and shared out.
    started, started_main = time.process_time_ns(), time.thread_time_ns()
    if profiler:
        profiler.enable()
    await driver.side.dp["feedback"].flush()
    await driver.side.dp["users"].flush()
    if profiler:
        profiler.disable()
    driver.side.session.profiler = driver.side.profiler = None
    share = Cost((time.process_time_ns() - started) / len(costs), (time.thread_time_ns() - started_main) / len(costs),
                 0, 0)
    samples.bot += [cost.plus(share) for cost in costs]
    samples.first_contact += [cost.total + share.total for cost, new in zip(costs, first, strict=True) if new]
    samples.calls += sum(server.calls.values()) - calls
    samples.tally += driver.tally - tally


def time_understanding(block: list[tuple[Person, bytes]], into: list[float]) -> None:
    """The CPU time of understanding each typed question of ``block`` on its own, as the bot reads it.

    Timed after the bot answered the block, so the word caches the bot filled are warm: a low estimate. With the
    same reply, it is what any bot that understands these questions spends, however lean the rest of it."""
    today = almaty_today(utc_now())
    for _, body in block:
        text = (json.loads(body).get("message") or {}).get("text") or ""
        if not text or text.startswith("/"):
            continue  # a command is not understood
        started = time.thread_time_ns()
        understand(text_start(text).text, today)
        into.append(time.thread_time_ns() - started)


async def time_side(side: Side, block: list[tuple[Person, bytes]], into: list[Cost]) -> None:
    for _, body in block:
        into.append(await side.feed(body))
        side.session.server.take()


async def run_updates(updates: int, block: int, only: str | None = None, profile: str | None = None,
                      log: TextIO | None = None) -> dict[str, Any]:
    """Every scenario for ``updates`` updates in blocks of ``block``, each block timed on the bot and the floor."""
    workdir = Path(tempfile.mkdtemp(prefix="gosbot-bench-"))
    settings = bench_settings(workdir)
    devnull = open(os.devnull, "w")  # noqa: SIM115 - open while the dispatcher logs
    setup_logging(settings, devnull)
    db = Database(settings.database_path or workdir / "bot.sqlite3")
    clock = VirtualClock()
    try:
        dp = await create_dispatcher(settings, db, flood_control=True)
        bot, session = bench_bot(settings, clock)
        # The floor keeps no messages: its edits echo a button's data and are never "not modified".
        floor_bot, floor_session = bench_bot(settings, clock, TelegramServer(kept_messages=0))
        floor_dp = floor_dispatcher()
        calls_made: dict[int, list[TelegramMethod[Any]]] = {}
        # The same reply edits the bot's messages: it reads them from the bot's Telegram.
        twin_bot, twin_session = bench_bot(settings, clock, TelegramServer(0, known=session.server.messages))
        twin = Side(same_reply_dispatcher(calls_made), twin_bot, twin_session)
        await dp.emit_startup(**startup_data(dp, bot))
        driver = Driver(Side(dp, bot, session), default_i18n())
        floor = Side(floor_dp, floor_bot, floor_session)
        todo = [s for s in scenarios() if only is None or only.casefold() in s.name.casefold()]
        if not todo:
            raise SystemExit(f"no scenario matches {only!r}")
        profiler = cProfile.Profile() if profile else None
        samples = {s.name: Samples() for s in todo}
        for scenario in todo:  # warm-up, not counted: first calls fill what a running bot filled long ago
            warm, updates_of_block = Samples(), await scenario.block(driver, block)
            await time_bot(driver, db, updates_of_block, warm, None, calls_made)
            await time_side(floor, updates_of_block, warm.floor)
            await time_side(twin, updates_of_block, warm.same_reply)
        users_before = driver.newcomers
        rounds = math.ceil(updates / block)
        for number in range(rounds):
            for scenario in todo:
                updates_of_block = await scenario.block(driver, block)
                prof = profiler if profile and scenario.name.casefold().startswith(profile.casefold()) else None
                s = samples[scenario.name]
                # Taking turns: bot, floor, same reply; floor, bot, same reply; bot, same reply, floor.
                if number % 3 == 1:
                    await time_side(floor, updates_of_block, s.floor)
                await time_bot(driver, db, updates_of_block, s, prof, calls_made)
                if number % 3 == 2:
                    await time_side(twin, updates_of_block, s.same_reply)
                if number % 3 != 1:
                    await time_side(floor, updates_of_block, s.floor)
                if number % 3 != 2:
                    await time_side(twin, updates_of_block, s.same_reply)
                if scenario.kind == "text":
                    time_understanding(updates_of_block, s.understanding)
            if log is not None:
                print(f"  round {number + 1}/{rounds}", file=log, end="\r", flush=True)
        await dp.emit_shutdown(**startup_data(dp, bot))
        if profiler is not None:
            print_profile(profiler, sys.stderr)
        users = sum(map(len, driver.pools.values())) + driver.newcomers
        result = summary(todo, samples, block, rounds, clock, users, driver.newcomers - users_before)
        result["settings"]["profiled"] = profile
        return result
    finally:
        await db.close()
        logging.getLogger().handlers.clear()
        devnull.close()
        shutil.rmtree(workdir, ignore_errors=True)


def parts(costs: list[Cost]) -> dict[str, float]:
    """Where a side's mean CPU time per update went: reading the update, aiogram's Bot API requests, other
    threads (SQLite's), and the rest of the main thread (dispatch, middlewares, filters, handlers, logging)."""
    mean = Cost(*(statistics.fmean(values) for values in zip(*costs, strict=True)))
    return {"update_json": round(mean.parse / 1000, 1), "requests": round(mean.requests / 1000, 1),
            "other_threads": round((mean.total - mean.main) / 1000, 1),
            "dispatch_and_handlers": round((mean.main - mean.parse - mean.requests) / 1000, 1)}


def summary(todo: list[Scenario], samples: dict[str, Samples], block: int, rounds: int, clock: VirtualClock,
            users: int, timed_newcomers: int) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    details: dict[str, Any] = {}
    floors: list[float] = []
    for scenario in todo:
        s = samples[scenario.name]
        bot, floor = [c.total for c in s.bot], [c.total for c in s.floor]
        floors += floor
        mean, floor_mean = statistics.fmean(bot), statistics.fmean(floor)
        same_mean = statistics.fmean(c.total for c in s.same_reply)
        understanding = statistics.fmean(s.understanding) if s.understanding else None
        rows[scenario.name] = {
            "median_us": round(statistics.median(bot) / 1000, 1),
            "p99_us": round(percentile(bot, 0.99) / 1000, 1),
            "x_floor": round(mean / floor_mean, 2),
            "updates_per_s": round(1e9 / mean),
        }
        details[scenario.name] = {
            "kind": scenario.kind, "updates": len(bot), "mean_us": round(mean / 1000, 1),
            "floor_mean_us": round(floor_mean / 1000, 1),
            "floor_median_us": round(statistics.median(floor) / 1000, 1),
            "x_floor_of_medians": round(statistics.median(bot) / statistics.median(floor), 2),
            "same_reply_us": round(same_mean / 1000, 1),
            "own_us": round((mean - same_mean) / 1000, 1),
            "understanding_us": None if understanding is None else round(understanding / 1000, 1),
            "same_and_understanding_x_floor": None if understanding is None else round(
                (same_mean + understanding) / floor_mean, 2),
            "first_contacts": len(s.first_contact),
            "first_contact_mean_us": round(statistics.fmean(s.first_contact) / 1000, 1) if s.first_contact else None,
            "api_calls_per_update": round(s.calls / len(bot), 2),
            "parts_us": {side: parts(costs) for side, costs in (("bot", s.bot), ("floor", s.floor),
                                                                ("same_reply", s.same_reply))},
            "replies": dict(s.tally),
        }
    return {
        "floor_us": round(statistics.median(floors) / 1000, 1),
        "scenarios": rows,
        "details": details,
        "settings": {"block": block, "rounds": rounds, "users": users, "first_contacts_timed": timed_newcomers,
                     "paced_waits": clock.waits, "paced_seconds": round(clock.waited, 1)},
    }


# ---------------------------------------------------------------- profile


def print_profile(profiler: cProfile.Profile, out: TextIO) -> None:
    """Where the dispatch's time went (the main thread, without reading updates or the Bot API requests,
    which are timed apart), by package and by function. Wall time: waiting for SQLite's thread shows as
    ``select.epoll``."""
    stats = pstats.Stats(profiler, stream=out)
    by_package: Counter[str] = Counter()
    total = 0.0
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[package_of(filename, function)] += own
        total += own
    print(f"\nown time by package ({total * 1000:.0f} ms profiled):", file=out)
    for name, own in by_package.most_common(25):
        print(f"  {own / total:6.1%}  {own * 1000:8.1f} ms  {name}", file=out)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)


def package_of(filename: str, function: str) -> str:
    if filename == "~":
        return f"built-in: {function.split(' of ')[-1].strip('<>')}" if " of " in function else "built-in"
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].removesuffix(".py")
    for top in ("bot", "handlers", "bench"):
        if top in parts:
            i = len(parts) - 1 - parts[::-1].index(top)
            return ".".join((*parts[i:-1], path.stem))
    return f"stdlib: {path.stem if path.parent.name.startswith('python') else path.parent.name}"


# ---------------------------------------------------------------- report


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

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "aiogram": aiogram.__version__,
            "load_average": [round(x, 2) for x in load] if load else None,
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def verdicts(report: dict[str, Any]) -> dict[str, bool | None]:
    """Each figure of the envelope: met, missed, or None when not measured."""
    extra = report["extra"]

    def within(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    start = report["scenarios"].get(START)
    return {
        "x_floor": all(row["x_floor"] <= ENVELOPE["x_floor"] for row in report["scenarios"].values()),
        "start_updates_per_s": None if start is None else start["updates_per_s"] >= ENVELOPE["start_updates_per_s"],
        "startup_s": within(report["startup_s"], ENVELOPE["startup_s"]),
        "peak_rss_mb": within(report["peak_rss_mb"], ENVELOPE["peak_rss_mb"]),
        "user_growth_mb": within(extra.get("users", {}).get("growth_mb"), ENVELOPE["user_growth_mb"]),
        "burst_rss_mb": within(extra.get("burst", {}).get("rss_after_mb"), ENVELOPE["burst_rss_mb"]),
    }


def table(report: dict[str, Any]) -> str:
    extra = report["extra"]
    lines = [f"{'scenario':<22} {'median':>7} {'p99':>6} {'× floor':>7} {'upd/s':>6}  {'mean':>6} {'floor':>6} "
             f"{'same':>6} {'own':>6} {'first':>6} {'API':>4} {'und':>5} {'s+u ×':>6}  replies"]
    for name, row in report["scenarios"].items():
        d = extra["details"][name]
        replies = ", ".join(f"{k} {v}" for k, v in sorted(d["replies"].items())) or "-"
        first = f"{d['first_contact_mean_us']:.0f}" if d["first_contact_mean_us"] else "-"
        und = "-" if d["understanding_us"] is None else f"{d['understanding_us']:.0f}"
        bound = "-" if d["same_and_understanding_x_floor"] is None else f"{d['same_and_understanding_x_floor']:.2f}"
        lines.append(f"{name:<22} {row['median_us']:>7.0f} {row['p99_us']:>6.0f} {row['x_floor']:>7.2f} "
                     f"{row['updates_per_s']:>6,}  {d['mean_us']:>6.0f} {d['floor_mean_us']:>6.0f} "
                     f"{d['same_reply_us']:>6.0f} {d['own_us']:>6.0f} {first:>6} {d['api_calls_per_update']:>4.1f} "
                     f"{und:>5} {bound:>6}  {replies}")
    lines.append("µs of CPU per update: median, p99 and mean of the bot; floor: the echo bot's mean; same: aiogram "
                 "alone making the bot's Bot API calls; own: mean − same; first: the bot's mean for first contacts;\n"
                 "und: understanding the text alone; s+u ×: (same + und) over the floor, what no bot that understands "
                 "the question and sends this reply through aiogram goes below")
    s = extra["settings"]
    lines += ["", f"floor (median of every floor update): {report['floor_us']:.0f} µs. × floor: mean CPU per update "
                  f"over the floor's mean on the same {s['rounds']} blocks of {s['block']}; {s['users']:,} users, "
                  f"{s['first_contacts_timed']:,} timed first contacts; pacing would have waited "
                  f"{s['paced_seconds']:,} s over {s['paced_waits']:,} messages"]
    if s.get("profiled"):
        lines.append(f"profiled: the scenario starting with {s['profiled']!r}; its figures include cProfile's overhead")
    if report["startup_s"] is not None:
        lines.append(f"start-up to the first console reply: {report['startup_s']:.2f} s "
                     f"(median of {extra['startup']['runs']})")
    if report["peak_rss_mb"] is not None:
        lines.append(f"peak RSS of a console that answered {extra['console']['inputs']:,} varied inputs: "
                     f"{report['peak_rss_mb']:.1f} MB")
    if "users" in extra:
        u = extra["users"]
        lines.append(f"RSS at {u['from']:,} users {u['rss_from_mb']:.1f} MB, at {u['to']:,} users "
                     f"{u['rss_to_mb']:.1f} MB: growth {u['growth_mb']:.1f} MB")
    if "burst" in extra:
        b = extra["burst"]
        lines.append(f"webhook burst of {b['updates']:,} updates from {b['users']} users: "
                     f"RSS {b['rss_before_mb']:.1f} MB before, {b['rss_after_mb']:.1f} MB after, "
                     f"peak {b['peak_mb']:.1f} MB; "
                     f"{b['messages']:,} messages in {b['seconds']:.0f} s")
    missed = [name for name, ok in extra["verdicts"].items() if ok is False]
    lines.append("envelope: " + ("met" if not missed else "MISSED: " + ", ".join(missed)))
    m = extra["machine"]
    lines.append(f"machine: {m['cpus']} × {m['cpu']}, Python {m['python']}, aiogram {m['aiogram']}, "
                 f"load {m['load_average']}, {m['date']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="timed updates per scenario (2000)")
    parser.add_argument("--block", type=int, default=BLOCK, help=f"updates per block ({BLOCK})")
    parser.add_argument("--only", help="run only the scenarios whose name contains this")
    parser.add_argument("--profile", metavar="NAME", help="cProfile the scenario whose name starts with NAME (stderr)")
    parser.add_argument("--startup-runs", type=int, default=5, help="fresh consoles timed to the first reply (5)")
    parser.add_argument("--console-inputs", type=int, default=1000, help="inputs of the peak-RSS console (1000)")
    parser.add_argument("--users", type=int, default=30_000, help="users of the memory-growth run (30000)")
    parser.add_argument("--burst", type=int, default=2000, help="updates of the webhook burst (2000)")
    parser.add_argument("--skip-startup", action="store_true", help="skip start-up time and console RSS")
    parser.add_argument("--skip-memory", action="store_true", help="skip user growth and the webhook burst")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.updates < 1 or args.block < 1:
        parser.error("--updates and --block must be at least 1")

    progress = None if args.json else sys.stderr
    extra: dict[str, Any] = {"machine": machine()}
    timed = asyncio.run(run_updates(args.updates, args.block, args.only, args.profile, progress))
    report: dict[str, Any] = {"floor_us": timed["floor_us"], "scenarios": timed["scenarios"],
                              "startup_s": None, "peak_rss_mb": None, "extra": extra}
    extra.update(details=timed["details"], settings=timed["settings"])
    if not args.skip_startup:
        extra["startup"] = memory.startup(args.startup_runs)
        extra["console"] = memory.console_peak(args.console_inputs)
        report["startup_s"] = extra["startup"]["seconds"]
        report["peak_rss_mb"] = extra["console"]["peak_rss_mb"]
    if not args.skip_memory:
        extra["users"] = memory.user_growth(args.users)
        extra["burst"] = asyncio.run(memory.webhook_burst(args.burst))
    extra["envelope"] = ENVELOPE
    extra["verdicts"] = verdicts(report)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
