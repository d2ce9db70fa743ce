"""Positions: free text → a position's card, a code → a category's card, /positions browsing, the akimat overview,
and the links (``cat_…``, ``pos_…``, ``kind_…``, ``positions``) that open them."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.deeplinks import DeepLink, position_category
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.message_parts import text_start
from bot.register import Register, load_register
from handlers.callbacks import BROWSE_VIEWS, MenuCb, MenuItem, MoreCb, PosCb, unpacked
from handlers.filters import IntentIs, StartLink, WordyText
from handlers.views.menu import greeting, main_menu
from handlers.views.positions import (
    View,
    akimat_answer,
    browse_view,
    keyboard_of,
    rated_category,
    rated_match,
    rated_name,
    root_view,
    search_view,
    with_start_note,
)
from handlers.views.sending import edit_or_keep, show_page
from handlers.views.share import bot_username


async def answer_search(message: Message, query: str, t: Translator, feedback: Feedback, bot: Bot) -> None:
    """The answer to a typed query: a card with 👍 / 👎 and "Поделиться", or, when nothing matched, the
    not-found view, with the query logged for /stats. A long query is read from its start, and the answer
    says so."""
    register = load_register()
    query, cut = text_start(query)
    result = register.search(query, lang=t.lang)
    found = result.kind in ("category", "positions")
    view = search_view(register, result, t, await bot_username(bot) if found else None)
    if result.kind == "category":
        await feedback.answered(AnswerKind.CATEGORY)
    elif found or result.excluded:  # answered: the register itself says the post is not in the category
        await feedback.answered(AnswerKind.POSITION)
    else:
        await feedback.missed(query)
    await message.answer(with_start_note(t, view.text, cut), reply_markup=view.keyboard.markup())


async def send(message: Message, view: View) -> None:
    await message.answer(view.text, reply_markup=view.keyboard.markup())


# ---------------------------------------------------------------- handlers


async def cmd_positions(message: Message, t: Translator, command: CommandObject, feedback: Feedback,
                        bot: Bot) -> None:
    # "/positions бас маман" searches right away; bare "/positions" opens the register
    if command.args:
        await answer_search(message, command.args, t, feedback, bot)
        return
    await send(message, root_view(load_register(), t))


async def open_register(message: Message, t: Translator) -> None:
    """The register's first screen (the ``positions`` link)."""
    await send(message, root_view(load_register(), t))


async def menu_positions(query: CallbackQuery, t: Translator) -> None:
    if query.message:
        await send(query.message, root_view(load_register(), t))  # type: ignore[arg-type]


async def open_card_link(message: Message, link: DeepLink, t: Translator, feedback: Feedback, bot: Bot) -> None:
    """A link to a category's, a position's or a kind of post's card; one the register no longer has is said to
    be so (a position gone opens its category, if that is still there), then the greeting."""
    register = load_register()
    username = await bot_username(bot)
    if await _open_card(message, register, link, t, feedback, username):
        return
    if link.kind == "position":  # the position is gone, its category may not be
        await message.answer(t("deeplink-no-position"))
        category = DeepLink("category", position_category(link.target))
        if await _open_card(message, register, category, t, feedback, username):
            return
    else:
        await message.answer(t("deeplink-unknown"))
    name = message.from_user.first_name if message.from_user else ""
    await message.answer(greeting(t, name), reply_markup=main_menu(t).markup())


async def _open_card(message: Message, register: Register, link: DeepLink, t: Translator, feedback: Feedback,
                     username: str | None) -> bool:
    try:
        if link.kind == "category":
            view, kind = rated_category(register, t, username, link.target), AnswerKind.CATEGORY
        elif link.kind == "position":
            view, kind = rated_name(register, t, username, link.target), AnswerKind.POSITION
        else:  # a kind of post's card ("Советник"), in the reader's language
            match = register.kind_of_post(link.target, link.codes)
            if match is None:
                return False
            view, kind = rated_match(register, t, username, (match,)), AnswerKind.POSITION
    except KeyError:  # an old link: no such category or position
        return False
    await feedback.answered(kind)
    await send(message, view)
    return True


async def akimat_question(message: Message, t: Translator, feedback: Feedback, bot: Bot) -> None:
    register = load_register()
    assert message.text is not None
    question, cut = text_start(message.text)
    result = register.search(question, lang=t.lang)
    if result.kind == "positions":  # "какая должность у главного специалиста акимата" names a position
        await answer_search(message, message.text, t, feedback, bot)  # cut again there, and said so
        return
    # the akimat levels the question names ("… акимата района"), from the search's qualifiers
    scope = set(register.search(question).scope)
    levels = tuple(lvl.id for lvl in register.akimat_levels if scope & {g.code for g in lvl.groups})
    view = akimat_answer(register, t, levels if len(levels) < len(register.akimat_levels) else ())
    await feedback.answered(AnswerKind.AKIMAT)
    await message.answer(with_start_note(t, view.text, cut), reply_markup=view.keyboard.markup())


async def position_search(message: Message, t: Translator, feedback: Feedback, bot: Bot) -> None:
    assert message.text is not None
    await answer_search(message, message.text, t, feedback, bot)


async def browse(query: CallbackQuery, callback_data: PosCb, t: Translator, bot: Bot,
                 callback_answer: CallbackAnswer) -> None:
    """A browsing button: the view it names, in place of the pressed message."""
    register = load_register()
    try:
        view = browse_view(register, t, callback_data, await bot_username(bot))
    except KeyError:  # a code or id from an older register: the button is stale
        callback_answer.text = t("fallback-stale-button")
        view = root_view(register, t)
    await edit_or_keep(query, callback_answer, t, view.text, view.keyboard.markup())


async def more(query: CallbackQuery, callback_data: MoreCb, t: Translator, bot: Bot,
               callback_answer: CallbackAnswer) -> None:
    """"Ещё…" under a register view: the next page of its keyboard."""
    target = unpacked(PosCb, callback_data.of)
    try:
        if target is None:
            raise KeyError(callback_data.of)
        keyboard = keyboard_of(load_register(), t, target, await bot_username(bot))
    except (KeyError, ValueError):  # a view of an older register
        callback_answer.text = t("fallback-stale-button")
        return
    await show_page(query, callback_answer, t, keyboard, callback_data.page)


# ---------------------------------------------------------------- routing


def create_router() -> Router:
    # Early in the dispatch order, because a search is the commonest text and each router it passes costs time.
    # Safe: the search takes only text with no intent and no "/", which no other feature's router claims.
    router = Router(name="positions")
    router.message.register(cmd_positions, Command("positions"))
    router.message.register(open_card_link, StartLink("category", "position", "kind"))
    router.message.register(open_register, StartLink(section="positions"))
    router.message.register(akimat_question, IntentIs("akimat_positions"))
    # Only text with a letter or digit is a search: "👍", "." or "???" get the fallback's menu, not "«.» not found"
    router.message.register(position_search, IntentIs(None), WordyText())
    router.callback_query.register(menu_positions, MenuCb.filter(F.item == MenuItem.POSITIONS))
    router.callback_query.register(browse, PosCb.filter(F.view.in_(BROWSE_VIEWS)))
    router.callback_query.register(more, MoreCb.of_kind(PosCb))
    return router
