"""About the akimat: what it is, what it does, who appoints akims, administrative vs political servants, and where
to find an akimat's contacts."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.akimat import AkimatTopic, find_topic, load_akimat_topics
from bot.appeal_guide import load_appeal_guide
from bot.feedback import AnswerKind, Feedback
from bot.i18n import Translator
from bot.runtime.middlewares import AnswerFrame
from bot.understanding import Understanding
from handlers.callbacks import AkimatCb, MenuCb, MenuItem, MoreCb, unpacked
from handlers.filters import StartLink, TopicIs, claimed_only
from handlers.views.akimat import ANSWERED_BY, contacts_answer, short_answer, topic_answer, topics_keyboard, topics_menu
from handlers.views.sending import reply, show_page
from handlers.views.share import bot_username


async def show_menu(message: Message, t: Translator, bot: Bot, intro: str = "") -> None:
    """The list of topics as a new message; ``intro`` (ready HTML) goes above it."""
    view = topics_menu(t, load_akimat_topics().values(), await bot_username(bot), intro)
    await message.answer(view.text, reply_markup=view.keyboard.markup())


async def show_topic(message: Message, t: Translator, topic: AkimatTopic, feedback: Feedback, bot: Bot,
                     frame: AnswerFrame | None = None) -> None:
    await feedback.answered(AnswerKind.AKIMAT)
    view = topic_answer(t, load_akimat_topics().values(), await bot_username(bot), topic)
    await reply(message, view, frame)


async def open_menu(message: Message, t: Translator, bot: Bot) -> None:
    """/akimat and the ``akimat`` link."""
    await show_menu(message, t, bot)


async def menu_akimat(query: CallbackQuery, t: Translator, bot: Bot) -> None:
    if query.message:
        await show_menu(query.message, t, bot)  # type: ignore[arg-type]


async def topic_button(query: CallbackQuery, callback_data: AkimatCb, t: Translator, feedback: Feedback, bot: Bot,
                       callback_answer: CallbackAnswer) -> None:
    topic = find_topic(callback_data.topic)
    if topic is None:  # a topic that is gone: say so briefly and offer the current ones
        callback_answer.text = t("akimat-stale-button")
        if query.message:
            await show_menu(query.message, t, bot, intro=t("akimat-stale"))  # type: ignore[arg-type]
        return
    if query.message:
        await show_topic(query.message, t, topic, feedback, bot)  # type: ignore[arg-type]


async def topic_question(message: Message, t: Translator, understanding: Understanding, feedback: Feedback,
                         bot: Bot, frame: AnswerFrame | None = None) -> None:
    """"Что такое акимат", "кто назначает акима": the topic in a few lines, the whole of it behind a button."""
    await feedback.answered(AnswerKind.AKIMAT)
    topic = load_akimat_topics()[ANSWERED_BY[understanding.topic]]
    await reply(message, short_answer(t, topic, await bot_username(bot)), frame)


async def contacts(message: Message, t: Translator, feedback: Feedback,
                   frame: AnswerFrame | None = None) -> None:
    """"Телефон акимата", "аудан әкімдігінің мекенжайы": where an akimat's contacts are, and 1414."""
    await feedback.answered(AnswerKind.AKIMAT)
    await reply(message, contacts_answer(t, load_appeal_guide()), frame)


async def more(query: CallbackQuery, callback_data: MoreCb, t: Translator, bot: Bot,
               callback_answer: CallbackAnswer) -> None:
    """"Ещё…" under the list of topics or a topic's answer: the next page of its keyboard."""
    target = unpacked(AkimatCb, callback_data.of)
    shown = find_topic(target.topic) if target is not None else None
    if target is not None and shown is None:
        callback_answer.text = t("akimat-stale-button")
        return
    keyboard = topics_keyboard(t, load_akimat_topics().values(), await bot_username(bot),
                               shown.id if shown is not None else None)
    await show_page(query, callback_answer, t, keyboard, callback_data.page)


def create_router() -> Router:
    router = Router(name="akimat")
    router.message.register(open_menu, Command("akimat"))
    router.message.register(open_menu, StartLink(section="akimat"))
    router.message.register(topic_question, TopicIs(*ANSWERED_BY))
    router.message.register(contacts, TopicIs("akimat.contacts"))
    router.callback_query.register(menu_akimat, MenuCb.filter(F.item == MenuItem.AKIMAT))
    router.callback_query.register(topic_button, AkimatCb.filter())
    router.callback_query.register(more, MoreCb.of_kind(AkimatCb))
    router.callback_query.register(more, MoreCb.filter(F.of == MenuCb(item=MenuItem.AKIMAT).pack()))
    return claimed_only(router)
