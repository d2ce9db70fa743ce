"""Positions: free text → position cards, a code → category card, /positions browsing, akimat overview."""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from contextlib import suppress
from html import escape

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.deeplinks import category_payload, kind_payload, position_payload
from bot.i18n import Html, Translator
from bot.message_parts import MAX_QUERY_CHARS, excerpt, text_start
from bot.register import BUTTON_CHARS, Category, Group, Register, load_register
from bot.search.results import PositionMatch, SearchResult
from bot.storage import Database
from handlers.feedback import count_question, feedback_row, record_unanswered
from handlers.filters import IntentIs, WordyText
from handlers.menu import MenuCb, home_button
from handlers.sharing import above_home, bot_username, share_row
from handlers.views import sources_line

# Early, because a search is the commonest text and each router it passes costs ~30 µs. Safe: the search
# takes only text with no intent and no "/", which no other feature's router claims; flows come first anyway.
log = logging.getLogger(__name__)
router = Router(name="positions")
# a position's name on a full-row button: what a phone shows before Telegram cuts it (groups use their `short`)
BUTTON_NAME_CHARS = BUTTON_CHARS


class PosCb(CallbackData, prefix="pos"):
    """A register view: ``root``, ``fam`` (letter), ``grp`` (group code), ``cat`` (category code),
    ``name`` (a position id; shows every category with that name), ``akimat`` (positions in akimats)."""

    view: str
    key: str = ""


View = tuple[str, InlineKeyboardMarkup]


def _keyboard(rows: list[list[InlineKeyboardButton]], t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [home_button(t)]])


def _button(text: str, view: str, key: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=PosCb(view=view, key=key).pack())


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i:i + width] for i in range(0, len(buttons), width)]


def fit_button(text: str, limit: int = BUTTON_NAME_CHARS) -> str:
    """``text`` cut with "…" to fit a full-row button on a phone."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def code_and_title(t: Translator, code: str, title: str) -> str:
    """"E-G — Аким села": a code (or a name) and its title on a button, laid out by the locale (plain text)."""
    return t.plain("layout-code-and-title", code=code, title=title)


@functools.cache  # a few dozen labels per language, asked for by every browse and not-found answer
def group_label(register: Register, t: Translator, group_code: str, code: str | None = None) -> str:
    """A group's button (its short title), or one of its categories' (``code``): "E-G — Аким села, аула, посёлка"."""
    group = register.group(group_code)
    return code_and_title(t, code or group.code, (group.short or group.title).pick(t.lang))


def name_and_codes(name: str, codes: tuple[str, ...] | list[str], t: Translator) -> str:
    """"Главный специалист — C-O-5…": a name and its categories on one full-row button, as many whole codes as
    fit after the name (cut only when even one code does not fit), so that the phone does not cut the end off."""
    joined = ", ".join(codes)
    layout = len(code_and_title(t, "", ""))  # the characters the layout adds around the two
    if len(name) + layout + len(joined) <= BUTTON_NAME_CHARS:
        return code_and_title(t, name, joined)
    shown = f"{codes[0]}…" if len(codes) > 1 else codes[0]
    name = fit_button(name, BUTTON_NAME_CHARS - layout - len(shown))
    for n in range(len(codes) - 1, 1, -1):  # more codes, while they fit
        more = ", ".join(codes[:n]) + "…"
        if len(name) + layout + len(more) <= BUTTON_NAME_CHARS:
            shown = more
            break
    return code_and_title(t, name, shown)


def _bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def register_source(register: Register, t: Translator) -> str:
    """The card's one line: the register the seed prints and the act in force, linked; names may have changed."""
    return t("positions-source", sources=Html(sources_line(t, [register.provenance.fact])))


def _level_line(group: Group, register: Register, t: Translator) -> str | None:
    if group.level is None:
        return None
    return t("positions-level", level=register.akimat_level(group.level).name.pick(t.lang))


def _category_names(category: Category, t: Translator) -> str:
    """The category's positions on one line: "Name; Name (note)"."""
    names = []
    for position in category.positions:
        name = position.name.pick(t.lang)
        names.append(f"{name} ({position.note.pick(t.lang)})" if position.note else name)
    return "; ".join(names)


# ---------------------------------------------------------------- views


def root_view(register: Register, t: Translator) -> View:
    text = "\n\n".join([
        t("positions-root", categories=len(register.categories)),
        t("positions-root-hint"),
        register_source(register, t),
    ])
    rows = [[_button(f.label(t.lang), "fam", f.letter)] for f in register.families]
    rows.append([_button(t("positions-akimat-button"), "akimat")])
    return text, _keyboard(rows, t)


