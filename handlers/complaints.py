"""Complaints to an akimat: the guide, the deadline calculator, reminders and the appeal draft.

Facts come from ``data/appeals.yaml`` (each shown with its source and date), dates from
``bot.deadlines``; reminders are stored by ``bot.reminder_store`` and delivered by a background
loop started with the dispatcher. The appeal draft lives in FSM state only while it is written.
"""

from __future__ import annotations

import asyncio
import functools
import html
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from aiogram import Bot, F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.appeal_draft import (
    MAX_ANSWER_UNITS,
    AnswerProblem,
    DraftStep,
    answer_length,
    clean_answer,
    next_step,
    says_i_ask,
)
from bot.appeal_guide import load_appeal_guide
from bot.datafiles import pick
from bot.dates import DateProblem, find_date, format_date, looks_like_a_date, parse_user_date
from bot.deadlines import AppealDeadline, appeal_due
from bot.facts import Footnotes, Sourced, several_sources
from bot.i18n import Html, I18n, Translator
from bot.message_parts import text_start
from bot.register import load_register
from bot.reminder_store import ReminderStore, TooManyReminders
from bot.reminders import (
    MAX_PENDING_PER_USER,
    DeliveryOutcome,
    Reminder,
    almaty_today,
    can_remind,
    run_reminder_loop,
    utc_now,
)
from bot.storage import Database, DataEraser, Users
from handlers.feedback import FeedbackCb, count_question, feedback_row
from handlers.filters import IntentIs, NoText, TypedText
from handlers.menu import MenuCb, home_button
from handlers.sharing import above_home, share_row
from handlers.views import sources_line

log = logging.getLogger(__name__)
router = Router(name="complaints")
flow_router = Router(name="complaints-flow")
Clock = Callable[[], datetime]


class CmpCb(CallbackData, prefix="cmp"):
    """A button of the complaints guide; ``arg`` is a channel id or an ISO date, never a name."""

    action: str
    arg: str = ""


class ReminderCb(CallbackData, prefix="rmd"):
    """Cancel the reminder with this id (checked against the pressing user)."""

    id: int


class CalcFlow(StatesGroup):
    registered = State()  # waiting for the registration date


class DraftFlow(StatesGroup):
    addressee = State()
    facts = State()
    request = State()


DRAFT_STATES = {
    DraftStep.ADDRESSEE: DraftFlow.addressee,
    DraftStep.FACTS: DraftFlow.facts,
    DraftStep.REQUEST: DraftFlow.request,
}
DRAFT_QUESTIONS = {
    DraftStep.ADDRESSEE: "draft-ask-addressee",
    DraftStep.FACTS: "draft-ask-facts",
    DraftStep.REQUEST: "draft-ask-request",
}
DATE_PROBLEMS = {
    DateProblem.UNREADABLE: "calc-unreadable",
    DateProblem.INVALID: "calc-invalid",
    DateProblem.FUTURE: "calc-future",
}
GUIDE = load_appeal_guide()


# ---- rendering ---------------------------------------------------------------------------------


def render_statements(t: Translator, statements: Iterable[Sourced], separator: str = "\n\n") -> str:
    """Statements as paragraphs, then one line of their sources; with several sources each statement
    is marked with its source's number."""
    statements = list(statements)
    notes = Footnotes() if several_sources(statements) else None
    texts = [html.escape(s.pick(t.lang), quote=False) + (notes.mark(s) if notes else "") for s in statements]
    return f"{separator.join(texts)}\n{sources_line(t, notes or statements)}"


