"""Salary answers: "сколько получает главный специалист", "зарплата D-O-4", "бас маманның жалақысы қанша", pay in
general and its raises, an akim's or a minister's pay (a political post: no figure); /salary, the menu's 💰 item
and the ``salary`` link open a category picker (group → category)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.akimat import load_akimat_topics
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.message_parts import excerpt, text_start
from bot.register import load_register
from bot.runtime.middlewares import AnswerFrame
from bot.salary import default_salary_words, load_salaries, salary_subject
from bot.search.results import SearchResult
from bot.understanding import Understanding, post_search
from handlers.callbacks import MenuCb, MenuItem, MoreCb, SalaryAct, SalaryCb, unpacked
from handlers.filters import StartLink, TopicIs, claimed_only
from handlers.views.keyboard import Keyboard, View
from handlers.views.positions import with_start_note
from handlers.views.salary import (
    PayOf,
    answer_keyboard,
    category_answer,
    category_keyboard,
    category_short,
    excepted_answer,
    explainer,
    explainer_keyboard,
    general_keyboard,
    general_short,
    group_keyboard,
    group_text,
    groups_keyboard,
    groups_list_keyboard,
    keyboard_of,
    not_found_keyboard,
    pay_of_matches,
    picker_intro,
    political_answer,
    position_answer,
    position_short,
    short_keyboard,
)
from handlers.views.sending import edit_or_keep, reply, show_page

# Positions found per question: enough for "специалист" (главный, ведущий …), short enough to read.
MAX_MATCHES = 3


async def show_picker(message: Message, t: Translator) -> None:
    await message.answer(picker_intro(t, load_salaries()), reply_markup=groups_keyboard(t, load_register()).markup())


async def salary_reply(text: str, t: Translator, feedback: Feedback) -> tuple[str, Keyboard]:
    """The pay of the position or category ``text`` (a command's words) names, or the picker when it names none."""
    subject = salary_subject(text)
    if not subject:
        if default_salary_words().about_servants(text):
            # "зарплата госслужащих", "жалақысы көтеріле ме": pay in general — what it depends on, the raises
            await feedback.answered(AnswerKind.SALARY)
            return explainer(t, load_salaries()), explainer_keyboard(t)
        return t("salary-ask"), groups_keyboard(t, load_register())
    return await pay_of(load_register().search(subject, limit=MAX_MATCHES), t, feedback, text)


async def pay_of(result: SearchResult, t: Translator, feedback: Feedback, asked: str = "") -> tuple[str, Keyboard]:
    """The pay of what a search found: a category, a post, the register's exception, or what was not found (then
    ``asked``, the question, is logged)."""
    register, book = load_register(), load_salaries()
    subject = result.query
    if result.kind == "category" and result.category_code:
        await feedback.answered(AnswerKind.SALARY)
        code = result.category_code
        details = SalaryCb(act=SalaryAct.CATEGORY, ref=code)
        return category_short(t, register, book, code), short_keyboard(t, details, register.group_of(code).code)
    if result.kind == "positions":
        await feedback.answered(AnswerKind.SALARY)
        names = pay_of_matches(t, result.matches[:MAX_MATCHES])
        details = SalaryCb(act=SalaryAct.POSITION, ref=result.matches[0].position_ids[0])
        return position_short(t, register, book, names, result.excluded), short_keyboard(t, details)
    if result.excluded:  # the register excepts the post asked about: that is the answer, not a miss
        await feedback.answered(AnswerKind.SALARY)
        groups = dict.fromkeys(register.group_of(register.position(p).category_code).code for p in result.excluded)
        return excepted_answer(t, register, result.excluded), groups_list_keyboard(t, register, list(groups))
    if result.unknown_code:
        return t("salary-unknown-code", code=result.unknown_code), not_found_keyboard(t, register, [])
    if len(result.scope) == 1 and not result.suggestions:
        # only one group's body was named ("облыс әкімі аппаратының жалақысы"): that group's pay, and its exceptions
        [group_code] = result.scope
        text = f"{t('salary-body-group', code=group_code)}\n\n{group_text(t, register, book, group_code)}"
        return text, group_keyboard(t, register, group_code)
    if result.scope and not result.suggestions:
        # only a body was named ("зарплата в акимате"): ask for the position, offer the picker
        return t("salary-body-only"), groups_keyboard(t, register)
    await feedback.missed(asked or subject)
    suggestions = [m.position_ids[0] for m in result.suggestions]
    key = "salary-not-found-suggest" if suggestions else "salary-not-found"
    return t(key, query=excerpt(subject)), not_found_keyboard(t, register, suggestions)


async def answer_question(message: Message, text: str, t: Translator, feedback: Feedback) -> None:
    """A pay question; a long one is read from its start, and the answer says so."""
    text, cut = text_start(text)
    reply, keyboard = await salary_reply(text, t, feedback)
    await message.answer(with_start_note(t, reply, cut), reply_markup=keyboard.markup())


# ---------------------------------------------------------------- handlers


async def cmd_salary(message: Message, t: Translator, feedback: Feedback, command: CommandObject) -> None:
    # "/salary бас маман" answers right away, like "/positions бас маман"; bare "/salary" opens the picker
    if command.args:
        await answer_question(message, command.args, t, feedback)
        return
    await show_picker(message, t)


async def open_picker(message: Message, t: Translator) -> None:
    """The ``salary`` link: the picker."""
    await show_picker(message, t)


async def pay_question(message: Message, t: Translator, understanding: Understanding, feedback: Feedback,
                       frame: AnswerFrame | None = None) -> None:
    """The pay of the post or category the question (or its conversation) names; when the register has none of it,
    what the question's own words find ("зарплата космонавта": not found, logged) or the picker when it has none."""
    result = post_search(understanding)
    if result is None:
        text, keyboard = await salary_reply(text_start(message.text or "").text, t, feedback)
        await reply(message, View(text, keyboard), frame)
        return
    text, keyboard = await pay_of(result, t, feedback, message.text or "")
    await reply(message, View(with_start_note(t, text, result.truncated), keyboard), frame)


async def pay_in_general(message: Message, t: Translator, feedback: Feedback,
                         frame: AnswerFrame | None = None) -> None:
    """"Зарплата госслужащих", "повысят ли зарплату": what pay depends on, with the dated raises."""
    await feedback.answered(AnswerKind.SALARY)
    await reply(message, View(general_short(t, load_salaries()), general_keyboard(t)), frame)


async def political_pay(message: Message, t: Translator, understanding: Understanding, feedback: Feedback,
                        frame: AnswerFrame | None = None) -> None:
    """An akim's, a minister's, a deputy's or the President's pay: a political or elected post, not in the register,
    so no figure in the bot's data."""
    await feedback.answered(AnswerKind.SALARY)
    entities = understanding.entities
    akims = next(s for s in load_akimat_topics()["akims"].statements if s.id == "not_in_register")
    view = political_answer(t, load_register(), entities.political or "akim", entities.level, akims)
    await reply(message, view, frame)


async def new_picker(query: CallbackQuery, t: Translator) -> None:
    """The menu's 💰, or the picker from an answer: a new message, so the answer above stays in the chat."""
    if query.message:
        await show_picker(query.message, t)  # type: ignore[arg-type]


async def show_groups(query: CallbackQuery, t: Translator, callback_answer: CallbackAnswer) -> None:
    keyboard = groups_keyboard(t, load_register())
    await edit_or_keep(query, callback_answer, t, picker_intro(t, load_salaries()), keyboard.markup())


async def show_group(query: CallbackQuery, callback_data: SalaryCb, t: Translator,
                     callback_answer: CallbackAnswer) -> None:
    register = load_register()
    if callback_data.ref not in {g.code for g in register.groups}:
        callback_answer.text = t("salary-stale")
        return
    text = group_text(t, register, load_salaries(), callback_data.ref)
    markup = group_keyboard(t, register, callback_data.ref).markup()
    if callback_data.act is SalaryAct.CARD_GROUP:  # from a category's card: a new message, so the card stays
        if query.message:
            await query.message.answer(text, reply_markup=markup)
    else:  # inside the picker: the same message goes one level down
        await edit_or_keep(query, callback_answer, t, text, markup)


async def show_category(query: CallbackQuery, callback_data: SalaryCb, t: Translator, feedback: Feedback,
                        callback_answer: CallbackAnswer) -> None:
    """A category's pay in a new message: the whole answer from the picker or "Подробнее"; under a category's card
    ("💰 Зарплата") the short answer typed "зарплата D-O-4" gets, details behind a button."""
    register = load_register()
    code = callback_data.ref
    if code not in register.codes:
        callback_answer.text = t("salary-stale")
        return
    if not query.message:
        return
    await feedback.answered(AnswerKind.SALARY)
    if callback_data.act is SalaryAct.CARD_PAY:
        text = category_short(t, register, load_salaries(), code)
        keyboard = short_keyboard(t, SalaryCb(act=SalaryAct.CATEGORY, ref=code), register.group_of(code).code)
    else:
        text = category_answer(t, register, load_salaries(), code)
        keyboard = category_keyboard(t, register, code)
    await query.message.answer(text, reply_markup=keyboard.markup())


async def show_position(query: CallbackQuery, callback_data: SalaryCb, t: Translator, feedback: Feedback,
                        callback_answer: CallbackAnswer) -> None:
    register = load_register()
    try:
        position = register.position(callback_data.ref)
    except KeyError:
        callback_answer.text = t("salary-stale")
        return
    if query.message:
        await feedback.answered(AnswerKind.SALARY)
        codes = tuple(p.category_code for p in register.same_name(position.id))
        pay = PayOf(position.name.pick(t.lang), position.name.ru, codes)
        await query.message.answer(position_answer(t, register, load_salaries(), [pay]),
                                   reply_markup=answer_keyboard(t).markup())


async def show_explainer(query: CallbackQuery, t: Translator) -> None:
    if query.message:
        await query.message.answer(explainer(t, load_salaries()), reply_markup=explainer_keyboard(t).markup())


async def more(query: CallbackQuery, callback_data: MoreCb, t: Translator, callback_answer: CallbackAnswer) -> None:
    """"Ещё…" under the picker or a salary answer: the next page of its keyboard."""
    target = unpacked(SalaryCb, callback_data.of)
    try:
        if target is None:
            raise KeyError(callback_data.of)
        keyboard = keyboard_of(t, load_register(), target)
    except (KeyError, ValueError):
        callback_answer.text = t("salary-stale")
        return
    await show_page(query, callback_answer, t, keyboard, callback_data.page)


# ---------------------------------------------------------------- routing


def create_router() -> Router:
    router = Router(name="salary")
    router.message.register(cmd_salary, Command("salary"))
    router.message.register(open_picker, StartLink(section="salary"))
    router.message.register(pay_question, TopicIs("pay.post"))
    router.message.register(pay_in_general, TopicIs("pay.general"))
    router.message.register(political_pay, TopicIs("pay.political"))
    router.callback_query.register(new_picker, MenuCb.filter(F.item == MenuItem.SALARY))
    router.callback_query.register(new_picker, SalaryCb.filter(F.act == SalaryAct.PICKER))
    router.callback_query.register(show_groups, SalaryCb.filter(F.act == SalaryAct.GROUPS))
    router.callback_query.register(show_group, SalaryCb.filter(F.act.in_({SalaryAct.GROUP, SalaryAct.CARD_GROUP})))
    router.callback_query.register(show_category, SalaryCb.filter(F.act.in_({SalaryAct.CATEGORY, SalaryAct.CARD_PAY})))
    router.callback_query.register(show_position, SalaryCb.filter(F.act == SalaryAct.POSITION))
    router.callback_query.register(show_explainer, SalaryCb.filter(F.act == SalaryAct.HOW))
    router.callback_query.register(more, MoreCb.of_kind(SalaryCb))
    return claimed_only(router)
