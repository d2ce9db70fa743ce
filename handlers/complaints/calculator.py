"""The deadline calculator: 15 working days from the day an appeal was registered (APPC art. 76), counted from a
date typed, pressed or named in a question ("подал 5 марта, когда ответят?")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.appeal_guide import load_appeal_guide
from bot.dates import DateProblem, parse_user_date
from bot.deadlines import appeal_due
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.reminders import Clock, almaty_today, can_remind, utc_now
from bot.runtime.middlewares import AnswerFrame
from bot.understanding import Understanding
from handlers.callbacks import CmpCb, ComplaintAct, FeedbackCb, MoreCb, unpacked
from handlers.filters import NoText, TopicIs, TypedText
from handlers.views.complaints import (
    calculator_keyboard,
    calculator_question,
    deadline_answer,
    due_date_answer,
    section_keyboard,
)
from handlers.views.sending import reply


class CalcFlow(StatesGroup):
    registered = State()  # waiting for the registration date


DATE_PROBLEMS = {
    DateProblem.UNREADABLE: "calc-unreadable",
    DateProblem.INVALID: "calc-invalid",
    DateProblem.FUTURE: "calc-future",
}


async def ask_registration_date(message: Message, t: Translator, state: FSMContext, clock: Clock,
                                frame: AnswerFrame | None = None) -> None:
    await state.clear()  # leaving an unfinished draft drops its answers
    await state.set_state(CalcFlow.registered)
    await reply(message, calculator_question(t, load_appeal_guide(), almaty_today(clock())), frame)


async def answer_deadline(message: Message, t: Translator, registered: date, now: datetime,
                          feedback: Feedback, full: bool = False, frame: AnswerFrame | None = None) -> None:
    """The due date of an appeal handed in on ``registered`` (the whole count when ``full``), with a reminder to
    set while it is ahead."""
    try:
        deadline = appeal_due(registered)
    except ValueError:  # registered before the Code came into force
        await message.answer(t("calc-before-code"), reply_markup=section_keyboard(t).markup())
        return
    await feedback.answered(AnswerKind.COMPLAINT)
    answer = deadline_answer if full else due_date_answer
    view = answer(t, load_appeal_guide(), deadline, almaty_today(now), can_remind(deadline.answer_by, now))
    await reply(message, view, frame)


# ---------------------------------------------------------------- handlers


async def deadline_question(message: Message, t: Translator, state: FSMContext, clock: Clock = utc_now,
                            frame: AnswerFrame | None = None) -> None:
    """"За сколько дней должны ответить": 15 working days (art. 76), and when was yours registered?"""
    await ask_registration_date(message, t, state, clock, frame)


async def due_date_question(message: Message, t: Translator, state: FSMContext, understanding: Understanding,
                            feedback: Feedback, clock: Clock = utc_now,
                            frame: AnswerFrame | None = None) -> None:
    """"Подал 10 ноября, когда ответ?", "3 күн бұрын бердім": the due date of an appeal filed that day."""
    registered = understanding.entities.date
    if registered is None:  # a follow-up of the count that named no day: ask for it
        await ask_registration_date(message, t, state, clock, frame)
        return
    await state.clear()
    await answer_deadline(message, t, registered, clock(), feedback, frame=frame)


class NotADay(Filter):
    """Passes a text that tries to name a day the calculator cannot count from: one not yet come ("завтра",
    "26.12.2026") or not in the calendar ("31.02"). Hands the handler the ``problem``."""

    async def __call__(self, message: Message, clock: Clock = utc_now) -> bool | dict[str, Any]:
        problem = parse_user_date(message.text or "", almaty_today(clock()))
        return {"problem": problem} if problem in (DateProblem.FUTURE, DateProblem.INVALID) else False


async def not_a_day(message: Message, t: Translator, state: FSMContext, problem: DateProblem,
                    clock: Clock = utc_now) -> None:
    """Why that day cannot be counted from; the calculator then waits for another."""
    await state.clear()
    await state.set_state(CalcFlow.registered)
    keyboard = calculator_keyboard(t, almaty_today(clock()))
    await message.answer(t(DATE_PROBLEMS[problem]), reply_markup=keyboard.markup())


async def calculator(query: CallbackQuery, t: Translator, state: FSMContext, clock: Clock = utc_now) -> None:
    if query.message:
        await ask_registration_date(query.message, t, state, clock)  # type: ignore[arg-type]


async def registered_button(query: CallbackQuery, callback_data: CmpCb, t: Translator, state: FSMContext,
                            feedback: Feedback, callback_answer: CallbackAnswer, clock: Clock = utc_now) -> None:
    now = clock()
    try:
        registered = date.fromisoformat(callback_data.arg)
    except ValueError:
        registered = None
    if registered is None or registered > almaty_today(now):  # forged, or a "today" button from the future
        callback_answer.text, callback_answer.show_alert = t("complaint-stale"), True
        return
    await state.clear()
    if query.message:
        await answer_deadline(query.message, t, registered, now, feedback)  # type: ignore[arg-type]


async def typed_date(message: Message, t: Translator, state: FSMContext, feedback: Feedback,
                     understanding: Understanding | None = None, clock: Clock = utc_now) -> None:
    now = clock()
    text = message.text or ""
    parsed = parse_user_date(text, almaty_today(now))
    if parsed is DateProblem.UNREADABLE and understanding is not None and understanding.entities.date is not None:
        parsed = understanding.entities.date  # a day inside a sentence: "подал 3 дня назад"
    elif parsed is DateProblem.UNREADABLE and understanding is not None and understanding.understood:
        # a question, not a date ("бас маман", "сколько дней ждать"): the feature it names answers it;
        # gibberish still gets "type the date like …"
        await state.clear()
        raise SkipHandler
    if isinstance(parsed, DateProblem):
        keyboard = calculator_keyboard(t, almaty_today(now))
        await message.answer(t(DATE_PROBLEMS[parsed]), reply_markup=keyboard.markup())
        return
    await state.clear()
    await answer_deadline(message, t, parsed, now, feedback)


async def not_a_date(message: Message, t: Translator, clock: Clock = utc_now) -> None:
    """A sticker, a photo or a voice message while the day is awaited: the date as text, please."""
    await message.answer(t("calc-not-text"), reply_markup=calculator_keyboard(t, almaty_today(clock())).markup())


async def full_count(query: CallbackQuery, callback_data: CmpCb, t: Translator, feedback: Feedback,
                     callback_answer: CallbackAnswer, clock: Clock = utc_now) -> None:
    """"Продление и пересылка" under a due date: the whole count, as a new message."""
    now = clock()
    try:
        submitted = date.fromisoformat(callback_data.arg)
    except ValueError:
        submitted = None
    if submitted is None or submitted > almaty_today(now):  # forged
        callback_answer.text, callback_answer.show_alert = t("complaint-stale"), True
        return
    if query.message:
        await answer_deadline(query.message, t, submitted, now, feedback, full=True)  # type: ignore[arg-type]


def _stays_in_calculator(data: str | None) -> bool:
    """A press that belongs to the waiting calculator (its "today"/"yesterday" buttons), opens nothing (a rating)
    or shows more of a keyboard."""
    pressed = unpacked(CmpCb, data)
    return ((pressed is not None and pressed.action is ComplaintAct.REGISTERED)
            or unpacked(FeedbackCb, data) is not None or unpacked(MoreCb, data) is not None)


async def leaving_the_calculator(query: CallbackQuery, state: FSMContext) -> None:
    """Any other button opens another screen: the calculator stops waiting for a date (so a later
    "asdf" is not told to type one), and the button's own handler answers the press."""
    if not _stays_in_calculator(query.data):
        await state.clear()
    raise SkipHandler


def route(router: Router) -> None:
    router.message.register(deadline_question, TopicIs("complaint.deadline"))
    router.message.register(due_date_question, TopicIs("complaint.due_date"))
    router.message.register(not_a_day, TopicIs("unknown"), NotADay())
    router.callback_query.register(calculator, CmpCb.filter(F.action == ComplaintAct.CALCULATOR))
    router.callback_query.register(registered_button, CmpCb.filter(F.action == ComplaintAct.REGISTERED))
    router.callback_query.register(full_count, CmpCb.filter(F.action == ComplaintAct.DUE))


def route_flow(router: Router) -> None:
    router.message.register(typed_date, StateFilter(CalcFlow.registered), TypedText())
    router.message.register(not_a_date, StateFilter(CalcFlow.registered), NoText())
    # it passes every press on: the press's own handler answers it
    router.callback_query.register(leaving_the_calculator, StateFilter(CalcFlow.registered),
                                   flags={"callback_answer": {"disabled": True}})