@functools.cache  # a pure function of (register, letter, language); bounded by the register's families
def family_view(register: Register, letter: str, t: Translator) -> View:
    family = register.family(letter)
    if len(family.groups) == 1:
        return group_view(register, family.groups[0].code, t)
    lines = [_bold(family.title.pick(t.lang)), ""]
    lines += [t("layout-code-and-title", code=g.code, title=g.title.pick(t.lang)) for g in family.groups]
    rows = [[_button(group_label(register, t, g.code), "grp", g.code)] for g in family.groups]
    rows.append([_button(t("positions-back"), "root")])
    return Html("\n".join(lines)), _keyboard(rows, t)


@functools.cache  # a pure function of (register, code, language); bounded by the register's groups
def group_view(register: Register, code: str, t: Translator) -> View:
    group = register.group(code)
    lines = [
        t("positions-group-title", code=group.code, title=group.title.pick(t.lang)),
        t("positions-body", body=group.body.pick(t.lang)),
    ]
    level = _level_line(group, register, t)
    if level:
        lines.append(level)
    lines.append("")
    lines += [t("layout-code-and-title", code=Html(_bold(c.code)), title=_category_names(c, t))
              for c in group.categories]
    family = register.family(group.family)
    back = _button(t("positions-back"), "fam" if len(family.groups) > 1 else "root", family.letter)
    rows = [*_rows([_button(c.code, "cat", c.code) for c in group.categories], 3), [back]]
    return Html("\n".join(lines)), _keyboard(rows, t)


@functools.cache  # a pure function of (register, code, language); bounded by the register's codes
def category_view(register: Register, code: str, t: Translator) -> View:
    category = register.category(code)
    group = register.group(category.group_code)
    lines = [
        t("positions-category-title", code=category.code),
        t("positions-body", body=group.body.pick(t.lang)),
    ]
    level = _level_line(group, register, t)
    if level:
        lines.append(level)
    lines += ["", t("positions-list-title")]
    for position in category.positions:
        note = f" ({position.note.pick(t.lang)})" if position.note else ""
        lines.append(escape(f"• {position.name.pick(t.lang)}{note}"))
    lines += ["", register_source(register, t)]
    before, after = register.neighbours(category.code)
    arrows = []
    if before:
        arrows.append(_button(f"◀️ {before.code}", "cat", before.code))
    if after:
        arrows.append(_button(f"{after.code} ▶️", "cat", after.code))
    from handlers.salary import SalaryCb  # here: handlers.salary imports this module

    # the card's pay, as a new message (the card stays): browsing A-4 led nowhere near its 2021 range
    pay = InlineKeyboardButton(text=t("positions-salary"), callback_data=SalaryCb(act="cat", ref=category.code).pack())
    rows = [arrows, [_button(t("positions-up", code=group.code), "grp", group.code), pay]]
    return Html("\n".join(lines)), _keyboard(rows, t)


def excepted_lines(register: Register, excluded: tuple[str, ...], t: Translator) -> list[str]:
    """What the register says about the posts it excepts from ``excluded`` (position ids), once each."""
    lines: list[str] = []
    for exception in dict.fromkeys(register.position(p).excludes for p in excluded):
        if exception is not None:
            lines += [t("positions-excepted", name=exception.name.pick(t.lang)), escape(exception.explain.pick(t.lang))]
    return lines


# Searches repeat: the same best matches render the same card, so the commonest ones are remembered.
@functools.lru_cache(maxsize=1024)
def match_view(register: Register, matches: tuple[PositionMatch, ...], t: Translator,
               excluded: tuple[str, ...] = ()) -> View:
    """The best match as a card (each of its categories with body and level), the others as buttons;
    ``excluded``: positions of the best name whose exception the query asked about (said under it)."""
    top, others = matches[0], matches[1:]
    lines = [_bold(top.name(t.lang)), t("positions-match-categories")]
    for i, (code, position_id) in enumerate(zip(top.category_codes, top.position_ids, strict=True)):
        # the group's title already says the level ("… района"); the category card spells it out
        group = register.group_of(code)
        if top.role_ids:  # a kind of post ("Советник"): the category's posts of that kind say whose
            where = "; ".join(register.position(p).name.pick(t.lang) for p in top.role_ids[i])
            extras = (group.equated,)
        else:
            where = group.title.pick(t.lang)
            extras = (group.equated, register.position(position_id).note)
        for extra in extras:  # "cities count as districts"
            if extra:
                where += f" ({extra.pick(t.lang)})"
        lines.append(f"• {_bold(code)} — {escape(where)}")
    if excluded:
        lines += ["", *excepted_lines(register, excluded, t)]
    if others:
        lines += ["", t("positions-also")]
        lines += [escape(f"• {m.name(t.lang)} — {', '.join(m.category_codes)}") for m in others]
    lines += ["", register_source(register, t)]
    rows = _rows([_button(code, "cat", code) for code in top.category_codes], 4)
    rows += [[_button(fit_button(m.name(t.lang)), "name", m.position_ids[0])] for m in others]
    rows.append([_button(t("positions-browse"), "root")])
    return Html("\n".join(lines)), _keyboard(rows, t)


