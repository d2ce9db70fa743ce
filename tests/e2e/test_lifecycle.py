"""Starting and stopping the bot as shipped (issue 17, items 3, 4 and 6).

A PaaS sends SIGTERM on every deploy: in polling and in webhook mode the bot finishes the update it is
handling, writes the question counts and misses it keeps in memory, and exits 0. A fatal error at
start-up (a token Telegram refuses, a malformed token, a database that cannot be opened, the webhook's
port in use) ends the process by itself with status 2 and one line naming the setting, without
tracebacks or resource warnings. Nothing here sleeps: each step waits for something it can observe (a
request the fake Bot API saw, a line in the bot's log, the process's exit).
"""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.background import BackgroundServer
from tests.e2e.conftest import BOT_READY_DEADLINE, TOKEN, WEBHOOK_SECRET, bot_environment
from tests.e2e.fake_bot_api import FakeBotAPI, Fault
from tests.e2e.processes import BotProcess, free_port, wait_until

pytestmark = pytest.mark.e2e
DEADLINE = 20.0
# A hang guard, not a timing: start-up is mostly imports, slow on a loaded machine, and then it must end.
EXIT_DEADLINE = 60.0
QUESTION, MISS = "главный специалист", "кукареку абвгд"
# Signs of an unclean exit: an aiohttp session left open, a task that failed unseen, a thread outliving the loop.
UNCLEAN = ("Traceback", "Unclosed", "Task exception was never retrieved", "Event loop is closed", "Exception in")


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI()
    server = BackgroundServer(fake.app()).start()
    fake.url = server.url
    try:
        yield fake
    finally:
        server.stop()


def stored(database: Path) -> tuple[dict[str, int], list[str]]:
    """The question counts per kind and the texts of the misses, as written to the database."""
    with sqlite3.connect(database) as db:
        counts = dict(db.execute("SELECT kind, SUM(n) FROM question_counts GROUP BY kind").fetchall())
        misses = [text for (text,) in db.execute("SELECT text FROM unanswered")]
    return counts, misses


def webhook_environment(telegram: FakeBotAPI, workdir: Path) -> tuple[dict[str, str], str]:
    port = free_port()
    env = bot_environment(telegram.url, workdir)
    env.update(WEBHOOK_URL="https://bot.example.kz", WEBHOOK_SECRET=WEBHOOK_SECRET, WEBHOOK_HOST="127.0.0.1",
               WEBHOOK_PORT=str(port))
    return env, f"http://127.0.0.1:{port}/webhook"


def post(url: str, body: bytes) -> int:
    """POST a body to the bot's webhook as Telegram does, with the secret; the status it answered."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def stop_in_the_middle_of_an_update(telegram: FakeBotAPI, bot: BotProcess, deliver: Callable[[int, str], int],
                                    first_user: int) -> int:
    """A question and a miss answered, then a third question whose reply Telegram holds; SIGTERM arrives
    while it is held, and only then is the reply let through. The held update's id."""
    asker, misser, late = first_user, first_user + 1, first_user + 2
    deliver(asker, QUESTION)
    deliver(misser, MISS)
    wait_until(lambda: telegram.sent_to(asker) and telegram.sent_to(misser), DEADLINE, "two answers", bot.describe)
    held = threading.Event()
    telegram.inject(Fault("sendMessage", chat_id=late, hold=held))
    late_update = deliver(late, QUESTION)
    wait_until(lambda: telegram.attempts_to(late), DEADLINE, "the held reply to be sent", bot.describe)
    bot.send_signal(signal.SIGTERM)
    wait_until(lambda: "stopping: finishing 1 update" in bot.log(), DEADLINE, "the bot to wait for the update",
               bot.describe)
    held.set()
    return late_update


def assert_stopped_cleanly(bot: BotProcess, database: Path, late_update: int) -> None:
    assert bot.wait(EXIT_DEADLINE) == 0, bot.describe()
    log = bot.log()
    assert f"Update id={late_update} is handled" in log, "the update in hand was finished, not cut off"
    assert "not finished" not in log and "dropped" not in log, bot.describe()
    assert not [sign for sign in UNCLEAN if sign in log], bot.describe()
    counts, misses = stored(database)
    assert counts.get("position", 0) == 2, f"both questions counted, the held one too: {counts}"
    assert counts.get("unanswered", 0) == 1 and misses == [MISS]


