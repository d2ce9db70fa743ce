"""The bot as shipped against a Bot API that misbehaves the way Telegram sometimes does.

Flood control (429), server errors and dropped connections while polling, a user who blocked the
bot (403), a request Telegram rejects mid-handler: nothing is lost that can be delivered, polling
resumes by itself, and other users never notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.i18n import default_i18n
from bot.runtime.console import visible_text
from tests.e2e.background import BackgroundServer
from tests.e2e.conftest import BOT_READY_DEADLINE, bot_environment
from tests.e2e.fake_bot_api import FakeBotAPI, Fault
from tests.e2e.processes import BotProcess, wait_until

pytestmark = pytest.mark.e2e
I18N = default_i18n()
DEADLINE = 20.0


@pytest.fixture(scope="module")
def telegram() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI()
    server = BackgroundServer(fake.app()).start()
    fake.url = server.url
    try:
        yield fake
    finally:
        server.stop()


@pytest.fixture(scope="module")
def bot(telegram: FakeBotAPI, start_bot: Callable[..., BotProcess],
        tmp_path_factory: pytest.TempPathFactory) -> BotProcess:
    running = start_bot(bot_environment(telegram.url, tmp_path_factory.mktemp("faults")))
    wait_until(lambda: telegram.polls() or not running.running, BOT_READY_DEADLINE, "the bot to poll",
               running.describe)
    assert running.running, running.describe()
    return running


def greeting(text: str) -> bool:
    return text.startswith(("Здравствуйте", "Сәлеметсіз бе"))


def test_a_reply_hit_by_flood_control_is_sent_after_the_wait(telegram: FakeBotAPI, bot: BotProcess) -> None:
    telegram.inject(Fault("sendMessage", chat_id=101, status=429, retry_after=1,
                          description="Too Many Requests: retry after 1"))
    telegram.user_writes(101, "/start")
    wait_until(lambda: telegram.sent_to(101), DEADLINE, "the delayed reply", bot.describe)
    refused, delivered = telegram.attempts_to(101)
    assert refused.answered == "429"
    assert greeting(delivered.params["text"]), "the same reply, not lost"
    assert delivered.at - refused.at >= 1.0, "Telegram's retry_after was respected"


def test_polling_resumes_by_itself_after_server_errors_and_dropped_connections(
        telegram: FakeBotAPI, bot: BotProcess) -> None:
    faults = [Fault("getUpdates", status=502, plain_text=True),
              Fault("getUpdates", status=500, description="Internal Server Error"),
              Fault("getUpdates", drop=True)]
    for fault in faults:
        telegram.inject(fault)
    # Every fault is served first, and only then does the user write.
    wait_until(lambda: all(fault.times == 0 for fault in faults), DEADLINE, "the faults to be hit", bot.describe)
    telegram.user_writes(102, "/start", language_code="kk")
    wait_until(lambda: telegram.sent_to(102), DEADLINE, "a reply after the outage", bot.describe)
    assert telegram.sent_to(102)[0].params["text"].startswith("Сәлеметсіз бе")
    assert bot.running
    answered = [poll.answered for poll in telegram.polls()]
    assert {"502", "500", "dropped"} <= set(answered)


def test_a_user_who_blocked_the_bot_is_logged_and_skipped(telegram: FakeBotAPI, bot: BotProcess) -> None:
    telegram.inject(Fault("sendMessage", chat_id=103, times=100, status=403,
                          description="Forbidden: bot was blocked by the user"))
    telegram.user_writes(103, "/start")
    telegram.user_writes(104, "/start")
    wait_until(lambda: telegram.sent_to(104) and telegram.attempts_to(103), DEADLINE, "both users handled",
               bot.describe)
    wait_until(lambda: "bot was blocked by the user; skipped" in bot.log(), DEADLINE, "the log line",
               bot.describe)
    assert len(telegram.attempts_to(103)) == 1, "no apology is attempted to someone who blocked the bot"
    assert greeting(telegram.sent_to(104)[0].params["text"])


@pytest.mark.parametrize(("fault", "logged"), [
    (Fault("sendMessage", status=400, description="Bad Request: something broke"), "Bad Request: something broke"),
    (Fault("sendMessage", malformed=True), "ClientDecodeError"),
], ids=["telegram-refuses", "handler-crashes-on-the-answer"])
def test_a_failure_in_a_handler_gets_that_user_an_apology_and_others_are_served(
        telegram: FakeBotAPI, bot: BotProcess, fault: Fault, logged: str) -> None:
    unlucky, other = (107, 108) if fault.malformed else (105, 106)
    fault.chat_id = unlucky
    telegram.inject(fault)
    telegram.user_writes(unlucky, "/start", language_code="kk")
    telegram.user_writes(other, "/start")
    wait_until(lambda: telegram.sent_to(unlucky) and telegram.sent_to(other), DEADLINE, "both answers",
               bot.describe)
    [apology] = telegram.sent_to(unlucky)
    assert visible_text(apology.params["text"]) == visible_text(I18N("kk")("error-generic"))
    assert greeting(telegram.sent_to(other)[0].params["text"])
    assert logged in bot.log(), "the failure is logged for the maintainer"
    assert bot.running
