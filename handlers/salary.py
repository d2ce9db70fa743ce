"""Salary answers: a position's or category's pay with year and source, honest where the data has none.

"сколько получает главный специалист", "зарплата D-O-4", "бас маманның жалақысы қанша"; /salary and the
menu's 💰 item open a category picker (group → category). Callback prefix ``sal``.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.datafiles import pick
from bot.dates import format_date
from bot.facts import Footnotes, several_sources
from bot.i18n import Html, Translator
from bot.message_parts import excerpt, text_start
from bot.register import Register, load_register
from bot.salary import SalaryBook, SalaryRange, default_salary_words, load_salaries, salary_subject
from bot.storage import Database
from handlers.feedback import count_question, feedback_row, record_unanswered
from handlers.filters import IntentIs
from handlers.menu import MenuCb, home_button
from handlers.positions import excepted_lines, fit_button, register_source, with_start_note
from handlers.views import sources_line

router = Router(name="salary")
# Positions found per question: enough for "специалист" (главный, ведущий …), short enough to read.
MAX_MATCHES = 3
PICKER_COLUMNS = 3


class SalaryCb(CallbackData, prefix="sal"):
    """``act``: "picker" (a new picker message), "groups" (the picker's first screen, in place), "group"
    (a group's categories, in place), "cgroup" (the same as a new message, from a category's card), "cat"
    (a category's pay), "pos" (a position's pay, by position id), "how" (what pay depends on). ``ref``: the
    group code, category code or position id."""

    act: str
    ref: str = ""


@functools.cache
def _codes_by_name() -> dict[str, tuple[str, ...]]:
    """Every category a position name occurs in, built once from the register."""
    found: dict[str, list[str]] = {}
    for category in load_register().categories:
        for position in category.positions:
            found.setdefault(position.name.ru, []).append(category.code)
    return {name: tuple(codes) for name, codes in found.items()}


# ---------------------------------------------------------------- texts


def _bullet(code: str, text: str) -> str:
    """A list line: the bold category code, then escaped text (markup only, the words come from locales)."""
    return f"• <b>{code}</b> {html.escape(text, quote=False)}"


def _register_names(register: Register, code: str) -> list[str]:
    return [p.name.ru for p in register.category(code).positions]


def _disagreements(t: Translator, lang: str, register: Register, book: SalaryBook, ranges: Sequence[SalaryRange],
                   name_ru: str | None = None) -> list[str]:
    """Where the article's table and its register disagree about these figures: the register names other posts
    under a row's code, or the table prints the asked post (``name_ru``) in another code's row."""
    lines = []
    for found in ranges:
        names = _register_names(register, found.category_code)
        if found.register_differs(names):
            lines.append(t("salary-register-differs", code=found.category_code,
                           names=", ".join(f"«{p.name.pick(lang)}»" for p in register.category(found.category_code)
                                           .positions)))
    if name_ru is not None:
        codes = [c for c, ps in ((c, _register_names(register, c)) for c in register.codes) if name_ru in ps]
        for elsewhere in book.rows_naming(name_ru, codes):
            lines.append(t("salary-row-elsewhere", name=pick(elsewhere.row, lang), code=elsewhere.category_code,
                           range=elsewhere.formatted()))
    return lines


def _category_lines(t: Translator, lang: str, codes: Sequence[str], register: Register, book: SalaryBook,
                    card: bool = False, name_ru: str | None = None) -> list[str]:
    """A line per category: its range as the table's row prints it, with year; where the table and the register
    disagree, said; the categories without a range listed under one heading. On a category's ``card`` the title
    already names the code and the group: the line gives the pay only."""
    known, unknown = book.split(codes)
    if card and known:
        return [t("salary-category-range", range=known[0].formatted(), year=str(known[0].year),
                  row=known[0].row_label(lang)), *_disagreements(t, lang, register, book, known)]
    lines = [
        t("salary-range-line", code=r.category_code, group=register.group_of(r.category_code).title.pick(lang),
          range=r.formatted(), year=str(r.year), row=r.row_label(lang))
        for r in known
    ]
    lines += _disagreements(t, lang, register, book, known, name_ru)
    if unknown == [*codes] and len(unknown) == 1:
        lines.append(t("salary-no-range-one"))
    elif unknown:
        lines.append(t("salary-no-range-head", count=len(unknown)))
        lines += [_bullet(code, f"({register.group_of(code).title.pick(lang)})") for code in unknown]
    return lines


def _footer(t: Translator, lang: str, codes: Sequence[str], book: SalaryBook) -> list[str]:
    """Where the figures come from; for categories without a range, the dated context and where to look; one
    line of sources for all of it."""
    known, unknown = book.split(codes)
    facts = [r.fact for r in known]
    if unknown:
        facts += [c.fact for c in book.context]
    notes = Footnotes() if several_sources(facts) else None
    mark = notes.mark if notes else (lambda fact: "")
    parts: list[str] = []
    if known:
        marks = "".join(dict.fromkeys(mark(r.fact) for r in known))
        parts.append(t("salary-ranges-source", year=str(max(r.year for r in known)), mark=Html(marks)))
    if unknown:
        context = [t("salary-context-head")]
        for item in book.context:
            key = "salary-context-claim" if item.kind == "claim" else "layout-bullet"
            context.append(t(key, text=item.fact.pick(lang), mark=Html(mark(item.fact))))
        parts.append("\n".join(context))
    parts.append(t("salary-vacancies"))
    parts.append(sources_line(t, notes or facts))
    return parts


@functools.lru_cache(maxsize=1024)  # the same codes get the same sources and context: ~80 µs of Fluent saved
def _known_footer(t: Translator, lang: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_footer(t, lang, codes, load_salaries()))


def position_answer(t: Translator, lang: str, names: Sequence[tuple[str, Sequence[str]]],
                    excluded: tuple[str, ...] = (), names_ru: Sequence[str] | None = None) -> str:
    """Pay for each (position name, its category codes); the sources and context once, at the end.
    ``excluded``: positions whose exception the question named ("… аппарата акима области"), said too.
    ``names_ru``: the Russian names of ``names`` (to find where the table prints the same post)."""
    ru = tuple(names_ru) if names_ru is not None else tuple(name for name, _ in names)
    return _position_answer(t, lang, tuple((name, tuple(codes)) for name, codes in names), tuple(excluded), ru)


# Questions repeat: the same names render the same answer (a Fluent call per line, ~15 µs each).
@functools.lru_cache(maxsize=1024)
def _position_answer(t: Translator, lang: str, names: tuple[tuple[str, tuple[str, ...]], ...],
                     excluded: tuple[str, ...], names_ru: tuple[str, ...]) -> str:
    register, book = load_register(), load_salaries()
    blocks = [
        "\n".join([t("salary-position-title", name=name),
                   *_category_lines(t, lang, codes, register, book, name_ru=name_ru)])
        for (name, codes), name_ru in zip(names, names_ru, strict=True)
    ]
    if excluded:
        blocks.append("\n".join(excepted_lines(register, excluded, t)))
    all_codes = list(dict.fromkeys(code for _, codes in names for code in codes))
    return "\n\n".join([*blocks, *_known_footer(t, lang, tuple(all_codes))])


def excepted_answer(t: Translator, excluded: tuple[str, ...]) -> str:
    """A post the register excepts ("руководитель аппарата акима области"): what the register says about it,
    that the bot has no pay for it therefore, and the register's source, as the position search says it."""
    register = load_register()
    return "\n".join(["💰 " + (lines := excepted_lines(register, excluded, t))[0], *lines[1:], "",
                      t("salary-excepted"), "", register_source(register, t)])


def _group_exceptions(t: Translator, group_code: str) -> list[str]:
    """What the register excepts from the group's positions (D-1: not the oblast akim's apparatus head)."""
    register = load_register()
    excepted = tuple(p.id for c in register.group(group_code).categories for p in c.positions if p.excludes)
    return [*excepted_lines(register, excepted, t), register_source(register, t)] if excepted else []


@functools.cache  # a pure function of (language, code): bounded by the register's codes
def category_answer(t: Translator, lang: str, code: str) -> str:
    """Pay of one category, with the positions it holds."""
    register, book = load_register(), load_salaries()
    category = register.category(code)
    head = "\n".join([
        t("salary-category-title", code=code, group=register.group_of(code).title.pick(lang)),
        t("salary-category-positions", names=", ".join(p.name.pick(lang) for p in category.positions)),
        *_category_lines(t, lang, [code], register, book, card=True),
    ])
    return "\n\n".join([head, *_known_footer(t, lang, (code,))])


@functools.cache  # a pure function of the language and the data, read once
def explainer(t: Translator, lang: str) -> str:
    """What pay depends on, dated, with one line of its sources."""
    book = load_salaries()
    notes = Footnotes()
    # factor texts are reviewed data with <b> markup, so they are not escaped
    items = [f"{i}. {f.pick(lang)}{notes.mark(f)}" for i, f in enumerate(book.factors, 1)]
    as_of = t("salary-how-as-of", date=format_date(t, book.factors_as_of, "month"))
    return "\n".join([t("salary-how-title"), *items, "", as_of, t("salary-vacancies"), sources_line(t, notes)])


@functools.cache  # likewise
def picker_intro(t: Translator) -> str:
    """The picker's first screen; it names the categories that have a range, from the data."""
    book = load_salaries()
    years = sorted({r.year for r in book.ranges.values()})
    return t("salary-picker-intro", codes=", ".join(book.ranges), year=", ".join(map(str, years)))


@functools.cache  # a pure function of (language, group)
def group_text(t: Translator, lang: str, group_code: str) -> str:
    register, book = load_register(), load_salaries()
    group = register.group(group_code)
    lines = [t("salary-group-title", code=group.code, title=group.title.pick(lang))]
    ranges = []
    for category in group.categories:
        line = _bullet(category.code, "— " + ", ".join(p.name.pick(lang) for p in category.positions))
        found = book.range_for(category.code)
        if found is not None:
            ranges.append(found)
            line += ": " + t("salary-group-range", range=found.formatted(), year=str(found.year),
                             row=found.row_label(lang))
        lines.append(line)
    if ranges:
        lines += ["", *_disagreements(t, lang, register, book, ranges), sources_line(t, [r.fact for r in ranges])]
    if exceptions := _group_exceptions(t, group_code):
        lines += ["", *exceptions]
    return "\n".join([*lines, "", t("salary-group-pick")])


# ---------------------------------------------------------------- keyboards


@functools.cache  # one keyboard per language: building it (the builder deep-copies) was 30% of an answer
def answer_keyboard(t: Translator, group_code: str = "") -> InlineKeyboardMarkup:
    """Under an answer; a category's card (``group_code``) leads back to its group's categories first."""
    builder = InlineKeyboardBuilder()
    if group_code:
        builder.button(text=t("salary-back-to-group", code=group_code), callback_data=SalaryCb(act="cgroup",
                                                                                               ref=group_code))
    builder.button(text=t("salary-how-button"), callback_data=SalaryCb(act="how"))
    builder.button(text=t("salary-picker-button"), callback_data=SalaryCb(act="picker"))
    builder.adjust(1)
    builder.row(*feedback_row(t, "salary"))
    builder.row(home_button(t))
    return builder.as_markup()


def category_keyboard(t: Translator, code: str) -> InlineKeyboardMarkup:
    return answer_keyboard(t, load_register().group_of(code).code)


def groups_keyboard(t: Translator, lang: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for group in load_register().groups:
        builder.button(text=group.label(lang),  # the short title: a phone cuts the full one
                       callback_data=SalaryCb(act="group", ref=group.code))
    builder.button(text=t("salary-how-button"), callback_data=SalaryCb(act="how"))
    builder.adjust(1)
    builder.row(home_button(t))
    return builder.as_markup()


def group_keyboard(t: Translator, group_code: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for category in load_register().group(group_code).categories:
        builder.button(text=category.code, callback_data=SalaryCb(act="cat", ref=category.code))
    builder.adjust(PICKER_COLUMNS)
    builder.row(InlineKeyboardButton(text=t("salary-back-to-groups"), callback_data=SalaryCb(act="groups").pack()))
    builder.row(home_button(t))
    return builder.as_markup()


def groups_list_keyboard(t: Translator, lang: str, group_codes) -> InlineKeyboardMarkup:
    """A button per group (its categories' pay, as a new message), then the picker and the main menu."""
    builder = InlineKeyboardBuilder()
    register = load_register()
    for code in group_codes:
        builder.button(text=register.group(code).label(lang),
                       callback_data=SalaryCb(act="cgroup", ref=code))
    builder.button(text=t("salary-picker-button"), callback_data=SalaryCb(act="picker"))
    builder.adjust(1)
    builder.row(home_button(t))
    return builder.as_markup()


@functools.cache
def explainer_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("salary-picker-button"), callback_data=SalaryCb(act="picker"))
    builder.row(home_button(t))
    return builder.as_markup()


def not_found_keyboard(t: Translator, suggestions: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for name, position_id in suggestions:
        builder.button(text=fit_button(f"💰 {name}"), callback_data=SalaryCb(act="pos", ref=position_id))
    builder.button(text=t("salary-picker-button"), callback_data=SalaryCb(act="picker"))
    builder.adjust(1)
    builder.row(home_button(t))
    return builder.as_markup()


# ---------------------------------------------------------------- handlers


async def _show_picker(message: Message, t: Translator, lang: str, text: str | None = None) -> None:
    await message.answer(text or picker_intro(t), reply_markup=groups_keyboard(t, lang))


@router.message(Command("salary"))
async def cmd_salary(message: Message, t: Translator, lang: str, command: CommandObject | None = None,
                     db: Database | None = None) -> None:
    # "/salary бас маман" answers right away, like "/positions бас маман"; bare "/salary" (or the
    # start=salary link, which calls this directly) opens the picker
    if command is not None and command.args and db is not None:
        await answer_salary_question(message, command.args, t, lang, db)
        return
    await _show_picker(message, t, lang)


@router.callback_query(MenuCb.filter(F.item == "salary"))
async def menu_salary(query: CallbackQuery, t: Translator, lang: str) -> None:
    await query.answer()
    if query.message:
        await _show_picker(query.message, t, lang)


@router.message(IntentIs("salary"))
async def salary_question(message: Message, t: Translator, lang: str, db: Database) -> None:
    await answer_salary_question(message, message.text or "", t, lang, db)


async def answer_salary_question(message: Message, text: str, t: Translator, lang: str, db: Database) -> None:
    """The pay of the position or category ``text`` names, or the picker when it names none. A long question
    is read from its start, and the answer says so."""
    text, cut = text_start(text)
    reply, markup = await _salary_reply(text, t, lang, db)
    await message.answer(with_start_note(t, reply, cut), reply_markup=markup)


async def _salary_reply(text: str, t: Translator, lang: str, db: Database) -> tuple[str, InlineKeyboardMarkup]:
    subject = salary_subject(text)
    if not subject:
        if default_salary_words().about_servants(text):
            # "зарплата госслужащих", "жалақысы көтеріле ме": pay in general — what it depends on, the raises
            await count_question(db, "salary")
            return explainer(t, lang), explainer_keyboard(t)
        return t("salary-ask"), groups_keyboard(t, lang)
    result = load_register().search(subject, lang=lang, limit=MAX_MATCHES)
    if result.kind == "category" and result.category_code:
        await count_question(db, "salary")
        return category_answer(t, lang, result.category_code), category_keyboard(t, result.category_code)
    if result.kind == "positions":
        await count_question(db, "salary")
        names = [(m.name(lang), m.category_codes) for m in result.matches[:MAX_MATCHES]]
        names_ru = [m.name_ru for m in result.matches[:MAX_MATCHES]]
        return position_answer(t, lang, names, result.excluded, names_ru), answer_keyboard(t)
    if result.excluded:  # the register excepts the post asked about: that is the answer, not a miss
        await count_question(db, "salary")
        register = load_register()
        groups = dict.fromkeys(register.group_of(register.position(p).category_code).code for p in result.excluded)
        return excepted_answer(t, result.excluded), groups_list_keyboard(t, lang, groups)
    if result.unknown_code:
        return t("salary-unknown-code", code=result.unknown_code), not_found_keyboard(t, [])
    if len(result.scope) == 1 and not result.suggestions:
        # only one group's body was named ("облыс әкімі аппаратының жалақысы"): that group's pay, and its exceptions
        [group_code] = result.scope
        return (f"{t('salary-body-group', code=group_code)}\n\n{group_text(t, lang, group_code)}",
                group_keyboard(t, group_code))
    if result.scope and not result.suggestions:
        # only a body was named ("зарплата в акимате"): ask for the position, offer the picker
        return t("salary-body-only"), groups_keyboard(t, lang)
    await record_unanswered(db, text or subject)
    suggestions = [(m.name(lang), m.position_ids[0]) for m in result.suggestions]
    key = "salary-not-found-suggest" if suggestions else "salary-not-found"
    return t(key, query=excerpt(subject)), not_found_keyboard(t, suggestions)


@router.callback_query(SalaryCb.filter(F.act == "picker"))
async def new_picker(query: CallbackQuery, t: Translator, lang: str) -> None:
    # from an answer: a new message, so the answer above stays in the chat
    await query.answer()
    if query.message:
        await _show_picker(query.message, t, lang)


@router.callback_query(SalaryCb.filter(F.act == "groups"))
async def show_groups(query: CallbackQuery, t: Translator, lang: str) -> None:
    await query.answer()
    if query.message:
        await query.message.edit_text(picker_intro(t), reply_markup=groups_keyboard(t, lang))


@router.callback_query(SalaryCb.filter(F.act.in_({"group", "cgroup"})))
async def show_group(query: CallbackQuery, callback_data: SalaryCb, t: Translator, lang: str) -> None:
    if callback_data.ref not in {g.code for g in load_register().groups}:
        await query.answer(t("salary-stale"))
        return
    await query.answer()
    if query.message:
        text, markup = group_text(t, lang, callback_data.ref), group_keyboard(t, callback_data.ref)
        if callback_data.act == "cgroup":  # from a category's card: a new message, so the card stays
            await query.message.answer(text, reply_markup=markup)
        else:  # inside the picker: the same message goes one level down
            await query.message.edit_text(text, reply_markup=markup)


@router.callback_query(SalaryCb.filter(F.act == "cat"))
async def show_category(query: CallbackQuery, callback_data: SalaryCb, t: Translator, lang: str,
                        db: Database) -> None:
    if callback_data.ref not in load_register().codes:
        await query.answer(t("salary-stale"))
        return
    await query.answer()
    if query.message:
        await count_question(db, "salary")
        await query.message.answer(category_answer(t, lang, callback_data.ref),
                                   reply_markup=category_keyboard(t, callback_data.ref))


@router.callback_query(SalaryCb.filter(F.act == "pos"))
async def show_position(query: CallbackQuery, callback_data: SalaryCb, t: Translator, lang: str,
                        db: Database) -> None:
    try:
        position = load_register().position(callback_data.ref)
    except KeyError:
        await query.answer(t("salary-stale"))
        return
    await query.answer()
    if query.message:
        await count_question(db, "salary")
        names = [(position.name.pick(lang), _codes_by_name()[position.name.ru])]
        await query.message.answer(position_answer(t, lang, names, names_ru=[position.name.ru]),
                                   reply_markup=answer_keyboard(t))


@router.callback_query(SalaryCb.filter(F.act == "how"))
async def show_explainer(query: CallbackQuery, t: Translator, lang: str) -> None:
    await query.answer()
    if query.message:
        await query.message.answer(explainer(t, lang), reply_markup=explainer_keyboard(t))