def name_view(register: Register, position_id: str, t: Translator) -> View:
    """Every category of the name carried by ``position_id`` (no qualifier narrowing)."""
    positions = register.same_name(position_id)
    first = positions[0]
    match = PositionMatch(first.name.ru, first.name.kk, tuple(p.category_code for p in positions),
                          tuple(p.id for p in positions), 100.0)
    return match_view(register, (match,), t)


def not_found_view(register: Register, result: SearchResult, t: Translator) -> View:
    rows: list[list[InlineKeyboardButton]] = []
    if result.excluded:  # the register excepts what was asked from the name's category: say so, show the category
        text = Html("\n".join([*excepted_lines(register, result.excluded, t), "", register_source(register, t)]))
        codes = dict.fromkeys(register.position(p).category_code for p in result.excluded)
        rows += [[_button(group_label(register, t, register.group_of(code).code, code), "cat", code)] for code in codes]
    elif result.unknown_code and (group := register.closest_group(result.unknown_code)) is not None:
        # "D-O-7", "Е-Г-0": the categories of the group the code would belong to
        codes = [c.code for c in group.categories]
        text = t("positions-unknown-code-group", code=result.unknown_code, group=group.code, first=codes[0],
                 last=codes[-1])
        rows += _rows([_button(code, "cat", code) for code in codes], 3)
        rows.append([_button(group_label(register, t, group.code), "grp", group.code)])
    elif result.unknown_code:
        text = t("positions-unknown-code", code=result.unknown_code)
        family = result.unknown_code[0]
        with suppress(KeyError):
            rows.append([_button(register.family(family).label(t.lang), "fam", family)])
    elif result.suggestions:
        key = "positions-scope-missed" if result.scope_missed else "positions-suggest"
        text = t(key, query=excerpt(result.query))
        rows += [[_button(name_and_codes(s.name(t.lang), s.category_codes, t), "name", s.position_ids[0])]
                 for s in result.suggestions]
    elif result.scope:
        text = t("positions-not-found-scope", query=excerpt(result.query))
        rows += [[_button(group_label(register, t, code), "grp", code)] for code in result.scope]
    else:
        text = t("positions-not-found", query=excerpt(result.query))
    rows.append([_button(t("positions-browse"), "root")])
    return text, _keyboard(rows, t)


@functools.cache  # a pure function of (register, language, levels); bounded by the akimat levels' subsets
def akimat_view(register: Register, t: Translator, levels: tuple[str, ...] = ()) -> View:
    """Positions at each akimat level (or the given ones) with their codes, and buttons to drill down."""
    chosen = [lvl for lvl in register.akimat_levels if not levels or lvl.id in levels]
    lines = [t("positions-akimat-title"), t("positions-akimat-intro")]
    for level in chosen:
        lines += ["", _bold(level.name.pick(t.lang))]
        for group in level.groups:
            lines.append(f"<i>{t('layout-code-and-title', code=group.code, title=group.title.pick(t.lang))}</i>")
            lines += [f"{_bold(c.code)}: {escape(_category_names(c, t))}" for c in group.categories]
    lines += ["", register_source(register, t)]
    buttons = [_button(group_label(register, t, g.code), "grp", g.code) for level in chosen for g in level.groups]
    rows = [[b] for b in buttons]
    if len(chosen) == 1:
        rows.append([_button(t("positions-akimat-all"), "akimat")])
    rows.append([_button(t("positions-browse"), "root")])
    return Html("\n".join(lines)), _keyboard(rows, t)


