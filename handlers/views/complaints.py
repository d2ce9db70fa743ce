"""The complaints section's messages: the guide (where to complain, what to write, deadlines, no answer), the
deadline calculator, reminders and the appeal draft. Facts come from ``data/appeals.yaml`` through
``bot.appeal_guide``, each shown with its source and date."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

from aiogram.types import InlineKeyboardMarkup

from bot.appeal_draft import says_i_ask
from bot.appeal_guide import AppealGuide, Channel
from bot.datafiles import pick
from bot.dates import format_date
from bot.deadlines import AppealDeadline
from bot.facts import Footnotes, Sourced, several_sources
from bot.feedback import AnswerKind
from bot.i18n import Html, Translator
from bot.reminders import Reminder
from handlers.callbacks import CmpCb, ComplaintAct, MenuCb, MenuItem, ReminderCb
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Key, Keyboard, Row, View, button
from handlers.views.share import share_row
from handlers.views.sources import sources_line, statements

SHARE_PAYLOAD = "complaint"  # t.me/<bot>?start=complaint opens the guide


def cmp_button(t: Translator, key: str, action: ComplaintAct, arg: str = "") -> Key:
    return button(t(key), CmpCb(action=action, arg=arg))


def section_keyboard(t: Translator, rows: Sequence[Row] = (), *, rated: bool = False) -> Keyboard:
    """An answer's keyboard in the section: its rows, 👍 / 👎 when it is an answer (not a question or a list to
    choose from), the way back to the guide and the main menu."""
    back = (cmp_button(t, "complaint-btn-menu", ComplaintAct.MENU),)
    return Keyboard.of(t, [*rows, feedback_row(t, AnswerKind.COMPLAINT) if rated else (), back])


# ---- the guide -----------------------------------------------------------------------------------


def guide_keyboard(t: Translator, username: str | None) -> Keyboard:
    """The guide's menu, with a "Поделиться" link that opens it."""
    rows = [
        (cmp_button(t, "complaint-btn-channels", ComplaintAct.CHANNELS),
         cmp_button(t, "complaint-btn-contents", ComplaintAct.CONTENTS)),
        (cmp_button(t, "complaint-btn-deadlines", ComplaintAct.DEADLINES),
         cmp_button(t, "complaint-btn-no-answer", ComplaintAct.NO_ANSWER)),
        (cmp_button(t, "complaint-btn-calc", ComplaintAct.CALCULATOR),),
        (cmp_button(t, "complaint-btn-draft", ComplaintAct.DRAFT),),
        (cmp_button(t, "complaint-btn-reminders", ComplaintAct.REMINDERS),
         button(t("complaint-btn-akimat"), MenuCb(item=MenuItem.AKIMAT))),
        share_row(t, username, SHARE_PAYLOAD, t.plain("share-complaint-text")),
    ]
    return Keyboard.of(t, rows, ref=CmpCb(action=ComplaintAct.MENU))


def guide(t: Translator, username: str | None) -> View:
    return View(t("complaint-menu"), guide_keyboard(t, username))


def channels_page(t: Translator, guide: AppealGuide) -> View:
    """The "where to complain" message: the channels' contacts, then one button per channel."""
    rows = [(button(pick(c.button, t.lang), CmpCb(action=ComplaintAct.CHANNEL, arg=c.id)),) for c in guide.channels]
    text = "\n\n".join(
        [t("complaint-channels-title"), statements(t, [guide.where_contacts]), t("complaint-channels-choose")]
    )
    return View(text, section_keyboard(t, rows).named(CmpCb(action=ComplaintAct.CHANNELS)))


def channels_answer(t: Translator, guide: AppealGuide) -> View:
    """"Куда жаловаться на акима": the ways to file and the deadline first; each way's details and the rest of the
    guide behind buttons."""
    names = "\n".join(t("layout-bullet", text=pick(c.name, t.lang), mark="") for c in guide.channels)
    deadline = t("layout-deadline", text=guide.deadline_short.pick(t.lang))
    cited = [*(c.expect for c in guide.channels), guide.deadline_short]
    text = "\n\n".join([t("complaint-channels-title"), names, f"{deadline}\n{sources_line(t, cited)}"])
    rows = [(cmp_button(t, "complaint-btn-channel-details", ComplaintAct.CHANNELS),
             cmp_button(t, "complaint-btn-contents", ComplaintAct.CONTENTS)),
            (cmp_button(t, "complaint-btn-calc", ComplaintAct.CALCULATOR),),
            feedback_row(t, AnswerKind.COMPLAINT)]
    return View(text, Keyboard.of(t, rows))


def escalation_lines(t: Translator, guide: AppealGuide) -> str:
    """What to do when no answer came or it did not help, a bullet a step, with one line of sources."""
    notes = Footnotes() if several_sources(guide.escalation) else None
    steps = [t("layout-bullet", text=step.pick(t.lang), mark=Html(notes.mark(step) if notes else ""))
             for step in guide.escalation]
    return "\n".join([*steps, sources_line(t, notes or guide.escalation)])


