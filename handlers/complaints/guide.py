"""The complaints guide: its menu (/complaint, the menu's 📝, the ``complaint`` link), where to complain, what
to write, the deadlines, what to do without an answer."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.appeal_guide import load_appeal_guide
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.reminder_store import ReminderStore
from bot.reminders import Clock, utc_now
from bot.runtime.middlewares import AnswerFrame
from bot.understanding import Understanding
from handlers.callbacks import CmpCb, ComplaintAct, MenuCb, MenuItem, MoreCb, unpacked
from handlers.complaints.calculator import answer_deadline
from handlers.filters import StartLink, TopicIs
from handlers.views.complaints import (
    channel_answer,
    channels_answer,
    channels_page,
    contents_answer,
    deadlines_answer,
    guide,
    guide_keyboard,
    no_answer_answer,
    no_answer_short,
    reminders_list,
    venting_answer,
)
from handlers.views.keyboard import Keyboard, View
from handlers.views.sending import reply, show_page
from handlers.views.share import bot_username


async def send(message: Message, view: View, frame: AnswerFrame | None = None) -> None:
    await reply(message, view, frame)


async def show_guide(message: Message, t: Translator, bot: Bot) -> None:
    """The guide's menu, with a "Поделиться" link that opens it (``t.me/<bot>?start=complaint``)."""
    await send(message, guide(t, await bot_username(bot)))


async def cmd_complaint(message: Message, t: Translator, bot: Bot) -> None:
    await show_guide(message, t, bot)


async def menu_complaint(query: CallbackQuery, t: Translator, state: FSMContext, bot: Bot) -> None:
    await state.clear()
    if query.message:
        await show_guide(query.message, t, bot)  # type: ignore[arg-type]


async def channels_question(message: Message, t: Translator, feedback: Feedback,
                            frame: AnswerFrame | None = None) -> None:
    """"Куда жаловаться на акима": the ways to file and the 15 working days."""
    await feedback.answered(AnswerKind.COMPLAINT)
    await send(message, channels_answer(t, load_appeal_guide()), frame)


async def contents_question(message: Message, t: Translator, feedback: Feedback,
                            frame: AnswerFrame | None = None) -> None:
    """"Что писать в обращении": what an appeal must contain (art. 63)."""
    await feedback.answered(AnswerKind.COMPLAINT)
    await send(message, contents_answer(t, load_appeal_guide()), frame)


async def venting(message: Message, t: Translator, frame: AnswerFrame | None = None) -> None:
    """"Вы все заодно", "бәрі бекер": one calm line and how to escalate."""
    await send(message, venting_answer(t, load_appeal_guide()), frame)


async def channels(query: CallbackQuery, t: Translator) -> None:
    if query.message:
        await send(query.message, channels_page(t, load_appeal_guide()))  # type: ignore[arg-type]


async def channel(query: CallbackQuery, callback_data: CmpCb, t: Translator, feedback: Feedback,
                  callback_answer: CallbackAnswer) -> None:
    found = load_appeal_guide().channel(callback_data.arg)
    if found is None:
        callback_answer.text, callback_answer.show_alert = t("complaint-stale"), True
        return
    if query.message:
        await feedback.answered(AnswerKind.COMPLAINT)
        await send(query.message, channel_answer(t, found))  # type: ignore[arg-type]


async def contents(query: CallbackQuery, t: Translator, feedback: Feedback) -> None:
    if query.message:
        await feedback.answered(AnswerKind.COMPLAINT)
        await send(query.message, contents_answer(t, load_appeal_guide()))  # type: ignore[arg-type]


async def deadlines(query: CallbackQuery, t: Translator, feedback: Feedback) -> None:
    if query.message:
        await feedback.answered(AnswerKind.COMPLAINT)
        await send(query.message, deadlines_answer(t, load_appeal_guide()))  # type: ignore[arg-type]


async def no_answer(query: CallbackQuery, t: Translator, feedback: Feedback) -> None:
    if query.message:
        await feedback.answered(AnswerKind.COMPLAINT)
        await send(query.message, no_answer_answer(t, load_appeal_guide()))  # type: ignore[arg-type]


async def no_answer_question(message: Message, t: Translator, state: FSMContext, understanding: Understanding,
                             feedback: Feedback, clock: Clock = utc_now,
                             frame: AnswerFrame | None = None) -> None:
    """"аким не отвечает", "жауап келмеді": what to do now; with a date ("подал 5 марта, не ответили"), the count
    first, which says whether the deadline has passed and what to do then."""
    registered = understanding.entities.date
    if registered is not None:
        await state.clear()
        await answer_deadline(message, t, registered, clock(), feedback, frame=frame)
        return
    await feedback.answered(AnswerKind.COMPLAINT)
    await send(message, no_answer_short(t, load_appeal_guide()), frame)


async def more(query: CallbackQuery, callback_data: MoreCb, t: Translator, bot: Bot, reminders: ReminderStore,
               callback_answer: CallbackAnswer) -> None:
    """"Ещё…" under the guide, the channels or the reminders: the next page of its keyboard."""
    target = unpacked(CmpCb, callback_data.of)
    keyboard: Keyboard
    if target is not None and target.action is ComplaintAct.MENU:
        keyboard = guide_keyboard(t, await bot_username(bot))
    elif target is not None and target.action is ComplaintAct.CHANNELS:
        keyboard = channels_page(t, load_appeal_guide()).keyboard
    elif target is not None and target.action is ComplaintAct.REMINDERS:
        keyboard = reminders_list(t, await reminders.pending_for(query.from_user.id)).keyboard
    else:
        callback_answer.text, callback_answer.show_alert = t("complaint-stale"), True
        return
    await show_page(query, callback_answer, t, keyboard, callback_data.page)


def route(router: Router) -> None:
    router.message.register(cmd_complaint, Command("complaint"))
    router.message.register(cmd_complaint, StartLink(section="complaint"))
    router.message.register(channels_question, TopicIs("complaint.channels"))
    router.message.register(contents_question, TopicIs("complaint.contents"))
    router.message.register(no_answer_question, TopicIs("complaint.no_answer"))
    router.message.register(venting, TopicIs("venting"))
    router.callback_query.register(menu_complaint, MenuCb.filter(F.item == MenuItem.COMPLAINT))
    router.callback_query.register(menu_complaint, CmpCb.filter(F.action == ComplaintAct.MENU))
    router.callback_query.register(channels, CmpCb.filter(F.action == ComplaintAct.CHANNELS))
    router.callback_query.register(channel, CmpCb.filter(F.action == ComplaintAct.CHANNEL))
    router.callback_query.register(contents, CmpCb.filter(F.action == ComplaintAct.CONTENTS))
    router.callback_query.register(deadlines, CmpCb.filter(F.action == ComplaintAct.DEADLINES))
    router.callback_query.register(no_answer, CmpCb.filter(F.action == ComplaintAct.NO_ANSWER))
    router.callback_query.register(more, MoreCb.of_kind(CmpCb))
