"""Reminders of an appeal's due date: set one from a counted deadline, list and cancel them (/reminders).

They are kept by the ``reminders`` service (``bot.reminder_store.ReminderStore``, built once by the app) and
sent by the delivery loop of ``bot.runtime.tasks``.
"""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.dates import format_date
from bot.deadlines import appeal_due
from bot.i18n import Translator
from bot.reminder_store import ReminderStore, TooManyReminders
from bot.reminders import MAX_PENDING_PER_USER, Clock, almaty_today, can_remind, utc_now
from handlers.callbacks import CmpCb, ComplaintAct, ReminderCb
from handlers.views.complaints import reminder_set, reminders_list


async def show_reminders(message: Message, user_id: int, t: Translator, reminders: ReminderStore) -> None:
    view = reminders_list(t, await reminders.pending_for(user_id))
    await message.answer(view.text, reply_markup=view.keyboard.markup())


async def remind(query: CallbackQuery, callback_data: CmpCb, t: Translator, lang: str, reminders: ReminderStore,
                 callback_answer: CallbackAnswer, clock: Clock = utc_now) -> None:
    now = clock()
    try:
        registered = date.fromisoformat(callback_data.arg)
        deadline = appeal_due(registered)
    except (ValueError, OverflowError):  # forged: not a date, or one whose deadline is past year 9999
        callback_answer.text, callback_answer.show_alert = t("complaint-stale"), True
        return
    if registered > almaty_today(now) or not can_remind(deadline.answer_by, now):
        callback_answer.text, callback_answer.show_alert = t("reminder-too-late"), True
        return
    chat_id = query.message.chat.id if query.message else query.from_user.id
    if any(r.registered == registered for r in await reminders.pending_for(query.from_user.id)):
        # a second press of the same button: nothing changes, and the notice says so instead of a second "OK"
        callback_answer.text = t("reminder-already", date=format_date(t, deadline.answer_by))
        return
    try:
        await reminders.add(query.from_user.id, chat_id, lang, deadline, now)
    except TooManyReminders:
        callback_answer.text = t("reminder-too-many", count=MAX_PENDING_PER_USER)
        callback_answer.show_alert = True
        return
    if query.message:
        view = reminder_set(t, deadline)
        await query.message.answer(view.text, reply_markup=view.keyboard.markup())


async def cmd_reminders(message: Message, t: Translator, reminders: ReminderStore) -> None:
    if message.from_user:
        await show_reminders(message, message.from_user.id, t, reminders)


async def reminders_button(query: CallbackQuery, t: Translator, reminders: ReminderStore) -> None:
    if query.message:
        await show_reminders(query.message, query.from_user.id, t, reminders)  # type: ignore[arg-type]


async def cancel_reminder(query: CallbackQuery, callback_data: ReminderCb, t: Translator, reminders: ReminderStore,
                          callback_answer: CallbackAnswer) -> None:
    cancelled = await reminders.cancel(query.from_user.id, callback_data.id)
    callback_answer.text = t("reminder-cancelled") if cancelled else t("reminder-gone")
    if query.message:
        await show_reminders(query.message, query.from_user.id, t, reminders)  # type: ignore[arg-type]


def route(router: Router) -> None:
    router.message.register(cmd_reminders, Command("reminders"))
    router.callback_query.register(remind, CmpCb.filter(F.action == ComplaintAct.REMIND))
    router.callback_query.register(reminders_button, CmpCb.filter(F.action == ComplaintAct.REMINDERS))
    router.callback_query.register(cancel_reminder, ReminderCb.filter())
