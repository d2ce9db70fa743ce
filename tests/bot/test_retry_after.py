"""A 429 from Telegram delays a message instead of losing it."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetUpdates, Response, SendMessage

from bot.runtime.retry_after import RetryAfterMiddleware


class FloodedTelegram:
    """Answers 429 with ``retry_after`` the first ``floods`` times, then accepts."""

    def __init__(self, floods: int, retry_after: int = 3) -> None:
        self.floods = floods
        self.retry_after = retry_after
        self.attempts = 0

    async def __call__(self, bot: object, method: SendMessage) -> Response[bool]:
        self.attempts += 1
        if self.attempts <= self.floods:
            raise TelegramRetryAfter(method=method, message="Too Many Requests", retry_after=self.retry_after)
        return Response[bool](ok=True, result=True)


class Waits:
    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


MESSAGE = SendMessage(chat_id=42, text="Сәлеметсіз бе!")


async def test_message_is_sent_after_the_wait_telegram_named() -> None:
    telegram, waits = FloodedTelegram(floods=1, retry_after=3), Waits()
    response = await RetryAfterMiddleware(sleep=waits)(telegram, None, MESSAGE)  # type: ignore[arg-type]
    assert response.result is True
    assert telegram.attempts == 2
    assert waits.seconds == [3]


async def test_repeated_floods_are_waited_out_up_to_the_limit() -> None:
    telegram, waits = FloodedTelegram(floods=3, retry_after=2), Waits()
    response = await RetryAfterMiddleware(retries=3, sleep=waits)(telegram, None, MESSAGE)  # type: ignore[arg-type]
    assert response.result is True
    assert waits.seconds == [2, 2, 2]


async def test_gives_up_after_the_limit_and_reports_the_flood() -> None:
    telegram, waits = FloodedTelegram(floods=5), Waits()
    with pytest.raises(TelegramRetryAfter):
        await RetryAfterMiddleware(retries=2, sleep=waits)(telegram, None, MESSAGE)  # type: ignore[arg-type]
    assert telegram.attempts == 3


async def test_does_not_wait_longer_than_allowed() -> None:
    telegram, waits = FloodedTelegram(floods=1, retry_after=3600), Waits()
    with pytest.raises(TelegramRetryAfter):
        await RetryAfterMiddleware(longest_wait=60, sleep=waits)(telegram, None, MESSAGE)  # type: ignore[arg-type]
    assert waits.seconds == []


async def test_polling_is_left_to_its_own_back_off() -> None:
    telegram, waits = FloodedTelegram(floods=1), Waits()
    with pytest.raises(TelegramRetryAfter):
        await RetryAfterMiddleware(sleep=waits)(telegram, None, GetUpdates())  # type: ignore[arg-type]
    assert waits.seconds == []


def test_negative_retry_count_is_refused() -> None:
    with pytest.raises(ValueError):
        RetryAfterMiddleware(retries=-1)


async def test_the_shipped_bot_resends_a_reply_refused_with_429(env, chat) -> None:
    flood = TelegramRetryAfter(method=SendMessage(chat_id=chat.user_id, text="…"), message="Too Many Requests",
                               retry_after=0)
    env.session.fail_next(SendMessage, flood)
    [reply] = await chat.send("/start")
    assert reply.text.startswith("Здравствуйте")
    assert len(env.session.of_type(SendMessage)) == 2
