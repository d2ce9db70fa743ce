"""Salary answers: a position's or a category's pay with the table's row, year and sources, honest where the data
has none; what pay depends on; the category picker (group → category)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from bot.datafiles import pick
from bot.dates import format_date
from bot.facts import Footnotes, Sourced, several_sources
from bot.feedback import AnswerKind
from bot.i18n import Html, Translator
from bot.register import Register
from bot.salary import SalaryBook, SalaryRange
from bot.search.results import PositionMatch
from handlers.callbacks import AkimatCb, SalaryAct, SalaryCb
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Keyboard, Row, View, button, rows_of
from handlers.views.positions import excepted_lines, fit_button, register_source
from handlers.views.sources import sources_line

PICKER_COLUMNS = 3


class PayOf(NamedTuple):
    """A position name asked about, in the reader's language and in Russian (as the salary table prints names),
    and the categories it is in."""

    name: str
    name_ru: str
    codes: tuple[str, ...]


def _bullet(code: str, text: str) -> str:
    """A list line: the bold category code, then escaped text (markup only, the words come from locales)."""
    return f"• <b>{code}</b> {html.escape(text, quote=False)}"


def _register_names(register: Register, code: str) -> list[str]:
    return [p.name.ru for p in register.category(code).positions]


def _disagreements(t: Translator, register: Register, book: SalaryBook, ranges: Sequence[SalaryRange],
                   name_ru: str | None = None) -> list[str]:
    """Where the article's table and its register disagree about these figures: the register names other posts
    under a row's code, or the table prints the asked post (``name_ru``) in another code's row."""
    lines = []
    for found in ranges:
        if found.register_differs(_register_names(register, found.category_code)):
            names = ", ".join(f"«{p.name.pick(t.lang)}»" for p in register.category(found.category_code).positions)
            lines.append(t("salary-register-differs", code=found.category_code, names=names))
    if name_ru is not None:
        codes = [c for c in register.codes if name_ru in _register_names(register, c)]
        for elsewhere in book.rows_naming(name_ru, codes):
            lines.append(t("salary-row-elsewhere", name=pick(elsewhere.row, t.lang), code=elsewhere.category_code,
                           range=elsewhere.formatted()))
    return lines


def _category_lines(t: Translator, codes: Sequence[str], register: Register, book: SalaryBook,
                    card: bool = False, name_ru: str | None = None) -> list[str]:
    """A line per category: its range as the table's row prints it, with year; where the table and the register
    disagree, said; the categories without a range listed under one heading. On a category's ``card`` the title
    already names the code and the group: the line gives the pay only."""
    lang = t.lang
    known, unknown = book.split(codes)
    if card and known:
        return [t("salary-category-range", range=known[0].formatted(), year=str(known[0].year),
                  row=known[0].row_label(lang)), *_disagreements(t, register, book, known)]
    lines = [
        t("salary-range-line", code=r.category_code, group=register.group_of(r.category_code).title.pick(lang),
          range=r.formatted(), year=str(r.year), row=r.row_label(lang))
        for r in known
    ]
    lines += _disagreements(t, register, book, known, name_ru)
    if unknown == [*codes] and len(unknown) == 1:
        lines.append(t("salary-no-range-one"))
    elif unknown:
        lines += _unranged_lines(t, register, unknown)
    return lines


def _unranged_lines(t: Translator, register: Register, codes: Sequence[str]) -> list[str]:
    """The categories without a range under one heading, each with its kind of body."""
    return [t("salary-no-range-head", count=len(codes)),
            *(_bullet(code, f"({register.group_of(code).title.pick(t.lang)})") for code in codes)]


def _footer(t: Translator, codes: Sequence[str], book: SalaryBook) -> list[str]:
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
            context.append(t(key, text=item.fact.pick(t.lang), mark=Html(mark(item.fact))))
        parts.append("\n".join(context))
    parts.append(t("salary-vacancies"))
    parts.append(sources_line(t, notes or facts))
    return parts


SHORT_LISTED = 3  # categories without a range a first reply lists with their kind of body; more go in one line


def _short_lines(t: Translator, codes: Sequence[str], register: Register, book: SalaryBook, card: bool = False,
                 name_ru: str | None = None) -> list[str]:
    """As ``_category_lines``, but many categories without a range named in one line ("for C-O-5, D-4 … the bot
    has no range"); a few are listed each with its kind of body, as the question named a post of that body."""
    known, unknown = book.split(codes)
    lines = _category_lines(t, [r.category_code for r in known], register, book, card, name_ru) if known else []
    if unknown and (card or len(unknown) > SHORT_LISTED):
        lines.append(t("salary-no-range-codes", codes=", ".join(unknown), count=len(unknown)))
    elif unknown:
        lines += _unranged_lines(t, register, unknown)
    return lines


def _short_footer(t: Translator, codes: Sequence[str], book: SalaryBook) -> list[str]:
    """Where the ranges come from; for categories without one, the one most useful dated fact (the data's
    ``headline``); where the exact figure is published; one line of sources."""
    known, unknown = book.split(codes)
    facts = [r.fact for r in known] + ([book.headline.fact] if unknown else [])
    notes = Footnotes() if several_sources(facts) else None
    mark = notes.mark if notes else (lambda fact: "")
    parts: list[str] = []
    if known:
        marks = "".join(dict.fromkeys(mark(r.fact) for r in known))
        parts.append(t("salary-ranges-source", year=str(max(r.year for r in known)), mark=Html(marks)))
    if unknown:
        headline = book.headline
        key = "salary-headline-claim" if headline.kind == "claim" else "layout-dated"
        parts.append(t(key, text=headline.fact.pick(t.lang), mark=Html(mark(headline.fact))))
    parts += [t("salary-vacancies"), sources_line(t, notes or facts)]
    return parts


def position_short(t: Translator, register: Register, book: SalaryBook, names: Sequence[PayOf],
                   excluded: tuple[str, ...] = ()) -> str:
    """The first reply to "how much does X earn": each name's categories with the range the table prints, or that
    the data has none, then one dated fact and where the exact figure is (every category's details: a button)."""
    blocks = ["\n".join([t("salary-position-title", name=pay.name),
                         *_short_lines(t, pay.codes, register, book, name_ru=pay.name_ru)]) for pay in names]
    if excluded:
        blocks.append("\n".join(excepted_lines(register, excluded, t)))
    all_codes = list(dict.fromkeys(code for pay in names for code in pay.codes))
    return "\n\n".join([*blocks, *_short_footer(t, all_codes, book)])


def category_short(t: Translator, register: Register, book: SalaryBook, code: str) -> str:
    """The first reply to "how much does E-G-3 earn": the category, its posts, its range or that there is none."""
    category = register.category(code)
    head = "\n".join([
        t("salary-category-title", code=code, group=register.group_of(code).title.pick(t.lang)),
        t("salary-category-positions", names=", ".join(p.name.pick(t.lang) for p in category.positions)),
        *_short_lines(t, [code], register, book, card=True),
    ])
    return "\n\n".join([head, *_short_footer(t, (code,), book)])


def pay_of_matches(t: Translator, matches: Iterable[PositionMatch]) -> list[PayOf]:
    """The names a search found, as ``position_answer`` takes them."""
    return [PayOf(m.name(t.lang), m.name_ru, m.category_codes) for m in matches]


def position_answer(t: Translator, register: Register, book: SalaryBook, names: Sequence[PayOf],
                    excluded: tuple[str, ...] = ()) -> str:
    """Pay for each position name and its categories; the sources and context once, at the end.
    ``excluded``: positions whose exception the question named ("… аппарата акима области"), said too."""
    blocks = [
        "\n".join([t("salary-position-title", name=pay.name),
                   *_category_lines(t, pay.codes, register, book, name_ru=pay.name_ru)])
        for pay in names
    ]
    if excluded:
        blocks.append("\n".join(excepted_lines(register, excluded, t)))
    all_codes = list(dict.fromkeys(code for pay in names for code in pay.codes))
    return "\n\n".join([*blocks, *_footer(t, all_codes, book)])


def excepted_answer(t: Translator, register: Register, excluded: tuple[str, ...]) -> str:
    """A post the register excepts ("руководитель аппарата акима области"): what the register says about it,
    that the bot has no pay for it therefore, and the register's source, as the position search says it."""
    first, *rest = excepted_lines(register, excluded, t)
    return "\n".join([f"💰 {first}", *rest, "", t("salary-excepted"), "", register_source(register, t)])


def political_answer(t: Translator, register: Register, kind: str, level: str | None,
                     akims: Sourced | None = None) -> View:
    """An akim's (of ``level``), a minister's, a deputy's or the President's pay: a political or elected post, which
    the register of administrative posts has not, so the bot has no figure; the register is the source. For an akim,
    ``akims`` says which of his posts the register has (his deputies, E-1, E-G-1) and that it has no range."""
    head = t(f"salary-political-{kind}-{level}" if kind == "akim" and level else f"salary-political-{kind}")
    if kind == "akim" and akims is not None:
        said = html.escape(akims.pick(t.lang), quote=False)
        text = "\n".join([head, said, sources_line(t, [akims, register.provenance.fact])])
    else:
        text = "\n\n".join([f"{head}\n{t('salary-no-figure')}", register_source(register, t)])
    rows: list[Row] = []
    if kind == "akim":
        rows.append((button(t("salary-political-who"), AkimatCb(topic="akims")),))
    rows += [(_sal(t("salary-how-button"), SalaryAct.HOW),), feedback_row(t, AnswerKind.SALARY)]
    return View(text, Keyboard.of(t, rows))


def category_answer(t: Translator, register: Register, book: SalaryBook, code: str) -> str:
    """Pay of one category, with the positions it holds."""
    category = register.category(code)
    head = "\n".join([
        t("salary-category-title", code=code, group=register.group_of(code).title.pick(t.lang)),
        t("salary-category-positions", names=", ".join(p.name.pick(t.lang) for p in category.positions)),
        *_category_lines(t, [code], register, book, card=True),
    ])
    return "\n\n".join([head, *_footer(t, (code,), book)])


def explainer(t: Translator, book: SalaryBook) -> str:
    """What pay depends on, dated, with one line of its sources."""
    notes = Footnotes()
    # factor texts are reviewed data with <b> markup, so they are not escaped
    items = [f"{i}. {f.pick(t.lang)}{notes.mark(f)}" for i, f in enumerate(book.factors, 1)]
    as_of = t("salary-how-as-of", date=format_date(t, book.factors_as_of, "month"))
    return "\n".join([t("salary-how-title"), *items, "", as_of, t("salary-vacancies"), sources_line(t, notes)])


# What a first reply about pay in general says, of the factors: the raises (every factor is behind a button).
GENERAL_FACTORS = ("factor_point_scale",)


def general_short(t: Translator, book: SalaryBook) -> str:
    """The first reply to "зарплата госслужащих", "повысят ли зарплату": the dated raises and what pay is tied to;
    every factor behind a button."""
    factors = [f for key in GENERAL_FACTORS for f in book.factors if f.id == key]
    notes = Footnotes() if several_sources(factors) else None
    items = [Html(f.pick(t.lang)) + (notes.mark(f) if notes else "") for f in factors]
    return "\n".join([t("salary-general-title"), *items, "", t("salary-vacancies"), sources_line(t, notes or factors)])


def general_keyboard(t: Translator) -> Keyboard:
    return Keyboard.of(t, [(_sal(t("salary-how-button"), SalaryAct.HOW),),
                           (_sal(t("salary-picker-button"), SalaryAct.PICKER),), feedback_row(t, AnswerKind.SALARY)])


def picker_intro(t: Translator, book: SalaryBook) -> str:
    """The picker's first screen; it names the categories that have a range, from the data."""
    years = sorted({r.year for r in book.ranges.values()})
    return t("salary-picker-intro", codes=", ".join(book.ranges), year=", ".join(map(str, years)))


def group_text(t: Translator, register: Register, book: SalaryBook, group_code: str) -> str:
    """A group's categories, each with its positions and, where the data has one, its range."""
    group = register.group(group_code)
    lines = [t("salary-group-title", code=group.code, title=group.title.pick(t.lang))]
    ranges = []
    for category in group.categories:
        line = _bullet(category.code, "— " + ", ".join(p.name.pick(t.lang) for p in category.positions))
        found = book.range_for(category.code)
        if found is not None:
            ranges.append(found)
            line += ": " + t("salary-group-range", range=found.formatted(), year=str(found.year),
                             row=found.row_label(t.lang))
        lines.append(line)
    if ranges:
        lines += ["", *_disagreements(t, register, book, ranges), sources_line(t, [r.fact for r in ranges])]
    # what the register excepts from the group's positions (D-1: not the oblast akim's apparatus head)
    excepted = tuple(p.id for c in group.categories for p in c.positions if p.excludes)
    if excepted:
        lines += ["", *excepted_lines(register, excepted, t), register_source(register, t)]
    return "\n".join([*lines, "", t("salary-group-pick")])


# ---------------------------------------------------------------- keyboards


def _sal(label: str, act: SalaryAct, ref: str = ""):
    return button(label, SalaryCb(act=act, ref=ref))


def short_keyboard(t: Translator, details: SalaryCb, group_code: str = "") -> Keyboard:
    """Under a first reply: the details (every category's pay as a new message), the way back to the category's
    group (a code's answer), what pay depends on, 👍 / 👎."""
    rows: list[Row] = [(_sal(t("salary-details-button"), details.act, details.ref),)]
    if group_code:
        rows.append((_sal(t("salary-back-to-group", code=group_code), SalaryAct.CARD_GROUP, group_code),))
    rows += [(_sal(t("salary-how-button"), SalaryAct.HOW),), feedback_row(t, AnswerKind.SALARY)]
    return Keyboard.of(t, rows)


def answer_keyboard(t: Translator, group_code: str = "") -> Keyboard:
    """Under an answer; a category's card (``group_code``) leads back to its group's categories first."""
    rows: list[Row] = []
    if group_code:
        rows.append((_sal(t("salary-back-to-group", code=group_code), SalaryAct.CARD_GROUP, group_code),))
    rows += [(_sal(t("salary-how-button"), SalaryAct.HOW),), (_sal(t("salary-picker-button"), SalaryAct.PICKER),),
             feedback_row(t, AnswerKind.SALARY)]
    return Keyboard.of(t, rows)


def category_keyboard(t: Translator, register: Register, code: str) -> Keyboard:
    return answer_keyboard(t, register.group_of(code).code)


def groups_keyboard(t: Translator, register: Register) -> Keyboard:
    """The picker's first screen: a button per group (its short title: a phone cuts the full one)."""
    rows = [(_sal(group.label(t.lang), SalaryAct.GROUP, group.code),) for group in register.groups]
    rows.append((_sal(t("salary-how-button"), SalaryAct.HOW),))
    return Keyboard.of(t, rows, ref=SalaryCb(act=SalaryAct.GROUPS))


def group_keyboard(t: Translator, register: Register, group_code: str) -> Keyboard:
    """A group's categories, then the way back to the groups."""
    categories = register.group(group_code).categories
    codes = [_sal(category.code, SalaryAct.CATEGORY, category.code) for category in categories]
    rows = [*rows_of(codes, PICKER_COLUMNS), (_sal(t("salary-back-to-groups"), SalaryAct.GROUPS),)]
    return Keyboard.of(t, rows, ref=SalaryCb(act=SalaryAct.GROUP, ref=group_code))


def groups_list_keyboard(t: Translator, register: Register, group_codes: Sequence[str]) -> Keyboard:
    """A button per group (its categories' pay, as a new message), then the picker and the main menu."""
    rows = [(_sal(register.group(code).label(t.lang), SalaryAct.CARD_GROUP, code),) for code in group_codes]
    rows.append((_sal(t("salary-picker-button"), SalaryAct.PICKER),))
    return Keyboard.of(t, rows, ref=SalaryCb(act=SalaryAct.EXCEPTED, ref=",".join(group_codes)))


def explainer_keyboard(t: Translator) -> Keyboard:
    return Keyboard.of(t, [(_sal(t("salary-picker-button"), SalaryAct.PICKER),)])


def not_found_keyboard(t: Translator, register: Register, position_ids: Sequence[str]) -> Keyboard:
    """The names a question came close to (each its pay), then the picker."""
    rows: list[Row] = [(_sal(fit_button(f"💰 {register.position(p).name.pick(t.lang)}"), SalaryAct.POSITION, p),)
                       for p in position_ids]
    rows.append((_sal(t("salary-picker-button"), SalaryAct.PICKER),))
    return Keyboard.of(t, rows, ref=SalaryCb(act=SalaryAct.SUGGESTED, ref=register.pack_positions(position_ids)))


def keyboard_of(t: Translator, register: Register, target: SalaryCb) -> Keyboard:
    """The keyboard ``target`` names, built again for its further pages; KeyError/ValueError if stale."""
    if target.act is SalaryAct.GROUPS:
        return groups_keyboard(t, register)
    if target.act is SalaryAct.GROUP:
        return group_keyboard(t, register, target.ref)
    if target.act is SalaryAct.EXCEPTED:
        return groups_list_keyboard(t, register, target.ref.split(","))
    if target.act is SalaryAct.SUGGESTED:
        return not_found_keyboard(t, register, register.unpack_positions(target.ref))
    raise KeyError(f"no keyboard of more than six buttons: {target.act}")