def test_sigterm_while_polling_finishes_the_update_in_hand_writes_the_counts_and_exits_0(
        telegram: FakeBotAPI, start_bot: Callable[..., BotProcess], tmp_path: Path) -> None:
    bot = start_bot(bot_environment(telegram.url, tmp_path))
    polls_before = len(telegram.polls())
    wait_until(lambda: len(telegram.polls()) > polls_before or not bot.running, BOT_READY_DEADLINE,
               "the bot to poll", bot.describe)
    late = stop_in_the_middle_of_an_update(telegram, bot, telegram.user_writes, 801)
    assert_stopped_cleanly(bot, tmp_path / "bot.sqlite3", late)


def test_sigterm_in_webhook_mode_finishes_the_update_in_hand_writes_the_counts_and_exits_0(
        telegram: FakeBotAPI, start_bot: Callable[..., BotProcess], tmp_path: Path) -> None:
    env, url = webhook_environment(telegram, tmp_path)
    hooks_before = sum(r.method == "setWebhook" for r in telegram.requests)
    bot = start_bot(env)
    # The webhook is registered once the server listens: from then on Telegram may post.
    wait_until(lambda: sum(r.method == "setWebhook" for r in telegram.requests) > hooks_before or not bot.running,
               BOT_READY_DEADLINE, "the bot to register its webhook", bot.describe)
    [*_, registered] = [r for r in telegram.requests if r.method == "setWebhook"]
    assert registered.params["url"] == "https://bot.example.kz/webhook"

    def deliver(user_id: int, text: str) -> int:
        update = telegram.update_from(user_id, text)
        assert post(url, json.dumps(update).encode()) == 200
        return int(update["update_id"])

    # A body that is not an update, with user text in it: 400 and one log line without the text.
    assert post(url, b'{"update_id": 1, "message": {"text": "' + MISS.encode() + b'"') == 400
    late = stop_in_the_middle_of_an_update(telegram, bot, deliver, 811)
    assert_stopped_cleanly(bot, tmp_path / "bot.sqlite3", late)
    log = bot.log()
    assert log.count("answered 400") == 1
    assert [line for line in log.splitlines() if MISS in line] == [], "no user text in the log"
    assert "POST /webhook" not in log, "no access log line besides"


# ---- fatal start-up errors ------------------------------------------------------------------------------


def start_up_failure(telegram: FakeBotAPI, workdir: Path, mode: str, case: str) -> tuple[dict[str, str], str]:
    """The environment of one failing start and the setting its one line must name."""
    if mode == "webhook":
        env, _ = webhook_environment(telegram, workdir)
    else:
        env = bot_environment(telegram.url, workdir)
    if case == "token refused":
        telegram.inject(Fault("getMe", status=401, description="Unauthorized"))
        return env, "BOT_TOKEN"
    if case == "token malformed":
        env["BOT_TOKEN"] = "123456789"
        return env, "BOT_TOKEN"
    if case == "database is a directory":
        env["DATABASE_PATH"] = str(workdir)
        return env, "DATABASE_PATH"
    raise AssertionError(case)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
@pytest.mark.parametrize("case", ["token refused", "token malformed", "database is a directory"])
def test_a_fatal_start_up_error_ends_the_process_with_one_line(
        telegram: FakeBotAPI, start_bot: Callable[..., BotProcess], tmp_path: Path, mode: str, case: str) -> None:
    env, setting = start_up_failure(telegram, tmp_path, mode, case)
    bot = start_bot(env)
    assert_failed_start(bot, setting)
    if case == "token refused":
        assert not (tmp_path / "bot.sqlite3").exists(), "the token is checked before anything is opened"


def test_a_webhook_port_in_use_ends_the_process_with_one_line(
        telegram: FakeBotAPI, start_bot: Callable[..., BotProcess], tmp_path: Path) -> None:
    env, _ = webhook_environment(telegram, tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env["WEBHOOK_PORT"] = str(taken.getsockname()[1])
        bot = start_bot(env)
        assert_failed_start(bot, "WEBHOOK_PORT")
    assert "address already in use" in bot.log()


def assert_failed_start(bot: BotProcess, setting: str) -> None:
    code = bot.wait(EXIT_DEADLINE)
    log = bot.log()
    assert code == 2, bot.describe()
    [last] = log.strip().splitlines()[-1:]
    assert last.startswith(f"configuration error: {setting}: "), bot.describe()
    assert not [sign for sign in UNCLEAN if sign in log], bot.describe()
    assert TOKEN.partition(":")[2] not in log
