"""Webhook mode: Telegram's secret is required, a body that is not an update gets 400 and one clean log line,
each chat's updates are handled in order, and a burst is held within bounds (issue 17, items 6 and 8)."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram import methods
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.i18n import default_i18n
from bot.runtime.app import create_bot
from bot.runtime.console import RecordingSession
from bot.runtime.serve import (
    RUNNER_OPTIONS,
    UPDATES,
    WEBHOOK_PATH,
    WebhookUpdates,
    open_dispatcher,
    set_webhook,
    webhook_app,
)
from bot.runtime.throttling import ThrottlingMiddleware
from bot.storage import Database
from tests.conftest import offline_settings

SECRET = "s3cret"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
USER_TEXT = "Мой секретный текст 777"


def update_json(text: str, user_id: int = 5, update_id: int = 1, language_code: str = "kk") -> dict[str, Any]:
    now = int(datetime.now(UTC).timestamp())
    user = {"id": user_id, "is_bot": False, "first_name": "Асан", "language_code": language_code}
    message = {"message_id": update_id, "date": now, "chat": {"id": user_id, "type": "private"}, "from": user,
               "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@dataclass
class Served:
    """The webhook app as run_webhook builds it (flood control on, same server options), on a test server."""

    client: TestClient
    updates: WebhookUpdates
    session: RecordingSession

    async def post(self, body: bytes | dict[str, Any], headers: dict[str, str] = HEADERS) -> int:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        response = await self.client.post(WEBHOOK_PATH, data=data, headers=headers)
        return response.status

    def sent_to(self, chat_id: int) -> list[methods.SendMessage]:
        return [m for m in self.session.of_type(methods.SendMessage) if m.chat_id == chat_id]


@pytest.fixture
async def served(tmp_path) -> AsyncIterator[Served]:
    settings = offline_settings(tmp_path / "bot.sqlite3", webhook_url="https://example.invalid")
    db = Database(settings.database_path)
    dp = await open_dispatcher(settings, db)
    bot = create_bot(settings, session=RecordingSession())
    app = webhook_app(settings, dp, bot, SECRET)
    server = TestServer(app)
    await server.start_server(**RUNNER_OPTIONS)
    async with TestClient(server) as client:
        await set_webhook(settings, dp, bot, SECRET)
        yield Served(client, app[UPDATES], bot.session)  # type: ignore[arg-type]
    await db.close()


async def test_secret_token_is_checked(served):
    assert await served.post(update_json("/start"), headers={}) == 403
    assert await served.post(update_json("/start"), headers={**HEADERS, "X-Telegram-Bot-Api-Secret-Token": "x"}) == 403
    await served.updates.join()
    assert served.session.of_type(methods.SendMessage) == [], "a request without the secret is not processed"
    assert served.session.of_type(methods.SetWebhook)[0].secret_token == SECRET

    assert await served.post(update_json("/start")) == 200
    await served.updates.join()
    [sent] = served.sent_to(5)
    assert sent.text.startswith("Сәлеметсіз бе, Асан!")
    assert (await served.client.get("/")).status == 200


NOT_UPDATES = {
    "malformed JSON": b'{"update_id": 1, "message": {"text": "' + USER_TEXT.encode() + b'"',
    "empty body": b"",
    "100k-deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "a list": b"[1,2,3]",
    "null": b"null",
    "no update_id": json.dumps({"message": {"text": USER_TEXT}}).encode(),
    "a message of the wrong shape": json.dumps({"update_id": 9, "message": USER_TEXT}).encode(),
}


@pytest.mark.parametrize("body", NOT_UPDATES.values(), ids=NOT_UPDATES.keys())
async def test_a_body_that_is_not_an_update_gets_400_and_one_log_line_without_its_content(served, caplog, body):
    caplog.set_level(logging.INFO)
    assert await served.post(body) == 400
    await served.updates.join()
    [record] = caplog.records
    line = record.getMessage()
    assert "answered 400" in line and record.exc_info is None
    assert USER_TEXT not in line and "[1,2,3]" not in line
    assert served.session.of_type(methods.SendMessage) == []
    # and the bot goes on serving
    assert await served.post(update_json("/start")) == 200
    await served.updates.join()
    assert served.sent_to(5)


async def test_an_update_of_an_unknown_type_is_logged_by_id_only(served, caplog):
    caplog.set_level(logging.INFO)
    assert await served.post({"update_id": 77, "some_future_update": {"text": USER_TEXT}}) == 200
    await served.updates.join()
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("bot")]
    assert logged == ["update 77 is of a type this bot does not know; ignored"]
    assert USER_TEXT not in caplog.text
    assert served.session.of_type(methods.SendMessage) == []


@pytest.mark.parametrize("user_id", [2**63, 2**64 + 5])
async def test_a_user_id_beyond_64_bits_still_gets_an_answer(served, caplog, user_id):
    caplog.set_level(logging.INFO)
    assert await served.post(update_json("/start", user_id=user_id, language_code="ru")) == 200
    await served.updates.join()
    [reply] = served.sent_to(user_id)
    assert reply.text.startswith("Здравствуйте")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_flood_control_judges_a_chat_by_when_its_updates_arrived_not_when_their_turn_came(served):
    [throttle] = [m for m in served.updates.dp.update.outer_middleware if isinstance(m, ThrottlingMiddleware)]
    ticks = itertools.count()
    throttle.clock = lambda: 1000.0 + 10 * next(ticks)  # as if each update waited 10 s for its turn
    for update_id in range(1, 16):
        assert await served.post(update_json("главный специалист", 8, update_id, "ru")) == 200
    await served.updates.join()
    texts = [m.text for m in served.sent_to(8)]
    slow_down = default_i18n()("ru")("throttle-slow-down")
    assert texts.count(slow_down) == 1
    assert 10 <= len(texts) - 1 <= 11, "15 sent in a moment: the burst of 10 is answered, the rest dropped"


# ---- the bounds: order per chat, how many at once, how many wait -----------------------------------------


class HeldDispatcher:
    """Stands in for the dispatcher: each update is 'handled' until the test releases it."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.finished: list[int] = []
        self.received_at: dict[int, float] = {}
        self.release: dict[int, asyncio.Event] = {}
        self.changed = asyncio.Condition()

    async def feed_update(self, bot: object, update: Any, received_at: float) -> None:
        uid = update.update_id
        self.received_at[uid] = received_at
        gate = self.release.setdefault(uid, asyncio.Event())
        async with self.changed:
            self.started.append(uid)
            self.changed.notify_all()
        await gate.wait()
        async with self.changed:
            self.finished.append(uid)
            self.changed.notify_all()

    def let_go(self, *update_ids: int) -> None:
        for uid in update_ids:
            self.release.setdefault(uid, asyncio.Event()).set()

    async def until_started(self, count: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: len(self.started) >= count)

    async def until_finished(self, update_id: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: update_id in self.finished)


