"""Every keyboard the bot can send, built by the views as the handlers build them, in one language.

The walk covers the menus, every register view and card (browsed and as answers to the labelled search
queries and every position's name), what the search says when it finds nothing, the akimat overview and topics,
every salary keyboard, every step and verdict of the admission walkthrough, and every screen of the complaints
section. ``tests/handlers/test_keyboards.py`` holds each to Telegram's and the guide's limits and presses each
button; ``test_button_widths.py`` checks the labels fit a phone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml
from aiogram.types import InlineKeyboardMarkup

from bot.akimat import load_akimat_topics
from bot.appeal_guide import load_appeal_guide
from bot.deadlines import appeal_due
from bot.eligibility import answer, check_eligibility, restart
from bot.i18n import Translator
from bot.register import load_register
from bot.reminders import MAX_PENDING_PER_USER, Reminder, ReminderStatus, delivery_moment
from bot.salary import load_salaries
from bot.search.results import SearchResult
from handlers.callbacks import PosCb, PosView, SalaryAct, SalaryCb
from handlers.views import admission, akimat, complaints, menu, positions, salary
from handlers.views.keyboard import Keyboard, View

QUERIES = yaml.safe_load((Path(__file__).parent.parent / "data" / "search_queries.yaml").read_text("utf-8"))
USERNAME = "gosqyzmet_bot"  # the offline session's bot


def pages(keyboard: Keyboard) -> list[InlineKeyboardMarkup]:
    """Each page of ``keyboard`` as Telegram gets it."""
    return [keyboard.markup(page) for page in range(1, keyboard.page_count + 1)]


def every_keyboard(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    """(where, keyboard) for every keyboard the bot can send in ``t``'s language."""
    yield from menus_keyboards(t)
    yield from register_keyboards(t)
    yield from salary_keyboards(t)
    yield from admission_keyboards(t)
    yield from complaints_keyboards(t)
    yield from akimat_keyboards(t)
    yield from first_reply_keyboards(t)


def menus_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    yield "main menu", menu.main_menu(t)
    yield "language", menu.language_keyboard(t)
    yield "forget", menu.forget_question(t)
    yield "home only", menu.home_only(t)


def register_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    register = load_register()
    for view in (PosView.ROOT, PosView.AKIMAT):
        yield view, positions.browse_view(register, t, PosCb(view=view), USERNAME).keyboard
    for family in register.families:
        yield f"family {family.letter}", positions.family_view(register, family.letter, t).keyboard
    for group in register.groups:
        yield f"group {group.code}", positions.group_view(register, group.code, t).keyboard
        unknown = SearchResult("none", f"{group.code}-9", unknown_code=f"{group.code}-9")
        yield f"not found, unknown {group.code}-9", positions.not_found_view(register, unknown, t).keyboard
        scope = SearchResult("none", "x", scope=(group.code,))
        yield f"not found in {group.code}", positions.not_found_view(register, scope, t).keyboard
    everywhere = SearchResult("none", "x", scope=tuple(g.code for g in register.groups))
    yield "not found in every group", positions.not_found_view(register, everywhere, t).keyboard
    yield "unknown family", positions.not_found_view(register, SearchResult("none", "Q-1", unknown_code="Q-1"),
                                                      t).keyboard
    for category in register.categories:
        card = PosCb(view=PosView.CATEGORY, key=category.code)
        yield f"category {category.code}", positions.browse_view(register, t, card, USERNAME).keyboard
        yield f"category {category.code} answered", positions.rated_category(register, t, USERNAME,
                                                                              category.code).keyboard
        for position in category.positions:
            name = PosCb(view=PosView.NAME, key=position.id)
            yield f"name {position.id}", positions.browse_view(register, t, name, USERNAME).keyboard
            yield f"name {position.id} linked", positions.rated_name(register, t, USERNAME, position.id).keyboard
            result = register.search(position.name.pick(t.lang), lang=t.lang)
            yield f"search {position.name.pick(t.lang)!r}", positions.search_view(register, result, t,
                                                                                  USERNAME).keyboard
    for item in QUERIES:
        result = register.search(item["q"], lang=item["lang"])
        yield f"search {item['q']!r}", positions.search_view(register, result, t, USERNAME).keyboard
    yield "akimat answer", positions.akimat_answer(register, t).keyboard
    yield "akimat levels in short", positions.akimat_levels_view(register, t).keyboard
    for level in register.akimat_levels:
        yield f"akimat level {level.id}", positions.browse_view(register, t, PosCb(view=PosView.AKIMAT, key=level.id),
                                                                USERNAME).keyboard
        yield f"akimat answer {level.id}", positions.akimat_answer(register, t, (level.id,)).keyboard


def salary_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    register = load_register()
    yield "salary picker", salary.groups_keyboard(t, register)
    yield "salary explainer", salary.explainer_keyboard(t)
    yield "salary answer", salary.answer_keyboard(t)
    yield "salary groups list", salary.groups_list_keyboard(t, register, [g.code for g in register.groups])
    for group in register.groups:
        yield f"salary group {group.code}", salary.group_keyboard(t, register, group.code)
        yield f"salary answer {group.code}", salary.answer_keyboard(t, group.code)
    yield "salary not found", salary.not_found_keyboard(t, register, [])
    every = [p.id for c in register.categories for p in c.positions]
    for first in range(0, len(every), 3):  # a question gets at most three names it came close to
        yield f"salary suggestions from {every[first]}", salary.not_found_keyboard(t, register, every[first:first + 3])
    for code in register.codes:
        yield f"salary card {code}", salary.category_keyboard(t, register, code)
    assert load_salaries().ranges  # (the picker's intro names them)


