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
    gated = {router.name for router in env.dp.chain_tail if getattr(router, "_gated_by_prefix", False)}
    assert "common" in gated and "fallback" not in gated
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