@pytest.fixture
async def held() -> AsyncIterator[tuple[HeldDispatcher, WebhookUpdates, TestClient]]:
    dispatcher = HeldDispatcher()
    updates = WebhookUpdates(dispatcher, create_bot(offline_settings(None), session=RecordingSession()),  # type: ignore[arg-type]
                             SECRET, concurrent=2, pending_limit=5, chat_backlog_limit=3)
    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, updates.handle)
    async with TestClient(TestServer(app)) as client:
        yield dispatcher, updates, client
        dispatcher.let_go(*range(100))
        await updates.join()


async def post(client: TestClient, user_id: int, update_id: int) -> int:
    response = await client.post(WEBHOOK_PATH, json=update_json("текст", user_id, update_id), headers=HEADERS)
    return response.status


async def test_a_chats_updates_are_handled_in_order_one_at_a_time_and_few_at_once(held):
    dispatcher, updates, client = held
    for update_id, user in [(1, 10), (2, 10), (3, 20), (4, 30), (5, 10)]:
        assert await post(client, user, update_id) == 200
    await dispatcher.until_started(2)
    assert dispatcher.started == [1, 3], "chat 10's second update waits for its first; two at once at most"
    dispatcher.let_go(1)
    await dispatcher.until_started(3)
    assert dispatcher.started[2] in (2, 4)
    dispatcher.let_go(2, 3, 4, 5)
    await updates.join()
    chat_10 = [uid for uid in dispatcher.finished if uid in (1, 2, 5)]
    assert chat_10 == [1, 2, 5]
    assert updates.pending == 0 and updates.backlogs == {}
    received = [dispatcher.received_at[uid] for uid in (1, 2, 5)]
    assert received == sorted(received), "each update carries when it arrived, for flood control"


async def test_beyond_the_pending_limit_telegram_is_told_to_send_again_later(held, caplog):
    dispatcher, _, client = held
    statuses = [await post(client, user, update_id) for update_id, user in enumerate(range(100, 107), start=1)]
    assert statuses == [200] * 5 + [429] * 2
    assert [r.getMessage() for r in caplog.records if "429" in r.getMessage()] == [
        "webhook: 5 updates waiting; answering 429 until fewer wait"], "one line, not one per refusal"
    dispatcher.let_go(1, 2, 3, 4)
    await dispatcher.until_started(5)
    assert await post(client, 200, 8) == 200, "accepted again once updates are handled"


async def test_a_chat_flooding_the_webhook_cannot_fill_the_queue(held):
    _, updates, client = held
    statuses = [await post(client, 300, update_id) for update_id in range(1, 8)]
    assert statuses == [200] * 7, "Telegram is not asked to resend a flood"
    assert updates.pending == 3, "the chat's first three wait; the rest were dropped"
    assert await post(client, 301, 8) == 200, "someone else still gets in"


async def test_a_shutdown_finishes_what_it_can_and_drops_the_rest_after_the_deadline(held, caplog):
    dispatcher, updates, client = held
    for update_id, user in [(1, 10), (2, 10), (3, 20)]:
        assert await post(client, user, update_id) == 200
    await dispatcher.until_started(2)
    dispatcher.let_go(3)
    await dispatcher.until_finished(3)
    caplog.set_level(logging.INFO)
    await updates.drain(timeout=0)
    assert dispatcher.finished == [3]
    assert "stopping: 2 updates not handled within 0 s are dropped" in caplog.text
    assert updates.workers == set() and updates.pending == 0
