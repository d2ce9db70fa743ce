"""Sending and editing answers: long texts in parts, edits that may change nothing, keyboard pages."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.i18n import Translator
from bot.message_parts import split_html
from bot.runtime.middlewares import AnswerFrame, LanguageOffer
from handlers.callbacks import LangCb
from handlers.views.keyboard import MAX_BUTTONS, Keyboard, View, button


def with_offer(view: View, offer: LanguageOffer | None) -> View:
    """``view`` with the offer to answer in the language the question was written in: its line under the text and
    its button above the main menu (only the line, with /language in it, when the keyboard has no room)."""
    if offer is None:
        return view
    offer.made = True
    keyboard = view.keyboard
    switch = LangCb(code=offer.lang)
    if any(key.data == switch for key in keyboard.buttons):  # the main menu has the button already
        return View(f"{view.text}\n\n{offer.line}", keyboard)
    if len(keyboard.buttons) < MAX_BUTTONS or keyboard.ref:
        return View(f"{view.text}\n\n{offer.line}", keyboard.with_rows((button(offer.label, switch),)))
    return View(f"{view.text}\n\n{offer.command_line or offer.line}", keyboard)


def framed(view: View, frame: AnswerFrame | None) -> View:
    """``view`` as the answer to a typed question: under the line saying that only its start was read (a long
    question), with the offer of the other language."""
    if frame is None:
        return view
    view = with_offer(view, frame.offer)
    return View(f"{frame.lead}\n\n{view.text}", view.keyboard) if frame.lead else view


async def reply(message: Message, view: View, frame: AnswerFrame | None = None) -> Message:
    """Answer ``message`` with ``view``, framed as the answer to its typed question (see ``framed``)."""
    view = framed(view, frame)
    return await message.answer(view.text, reply_markup=view.keyboard.markup())


async def send_long(bot: Bot, chat_id: int, text: str, reply_markup: InlineKeyboardMarkup | None = None,
                    **kwargs: Any) -> list[Message]:
    """Send HTML ``text`` to ``chat_id`` as one message, or as several when it is over 4096 characters.

    Parts are split at paragraphs, then lines (``bot.message_parts.split_html``); the keyboard goes on
    the last part, so it stays under the end of the answer. Returns the messages sent, in order.
    """
    parts = split_html(text)
    sent: list[Message] = []
    for number, part in enumerate(parts, start=1):
        markup = reply_markup if number == len(parts) else None
        sent.append(await bot.send_message(chat_id, part, reply_markup=markup, **kwargs))
    return sent


async def answer_long(message: Message, text: str, reply_markup: InlineKeyboardMarkup | None = None,
                      **kwargs: Any) -> list[Message]:
    """``message.answer`` for text of any length: see ``send_long``."""
    bot = message.bot
    if bot is None:
        raise RuntimeError("the message is not bound to a bot")
    return await send_long(bot, message.chat.id, text, reply_markup, **kwargs)


def not_modified(exc: TelegramBadRequest) -> bool:
    """Telegram refused an edit because it would change nothing."""
    return "message is not modified" in exc.message


async def edit_or_keep(query: CallbackQuery, callback_answer: CallbackAnswer, t: Translator, text: str,
                       markup: InlineKeyboardMarkup | None = None, *, resend: bool = True) -> Message | None:
    """Show ``text`` and ``markup`` in the pressed message.

    An edit that would change nothing keeps the message and says so in the press's notice (every press
    visibly answers). A message that can no longer be edited (deleted, too old, sent in inline mode) gets the
    answer as a new message when ``resend``. Returns the message showing the answer, if any.
    """
    message = query.message
    if not isinstance(message, Message):
        if message is not None and resend and query.bot is not None:  # too old: Telegram sent no content
            return await query.bot.send_message(message.chat.id, text, reply_markup=markup)
        return None
    try:
        edited = await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if not_modified(exc):
            callback_answer.text = t("press-unchanged")
            return message
        if not resend:
            return None
        return await message.answer(text, reply_markup=markup)
    return edited if isinstance(edited, Message) else message


async def show_page(query: CallbackQuery, callback_answer: CallbackAnswer, t: Translator, keyboard: Keyboard,
                    page: int) -> None:
    """Show page ``page`` of ``keyboard`` under the pressed message (a "Ещё…" or "К началу" press)."""
    if not 1 <= page <= keyboard.page_count:  # a page of a keyboard that has since got shorter
        callback_answer.text = t("keyboard-page-gone")
        page = 1
    message = query.message
    if not isinstance(message, Message):
        callback_answer.text = t("keyboard-page-gone")
        return
    try:
        await message.edit_reply_markup(reply_markup=keyboard.markup(page))
    except TelegramBadRequest as exc:  # the same page again, or a message that can no longer be edited
        callback_answer.text = t("press-unchanged" if not_modified(exc) else "keyboard-page-gone")