def _keyboard(t: Translator, rows: list[list[InlineKeyboardButton]], back_to_guide: bool = True,
              rated: bool = False):
    if rated:  # an answer of the guide, not a question or a list to choose from
        rows.append(feedback_row(t, "complaint"))
    if back_to_guide:
        rows.append([InlineKeyboardButton(text=t("complaint-btn-menu"), callback_data=CmpCb(action="menu").pack())])
    rows.append([home_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _button_text(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label, callback_data=data.pack())


def _button(t: Translator, key: str, action: str, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=t(key), callback_data=CmpCb(action=action, arg=arg).pack())


@functools.cache  # one menu per language, shared read-only (above_home copies before adding a row)
def guide_menu(t: Translator) -> InlineKeyboardMarkup:
    return _keyboard(
        t,
        [
            [_button(t, "complaint-btn-channels", "channels"), _button(t, "complaint-btn-contents", "contents")],
            [_button(t, "complaint-btn-deadlines", "deadlines"), _button(t, "complaint-btn-no-answer", "noans")],
            [_button(t, "complaint-btn-calc", "calc")],
            [_button(t, "complaint-btn-draft", "draft")],
            [
                _button(t, "complaint-btn-reminders", "rlist"),
                InlineKeyboardButton(text=t("complaint-btn-akimat"), callback_data=MenuCb(item="akimat").pack()),
            ],
        ],
        back_to_guide=False,
    )


def calc_keyboard(t: Translator, today: date) -> InlineKeyboardMarkup:
    return _keyboard(
        t,
        [
            [
                _button(t, "calc-btn-today", "reg", today.isoformat()),
                _button(t, "calc-btn-yesterday", "reg", (today - timedelta(days=1)).isoformat()),
            ]
        ],
    )


# ---- the guide -----------------------------------------------------------------------------------


async def show_guide(message: Message, t: Translator) -> None:
    """The guide's menu, with a "Поделиться" link that opens it (``t.me/<bot>?start=complaint``)."""
    markup = guide_menu(t)
    if message.bot is not None:
        markup = above_home(markup, await share_row(message.bot, t, "complaint", t.plain("share-complaint-text")))
    await message.answer(t("complaint-menu"), reply_markup=markup)


@router.message(Command("complaint"))
@router.message(IntentIs("complaint"))
async def cmd_complaint(message: Message, t: Translator) -> None:
    await show_guide(message, t)


@router.callback_query(MenuCb.filter(F.item == "complaint"))
@router.callback_query(CmpCb.filter(F.action == "menu"))
async def menu_complaint(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await query.answer()
    if query.message:
        await show_guide(query.message, t)


@functools.cache  # the list of channels depends on the language only; built once per language
def channels_page(t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    """The "where to complain" message: the channels' contacts, then one button per channel."""
    rows = [[_button_text(pick(c.name, t.lang), CmpCb(action="ch", arg=c.id))] for c in GUIDE.channels]
    text = "\n\n".join(
        [t("complaint-channels-title"), render_statements(t, [GUIDE.where_contacts]), t("complaint-channels-choose")]
    )
    return text, _keyboard(t, rows)


@router.message(IntentIs("complaint_channels"))
async def channels_question(message: Message, t: Translator) -> None:
    text, markup = channels_page(t)
    await message.answer(text, reply_markup=markup)


@router.callback_query(CmpCb.filter(F.action == "channels"))
async def channels(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if query.message:
        text, markup = channels_page(t)
        await query.message.answer(text, reply_markup=markup)


@router.callback_query(CmpCb.filter(F.action == "ch"))
async def channel(query: CallbackQuery, callback_data: CmpCb, t: Translator, db: Database) -> None:
    found = GUIDE.channel(callback_data.arg)
    if found is None:
        await query.answer(t("complaint-stale"), show_alert=True)
        return
    await query.answer()
    parts = [f"<b>{html.escape(pick(found.name, t.lang), quote=False)}</b>", render_statements(t, [found.expect])]
    if found.links:
        parts.append(t("complaint-links", links=", ".join(found.links)))
    rows = [[_button(t, "complaint-btn-back", "channels")]]
    if query.message:
        await count_question(db, "complaint")
        await query.message.answer("\n\n".join(parts), reply_markup=_keyboard(t, rows, rated=True))


@router.callback_query(CmpCb.filter(F.action == "contents"))
async def contents(query: CallbackQuery, t: Translator, db: Database) -> None:
    await query.answer()
    items = "\n".join(f"• {html.escape(pick(item, t.lang), quote=False)}" for item in GUIDE.contents_items)
    intro = html.escape(pick(GUIDE.contents_intro, t.lang), quote=False)
    text = f"{t('complaint-contents-title')}\n\n{intro}\n{items}\n{sources_line(t, [GUIDE.contents_source])}"
    if query.message:
        await count_question(db, "complaint")
        await query.message.answer(
            text, reply_markup=_keyboard(t, [[_button(t, "complaint-btn-draft", "draft")]], rated=True))


@router.callback_query(CmpCb.filter(F.action == "deadlines"))
async def deadlines(query: CallbackQuery, t: Translator, db: Database) -> None:
    await query.answer()
    text = f"{t('complaint-deadlines-title')}\n\n{render_statements(t, GUIDE.deadlines)}"
    if query.message:
        await count_question(db, "complaint")
        await query.message.answer(
            text, reply_markup=_keyboard(t, [[_button(t, "complaint-btn-calc", "calc")]], rated=True))


def no_answer_text(t: Translator) -> str:
    return f"{t('complaint-no-answer-title')}\n\n{render_statements(t, GUIDE.no_answer)}"


@router.callback_query(CmpCb.filter(F.action == "noans"))
async def no_answer(query: CallbackQuery, t: Translator, db: Database) -> None:
    await query.answer()
    if query.message:
        await count_question(db, "complaint")
        await query.message.answer(no_answer_text(t), reply_markup=_keyboard(t, [], rated=True))


@router.message(IntentIs("complaint_no_answer"))
async def no_answer_question(message: Message, t: Translator, state: FSMContext, db: Database,
                             clock: Clock = utc_now) -> None:
    """"аким не отвечает", "жауап келмеді": what to do now; with a date ("подал 5 марта, не ответили"), the count
    first, which says whether the deadline has passed and links here."""
    now = clock()
    registered = find_date(message.text or "", almaty_today(now))
    if registered is not None:
        await state.clear()
        await answer_deadline(message, t, registered, now, db)
        return
    await count_question(db, "complaint")
    await message.answer(no_answer_text(t), reply_markup=_keyboard(t, [], rated=True))


# ---- the deadline calculator ---------------------------------------------------------------------


async def ask_registration_date(message: Message, t: Translator, state: FSMContext, clock: Clock) -> None:
    await state.clear()  # leaving an unfinished draft drops its answers
    await state.set_state(CalcFlow.registered)
    # the rule the ask states (15 working days, art. 76) is the guide's sourced statement: its source goes with it
    text = f"{t('calc-ask')}\n{sources_line(t, [GUIDE.deadline('working_days')])}"
    await message.answer(text, reply_markup=calc_keyboard(t, almaty_today(clock())))


@router.message(IntentIs("appeal_deadline"))
async def deadline_intent(message: Message, t: Translator, state: FSMContext, db: Database,
                          clock: Clock = utc_now) -> None:
    now = clock()
    # "обращение подал 5 марта, когда ответят?" already names the day: count from it, do not ask again
    registered = find_date(message.text or "", almaty_today(now))
    if registered is None:
        problem = parse_user_date(message.text or "", almaty_today(now))
        if problem in (DateProblem.FUTURE, DateProblem.INVALID):  # a bare "26.12.2026" or "31.02": say why
            await state.clear()
            await state.set_state(CalcFlow.registered)
            await message.answer(t(DATE_PROBLEMS[problem]), reply_markup=calc_keyboard(t, almaty_today(now)))
            return
        await ask_registration_date(message, t, state, clock)
        return
    await state.clear()
    await answer_deadline(message, t, registered, now, db)


@router.callback_query(CmpCb.filter(F.action == "calc"))
async def calc(query: CallbackQuery, t: Translator, state: FSMContext, clock: Clock = utc_now) -> None:
    await query.answer()
    if query.message:
        await ask_registration_date(query.message, t, state, clock)


def deadline_text(t: Translator, deadline: AppealDeadline, today: date) -> str:
    parts = []
    if deadline.submitted != deadline.registered:  # a day off: registered on the next working day (guidance)
        parts.append(t("calc-weekend", submitted=format_date(t, deadline.submitted, "long")))
    parts += [
        t(
            "calc-result",
            registered=format_date(t, deadline.registered, "long"),
            answer_by=format_date(t, deadline.answer_by, "long"),
            extended=format_date(t, deadline.extended_latest, "long"),
            forward_by=format_date(t, deadline.forward_by, "long"),
        )
    ]
    if deadline.answer_by == today:
        parts.append(t("calc-due-today"))
    elif deadline.answer_by < today:
        parts.append(t("calc-passed"))
    parts.append(t("calc-calendar-note"))
    cited = [GUIDE.deadline("working_days")]
    if deadline.submitted != deadline.registered:
        cited.append(GUIDE.deadline("weekend"))
    parts.append(sources_line(t, cited))
    return "\n\n".join(parts)


async def answer_deadline(message: Message, t: Translator, registered: date, now: datetime, db: Database) -> None:
    try:
        deadline = appeal_due(registered)
    except ValueError:  # registered before the Code came into force
        await message.answer(t("calc-before-code"), reply_markup=_keyboard(t, []))
        return
    today = almaty_today(now)
    await count_question(db, "complaint")
    rows = []
    if can_remind(deadline.answer_by, now):
        rows.append([_button(t, "calc-btn-remind", "remind", registered.isoformat())])
    if deadline.answer_by <= today:
        rows.append([_button(t, "complaint-btn-no-answer", "noans")])
    await message.answer(deadline_text(t, deadline, today), reply_markup=_keyboard(t, rows, rated=True))


@router.callback_query(CmpCb.filter(F.action == "reg"))
async def registered_button(
    query: CallbackQuery, callback_data: CmpCb, t: Translator, state: FSMContext, db: Database,
    clock: Clock = utc_now,
) -> None:
    now = clock()
    try:
        registered = date.fromisoformat(callback_data.arg)
    except ValueError:
        registered = None
    if registered is None or registered > almaty_today(now):  # forged, or a "today" button from the future
        await query.answer(t("complaint-stale"), show_alert=True)
        return
    await state.clear()
    await query.answer()
    if query.message:
        await answer_deadline(query.message, t, registered, now, db)


def _a_position_not_a_date(text: str) -> bool:
    # "бас маман" typed while a date is awaited is a search; gibberish still gets "type the date like …"
    return not looks_like_a_date(text) and load_register().search(text_start(text).text).kind != "none"


@flow_router.message(StateFilter(CalcFlow.registered), TypedText())
async def typed_date(message: Message, t: Translator, state: FSMContext, db: Database,
                     intent: str | None = None, clock: Clock = utc_now) -> None:
    now = clock()
    text = message.text or ""
    parsed = parse_user_date(text, almaty_today(now))
    if parsed is DateProblem.UNREADABLE and (intent is not None or _a_position_not_a_date(text)):
        await state.clear()
        raise SkipHandler  # a question, not a date: the feature it names answers it
    if isinstance(parsed, DateProblem):
        await message.answer(t(DATE_PROBLEMS[parsed]), reply_markup=calc_keyboard(t, almaty_today(now)))
        return
    await state.clear()
    await answer_deadline(message, t, parsed, now, db)


# Presses that belong to the waiting calculator (its "today"/"yesterday" buttons) or open nothing (a rating)
_STAYS_IN_CALCULATOR = (
    f"{CmpCb.__prefix__}{CmpCb.__separator__}reg{CmpCb.__separator__}",
    f"{FeedbackCb.__prefix__}{FeedbackCb.__separator__}",
)


@flow_router.callback_query(StateFilter(CalcFlow.registered))
async def leaving_the_calculator(query: CallbackQuery, state: FSMContext) -> None:
    """Any other button opens another screen: the calculator stops waiting for a date (so a later
    "asdf" is not told to type one), and the button's own handler answers the press."""
    if not (query.data or "").startswith(_STAYS_IN_CALCULATOR):
        await state.clear()
    raise SkipHandler


# ---- reminders -------------------------------------------------------------------------------------


@router.callback_query(CmpCb.filter(F.action == "remind"))
async def remind(
    query: CallbackQuery, callback_data: CmpCb, t: Translator, lang: str, db: Database, clock: Clock = utc_now
) -> None:
    now = clock()
    try:
        registered = date.fromisoformat(callback_data.arg)
        deadline = appeal_due(registered)
    except (ValueError, OverflowError):  # forged: not a date, or one whose deadline is past year 9999
        await query.answer(t("complaint-stale"), show_alert=True)
        return
    if registered > almaty_today(now) or not can_remind(deadline.answer_by, now):
        await query.answer(t("reminder-too-late"), show_alert=True)
        return
    chat_id = query.message.chat.id if query.message else query.from_user.id
    try:
        await ReminderStore(db.conn).add(query.from_user.id, chat_id, lang, deadline, now)
    except TooManyReminders:
        await query.answer(t("reminder-too-many", count=MAX_PENDING_PER_USER), show_alert=True)
        return
    await query.answer()
    if query.message:
        await query.message.answer(t("reminder-set", date=format_date(t, deadline.answer_by)),
                                   reply_markup=_keyboard(t, [[_button(t, "complaint-btn-reminders", "rlist")]]))


async def show_reminders(message: Message, user_id: int, t: Translator, db: Database) -> None:
    pending = await ReminderStore(db.conn).pending_for(user_id)
    if not pending:
        await message.answer(
            t("reminder-list-empty"), reply_markup=_keyboard(t, [[_button(t, "complaint-btn-calc", "calc")]])
        )
        return
    lines = [t("reminder-list-title")]
    rows = []
    for n, reminder in enumerate(pending, start=1):
        lines.append(
            t(
                "reminder-list-item",
                n=str(n),
                registered=format_date(t, reminder.registered),
                answer_by=format_date(t, reminder.answer_by),
            )
        )
        rows.append(
            [
                InlineKeyboardButton(
                    text=t("reminder-btn-cancel", n=str(n)), callback_data=ReminderCb(id=reminder.id).pack()
                )
            ]
        )
    await message.answer("\n".join(lines), reply_markup=_keyboard(t, rows))


@router.message(Command("reminders"))
async def cmd_reminders(message: Message, t: Translator, db: Database) -> None:
    if message.from_user:
        await show_reminders(message, message.from_user.id, t, db)


@router.callback_query(CmpCb.filter(F.action == "rlist"))
async def reminders_button(query: CallbackQuery, t: Translator, db: Database) -> None:
    await query.answer()
    if query.message:
        await show_reminders(query.message, query.from_user.id, t, db)


@router.callback_query(ReminderCb.filter())
async def cancel_reminder(query: CallbackQuery, callback_data: ReminderCb, t: Translator, db: Database) -> None:
    cancelled = await ReminderStore(db.conn).cancel(query.from_user.id, callback_data.id)
    await query.answer(t("reminder-cancelled") if cancelled else t("reminder-gone"))
    if query.message:
        await show_reminders(query.message, query.from_user.id, t, db)


def reminder_text(t: Translator, reminder: Reminder, today: date) -> str:
    """The due-date message; a reminder delivered after the due date (bot was down) says so."""
    if today > reminder.answer_by:
        head = t(
            "reminder-due-late", registered=format_date(t, reminder.registered),
            answer_by=format_date(t, reminder.answer_by),
        )
    else:
        head = t("reminder-due-today", registered=format_date(t, reminder.registered))
    return f"{head}\n{t('reminder-next-steps', extended=format_date(t, reminder.extended_latest, 'long'))}"


def reminder_sender(bot: Bot, i18n: I18n, users: Users, clock: Clock = utc_now):
    """How the delivery loop sends one reminder, and what Telegram's answer means for it."""

    async def send(reminder: Reminder) -> DeliveryOutcome:
        t = i18n(await users.language(reminder.user_id) or reminder.lang)
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t, "complaint-btn-no-answer", "noans")],
                [_button(t, "complaint-btn-menu", "menu")],
                [home_button(t)],
            ]
        )
        try:
            text = reminder_text(t, reminder, almaty_today(clock()))
            await bot.send_message(reminder.chat_id, text, reply_markup=keyboard)
        except TelegramForbiddenError:
            return DeliveryOutcome.BLOCKED
        except (TelegramRetryAfter, TelegramServerError, TelegramNetworkError):
            return DeliveryOutcome.RETRY_LATER
        except TelegramBadRequest as exc:
            log.warning("reminder %s refused by Telegram: %s", reminder.id, exc.message)
            return DeliveryOutcome.FAILED
        except TelegramAPIError as exc:
            log.warning("reminder %s not delivered: %s", reminder.id, exc.message)
            return DeliveryOutcome.FAILED
        return DeliveryOutcome.SENT

    return send


_loops: dict[int, asyncio.Task[None]] = {}  # id(Database) -> its delivery loop


@router.startup()
async def start_reminder_loop(
    bot: Bot, db: Database, i18n: I18n, users: Users, forget_user: DataEraser, clock: Clock = utc_now
) -> None:
    """Close claims a crash left, then deliver reminders in the background for as long as the bot runs."""
    store = ReminderStore(db.conn)
    forget_user.register(store.forget_user)
    interrupted = await store.settle_interrupted()
    if interrupted:
        log.warning("%d reminders were being sent when the bot stopped; not sending them again", interrupted)
    previous = _loops.pop(id(db), None)
    if previous is not None:
        previous.cancel()
    _loops[id(db)] = asyncio.create_task(
        run_reminder_loop(store, reminder_sender(bot, i18n, users, clock), clock=clock)
    )


@router.shutdown()
async def stop_reminder_loop(db: Database) -> None:
    task = _loops.pop(id(db), None)
    if task is not None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


# ---- the appeal draft ------------------------------------------------------------------------------


def draft_cancel_keyboard(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t, "draft-btn-cancel", "dcancel")]])


