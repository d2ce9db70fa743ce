"""How an update finds its feature: each feature router lets in only the commands, the questions of its topics
and the presses of its buttons (``handlers.filters.claimed_only``); what it cannot claim so, it refuses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.understanding import understand
from handlers.callbacks import CmpCb, ComplaintAct, MenuCb, MenuItem, MoreCb, PosCb, PosView
from handlers.filters import AnyText, CommandOrTopic, PressOf, TopicIs, claimed_only

TODAY = date(2026, 3, 2)
USER = {"id": 1, "is_bot": False, "first_name": "Айгуль"}


def message(text: str | None = None, caption: str | None = None) -> Message:
    fields: dict[str, Any] = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "from": USER}
    if text is not None:
        fields["text"] = text
    if caption is not None:
        fields |= {"caption": caption, "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]}
    return Message.model_validate(fields)


def press(data: str) -> CallbackQuery:
    return CallbackQuery.model_validate({"id": "1", "from": USER, "chat_instance": "1", "data": data})


async def test_a_feature_lets_in_commands_and_the_questions_of_its_topics() -> None:
    pay = CommandOrTopic("pay", "venting")
    question = "сколько получает главный специалист акимата"
    assert understand(question, TODAY).family == "pay"
    assert await pay(message(question), understand(question, TODAY))
    assert await pay(message("/salary"), None)
    assert await pay(message(caption="/start"), None)  # aiogram's Command reads a caption too

    post = "главный специалист акимата района"
    assert understand(post, TODAY).family != "pay"
    assert not await pay(message(post), understand(post, TODAY))
    assert not await pay(message(), None)  # a sticker


async def test_a_feature_lets_in_the_presses_of_its_buttons() -> None:
    root = PosCb(view=PosView.ROOT).pack()
    register = PressOf(PosCb.filter(), MoreCb.of_kind(PosCb), MenuCb.filter(F.item == MenuItem.POSITIONS))
    assert await register(press(root))
    assert await register(press(MoreCb(page=2, of=root).pack()))
    assert await register(press(MenuCb(item=MenuItem.POSITIONS).pack()))
    # another feature's buttons: its own kind, its pages, its item of the main menu
    assert not await register(press(CmpCb(action=ComplaintAct.MENU).pack()))
    assert not await register(press(MoreCb(page=2, of=CmpCb(action=ComplaintAct.MENU).pack()).pack()))
    assert not await register(press(MenuCb(item=MenuItem.SALARY).pack()))
    assert not await register(press("pos:nonsense-view"))


async def handler(event: Any) -> None:
    return None


def test_a_handler_of_any_text_cannot_be_claimed() -> None:
    router = Router(name="feature")
    router.message.register(handler, Command("feature"))
    router.message.register(handler, TopicIs("pay"))
    claimed_only(router)  # commands and topics: claimed

    greedy = Router(name="greedy")
    greedy.message.register(handler, AnyText())
    with pytest.raises(ValueError, match="neither commands nor topics"):
        claimed_only(greedy)


def test_a_handler_of_any_press_cannot_be_claimed() -> None:
    router = Router(name="buttons")
    router.callback_query.register(handler, PosCb.filter())
    router.callback_query.register(handler)
    with pytest.raises(ValueError, match="presses of any button"):
        claimed_only(router)