def no_answer_short(t: Translator, guide: AppealGuide) -> View:
    """"Аким не отвечает": the steps first (a complaint to the same akimat, the higher body decides; court); the
    full text behind a button."""
    text = f"{t('complaint-no-answer-title')}\n\n{escalation_lines(t, guide)}"
    rows = [(cmp_button(t, "complaint-btn-no-answer-details", ComplaintAct.NO_ANSWER),
             cmp_button(t, "complaint-btn-draft", ComplaintAct.DRAFT)),
            feedback_row(t, AnswerKind.COMPLAINT)]
    return View(text, Keyboard.of(t, rows))


def venting_answer(t: Translator, guide: AppealGuide) -> View:
    """Anger or despair without a question: one calm line, then how to escalate."""
    text = f"{t('venting-reply')}\n\n{t('venting-steps')}\n{escalation_lines(t, guide)}"
    rows = [(cmp_button(t, "complaint-btn-channels", ComplaintAct.CHANNELS),
             cmp_button(t, "complaint-btn-draft", ComplaintAct.DRAFT)),
            (cmp_button(t, "complaint-btn-no-answer-details", ComplaintAct.NO_ANSWER),)]
    return View(text, Keyboard.of(t, rows))


def channel_answer(t: Translator, channel: Channel) -> View:
    parts = [f"<b>{html.escape(pick(channel.name, t.lang), quote=False)}</b>", statements(t, [channel.expect])]
    if channel.links:
        parts.append(t("complaint-links", links=", ".join(channel.links)))
    rows = [(cmp_button(t, "complaint-btn-back", ComplaintAct.CHANNELS),)]
    return View("\n\n".join(parts), section_keyboard(t, rows, rated=True))


def contents_answer(t: Translator, guide: AppealGuide) -> View:
    items = "\n".join(f"• {html.escape(pick(item, t.lang), quote=False)}" for item in guide.contents_items)
    intro = html.escape(pick(guide.contents_intro, t.lang), quote=False)
    text = f"{t('complaint-contents-title')}\n\n{intro}\n{items}\n{sources_line(t, [guide.contents_source])}"
    return View(text, section_keyboard(t, [(cmp_button(t, "complaint-btn-draft", ComplaintAct.DRAFT),)], rated=True))


def deadlines_answer(t: Translator, guide: AppealGuide) -> View:
    text = f"{t('complaint-deadlines-title')}\n\n{statements(t, guide.deadlines)}"
    rows = [(cmp_button(t, "complaint-btn-calc", ComplaintAct.CALCULATOR),)]
    return View(text, section_keyboard(t, rows, rated=True))


def no_answer_answer(t: Translator, guide: AppealGuide) -> View:
    text = f"{t('complaint-no-answer-title')}\n\n{statements(t, guide.no_answer)}"
    return View(text, section_keyboard(t, rated=True))


# ---- the deadline calculator ---------------------------------------------------------------------


def calculator_keyboard(t: Translator, today: date) -> Keyboard:
    """"Today" and "yesterday" as the registration day."""
    return section_keyboard(t, [(
        cmp_button(t, "calc-btn-today", ComplaintAct.REGISTERED, today.isoformat()),
        cmp_button(t, "calc-btn-yesterday", ComplaintAct.REGISTERED, (today - timedelta(days=1)).isoformat()),
    )])


def calculator_question(t: Translator, guide: AppealGuide, today: date) -> View:
    # the rule the ask states (15 working days, art. 76) is the guide's sourced statement: its source goes with it
    text = f"{t('calc-ask')}\n{sources_line(t, [guide.deadline('working_days')])}"
    return View(text, calculator_keyboard(t, today))


def deadline_text(t: Translator, guide: AppealGuide, deadline: AppealDeadline, today: date) -> str:
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
    cited = [guide.deadline("working_days")]
    if deadline.submitted != deadline.registered:
        cited.append(guide.deadline("weekend"))
    parts.append(sources_line(t, cited))
    return "\n\n".join(parts)


def deadline_answer(t: Translator, guide: AppealGuide, deadline: AppealDeadline, today: date,
                    can_remind: bool) -> View:
    """The full count (the extension, forwarding, the calendar's caveat); a reminder offered while the due day is
    ahead, what to do once it has come."""
    rows = []
    if can_remind:
        rows.append((cmp_button(t, "calc-btn-remind", ComplaintAct.REMIND, deadline.registered.isoformat()),))
    if deadline.answer_by <= today:
        rows.append((cmp_button(t, "complaint-btn-no-answer", ComplaintAct.NO_ANSWER),))
    return View(deadline_text(t, guide, deadline, today), section_keyboard(t, rows, rated=True))