@router.callback_query(CmpCb.filter(F.action == "draft"))
async def draft_start(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await query.answer()
    await state.clear()
    await state.set_state(DraftFlow.addressee)
    if query.message:
        await query.message.answer(
            f"{t('draft-intro')}\n\n{t('draft-ask-addressee')}", reply_markup=draft_cancel_keyboard(t)
        )


@router.callback_query(CmpCb.filter(F.action == "dcancel"))
async def draft_cancel(query: CallbackQuery, t: Translator, state: FSMContext) -> None:
    await state.clear()
    await query.answer()
    if query.message:
        await query.message.answer(t("draft-cancelled"), reply_markup=guide_menu(t))


@flow_router.message(StateFilter(DraftFlow), TypedText())
async def draft_answer(
    message: Message, t: Translator, state: FSMContext, raw_state: str | None, db: Database, clock: Clock = utc_now
) -> None:
    step = next(s for s, st in DRAFT_STATES.items() if st.state == raw_state)
    answer = clean_answer(message.text)
    if answer is AnswerProblem.TOO_SHORT:
        await message.answer(t("draft-too-short"), reply_markup=draft_cancel_keyboard(t))
        return
    if answer is AnswerProblem.TOO_LONG:
        await message.answer(t("draft-too-long", max=str(MAX_ANSWER_UNITS), length=str(answer_length(message.text))),
                             reply_markup=draft_cancel_keyboard(t))
        return
    following = next_step(step)
    if following is not None:
        await state.update_data({step.value: answer})
        await state.set_state(DRAFT_STATES[following])
        await message.answer(t(DRAFT_QUESTIONS[following]), reply_markup=draft_cancel_keyboard(t))
        return
    answers = {**await state.get_data(), step.value: answer}
    await state.clear()  # the draft is never kept once it is shown
    request = answers[DraftStep.REQUEST.value]
    draft = t(
        "draft-result",
        addressee=answers[DraftStep.ADDRESSEE.value],
        facts=answers[DraftStep.FACTS.value],
        # the frame's own "Прошу:" / "… сұраймын." only when the citizen did not write one (escaped once, here)
        request=request if says_i_ask(request) else Html(t("draft-request", request=request.rstrip(" .!"))),
        date=format_date(t, almaty_today(clock())),
    )
    await message.answer(f"<pre>{draft}</pre>")
    # Rated like every answer: the vote keeps the kind and the day, never the draft (bot.feedback.Ratings)
    await count_question(db, "draft")
    await message.answer(t("draft-after"), reply_markup=above_home(guide_menu(t), feedback_row(t, "draft")))


@flow_router.message(StateFilter(DraftFlow), NoText())
async def draft_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("draft-not-text"), reply_markup=draft_cancel_keyboard(t))
