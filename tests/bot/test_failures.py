"""When a handler fails, the user hears an apology and everyone else is still served."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import AnswerCallbackQuery, SendMessage, TelegramMethod
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.failures import FailureHandler

APOLOGY = {"ru": "Извините, что-то пошло не так.", "kk": "Кешіріңіз, бір қате шықты."}


class RecordingTelegram(BaseSession):
    """Accepts every request except messages to chats in ``blocked`` (403), and records them."""

    def __init__(self, blocked: set[int] | None = None) -> None:
        super().__init__()
        self.blocked = blocked or set()
        self.sent: list[TelegramMethod[Any]] = []

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        if isinstance(method, SendMessage) and method.chat_id in self.blocked:
            raise TelegramForbiddenError(method=method, message="Forbidden: bot was blocked by the user")
        self.sent.append(method)
        if isinstance(method, SendMessage):
            return Message(message_id=len(self.sent), date=datetime.now(), text=method.text,
                           chat=Chat(id=int(method.chat_id), type="private"))
        return True

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - no files here
        raise NotImplementedError

    def texts_to(self, chat_id: int) -> list[str]:
        return [m.text for m in self.sent if isinstance(m, SendMessage) and m.chat_id == chat_id]


def dispatcher() -> Dispatcher:
    router = Router()

    @router.message(F.text == "сломай")
    async def broken(message: Message) -> None:
        raise RuntimeError("a bug in a handler")

    @router.message()
    async def served(message: Message) -> None:
        await message.answer(f"ответ: {message.text}")

    @router.callback_query()
    async def broken_button(callback: CallbackQuery) -> None:
        raise KeyError("stale button")

    dp = Dispatcher()
    dp.include_router(router)
    dp.errors.register(FailureHandler(lambda lang: APOLOGY.get(lang or "", APOLOGY["ru"])).handle)
    return dp


def message(user_id: int, text: str, lang: str = "ru", update_id: int = 1) -> Update:
    user = User(id=user_id, is_bot=False, first_name="Асем", language_code=lang)
    return Update(update_id=update_id, message=Message(message_id=update_id, date=datetime.now(), text=text,
                                                       chat=Chat(id=user_id, type="private"), from_user=user))


@pytest.fixture
def telegram() -> RecordingTelegram:
    return RecordingTelegram(blocked={13})


@pytest.fixture
def bot(telegram: RecordingTelegram) -> Bot:
    return Bot("123456:TEST", session=telegram)


async def test_the_user_whose_request_failed_gets_an_apology_in_their_language(
        bot: Bot, telegram: RecordingTelegram) -> None:
    await dispatcher().feed_update(bot, message(7, "сломай", lang="kk"))
    assert telegram.texts_to(7) == [APOLOGY["kk"]]


async def test_other_users_keep_being_served_after_a_failure(bot: Bot, telegram: RecordingTelegram) -> None:
    dp = dispatcher()
    await dp.feed_update(bot, message(7, "сломай", update_id=1))
    await dp.feed_update(bot, message(8, "привет", update_id=2))
    assert telegram.texts_to(8) == ["ответ: привет"]


async def test_a_failed_button_press_is_answered_and_apologised_for(
        bot: Bot, telegram: RecordingTelegram) -> None:
    user = User(id=9, is_bot=False, first_name="Ерлан", language_code="ru")
    pressed = Message(message_id=5, date=datetime.now(), chat=Chat(id=9, type="private"), text="меню")
    update = Update(update_id=3, callback_query=CallbackQuery(id="q1", from_user=user, chat_instance="c",
                                                              message=pressed, data="stale"))
    await dispatcher().feed_update(bot, update)
    assert any(isinstance(m, AnswerCallbackQuery) and m.callback_query_id == "q1" for m in telegram.sent)
    assert telegram.texts_to(9) == [APOLOGY["ru"]]


async def test_a_user_who_blocked_the_bot_is_logged_and_skipped(
        bot: Bot, telegram: RecordingTelegram, caplog: pytest.LogCaptureFixture) -> None:
    dp = dispatcher()
    with caplog.at_level(logging.INFO):
        await dp.feed_update(bot, message(13, "привет", update_id=1))
        await dp.feed_update(bot, message(14, "привет", update_id=2))
    assert telegram.texts_to(13) == []
    assert telegram.texts_to(14) == ["ответ: привет"]
    skipped = [r for r in caplog.records if r.name == "bot.failures"]
    assert len(skipped) == 1
    assert "blocked" in skipped[0].getMessage() and "skipped" in skipped[0].getMessage()
    assert skipped[0].levelno == logging.WARNING and skipped[0].exc_info is None


async def test_an_apology_that_cannot_be_delivered_does_not_break_the_bot(
        bot: Bot, telegram: RecordingTelegram) -> None:
    assert await dispatcher().feed_update(bot, message(13, "сломай")) is True
    assert telegram.texts_to(13) == []


async def test_a_stored_language_choice_wins_over_the_phone_language(
        bot: Bot, telegram: RecordingTelegram) -> None:
    dp = dispatcher()
    dp.errors.handlers.clear()
    stored_choice = FailureHandler(lambda lang: APOLOGY[lang or "ru"], language=lambda data: data.get("lang"))
    dp.errors.register(stored_choice.handle)
    await dp.feed_update(bot, message(7, "сломай", lang="ru"), lang="kk")
    assert telegram.texts_to(7) == [APOLOGY["kk"]]
