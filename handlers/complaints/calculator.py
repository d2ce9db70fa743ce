"""The deadline calculator: 15 working days from the day an appeal was registered (APPC art. 76), counted from a
date typed, pressed or named in a question ("подал 5 марта, когда ответят?")."""

from __future__ import annotations

from datetime import date, datetime

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.appeal_guide import load_appeal_guide
from bot.dates import DateProblem, find_date, looks_like_a_date, parse_user_date
from bot.deadlines import appeal_due
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.message_parts import text_start
from bot.register import load_register
from bot.reminders import Clock, almaty_today, can_remind, utc_now
from handlers.callbacks import CmpCb, ComplaintAct, FeedbackCb, MoreCb, unpacked
from handlers.filters import IntentIs, TypedText
from handlers.views.complaints import calculator_keyboard, calculator_question, deadline_answer, section_keyboard


class CalcFlow(StatesGroup):
    registered = State()  # waiting for the registration date


DATE_PROBLEMS = {
    DateProblem.UNREADABLE: "calc-unreadable",
    DateProblem.INVALID: "calc-invalid",
    DateProblem.FUTURE: "calc-future",
}


async def ask_registration_date(message: Message, t: Translator, state: FSMContext, clock: Clock) -> None:
    await state.clear()  # leaving an unfinished draft drops its answers
    await state.set_state(CalcFlow.registered)
    view = calculator_question(t, load_appeal_guide(), almaty_today(clock()))
    await message.answer(view.text, reply_markup=view.keyboard.markup())


async def answer_deadline(message: Message, t: Translator, registered: date, now: datetime,
                          feedback: Feedback) -> None:
    """The deadline of an appeal registered on ``registered``, with a reminder to set while it is ahead."""
    try:
        deadline = appeal_due(registered)
    except ValueError:  # registered before the Code came into force
        await message.answer(t("calc-before-code"), reply_markup=section_keyboard(t).markup())
        return
    await feedback.answered(AnswerKind.COMPLAINT)
    view = deadline_answer(t, load_appeal_guide(), deadline, almaty_today(now), can_remind(deadline.answer_by, now))
    await message.answer(view.text, reply_markup=view.keyboard.markup())


# ---------------------------------------------------------------- handlers


async def deadline_intent(message: Message, t: Translator, state: FSMContext, feedback: Feedback,
                          clock: Clock = utc_now) -> None:
    now = clock()
    # "обращение подал 5 марта, когда ответят?" already names the day: count from it, do not ask again
    registered = find_date(message.text or "", almaty_today(now))
    if registered is None:
        problem = parse_user_date(message.text or "", almaty_today(now))
        if problem in (DateProblem.FUTURE, DateProblem.INVALID):  # a bare "26.12.2026" or "31.02": say why
            await state.clear()
            await state.set_state(CalcFlow.registered)
            keyboard = calculator_keyboard(t, almaty_today(now))
            await message.answer(t(DATE_PROBLEMS[problem]), reply_markup=keyboard.markup())
            return
        await ask_registration_date(message, t, state, clock)
        return
    await state.clear()
    await answer_deadline(message, t, registered, now, feedback)


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


def _a_position_not_a_date(text: str) -> bool:
    # "бас маман" typed while a date is awaited is a search; gibberish still gets "type the date like …"
    return not looks_like_a_date(text) and load_register().search(text_start(text).text).kind != "none"


async def typed_date(message: Message, t: Translator, state: FSMContext, feedback: Feedback,
                     intent: str | None = None, clock: Clock = utc_now) -> None:
    now = clock()
    text = message.text or ""
    parsed = parse_user_date(text, almaty_today(now))
    if parsed is DateProblem.UNREADABLE and (intent is not None or _a_position_not_a_date(text)):
        await state.clear()
        raise SkipHandler  # a question, not a date: the feature it names answers it
    if isinstance(parsed, DateProblem):
        keyboard = calculator_keyboard(t, almaty_today(now))
        await message.answer(t(DATE_PROBLEMS[parsed]), reply_markup=keyboard.markup())
        return
    await state.clear()
    await answer_deadline(message, t, parsed, now, feedback)


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
    router.message.register(deadline_intent, IntentIs("appeal_deadline"))
    router.callback_query.register(calculator, CmpCb.filter(F.action == ComplaintAct.CALCULATOR))
    router.callback_query.register(registered_button, CmpCb.filter(F.action == ComplaintAct.REGISTERED))


def route_flow(router: Router) -> None:
    router.message.register(typed_date, StateFilter(CalcFlow.registered), TypedText())
    # it passes every press on: the press's own handler answers it
    router.callback_query.register(leaving_the_calculator, StateFilter(CalcFlow.registered),
                                   flags={"callback_answer": {"disabled": True}})