def result_view(register: Register, result: SearchResult, t: Translator) -> View:
    """The view of a search result: the category card, the best name's card, or what was not found."""
    if result.kind == "category" and result.category_code:
        return category_view(register, result.category_code, t)
    if result.kind == "positions":
        return match_view(register, result.matches, t, result.excluded)
    return not_found_view(register, result, t)


def _levels_named(register: Register, text: str) -> tuple[str, ...]:
    """Akimat levels a question names ("… акимата района"), from the search's qualifiers."""
    scope = set(register.search(text).scope)
    return tuple(lvl.id for lvl in register.akimat_levels if scope & {g.code for g in lvl.groups})


# ---------------------------------------------------------------- handlers


async def card_share_row(bot: Bot, t: Translator, view: str, key: str, title: str = "") -> list[InlineKeyboardButton]:
    """"Поделиться" for a category card (``view`` "cat", ``key`` its code), a name's card ("name", a position
    id) or a kind of post's card ("kind", its ``kind_…`` payload; ``title`` is the card's, "Советник")."""
    if view == "cat":
        return await share_row(bot, t, category_payload(key), t("share-category-text", code=key))
    if view == "kind":
        return await share_row(bot, t, key, t("share-position-text", name=Html(title)))
    name = Html(load_register().position(key).name.pick(t.lang))  # plain text in a link, nothing to escape
    return await share_row(bot, t, position_payload(key), t("share-position-text", name=name))


# Rated keyboards already built, by the card's keyboard (held, so its id stays its own), language, key and bot
# (the share link names it by its @username): the rows are the same every time, and building them cost ~90 µs.
_RATED: OrderedDict[tuple[int, str, str, str, str], tuple[InlineKeyboardMarkup, InlineKeyboardMarkup]] = (
    OrderedDict())
RATED_KEYBOARDS_KEPT = 2048


async def rated_card_markup(markup: InlineKeyboardMarkup, t: Translator, bot: Bot, view: str,
                            key: str, title: str = "") -> InlineKeyboardMarkup:
    """A card's keyboard with 👍 / 👎 and "Поделиться" above the main-menu button (without "Поделиться" while
    Telegram cannot tell the bot's name: the card itself still goes out)."""
    kind = "category" if view == "cat" else "position"
    try:
        username = await bot_username(bot)
    except TelegramAPIError as exc:
        log.warning("no share button: getMe failed: %s", exc)
        return above_home(markup, feedback_row(t, kind))
    memo = (id(markup), t.lang, view, key, username)
    kept = _RATED.get(memo)
    if kept is not None and kept[0] is markup:
        return kept[1]
    rated = above_home(markup, feedback_row(t, kind), await card_share_row(bot, t, view, key, title))
    _RATED[memo] = (markup, rated)
    if len(_RATED) > RATED_KEYBOARDS_KEPT:
        _RATED.popitem(last=False)
    return rated


def with_start_note(t: Translator, text: str, cut: bool) -> str:
    """``text`` under a line saying that only the start of a long question was read, when it was ``cut``."""
    return f"{t('text-read-start', max=str(MAX_QUERY_CHARS))}\n\n{text}" if cut else text


async def send_search_answer(message: Message, query: str, t: Translator, db: Database, bot: Bot) -> None:
    """The answer to a typed query: a card with 👍 / 👎 and "Поделиться", or, when nothing matched, the
    not-found view, with the query logged for /stats. A long query is read from its start, and the answer
    says so."""
    register = load_register()
    query, cut = text_start(query)
    result = register.search(query, lang=t.lang)
    text, markup = result_view(register, result, t)
    text = with_start_note(t, text, cut)
    if result.kind == "category" and result.category_code:
        await count_question(db, "category")
        markup = await rated_card_markup(markup, t, bot, "cat", result.category_code)
    elif result.kind == "positions":
        await count_question(db, "position")
        top = result.matches[0]
        # a kind of post's card ("Советник") lists posts of several names: its link names the kind and the
        # categories shown; a name's card opens from any of its positions
        if top.role:
            markup = await rated_card_markup(markup, t, bot, "kind", match_payload(register, top), top.name(t.lang))
        else:
            markup = await rated_card_markup(markup, t, bot, "name", top.position_ids[0])
    elif result.excluded:  # answered: the register itself says the post is not in the category
        await count_question(db, "position")
    else:
        await record_unanswered(db, query)
    await message.answer(text, reply_markup=markup)


