"""The appeal draft: three questions (to whom, what happened, what is asked), then the text to copy. The answers
live in the FSM state only while the draft is written; the draft itself is never kept."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.appeal_draft import MAX_ANSWER_UNITS, AnswerProblem, DraftStep, answer_length, clean_answer, next_step
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.reminders import Clock, almaty_today, utc_now
from bot.runtime.middlewares import NOT_A_QUESTION
from handlers.callbacks import CmpCb, ComplaintAct
from handlers.filters import NoText, TypedLabel, TypedText
from handlers.views.complaints import draft_cancel_keyboard, draft_text, drafted_keyboard, guide_keyboard


class DraftFlow(StatesGroup):
    addressee = State()
    facts = State()
    request = State()


STATES = {
    DraftStep.ADDRESSEE: DraftFlow.addressee,
    DraftStep.FACTS: DraftFlow.facts,
    DraftStep.REQUEST: DraftFlow.request,
}
QUESTIONS = {
    DraftStep.ADDRESSEE: "draft-ask-addressee",
    DraftStep.FACTS: "draft-ask-facts",
    DraftStep.REQUEST: "draft-ask-request",
}


async def draft_start(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await state.set_state(DraftFlow.addressee)
    if query.message:
        await query.message.answer(f"{t('draft-intro')}\n\n{t(QUESTIONS[DraftStep.ADDRESSEE])}",
                                   reply_markup=draft_cancel_keyboard(t).markup())


async def draft_cancel(query: CallbackQuery, t: Translator, state: FSMContext, callback_answer: CallbackAnswer) -> None:
    if await state.get_state() not in {s.state for s in STATES.values()}:
        # "Отменить" under a question of a draft already shown or cancelled: nothing changes, and the notice says so
        callback_answer.text = t("draft-nothing-to-cancel")
        return
    await state.clear()
    if query.message:
        await query.message.answer(t("draft-cancelled"), reply_markup=guide_keyboard(t, None).markup())


async def draft_cancel_typed(message: Message, t: Translator, state: FSMContext) -> None:
    """"Отменить" typed instead of pressed: the draft is cancelled, not addressed to "Отменить"."""
    await state.clear()
    await message.answer(t("draft-cancelled"), reply_markup=guide_keyboard(t, None).markup())


async def draft_answer(message: Message, t: Translator, state: FSMContext, raw_state: str | None,
                       feedback: Feedback, clock: Clock = utc_now) -> None:
    step = next(s for s, st in STATES.items() if st.state == raw_state)
    answer = clean_answer(message.text)
    if answer is AnswerProblem.TOO_SHORT:
        await message.answer(t("draft-too-short"), reply_markup=draft_cancel_keyboard(t).markup())
        return
    if answer is AnswerProblem.TOO_LONG:
        await message.answer(t("draft-too-long", max=str(MAX_ANSWER_UNITS), length=str(answer_length(message.text))),
                             reply_markup=draft_cancel_keyboard(t).markup())
        return
    following = next_step(step)
    if following is not None:
        await state.update_data({step.value: answer})
        await state.set_state(STATES[following])
        await message.answer(t(QUESTIONS[following]), reply_markup=draft_cancel_keyboard(t).markup())
        return
    answers = {**await state.get_data(), step.value: answer}
    await state.clear()  # the draft is never kept once it is shown
    await message.answer(draft_text(t, answers[DraftStep.ADDRESSEE.value], answers[DraftStep.FACTS.value],
                                    answers[DraftStep.REQUEST.value], almaty_today(clock())))
    # Rated like every answer: the vote keeps the kind and the day, never the draft (bot.feedback.Ratings)
    await feedback.answered(AnswerKind.DRAFT)
    await message.answer(t("draft-after"), reply_markup=drafted_keyboard(t).markup())


async def draft_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("draft-not-text"), reply_markup=draft_cancel_keyboard(t).markup())


def route(router: Router) -> None:
    router.callback_query.register(draft_start, CmpCb.filter(F.action == ComplaintAct.DRAFT))
    router.callback_query.register(draft_cancel, CmpCb.filter(F.action == ComplaintAct.DRAFT_CANCEL))


def route_flow(router: Router) -> None:
    # the user's own words for the draft, not a question: the conversation's context stays as it was
    router.message.register(draft_cancel_typed, StateFilter(DraftFlow), TypedLabel("draft-btn-cancel"),
                            flags={NOT_A_QUESTION: True})
    router.message.register(draft_answer, StateFilter(DraftFlow), TypedText(), flags={NOT_A_QUESTION: True})
    router.message.register(draft_not_text, StateFilter(DraftFlow), NoText())