def admission_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    """One walkthrough of each shape: the keyboard depends on the open step (or the verdict's outcome), on whether
    anything was answered, and on the ways to apply the verdict names (the route's button)."""
    seen, shapes = set(), {}
    todo = [restart()]
    while todo:  # every reachable set of answers (~12,000; judged, not rendered)
        answers = todo.pop()
        if answers in seen:
            continue
        seen.add(answers)
        verdict = check_eligibility(answers)
        step = verdict.next_step
        shapes.setdefault((step.id if step else verdict.outcome, bool(answers), bool(verdict.ways)), answers)
        if step is not None:
            todo += [answer(answers, step.id, option.id) for option in step.options]
    for answers in shapes.values():
        where = f"admission {answers}"
        yield where, admission.walkthrough(t, answers).keyboard
        if check_eligibility(answers).next_step is None:
            yield f"{where} route", admission.walkthrough(t, answers, route_view=True).keyboard
    yield "admission route page", admission.route_page(t).keyboard


def complaints_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    guide = load_appeal_guide()
    today = date(2026, 11, 26)
    yield "guide", complaints.guide(t, USERNAME).keyboard
    yield "guide without a share link", complaints.guide_keyboard(t, None)
    yield "channels", complaints.channels_page(t, guide).keyboard
    for channel in guide.channels:
        yield f"channel {channel.id}", complaints.channel_answer(t, channel).keyboard
    yield "contents", complaints.contents_answer(t, guide).keyboard
    yield "deadlines", complaints.deadlines_answer(t, guide).keyboard
    yield "no answer", complaints.no_answer_answer(t, guide).keyboard
    yield "calculator", complaints.calculator_question(t, guide, today).keyboard
    for registered, remindable in ((date(2026, 11, 20), True), (date(2026, 10, 1), False)):
        deadline = appeal_due(registered)
        yield f"deadline {registered}", complaints.deadline_answer(t, guide, deadline, today, remindable).keyboard
    deadline = appeal_due(date(2026, 11, 20))
    yield "reminder set", complaints.reminder_set(t, deadline).keyboard
    reminders = [Reminder(id=n, user_id=1, chat_id=1, lang=t.lang, registered=deadline.registered,
                          answer_by=deadline.answer_by, extended_latest=deadline.extended_latest,
                          deliver_at=delivery_moment(deadline.answer_by), status=ReminderStatus.PENDING, attempts=0)
                 for n in range(1, MAX_PENDING_PER_USER + 1)]
    for count in range(MAX_PENDING_PER_USER + 1):
        yield f"{count} reminders", complaints.reminders_list(t, reminders[:count]).keyboard
    yield "reminder", complaints.reminder_message(t, reminders[0], today).keyboard
    yield "draft question", complaints.draft_cancel_keyboard(t)
    yield "draft done", complaints.drafted_keyboard(t)


def akimat_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    topics = load_akimat_topics()
    yield "akimat topics", akimat.topics_menu(t, topics.values(), USERNAME).keyboard
    for topic in topics.values():
        yield f"akimat topic {topic.id}", akimat.topic_answer(t, topics.values(), USERNAME, topic).keyboard


def first_reply_keyboards(t: Translator) -> Iterator[tuple[str, Keyboard]]:
    """The first replies to typed questions (the answer first, details behind buttons), with and without the offer
    of the other language, and what the bot says when it did not understand."""
    from bot.runtime.middlewares import AnswerFrame, LanguageOffer
    from bot.understanding import understand
    from handlers.views import unknown
    from handlers.views.sending import framed

    register, book, guide = load_register(), load_salaries(), load_appeal_guide()
    today = date(2026, 11, 26)
    views = {
        "channels answer": complaints.channels_answer(t, guide),
        "no answer in short": complaints.no_answer_short(t, guide),
        "venting": complaints.venting_answer(t, guide),
        "general pay": View(salary.general_short(t, book), salary.general_keyboard(t)),
        "test": admission.test_answer(t),
        "probation": admission.probation_answer(t),
        "route in short": admission.route_answer(t),
        "contacts": akimat.contacts_answer(t, guide),
    }
    for registered in (date(2026, 11, 20), date(2026, 10, 1), date(2026, 11, 22)):  # ahead, passed, a Sunday
        deadline = appeal_due(registered)
        views[f"due date {registered}"] = complaints.due_date_answer(t, guide, deadline, today, registered > today)
    for kind in ("akim", "minister", "deputy", "president"):
        views[f"political {kind}"] = salary.political_answer(t, register, kind, "district")
    for code in register.codes:
        details = SalaryCb(act=SalaryAct.CATEGORY, ref=code)
        views[f"salary first reply {code}"] = View("", salary.short_keyboard(t, details, register.group_of(code).code))
    views["salary first reply for a post"] = View("", salary.short_keyboard(t, SalaryCb(act=SalaryAct.POSITION,
                                                                                       ref="C-O-5.1")))
    for topic in load_akimat_topics().values():
        views[f"akimat topic {topic.id} in short"] = akimat.short_answer(t, topic, USERNAME)
    for text in ("срок", "аппарат акима", "главный спецалист акимата хх", "ааа", "а в районе?", "зарплата"):
        views[f"not understood {text!r}"] = unknown.not_understood(t, understand(text, today), register)
    other = "kk" if t.lang == "ru" else "ru"
    offer = LanguageOffer(other, "—", "🌐")
    for where, view in views.items():
        yield where, view.keyboard
        yield f"{where}, with the offer", framed(view, AnswerFrame("", LanguageOffer(offer.lang, offer.line,
                                                                                     offer.label))).keyboard
