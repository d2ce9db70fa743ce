"""The "Can I join the civil service?" walkthrough: one message, edited in place, asks the requirements.

The answers ride in each button's callback data (``AdmissionCb``), so a walkthrough survives a restart
and any button, however old, can be judged on its own. The FSM state marks an open walkthrough, so that
``/cancel`` knows there is one to leave, and keeps its answers and message for answers typed as text.
"""

from __future__ import annotations

import functools
import string
from contextlib import suppress
from html import escape
from typing import Any

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, Filter, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.datafiles import pick
from bot.dates import format_date
from bot.eligibility import (
    PHRASES,
    RULES,
    Answers,
    Extraction,
    InvalidAnswer,
    Outcome,
    Progress,
    Verdict,
    answer,
    back,
    check_eligibility,
    decode_answers,
    encode_answers,
    extract_answers,
    restart,
    ways_not_shut,
)
from bot.facts import Footnotes
from bot.i18n import Html, Translator
from bot.storage import Database
from handlers.feedback import count_question, feedback_row
from handlers.filters import IntentIs, TextIn
from handlers.menu import MenuCb, home_button
from handlers.views import sources_line

router = Router(name="admission")
flow_router = Router(name="admission-flow")

BACK = "b"
RESTART = "r"
ROUTE = "w"  # show the route after a verdict (a second view of the same message)
VERDICT = "v"  # from the route back to the verdict
_OPTION_INDEX = string.digits + string.ascii_lowercase  # an option's position as one character


class AdmissionCb(CallbackData, prefix="adm"):
    """A walkthrough button: rules version, the answers so far (compact) and the action."""

    v: int
    a: str
    act: str  # an option's index on the current step, BACK, RESTART, ROUTE or VERDICT


class AdmissionFlow(StatesGroup):
    walkthrough = State()


def _bullet(text: str) -> str:
    return f"• {escape(text)}"


def _button(answers: Answers, act: str, label: str) -> InlineKeyboardButton:
    data = AdmissionCb(v=RULES.version, a=encode_answers(answers), act=act)
    return InlineKeyboardButton(text=label, callback_data=data.pack())