def due_date_answer(t: Translator, guide: AppealGuide, deadline: AppealDeadline, today: date,
                    can_remind: bool) -> View:
    """The first reply to "подал 10 ноября, когда ответ?": the due date; once it has passed, what to do. The full
    count (extension, forwarding) and a reminder behind buttons."""
    said: list[tuple[str, Sourced | None]] = []  # each paragraph and the fact it rests on
    if deadline.submitted != deadline.registered:  # a day off: registered on the next working day (guidance)
        said.append((t("calc-weekend", submitted=format_date(t, deadline.submitted, "long")),
                     guide.deadline("weekend")))
    said.append((t("calc-result-short", registered=format_date(t, deadline.registered, "long"),
                   answer_by=format_date(t, deadline.answer_by, "long")), guide.deadline("working_days")))
    if deadline.answer_by == today:
        said.append((t("calc-due-today"), None))
    elif deadline.answer_by < today:
        said.append((t("calc-passed-short"), None))
        said += [(t("layout-bullet", text=step.pick(t.lang), mark=""), step) for step in guide.escalation]
    facts = [fact for _, fact in said if fact is not None]
    notes = Footnotes() if several_sources(facts) else None
    lines = [text + (notes.mark(fact) if notes and fact else "") for text, fact in said]
    text = "\n".join([*lines, sources_line(t, notes or facts)])
    rows = [(cmp_button(t, "calc-btn-details", ComplaintAct.DUE, deadline.submitted.isoformat()),)]
    if can_remind:
        rows.append((cmp_button(t, "calc-btn-remind", ComplaintAct.REMIND, deadline.registered.isoformat()),))
    if deadline.answer_by < today:
        rows.append((cmp_button(t, "complaint-btn-draft", ComplaintAct.DRAFT),))
    return View(text, section_keyboard(t, rows, rated=True))


# ---- reminders -------------------------------------------------------------------------------------


def reminder_set(t: Translator, deadline: AppealDeadline) -> View:
    rows = [(cmp_button(t, "complaint-btn-reminders", ComplaintAct.REMINDERS),)]
    return View(t("reminder-set", date=format_date(t, deadline.answer_by)), section_keyboard(t, rows))


def reminders_list(t: Translator, pending: Sequence[Reminder]) -> View:
    """The user's pending reminders, each with its cancel button; none: the calculator."""
    if not pending:
        rows = [(cmp_button(t, "complaint-btn-calc", ComplaintAct.CALCULATOR),)]
        return View(t("reminder-list-empty"), section_keyboard(t, rows))
    lines = [t("reminder-list-title")]
    rows = []
    for n, reminder in enumerate(pending, start=1):
        lines.append(t("reminder-list-item", n=str(n), registered=format_date(t, reminder.registered),
                       answer_by=format_date(t, reminder.answer_by)))
        rows.append((button(t("reminder-btn-cancel", n=str(n)), ReminderCb(id=reminder.id)),))
    return View("\n".join(lines), section_keyboard(t, rows).named(CmpCb(action=ComplaintAct.REMINDERS)))


def reminder_message(t: Translator, reminder: Reminder, today: date) -> View:
    """The due-date message; a reminder delivered after the due date (bot was down) says so."""
    if today > reminder.answer_by:
        head = t("reminder-due-late", registered=format_date(t, reminder.registered),
                 answer_by=format_date(t, reminder.answer_by))
    else:
        head = t("reminder-due-today", registered=format_date(t, reminder.registered))
    text = f"{head}\n{t('reminder-next-steps', extended=format_date(t, reminder.extended_latest, 'long'))}"
    return View(text, section_keyboard(t, [(cmp_button(t, "complaint-btn-no-answer", ComplaintAct.NO_ANSWER),)]))


def reminder_to_send(t: Translator, reminder: Reminder, today: date) -> tuple[str, InlineKeyboardMarkup]:
    """``reminder_message`` as the delivery loop sends it (``bot.runtime.tasks``)."""
    view = reminder_message(t, reminder, today)
    return view.text, view.keyboard.markup()


# ---- the appeal draft ------------------------------------------------------------------------------


def draft_text(t: Translator, addressee: str, facts: str, request: str, today: date) -> str:
    """The appeal as one block to copy, from the citizen's three answers."""
    draft = t(
        "draft-result",
        addressee=addressee,
        facts=facts,
        # the frame's own "Прошу:" / "… сұраймын." only when the citizen did not write one (escaped once, here)
        request=request if says_i_ask(request) else Html(t("draft-request", request=request.rstrip(" .!"))),
        date=format_date(t, today),
    )
    return f"<pre>{draft}</pre>"


def draft_cancel_keyboard(t: Translator) -> Keyboard:
    return Keyboard.of(t, [(cmp_button(t, "draft-btn-cancel", ComplaintAct.DRAFT_CANCEL),)], home=False)


def drafted_keyboard(t: Translator) -> Keyboard:
    """Under a finished draft: back to the guide, and 👍 / 👎 like every answer, above the main menu."""
    back = (cmp_button(t, "complaint-btn-menu", ComplaintAct.MENU),)
    return Keyboard.of(t, [back, feedback_row(t, AnswerKind.DRAFT)])
