"""Plain-function and magic filters run in the event loop, not in aiogram's worker thread."""

from __future__ import annotations

import threading

from aiogram import F, Router
from aiogram.types import Message

from bot.app import create_dispatcher, run_filters_inline
from bot.console import Conversation


async def test_plain_and_magic_filters_run_on_the_loop_thread(env) -> None:
    checked_on: list[int] = []

    def plain(message: Message) -> bool:
        checked_on.append(threading.get_ident())
        return message.text == "пинг"

    router = Router(name="probe")

    @router.message(plain, F.text.func(lambda text: checked_on.append(threading.get_ident()) is None))
    async def pong(message: Message) -> None:
        await message.answer("понг")

    run_filters_inline(router)
    env.dp.sub_routers.insert(0, router)
    router._parent_router = env.dp
    [reply] = await Conversation(env.dp, env.bot).send("пинг")
    assert reply.text == "понг"
    assert checked_on == [threading.get_ident()] * 2


async def test_the_bots_filters_all_run_inline(env) -> None:
    for router in env.dp.chain_tail:
        for observer in router.observers.values():
            for handler in (observer._handler, *observer.handlers):
                assert all(f.awaitable for f in handler.filters or ()), (router.name, handler.callback)


async def test_a_second_dispatcher_keeps_filters_working(tmp_path, env) -> None:
    # Routers are module singletons: wrapping them again for another dispatcher must not break them.
    from bot.storage import Database
    from tests.conftest import offline_settings

    db = Database(tmp_path / "second.sqlite3")
    dp = await create_dispatcher(offline_settings(tmp_path / "second.sqlite3"), db)
    try:
        [reply] = await Conversation(dp, env.bot).send("   ")
        assert reply.text.startswith("Сообщение пустое")  # the fallback's lambda filter still picks it
    finally:
        await db.close()


async def test_presses_reach_their_feature_through_the_prefix_gates(env, chat) -> None:
    gates = {router.name: gate for router, gate in env.dp.route_index()["callback_query"]}
    assert gates["common"] is not None and gates["fallback"] is None
    await chat.send("/start")
    [*_, reply] = await chat.press_data("zz:old:1", chat.last_with_buttons.message_id)
    assert reply.text.startswith("Эта кнопка уже не работает")  # no gate lets a foreign prefix in
    [reply] = await chat.press_data("m:home", reply.message_id)
    assert reply.text.startswith("Главное меню")


async def test_commands_still_work_and_plain_text_is_not_one(env, chat) -> None:
    [reply] = await chat.send("/help")
    assert reply.text.startswith("Что я умею")
    [reply] = await chat.send("/forget")
    assert reply.text.startswith("Удалить всё")
    # no "/": not the command, whatever else it is ("help" in words now answers with the help on purpose)
    [reply] = await chat.send("forget")
    assert not reply.text.startswith("Удалить всё")


async def test_button_data_is_parsed_once_and_each_handler_gets_its_own_copy() -> None:
    from aiogram.filters.callback_data import CallbackData
    from aiogram.types import CallbackQuery, User

    from bot.app import ParsedOnceFilter

    class Cb(CallbackData, prefix="t"):
        action: str
        n: int

    unpacked: list[str] = []
    real_unpack = Cb.unpack.__func__

    def counting_unpack(cls, value):
        unpacked.append(value)
        return real_unpack(cls, value)

    Cb.unpack = classmethod(counting_unpack)
    first, second = ParsedOnceFilter(callback_data=Cb, rule=F.action == "a"), ParsedOnceFilter(callback_data=Cb)
    query = CallbackQuery(id="1", from_user=User(id=1, is_bot=False, first_name="U"), chat_instance="c",
                          data="t:b:7")
    assert await first(query) is False  # the rule still decides
    passed = await second(query)
    assert passed["callback_data"] == Cb(action="b", n=7) and unpacked == ["t:b:7"]
    again = await second(query)
    assert again["callback_data"] == passed["callback_data"] and again["callback_data"] is not passed["callback_data"]
    assert unpacked == ["t:b:7"]
    forged = query.model_copy(update={"data": "t:b:not-a-number"})
    assert await second(forged) is False and await second(forged) is False
