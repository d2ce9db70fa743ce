"""About the akimat: what it is, what it does, who appoints akims, administrative vs political servants."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.akimat import AkimatTopic, load_akimat_topics
from bot.datafiles import pick
from bot.i18n import Translator
from bot.storage import Database
from handlers.complaints import CmpCb, render_statements
from handlers.feedback import count_question, feedback_row
from handlers.menu import MenuCb, home_button
from handlers.middlewares import IntentIs

router = Router(name="akimat")
TOPICS = load_akimat_topics()
INTENT_TOPICS = {f"akimat_{topic_id}": topic_id for topic_id in TOPICS}  # data/intents/akimat_<id>.yaml


class AkimatCb(CallbackData, prefix="ak"):
    """Show the answer of topic ``topic`` (an id from data/akimat.yaml)."""

    topic: str


def topics_keyboard(t: Translator, shown: str | None = None) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(text=pick(topic.title, t.lang), callback_data=AkimatCb(topic=topic.id).pack())]
        for topic in TOPICS.values()
        if topic.id != shown
    ]
    if shown is not None:  # under a topic's answer
        rows.append(feedback_row(t, "akimat"))
    rows.append([InlineKeyboardButton(text=t("complaint-btn-menu"), callback_data=CmpCb(action="menu").pack())])
    rows.append([home_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topic_text(t: Translator, topic: AkimatTopic) -> str:
    title = html.escape(pick(topic.title, t.lang), quote=False)
    return f"<b>{title}</b>\n\n{render_statements(t, [topic.answer])}"


@router.callback_query(MenuCb.filter(F.item == "akimat"))
async def menu_akimat(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if query.message:
        await query.message.answer(t("akimat-menu"), reply_markup=topics_keyboard(t))


@router.callback_query(AkimatCb.filter())
async def topic_button(query: CallbackQuery, callback_data: AkimatCb, t: Translator, db: Database) -> None:
    topic = TOPICS.get(callback_data.topic)
    if topic is None:
        await query.answer(t("complaint-stale"), show_alert=True)
        return
    await query.answer()
    if query.message:
        await count_question(db, "akimat")
        await query.message.answer(topic_text(t, topic), reply_markup=topics_keyboard(t, shown=topic.id))


@router.message(IntentIs(*INTENT_TOPICS))
async def topic_question(message: Message, t: Translator, intent: str, db: Database) -> None:
    topic = TOPICS[INTENT_TOPICS[intent]]
    await count_question(db, "akimat")
    await message.answer(topic_text(t, topic), reply_markup=topics_keyboard(t, shown=topic.id))
