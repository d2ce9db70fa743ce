"""Inline mode: ``@bot <query>`` in any chat offers register cards to send there, in the user's language."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)

from bot.deeplinks import category_payload, section_payload, start_link
from bot.i18n import Translator
from bot.inline_search import InlineEntry, inline_page
from bot.message_parts import text_start
from bot.register import load_register
from handlers.views.positions import category_view, match_payload, match_view
from handlers.views.share import bot_username

# Results depend on the user's chosen language, so Telegram must cache them per user.
CACHE_SECONDS = 300
DESCRIPTION_CHARS = 120


def _shorten(text: str) -> str:
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1].rstrip(" ,") + "…"


def _article(entry: InlineEntry, t: Translator, username: str | None) -> InlineQueryResultArticle:
    register = load_register()
    lang = t.lang
    if entry.kind == "category":
        category = register.category(entry.id)
        group = register.group(category.group_code)
        # one line on a phone: the group's short title, as on the buttons (the card itself has the full one)
        title = t.plain("layout-code-and-title", code=category.code, title=(group.short or group.title).pick(lang))
        description = ", ".join(p.name.pick(lang) for p in category.positions)
        text = category_view(register, category.code, t).text
        payload = category_payload(category.code)
    else:
        assert entry.match is not None
        match = entry.match
        title = t.plain("layout-code-and-title", code=match.name(lang), title=", ".join(match.category_codes))
        groups = (register.group_of(c) for c in match.category_codes)
        description = ", ".join(dict.fromkeys((g.short or g.title).pick(lang) for g in groups))
        # The card's own buttons would be pressed by everyone in the chat; only the link to the bot goes along.
        text = match_view(register, (match,), t).text
        payload = match_payload(register, match)  # a kind of post ("Советник") opens as the same card
    markup = None
    if username is not None:  # while Telegram cannot tell the bot's name, the card goes without its link
        open_in_bot = InlineKeyboardButton(text=t("inline-open-in-bot"), url=start_link(username, payload))
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_in_bot]])
    return InlineQueryResultArticle(
        id=f"{entry.kind[0]}:{entry.id}",
        # Titles and descriptions are plain text in Telegram, so they are not HTML-escaped.
        title=title,
        description=_shorten(description),
        input_message_content=InputTextMessageContent(message_text=text, parse_mode="HTML"),
        reply_markup=markup,
    )


async def inline_cards(query: InlineQuery, t: Translator, bot: Bot) -> None:
    page = inline_page(text_start(query.query).text, t.lang, query.offset)  # Telegram allows 256 characters
    username = await bot_username(bot)
    await query.answer(
        [_article(entry, t, username) for entry in page.entries],
        cache_time=CACHE_SECONDS,
        is_personal=True,
        next_offset=page.next_offset,
        button=InlineQueryResultsButton(
            text=t("inline-nothing-found") if not page.entries and not query.offset else t("inline-open-bot"),
            start_parameter=section_payload("positions"),
        ),
    )


def create_router() -> Router:
    router = Router(name="inline")
    router.inline_query.register(inline_cards)
    return router