def _keyboard(t: Translator, answers: Answers, verdict: Verdict, route_view: bool) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    step = verdict.next_step
    if step is not None:
        rows += [[_button(answers, _OPTION_INDEX[i], t(f"admission-opt-{step.id}-{option.id}"))]
                 for i, option in enumerate(step.options)]
    if route_view:
        rows.append([_button(answers, VERDICT, t("admission-to-verdict")),
                     _button(answers, RESTART, t("admission-restart"))])
    else:
        if _has_route(verdict):
            rows.append([_button(answers, ROUTE, t("admission-show-route"))])
        controls = [_button(answers, RESTART, t("admission-restart"))]
        if answers:  # on the first question there is nothing to go back to
            controls.insert(0, _button(answers, BACK, t("admission-back")))
        rows.append(controls)
    if step is None:  # the verdict (or its route) is the answer people rate
        rows.append(feedback_row(t, "admission"))
    rows.append([home_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


PROGRESS_CELLS = 10


def _progress_bar(progress: Progress) -> str:
    """The share of the applicable steps already answered, as a bar of ten cells ("●●●●○○○○○○").

    No total is shown: a conditional step (how long ago the dismissal was, a penalty) joins the count
    only once an answer calls for it, and "step 5 of 9" turning into "step 6 of 10" reads as a bug.
    The bar still never goes back on an answer: a/(a+r) < (a+1)/(a+r+1), whatever joins.
    """
    answered = progress.current - 1
    filled = answered * PROGRESS_CELLS // progress.total if progress.total else 0
    return "●" * filled + "○" * (PROGRESS_CELLS - filled)


def _has_route(verdict: Verdict) -> bool:
    # Someone who cannot apply yet gets advice instead of the route.
    return verdict.outcome in (Outcome.MEETS, Outcome.NEEDS_CHECK)


def _reasons(t: Translator, verdict: Verdict, reasons, notes: Footnotes) -> list[str]:
    """Each reason's rule, marked with its source's number, and what to do about it."""
    lines = []
    for reason in reasons:
        req = reason.requirement
        lines.append(_bullet(req.rule.pick(t.lang)) + notes.mark(req.rule))
        if verdict.outcome is Outcome.NOT_YET and req.advice:
            lines.append(t("admission-reason-advice", advice=pick(req.advice, t.lang)))
        if verdict.outcome is Outcome.NEEDS_CHECK and req.unsure:
            lines.append(t("admission-reason-check", check=pick(req.unsure, t.lang)))
    return lines


def _route(t: Translator, verdict: Verdict, answers: Answers, notes: Footnotes) -> list[str]:
    """The selection route, each step marked with its source's number (listed once, at the end)."""
    route = RULES.route
    test = route.test
    acts = Html(", ".join(f"{escape(pick(a.name, t.lang))} ({a.questions})" for a in test.acts))
    lines = [t("admission-route-title"),
             t("admission-route-test", questions=test.questions, minutes=test.minutes, acts=acts,
               pass_total=test.pass_total, pass_per_act=test.pass_per_act, until=format_date(t, test.until))
             + notes.mark(test.fact),
             t("layout-italic", text=route.new_rules.pick(t.lang)) + notes.mark(route.new_rules)]
    lines += [f"{number}. {escape(stage.pick(t.lang))}{notes.mark(stage)}"
              for number, stage in enumerate(route.stages, start=2)]
    lines.append("")
    for key, fact in (("vacancies", route.vacancies), ("reserve", route.reserve)):
        lines.append(t(f"admission-route-{key}", text=fact.pick(t.lang)) + notes.mark(fact))
    lines.append("")
    if verdict.ways:
        lines += [t("admission-ways-yours", way=way.fact.pick(t.lang)) + notes.mark(way.fact)
                  for way in verdict.ways]
    else:
        lines.append(t("admission-ways-title"))
        lines += [_bullet(way.fact.pick(t.lang)) + notes.mark(way.fact) for way in ways_not_shut(answers)]
    return lines


def _closing(t: Translator, notes: Footnotes) -> list[str]:
    """Which law applies now, then the one line of sources (and what replaced the acts cited)."""
    caveat = RULES.caveat
    return ["", t("admission-caveat", text=caveat.pick(t.lang)) + notes.mark(caveat), sources_line(t, notes)]


def render(t: Translator, answers: Answers, extraction: Extraction | None = None,
           notice: str | None = None, route_view: bool = False) -> tuple[str, InlineKeyboardMarkup]:
    """The walkthrough message for these answers: the next question, or the verdict.

    With ``route_view`` (only once the verdict lets the user apply) it shows the route instead: the
    selection stages, vacancies, ways without competition and their sources.
    """
    if extraction is None:
        return _render_pressed(t, answers, notice, route_view)
    return _render(t, answers, extraction, notice, route_view)


# A button press renders a pure function of (language, answers, notice, view) from a few hundred
# possible ones: remembered, a press skips the eligibility check, Fluent and the keyboard (~400 µs).
@functools.lru_cache(maxsize=2048)
def _render_pressed(t: Translator, answers: Answers, notice: str | None,
                    route_view: bool) -> tuple[str, InlineKeyboardMarkup]:
    return _render(t, answers, None, notice, route_view)


def _render(t: Translator, answers: Answers, extraction: Extraction | None,
            notice: str | None, route_view: bool) -> tuple[str, InlineKeyboardMarkup]:
    verdict = check_eligibility(answers)
    route_view = route_view and _has_route(verdict)
    lines = [t("admission-title")]
    if notice:
        lines.append(notice)
    if not answers:
        lines.append(t("admission-intro"))
    if extraction and extraction.answers:
        names = [t(f"admission-requirement-{req}") for req in extraction.touched]
        if extraction.years is not None:
            names = [f"{name} ({t('admission-prefilled-age', years=extraction.years)})" if req == "age_min"
                     else name for name, req in zip(names, extraction.touched, strict=True)]
        lines.append(t("admission-prefilled", requirements=Html(", ".join(names))))
        if not verdict.stopped_early:  # the early-stop text already says how to undo
            lines.append(t("admission-prefilled-undo"))
    lines.append("")
    if verdict.next_step is not None:
        lines.append(t("admission-progress", current=verdict.progress.current, bar=_progress_bar(verdict.progress)))
        lines.append(t(f"admission-q-{verdict.next_step.id}"))
        return "\n".join(lines), _keyboard(t, answers, verdict, route_view=False)
    notes = Footnotes()
    if route_view:
        lines += _route(t, verdict, answers, notes)
    else:
        lines.append(t(f"admission-verdict-{verdict.outcome}"))
        lines += _reasons(t, verdict, verdict.reasons, notes)
        if verdict.stopped_early:  # after the reason: "Пока нет, потому что:" must be followed by it
            lines += ["", t("admission-stopped-early")]
        if verdict.notes:
            lines += ["", t("admission-notes-title"), *_reasons(t, verdict, verdict.notes, notes)]
    lines += _closing(t, notes)
    return "\n".join(lines), _keyboard(t, answers, verdict, route_view)


async def _open(state: FSMContext, answers: Answers, message: Message | None) -> None:
    # Only an unfinished walkthrough is a dialogue /cancel can leave.
    if check_eligibility(answers).decided or message is None:
        await state.clear()
    else:
        await state.set_state(AdmissionFlow.walkthrough)
        await state.set_data({"v": RULES.version, "a": encode_answers(answers), "message_id": message.message_id})


async def start(message: Message, t: Translator, state: FSMContext, extraction: Extraction | None = None) -> None:
    """Send a new walkthrough message, pre-filled with what the user's text already answered."""
    answers = extraction.answers if extraction else restart()
    text, markup = render(t, answers, extraction)
    sent = await message.answer(text, reply_markup=markup)
    await _open(state, answers, sent)


@router.message(Command("admission"))
async def cmd_admission(message: Message, t: Translator, state: FSMContext) -> None:
    await start(message, t, state)


@router.callback_query(MenuCb.filter(F.item == "admission"))
async def menu_admission(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await start(query.message, t, state)


@router.message(IntentIs("admission_route"))
async def asked_about_selection(message: Message, t: Translator, db: Database) -> None:
    """ "Сколько вопросов в тесте", "где вакансии", "испытательный срок": the route itself, at once."""
    await count_question(db, "admission")
    text, markup = _route_page(t)
    await message.answer(text, reply_markup=markup)


@functools.cache  # one page per language: the route and its sources do not depend on the asker
def _route_page(t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    notes = Footnotes()
    route = _route(t, check_eligibility(restart()), restart(), notes)
    lines = [t("admission-route-page-title"), *route[1:], *_closing(t, notes)]
    check = InlineKeyboardButton(text=t("admission-check-me"), callback_data=MenuCb(item="admission").pack())
    return "\n".join(lines), InlineKeyboardMarkup(
        inline_keyboard=[[check], feedback_row(t, "admission"), [home_button(t)]])


@router.message(IntentIs("admission"))
async def asked_in_words(message: Message, t: Translator, state: FSMContext, db: Database) -> None:
    extraction = extract_answers(message.text or "")
    await start(message, t, state, extraction)
    await _count_if_decided(db, extraction.answers)


async def _count_if_decided(db: Database, answers: Answers) -> None:
    # Reaching a verdict is one answered admission question for /stats.
    if check_eligibility(answers).decided:
        await count_question(db, "admission")


@router.callback_query(AdmissionCb.filter())
async def press(query: CallbackQuery, callback_data: AdmissionCb, t: Translator, state: FSMContext,
                db: Database) -> None:
    answers = decode_answers(callback_data.a) if callback_data.v == RULES.version else None
    before = answers
    notice = None
    if answers is None:
        # Outdated rules or forged data: say so and start over in the same message.
        answers, notice = restart(), t("admission-stale")
    elif callback_data.act == BACK and not answers:  # a Back on step 1 sent before it was hidden
        await query.answer(t("admission-first-step"))
        return
    elif callback_data.act == BACK:
        answers = back(answers)
    elif callback_data.act == RESTART:
        answers = restart()
    elif callback_data.act in (ROUTE, VERDICT):
        pass  # same answers, another view
    else:
        step = check_eligibility(answers).next_step
        index = _OPTION_INDEX.find(callback_data.act)
        try:
            if step is None or not 0 <= index < len(step.options):
                raise InvalidAnswer(callback_data.act)
            answers = answer(answers, step.id, step.options[index].id)
            await _count_if_decided(db, answers)
        except InvalidAnswer:
            answers, notice = restart(), t("admission-stale")
    await query.answer(notice)
    if not isinstance(query.message, Message):
        return
    if notice is None and answers == before and callback_data.act == RESTART:
        return  # "restart" on the first question: nothing to change
    text, markup = render(t, answers, notice=notice, route_view=notice is None and callback_data.act == ROUTE)
    shown: Any = query.message
    try:
        await query.message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" not in str(exc):
            # The message is gone or can no longer be edited: carry on in a new one.
            shown = await query.message.answer(text, reply_markup=markup)
    await _open(state, answers, shown)


class TypedAnswers(Filter):
    """Passes text typed during an open walkthrough that answers its open steps ("мне 25", "Нет").

    Hands the handler ``answers`` (the walkthrough's answers plus the typed ones) and ``extraction``.
    Text that answers nothing is left to the other features.
    """

    async def __call__(self, message: Message, state: FSMContext, t: Translator) -> bool | dict[str, Any]:
        if not message.text or message.text.startswith("/"):
            return False
        data = await state.get_data()
        answers = decode_answers(data.get("a", "")) if data.get("v") == RULES.version else None
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


@flow_router.message(StateFilter(AdmissionFlow.walkthrough), TypedAnswers())
async def typed_answer(message: Message, answers: Answers, extraction: Extraction, t: Translator,
                       state: FSMContext, bot: Bot, db: Database) -> None:
    await _count_if_decided(db, answers)
    # The walkthrough continues below the user's text; the old message loses its buttons to avoid two.
    old = (await state.get_data()).get("message_id")
    if old is not None:
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(chat_id=message.chat.id, message_id=old, reply_markup=None)
    text, markup = render(t, answers, extraction)
    sent = await message.answer(text, reply_markup=markup)
    await _open(state, answers, sent)


# A bare "да" / "жоқ" the open question cannot take (two options start so, or the other language):
# the question again, below, with a hint, rather than a position search for "да".
# The words: data/admission_phrases.yaml, `bare_replies`.
_BARE_REPLIES = PHRASES.bare_replies


@flow_router.message(StateFilter(AdmissionFlow.walkthrough), TextIn(_BARE_REPLIES))
async def bare_reply(message: Message, t: Translator, state: FSMContext, bot: Bot) -> None:
    data = await state.get_data()
    answers = decode_answers(data.get("a", "")) if data.get("v") == RULES.version else None
    if answers is None:  # a walkthrough of older rules: it is over, and the reply goes to the other features
        await state.clear()
        raise SkipHandler
    old = data.get("message_id")
    if old is not None:
        with suppress(TelegramBadRequest):
            await bot.edit_message_reply_markup(chat_id=message.chat.id, message_id=old, reply_markup=None)
    text, markup = render(t, answers, notice=t("admission-use-buttons"))
    sent = await message.answer(text, reply_markup=markup)
    await _open(state, answers, sent)
