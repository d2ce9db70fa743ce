"""Positions: a post named → its card, a code → a category's card, "what does X do" → the card and what the data
lacks, the positions of an akimat, /positions browsing, and the links (``cat_…``, ``pos_…``, ``kind_…``,
``positions``) that open them."""

from __future__ import annotations

import dataclasses

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.deeplinks import DeepLink, position_category
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.message_parts import text_start
from bot.register import Register, load_register
from bot.runtime.middlewares import AnswerFrame
from bot.search.results import SearchResult
from bot.understanding import Understanding, post_search
from handlers.callbacks import BROWSE_VIEWS, MenuCb, MenuItem, MoreCb, PosCb, unpacked
from handlers.filters import StartLink, TopicIs, claimed_only
from handlers.views.menu import greeting, main_menu
from handlers.views.positions import (
    View,
    akimat_answer,
    akimat_levels_view,
    browse_view,
    keyboard_of,
    rated_category,
    rated_match,
    rated_name,
    root_view,
    search_view,
    with_start_note,
)
from handlers.views.sending import edit_or_keep, reply, show_page
from handlers.views.share import bot_username


async def answer_search(message: Message, query: str, t: Translator, feedback: Feedback, bot: Bot,
                        result: SearchResult | None = None, note: str = "",
                        frame: AnswerFrame | None = None) -> None:
    """The answer to a typed query (or to what a search already found for it, ``result``): a card with 👍 / 👎 and
    "Поделиться", or, when nothing matched, the not-found view, with the query logged for /stats. A long query is
    read from its start, and the answer says so. ``note`` (ready HTML) goes above the card."""
    register = load_register()
    if result is None:
        query, cut = text_start(query)
        result = register.search(query, lang=t.lang)
    else:
        cut = result.truncated
    found = result.kind in ("category", "positions")
    view = search_view(register, result, t, await bot_username(bot) if found else None)
    if result.kind == "category":
        await feedback.answered(AnswerKind.CATEGORY)
    elif found or result.excluded:  # answered: the register itself says the post is not in the category
        await feedback.answered(AnswerKind.POSITION)
    else:
        await feedback.missed(query)
    text = f"{note}\n\n{view.text}" if note else view.text
    await reply(message, View(with_start_note(t, text, cut), view.keyboard), frame)


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


async def akimat_positions(message: Message, t: Translator, understanding: Understanding,
                           feedback: Feedback, frame: AnswerFrame | None = None) -> None:
    """"Какие должности есть в акимате": the positions at each akimat level, or at the one the question names."""
    register = load_register()
    level = understanding.entities.level
    # one level named ("в акимате района"): its posts; else each level's groups in short, a button a level
    known = {lvl.id for lvl in register.akimat_levels}
    view = akimat_answer(register, t, (level,)) if level in known else akimat_levels_view(register, t)
    await feedback.answered(AnswerKind.AKIMAT)
    await reply(message, view, frame)


async def post_named(message: Message, t: Translator, understanding: Understanding, feedback: Feedback,
                     bot: Bot, frame: AnswerFrame | None = None) -> None:
    """A post or a category code named: its card; asked what the post does, first that the data has no duties."""
    note = t("positions-duties-not-in-data") if understanding.topic == "register.duties" else ""
    result = post_search(understanding)
    if result is None:  # "категория" and no code: what the text itself finds
        await answer_search(message, message.text or "", t, feedback, bot, note=note, frame=frame)
        return
    if result.kind == "none" and not understanding.follow_up:  # not found: say it in the user's own words
        result = dataclasses.replace(result, query=text_start(message.text or "").text)
    await answer_search(message, result.query, t, feedback, bot, result, note, frame)


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
    # Early in the dispatch order, because a post named is the commonest text and each router it passes costs time.
    router = Router(name="positions")
    router.message.register(cmd_positions, Command("positions"))
    router.message.register(open_card_link, StartLink("category", "position", "kind"))
    router.message.register(open_register, StartLink(section="positions"))
    router.message.register(post_named, TopicIs("register.search", "register.code", "register.duties"))
    router.message.register(akimat_positions, TopicIs("register.positions"))
    router.callback_query.register(menu_positions, MenuCb.filter(F.item == MenuItem.POSITIONS))
    router.callback_query.register(browse, PosCb.filter(F.view.in_(BROWSE_VIEWS)))
    router.callback_query.register(more, MoreCb.of_kind(PosCb))
    return claimed_only(router)
