"""The indexed dispatcher answers every update with the handler aiogram's full walk would pick."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.app import OFFLINE_TOKEN, run_filters_inline
from bot.console import RecordingSession
from bot.routing import IndexedDispatcher, router_gate
from handlers.middlewares import IntentIs

INTENTS = {"привет": "greeting", "сколько платят": "salary"}


class Walk(StatesGroup):
    step = State()
    other = State()


class Draft(StatesGroup):
    facts = State()


class ACb(CallbackData, prefix="a"):
    n: int


class BCb(CallbackData, prefix="b", sep="|"):
    n: int


def feature_routers() -> list[Router]:
    """Fresh routers whose handlers answer with their own names, one of each filter kind."""
    common, flow, draft, feature_a, feature_b, open_router, fallback = (
        Router(name=n) for n in ("common", "flow", "draft", "a", "b", "open", "fallback"))
    common.message(Command("start"))(_named("start"))
    common.message(IntentIs("greeting"))(_named("greeting"))
    flow.message(StateFilter(Walk.step), F.text)(_named("walk-step"))
    draft.message(StateFilter(Draft))(_named("draft"))
    feature_a.message(IntentIs("salary", None), F.text.len() > 3)(_named("search"))
    feature_a.callback_query(ACb.filter(F.n == 1))(_named("a-one"))
    feature_a.callback_query(ACb.filter())(_named("a-any"))
    feature_b.callback_query(BCb.filter())(_named("b"))
    feature_b.message(Command("b"))(_named("cmd-b"))
    open_router.callback_query(F.data == "open")(_named("open"))
    fallback.message()(_named("fallback-message"))
    fallback.callback_query()(_named("fallback-press"))
    return [common, flow, draft, feature_a, feature_b, open_router, fallback]


def _named(name: str):
    async def handler(event: Any) -> str:
        return name

    return handler


async def classify(handler, event, data):
    message = event.message
    data["intent"] = INTENTS.get(message.text) if message is not None and message.text else None
    return await handler(event, data)


def dispatcher(kind: type[Dispatcher]) -> Dispatcher:
    dp = kind()
    dp.update.outer_middleware(classify)
    for router in feature_routers():
        dp.include_router(router)
    for router in dp.chain_tail:
        run_filters_inline(router)
    return dp


USER = User(id=7, is_bot=False, first_name="U")
CHAT = Chat(id=7, type="private")


def message_update(text: str | None, caption: str | None = None) -> Update:
    message = Message(message_id=1, date=datetime(2026, 1, 1), chat=CHAT, from_user=USER, text=text,
                      caption=caption)
    return Update(update_id=1, message=message)


def press_update(data: str) -> Update:
    message = Message(message_id=1, date=datetime(2026, 1, 1), chat=CHAT, text="x")
    return Update(update_id=1, callback_query=CallbackQuery(id="1", from_user=USER, chat_instance="c",
                                                             data=data, message=message))


UPDATES = [
    *(message_update(text) for text in (
        "/start", "/b", "/b@bot arg", "/unknown", "привет", "сколько платят", "главный специалист", "ab", "",
        " /start")),
    message_update(None, caption="/start"),
    message_update(None),
    *(press_update(data) for data in ("a:1", "a:2", "a:x", "b|3", "b:3", "open", "zz", "", "a", "m:home")),
]


@pytest.mark.parametrize("state", [None, Walk.step.state, Walk.other.state, Draft.facts.state])
async def test_the_same_handler_answers_as_with_aiogram_walking_every_router(state):
    bot = Bot(OFFLINE_TOKEN, session=RecordingSession())
    plain, indexed = dispatcher(Dispatcher), dispatcher(IndexedDispatcher)
    for dp in (plain, indexed):
        await dp.fsm.get_context(bot, CHAT.id, USER.id).set_state(state)
    for update in UPDATES:
        expected = await plain.feed_update(bot, update)
        assert await indexed.feed_update(bot, update) == expected, update.model_dump(exclude_none=True)


async def test_routers_that_cannot_take_an_update_are_skipped_and_unknown_filters_are_not():
    dp = dispatcher(IndexedDispatcher)
    index = {event: dict((r.name, gate) for r, gate in routes) for event, routes in dp.route_index().items()}
    search = message_update("главный специалист").message
    data = {"intent": None, "raw_state": None}
    assert not index["message"]["common"](search, data)
    assert not index["message"]["flow"](search, data)
    assert not index["message"]["draft"](search, data)
    assert index["message"]["a"](search, data)
    assert not index["message"]["open"](search, data)  # no message handler at all
    assert index["message"]["fallback"] is None  # a handler with no filter takes anything
    assert index["callback_query"]["open"] is None  # F.data is not read: always visited
    press = press_update("b|1").callback_query
    assert [name for name, gate in index["callback_query"].items() if gate is None or gate(press, data)] == [
        "b", "open", "fallback"]


async def test_a_router_with_its_own_outer_middleware_is_always_visited():
    router = Router()
    router.message(Command("x"))(_named("x"))
    assert router_gate(router, "message") is not None
    router.message.outer_middleware(classify)
    assert router_gate(router, "message") is None


async def test_a_router_included_later_is_indexed_too():
    dp = dispatcher(IndexedDispatcher)
    assert len(dp.route_index()["message"]) == 7
    late = Router(name="late")
    late.message(Command("late"))(_named("late"))
    dp.include_router(late)
    names = [r.name for r, _ in dp.route_index()["message"]]
    assert len(names) == 8 and names[-1] == "late"


async def test_the_dispatchers_own_filters_still_come_first():
    from aiogram.dispatcher.event.bases import UNHANDLED

    bot = Bot(OFFLINE_TOKEN, session=RecordingSession())
    for kind in (Dispatcher, IndexedDispatcher):
        dp = dispatcher(kind)
        dp.message.filter(F.chat.type == "group")  # e.g. a bot that serves groups only
        assert await dp.feed_update(bot, message_update("/start")) is UNHANDLED
        assert await dp.feed_update(bot, press_update("a:1")) == "a-one"
