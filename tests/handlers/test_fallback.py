"""When handling an update fails: an apology to that user, a quiet skip for a user who blocked the bot,
and everyone else keeps being served."""

from __future__ import annotations

import logging

import pytest
from aiogram import methods
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError


def blocked(method: type[methods.TelegramMethod]) -> TelegramForbiddenError:
    return TelegramForbiddenError(method=method.model_construct(), message="Forbidden: bot was blocked by the user")


def broken(method: type[methods.TelegramMethod]) -> TelegramBadRequest:
    return TelegramBadRequest(method=method.model_construct(), message="Bad Request: something unexpected")


async def test_a_failed_request_gets_the_user_an_apology_in_their_language(env, chat_kk):
    env.session.fail_next(methods.SendMessage, broken(methods.SendMessage))
    [reply] = await chat_kk.send("/start")
    assert reply.text == env.dp["i18n"]("kk")("error-generic")


async def test_other_users_are_served_after_someone_s_failure(env, chat, chat_kk):
    env.session.fail_next(methods.SendMessage, broken(methods.SendMessage))
    await chat.send("/start")
    [reply] = await chat_kk.send("/start")
    assert reply.text.startswith("Сәлеметсіз бе")


async def test_a_failed_button_press_is_answered_and_apologised_for(env, chat):
    await chat.send("/language")
    env.session.fail_next(methods.SendMessage, broken(methods.SendMessage))
    [reply] = await chat.press("🇰🇿 Қазақша")
    # The language was saved before the failure, so the apology is already in Kazakh.
    assert reply.text == env.dp["i18n"]("kk")("error-generic")
    assert env.session.of_type(methods.AnswerCallbackQuery)


async def test_a_user_who_blocked_the_bot_is_logged_and_skipped(env, chat, chat_kk, caplog):
    env.session.fail_next(methods.SendMessage, blocked(methods.SendMessage))
    with caplog.at_level(logging.INFO):
        assert await chat.send("/start") == []
        [served] = await chat_kk.send("/start")
    assert served.text.startswith("Сәлеметсіз бе")
    to_blocked = [m for m in env.session.of_type(methods.SendMessage) if m.chat_id == chat.user_id]
    assert len(to_blocked) == 1, "no apology is attempted to someone who blocked the bot"
    [note] = [r for r in caplog.records if "blocked" in r.getMessage()]
    assert note.levelno == logging.WARNING and "skipped" in note.getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_an_apology_that_cannot_be_delivered_is_only_logged(env, lang, caplog):
    user = env.chat(lang, 2001)
    env.session.fail_next(methods.SendMessage, broken(methods.SendMessage))
    env.session.fail_next(methods.SendMessage, broken(methods.SendMessage))
    with caplog.at_level(logging.WARNING):
        assert await user.send("/start") == []
    assert any("could not tell the user" in r.getMessage() for r in caplog.records)
