"""The "Can I join the civil service?" walkthrough: one message, edited in place, asks the requirements.

The answers ride in each button's callback data (``AdmissionCb``), so a walkthrough survives a restart
and any button, however old, can be judged on its own. The FSM state marks an open walkthrough, so that
``/cancel`` knows there is one to leave, and keeps its answers and message for answers typed as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.eligibility import (
    PHRASES,
    RULES,
    Answers,
    Extraction,
    InvalidAnswer,
    Requirement,
    answer,
    back,
    check_eligibility,
    decode_answers,
    encode_answers,
    extract_answers,
    requirements_asked,
    restart,
    stated_answers,
)
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.runtime.middlewares import NOT_A_QUESTION, AnswerFrame
from bot.understanding import Entities, Understanding
from handlers.callbacks import AdmissionAct, AdmissionCb, MenuCb, MenuItem, MoreCb, option_index, unpacked
from handlers.filters import NoText, StartLink, TextIn, TopicIs, TypedLabel, claimed_only
from handlers.views.admission import (
    keyboard,
    probation_answer,
    route_answer,
    route_page,
    test_answer,
    walkthrough,
)
from handlers.views.sending import edit_or_keep, reply, show_page


class AdmissionFlow(StatesGroup):
    walkthrough = State()


async def _open(state: FSMContext, answers: Answers, message: Message | None) -> None:
    # Only an unfinished walkthrough is a dialogue /cancel can leave.
    if check_eligibility(answers).decided or message is None:
        await state.clear()
    else:
        await state.set_state(AdmissionFlow.walkthrough)
        await state.set_data({"v": RULES.version, "a": encode_answers(answers), "message_id": message.message_id})


async def _count_if_decided(feedback: Feedback, answers: Answers) -> None:
    # Reaching a verdict is one answered admission question for /stats.
    if check_eligibility(answers).decided:
        await feedback.answered(AnswerKind.ADMISSION)


async def start(message: Message, t: Translator, state: FSMContext, extraction: Extraction | None = None,
                summary: Sequence[Requirement] = (), frame: AnswerFrame | None = None) -> None:
    """Send a new walkthrough message, pre-filled with what the user's text already answered, under the
    requirements it asked about (``summary``)."""
    answers = extraction.answers if extraction else restart()
    view = walkthrough(t, answers, extraction, summary=summary)
    sent = await reply(message, view, frame)
    await _open(state, answers, sent)


async def _saved_answers(state: FSMContext) -> Answers | None:
    data = await state.get_data()
    return decode_answers(data.get("a", "")) if data.get("v") == RULES.version else None


async def _unbutton_previous(state: FSMContext, bot: Bot, chat_id: int) -> None:
    # The walkthrough continues below the user's text; the old message loses its buttons to avoid two.
    old = (await state.get_data()).get("message_id")
    if old is not None:
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(chat_id=chat_id, message_id=old, reply_markup=None)


# ---------------------------------------------------------------- handlers


async def cmd_admission(message: Message, t: Translator, state: FSMContext) -> None:
    """/admission and the ``admission`` link."""
    await start(message, t, state)


async def menu_admission(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    if isinstance(query.message, Message):
        await start(query.message, t, state)


# The short answer to each question about the selection; the whole route is behind its button.
SELECTION_ANSWERS = {"admission.test": test_answer, "admission.probation": probation_answer,
                     "admission.route": route_answer}


async def asked_about_selection(message: Message, t: Translator, understanding: Understanding,
                                feedback: Feedback, frame: AnswerFrame | None = None) -> None:
    """ "Сколько вопросов в тесте", "испытательный срок", "где вакансии": that answer, at once."""
    await feedback.answered(AnswerKind.ADMISSION)
    await reply(message, SELECTION_ANSWERS[understanding.topic](t), frame)


async def whole_route(query: CallbackQuery, t: Translator) -> None:
    """"Весь порядок отбора" under a short answer: the whole route, as a new message."""
    if isinstance(query.message, Message):
        view = route_page(t)
        await query.message.answer(view.text, reply_markup=view.keyboard.markup())


def _merged(answers: Answers, stated: Extraction) -> Answers:
    """The open walkthrough's answers with the stated ones: a stated answer takes the place of the walkthrough's
    for its step ("мне 17" after "18 or older" was pressed), or joins it; a step the change makes moot is dropped."""
    given, replaced = dict(answers), dict(stated.answers)
    merged: Answers = ()
    for step_id, option_id in (*answers, *((s, o) for s, o in stated.answers if s not in given)):
        if check_eligibility(merged).decided:
            break
        with suppress(InvalidAnswer):  # a step no longer asked after the change
            merged = answer(merged, step_id, replaced.get(step_id, option_id))
    return merged


def _newly_stated(saved: Answers, said: Entities, text: str) -> tuple[int | None, str | None, str | None]:
    """The age, citizenship and education the walkthrough takes from this message: what it has not answered yet
    (the conversation's too), and what this very text says otherwise than the walkthrough (not an age said before
    it, which a pressed answer has since replaced)."""
    given, own = dict(saved), extract_answers(text)
    own_given = dict(own.answers)
    age = own.years if own.years is not None else said.age
    citizenship = own_given.get("citizenship", said.citizenship)
    stated = dict(stated_answers(age, citizenship, said.education).answers)

    def new(step: str) -> bool:
        return step in stated and (step not in given or (step in own_given and given[step] != stated[step]))

    return (age if new("age") else None, citizenship if new("citizenship") else None,
            said.education if new("education") else None)


async def asked_in_words(message: Message, t: Translator, state: FSMContext, feedback: Feedback, bot: Bot,
                         understanding: Understanding, frame: AnswerFrame | None = None) -> None:
    """"Могу ли я поступить…", "мне 22, диплом бакалавра": the check, with what the conversation already said.

    Typed while a walkthrough is open ("магистр" at the education question), it continues that walkthrough:
    the answers pressed so far are kept, not asked again."""
    said = understanding.entities
    saved = await _saved_answers(state) if await state.get_state() == AdmissionFlow.walkthrough.state else None
    if saved is not None:
        # what the walkthrough already has (an age said two messages ago) is not said nor summed up again after a
        # new answer ("магистр"); a question naming nothing new ("могу ли я поступить?") is told what is used
        age, citizenship, education = _newly_stated(saved, said, message.text or "")
        extraction = stated_answers(age, citizenship, education)
        answers = _merged(saved, extraction)
        if all(v is None for v in (age, citizenship, education, said.record, said.language_asked)):
            # nothing new: what the conversation said and the walkthrough uses ("вам 22 года") is said again
            used = set(answers) & set(stated_answers(said.age, said.citizenship, said.education).answers)
            steps = {step for step, _ in used}
            age, citizenship, education = (value if step in steps else None for step, value in (
                ("age", said.age), ("citizenship", said.citizenship), ("education", said.education)))
            extraction = stated_answers(age, citizenship, education)
        summary = requirements_asked(years=age, citizenship=citizenship, education=education, record=said.record,
                                     language=said.language_asked)
        await _unbutton_previous(state, bot, message.chat.id)
        sent = await reply(message, walkthrough(t, answers, extraction, summary=summary), frame)
        await _open(state, answers, sent)
        await _count_if_decided(feedback, answers)
        return
    extraction = stated_answers(said.age, said.citizenship, said.education)
    summary = requirements_asked(years=said.age, citizenship=said.citizenship, education=said.education,
                                 record=said.record, language=said.language_asked)
    await start(message, t, state, extraction, summary, frame)
    await _count_if_decided(feedback, extraction.answers)


async def press(query: CallbackQuery, callback_data: AdmissionCb, t: Translator, state: FSMContext,
                feedback: Feedback, callback_answer: CallbackAnswer) -> None:
    answers = decode_answers(callback_data.a) if callback_data.v == RULES.version else None
    before = answers
    notice = None
    act = callback_data.act
    if answers is None:
        # Outdated rules or forged data: say so and start over in the same message.
        answers, notice = restart(), t("admission-stale")
    elif act == AdmissionAct.BACK and not answers:  # a Back on step 1 sent before it was hidden
        callback_answer.text = t("admission-first-step")
        return
    elif act == AdmissionAct.BACK:
        answers = back(answers)
    elif act == AdmissionAct.RESTART:
        answers = restart()
    elif act in (AdmissionAct.ROUTE, AdmissionAct.VERDICT):
        pass  # same answers, another view
    else:
        step = check_eligibility(answers).next_step
        index = option_index(act)
        try:
            if step is None or not 0 <= index < len(step.options):
                raise InvalidAnswer(act)
            answers = answer(answers, step.id, step.options[index].id)
            await _count_if_decided(feedback, answers)
        except InvalidAnswer:
            answers, notice = restart(), t("admission-stale")
    callback_answer.text = notice
    if not isinstance(query.message, Message):
        return
    if notice is None and answers == before and act == AdmissionAct.RESTART:
        callback_answer.text = t("admission-at-start")  # "start over" on the first question: nothing to change
        return
    view = walkthrough(t, answers, notice=notice, route_view=notice is None and act == AdmissionAct.ROUTE)
    shown = await edit_or_keep(query, callback_answer, t, view.text, view.keyboard.markup())
    await _open(state, answers, shown)


async def more(query: CallbackQuery, callback_data: MoreCb, t: Translator, callback_answer: CallbackAnswer) -> None:
    """"Ещё…" under a question: its controls and the main menu."""
    target = unpacked(AdmissionCb, callback_data.of)
    answers = decode_answers(target.a) if target is not None and target.v == RULES.version else None
    if answers is None:
        callback_answer.text = t("admission-stale")
        return
    await show_page(query, callback_answer, t, keyboard(t, answers), callback_data.page)


class TypedAnswers(Filter):
    """Passes text typed during an open walkthrough that answers its open steps ("мне 25", "Нет").

    Hands the handler ``answers`` (the walkthrough's answers plus the typed ones) and ``extraction``.
    Text that answers nothing is left to the other features.
    """

    async def __call__(self, message: Message, state: FSMContext, t: Translator) -> bool | dict[str, Any]:
        if not message.text or message.text.startswith("/"):
            return False
        answers = await _saved_answers(state)
        if answers is None:
            return False
        extraction = extract_answers(message.text)
        typed = list(extraction.answers)
        step = check_eligibility(answers).next_step
        label = message.text.strip().rstrip(".!").casefold()
        if step is not None:
            labels = {o.id: t(f"admission-opt-{step.id}-{o.id}").casefold() for o in step.options}
            exact = [oid for oid, text in labels.items() if text == label]
            # "иә", "нет": the head of one option's label ("Иә, ҚР азаматымын"), when no other shares it
            heads = [oid for oid, text in labels.items() if text.split(",")[0].strip() == label]
            typed += [(step.id, oid) for oid in (exact or (heads if len(heads) == 1 else []))]
        merged = answers
        for step_id, option_id in typed:
            if check_eligibility(merged).decided:
                break
            with suppress(InvalidAnswer):
                merged = answer(merged, step_id, option_id)
        if merged == answers:
            return False
        return {"answers": merged, "extraction": extraction}


async def typed_answer(message: Message, answers: Answers, extraction: Extraction, t: Translator,
                       state: FSMContext, bot: Bot, feedback: Feedback) -> None:
    await _count_if_decided(feedback, answers)
    await _unbutton_previous(state, bot, message.chat.id)
    view = walkthrough(t, answers, extraction)
    sent = await message.answer(view.text, reply_markup=view.keyboard.markup())
    await _open(state, answers, sent)


async def typed_control(message: Message, typed_label: str, t: Translator, state: FSMContext, bot: Bot) -> None:
    """"Назад" or "начать заново" typed instead of pressed: what the button does, below the text."""
    answers = await _saved_answers(state)
    if answers is None:  # a walkthrough of older rules: it is over, and the words go to the other features
        await state.clear()
        raise SkipHandler
    notice = None
    if typed_label == "admission-restart":
        answers = restart()
    elif answers:
        answers = back(answers)
    else:
        notice = t("admission-first-step")
    await _unbutton_previous(state, bot, message.chat.id)
    view = walkthrough(t, answers, notice=notice)
    sent = await message.answer(view.text, reply_markup=view.keyboard.markup())
    await _open(state, answers, sent)


async def bare_reply(message: Message, t: Translator, state: FSMContext, bot: Bot) -> None:
    """A bare "да" / "жоқ" the open question cannot take (two options start so, or the other language), or a sticker,
    a photo: the question again, below, with a hint, rather than a position search for "да"."""
    answers = await _saved_answers(state)
    if answers is None:  # a walkthrough of older rules: it is over, and the reply goes to the other features
        await state.clear()
        raise SkipHandler
    await _unbutton_previous(state, bot, message.chat.id)
    view = walkthrough(t, answers, notice=t("admission-use-buttons"))
    sent = await message.answer(view.text, reply_markup=view.keyboard.markup())
    await _open(state, answers, sent)


# ---------------------------------------------------------------- routing


def create_router() -> Router:
    router = Router(name="admission")
    router.message.register(cmd_admission, Command("admission"))
    router.message.register(cmd_admission, StartLink(section="admission"))
    router.message.register(asked_about_selection, TopicIs(*SELECTION_ANSWERS))
    router.message.register(asked_in_words, TopicIs("admission.eligibility"))
    router.callback_query.register(menu_admission, MenuCb.filter(F.item == MenuItem.ADMISSION))
    router.callback_query.register(whole_route, AdmissionCb.filter(F.act == AdmissionAct.ROUTE_PAGE))
    router.callback_query.register(press, AdmissionCb.filter())
    router.callback_query.register(more, MoreCb.of_kind(AdmissionCb))
    return claimed_only(router)


def create_flow_router() -> Router:
    """Typed answers while a walkthrough is open: before any feature reads them as a question."""
    router = Router(name="admission-flow")
    router.message.filter(StateFilter(AdmissionFlow.walkthrough))  # one check for anyone not in a walkthrough
    router.message.register(typed_control, TypedLabel("admission-back", "admission-restart"),
                            flags={NOT_A_QUESTION: True})
    router.message.register(typed_answer, TypedAnswers())
    # The words: data/admission_phrases.yaml, `bare_replies`.
    router.message.register(bare_reply, TextIn(PHRASES.bare_replies))
    router.message.register(bare_reply, NoText())
    return router
