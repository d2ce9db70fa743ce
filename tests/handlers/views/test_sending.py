"""Long answers reach the user as several messages, the keyboard under the last one."""

from __future__ import annotations

from aiogram.types import Message

from bot.runtime.console import RecordingSession
from handlers.views.menu import main_menu
from handlers.views.sending import answer_long, send_long


async def test_a_long_answer_is_sent_in_parts_with_the_keyboard_on_the_last(env, chat):
    t = env.dp["i18n"]("ru")
    text = "\n\n".join(f"<b>{i}.</b> " + "Должность и её категория. " * 60 for i in range(1, 8))
    session: RecordingSession = env.session
    sent = await send_long(env.bot, chat.user_id, text, reply_markup=main_menu(t).markup())
    replies = session.take_replies()
    assert len(sent) == len(replies) == 4  # RecordingSession refused nothing: each part within 4096
    assert [bool(r.buttons) for r in replies] == [False, False, False, True]
    assert [r.text[:2] for r in replies] == ["1.", "3.", "5.", "7."]  # two whole paragraphs a message


async def test_answer_long_replies_in_the_message_s_chat(env, chat):
    [greeting] = await chat.send("/start")
    message = env.session.message(chat.user_id, greeting.message_id)
    assert isinstance(message, Message)
    sent = await answer_long(message.as_(env.bot), "коротко")
    assert [m.text for m in sent] == ["коротко"] and sent[0].chat.id == chat.user_id