def match_payload(register: Register, match: PositionMatch) -> str:
    """The start payload that opens ``match``'s card: ``kind_…`` for a kind of post (with its categories when
    the card shows only some), else ``pos_…`` of its first position (a name's card lists all its categories)."""
    if not match.role:
        return position_payload(match.position_ids[0])
    whole = register.kind_of_post(match.role)
    narrowed = whole is not None and whole.category_codes != match.category_codes
    return kind_payload(match.role, match.category_codes if narrowed else ())


async def send_kind_card(message: Message, role: str, codes: tuple[str, ...], t: Translator, db: Database,
                         bot: Bot) -> bool:
    """Send a kind of post's card (a ``kind_…`` link), rated and shareable; False if the register has none."""
    register = load_register()
    match = register.kind_of_post(role, codes)
    if match is None:
        return False
    text, markup = match_view(register, (match,), t)
    await count_question(db, "position")
    rated = await rated_card_markup(markup, t, bot, "kind", match_payload(register, match), match.name(t.lang))
    await message.answer(text, reply_markup=rated)
    return True


async def send_card(message: Message, view: str, key: str, t: Translator, db: Database, bot: Bot) -> bool:
    """Send a category card (``view`` "cat", ``key`` its code) or a name's card ("name", a position id), rated
    and shareable; False when the register has no such category or position (an old link)."""
    register = load_register()
    try:
        text, markup = category_view(register, key, t) if view == "cat" else name_view(register, key, t)
    except KeyError:
        return False
    await count_question(db, "category" if view == "cat" else "position")
    await message.answer(text, reply_markup=await rated_card_markup(markup, t, bot, view, key))
    return True


@router.message(Command("positions"))
async def cmd_positions(message: Message, t: Translator, command: CommandObject, db: Database, bot: Bot) -> None:
    # "/positions бас маман" searches right away; bare "/positions" opens the register
    if command.args:
        await send_search_answer(message, command.args, t, db, bot)
        return
    text, markup = root_view(load_register(), t)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MenuCb.filter(F.item == "positions"))
async def menu_positions(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if query.message:
        text, markup = root_view(load_register(), t)
        await query.message.answer(text, reply_markup=markup)


@router.message(IntentIs("akimat_positions"))
async def akimat_question(message: Message, t: Translator, db: Database, bot: Bot) -> None:
    register = load_register()
    assert message.text is not None
    question, cut = text_start(message.text)
    result = register.search(question, lang=t.lang)
    if result.kind == "positions":  # "какая должность у главного специалиста акимата" names a position
        await send_search_answer(message, message.text, t, db, bot)  # cut again there, and said so
        return
    levels = _levels_named(register, question)
    text, markup = akimat_view(register, t, levels if len(levels) < len(register.akimat_levels) else ())
    await count_question(db, "akimat")
    await message.answer(with_start_note(t, text, cut), reply_markup=above_home(markup, feedback_row(t, "akimat")))


# Only text with a letter or digit is a search: "👍", "." or "???" get the fallback's menu, not "position «.» not found"
@router.message(IntentIs(None), WordyText())
async def position_search(message: Message, t: Translator, db: Database, bot: Bot) -> None:
    assert message.text is not None
    await send_search_answer(message, message.text, t, db, bot)


_VIEWS = {
    "root": lambda r, key, t: root_view(r, t),
    "fam": lambda r, key, t: family_view(r, key, t),
    "grp": lambda r, key, t: group_view(r, key, t),
    "cat": lambda r, key, t: category_view(r, key, t),
    "name": lambda r, key, t: name_view(r, key, t),
    "akimat": lambda r, key, t: akimat_view(r, t),
}


@router.callback_query(PosCb.filter(F.view.in_(set(_VIEWS))))
async def browse(query: CallbackQuery, callback_data: PosCb, t: Translator) -> None:
    register = load_register()
    try:
        text, markup = _VIEWS[callback_data.view](register, callback_data.key, t)
    except KeyError:  # a code or id from an older register: the button is stale
        await query.answer(t("fallback-stale-button"))
        text, markup = root_view(register, t)
    else:
        await query.answer()
        if callback_data.view in ("cat", "name") and query.bot is not None:
            markup = above_home(markup, await card_share_row(query.bot, t, callback_data.view, callback_data.key))
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as exc:
            if "not modified" in str(exc):
                return
            # deleted or too old to edit: the answer still comes, as a fresh message
    if message is not None and query.bot is not None:
        await query.bot.send_message(message.chat.id, text, reply_markup=markup)
