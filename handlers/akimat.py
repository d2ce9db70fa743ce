"""About the akimat: what it is, what it does, who appoints akims, administrative vs political servants."""

from __future__ import annotations

import html

from aiogram import Bot, F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.akimat import AkimatTopic, load_akimat_topics
from bot.datafiles import pick
from bot.i18n import Translator
from bot.storage import Database
from handlers.complaints import CmpCb, render_statements
from handlers.feedback import count_question, feedback_row
from handlers.filters import IntentIs
from handlers.menu import MenuCb, home_button
from handlers.sharing import above_home, share_row

router = Router(name="akimat")
TOPICS = load_akimat_topics()
INTENT_TOPICS = {f"akimat_{topic_id}": topic_id for topic_id in TOPICS}  # data/intents/akimat_<id>.yaml
SHARE_PAYLOAD = "akimat"  # t.me/<bot>?start=akimat opens the menu (handlers/deeplinks.py)


class AkimatCb(CallbackData, prefix="ak"):
    """Show the answer of topic ``topic`` (an id from data/akimat.yaml)."""

    topic: str


def topics_keyboard(t: Translator, shown: str | None = None) -> InlineKeyboardMarkup:
    rows = [
        # the short label: a phone cuts a long title; the answer's message keeps the full one
        [InlineKeyboardButton(text=pick(topic.button, t.lang), callback_data=AkimatCb(topic=topic.id).pack())]
        for topic in TOPICS.values()
        if topic.id != shown
    ]
    if shown is not None:  # under a topic's answer
        rows.append(feedback_row(t, "akimat"))
    # a link to the related section, not "◀️ back": the section is opened from the main menu too
    rows.append([InlineKeyboardButton(text=t("menu-complaint"), callback_data=CmpCb(action="menu").pack())])
    rows.append([home_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topic_text(t: Translator, topic: AkimatTopic) -> str:
    title = html.escape(pick(topic.title, t.lang), quote=False)
    return f"<b>{title}</b>\n\n{render_statements(t, topic.statements, separator=chr(10))}"


def find_topic(topic_id: str) -> AkimatTopic | None:
    """The topic a button names: its id as sent, or written in another case or with spaces around it
    (an older version of the bot); None when no topic has that id any more."""
    topic = TOPICS.get(topic_id)
    if topic is None:
        wanted = topic_id.strip().casefold()
        topic = next((found for key, found in TOPICS.items() if key.casefold() == wanted), None)
    return topic


async def _shared(bot: Bot | None, t: Translator, markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    """``markup`` with the "Поделиться" link to this section (``start=akimat``) above its last row."""
    if bot is None:
        return markup
    return above_home(markup, await share_row(bot, t, SHARE_PAYLOAD, t.plain("share-akimat-text")))


async def show_menu(message: Message, t: Translator, intro: str = "") -> None:
    """The list of topics as a new message; ``intro`` (ready HTML) goes above it."""
    text = f"{intro}\n\n{t('akimat-menu')}" if intro else t("akimat-menu")
    await message.answer(text, reply_markup=await _shared(message.bot, t, topics_keyboard(t)))


async def show_topic(message: Message, t: Translator, topic: AkimatTopic, db: Database) -> None:
    await count_question(db, "akimat")
    markup = await _shared(message.bot, t, topics_keyboard(t, shown=topic.id))
    await message.answer(topic_text(t, topic), reply_markup=markup)


@router.callback_query(MenuCb.filter(F.item == "akimat"))
async def menu_akimat(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if query.message:
        await show_menu(query.message, t)


@router.callback_query(AkimatCb.filter())
async def topic_button(query: CallbackQuery, callback_data: AkimatCb, t: Translator, db: Database) -> None:
    topic = find_topic(callback_data.topic)
    if topic is None:  # a topic that is gone: say so briefly and offer the current ones
        await query.answer(t("akimat-stale-button"))
        if query.message:
            await show_menu(query.message, t, intro=t("akimat-stale"))
        return
    await query.answer()
    if query.message:
        await show_topic(query.message, t, topic, db)


@router.message(IntentIs(*INTENT_TOPICS))
async def topic_question(message: Message, t: Translator, intent: str, db: Database) -> None:
    await show_topic(message, t, TOPICS[INTENT_TOPICS[intent]], db)
