"""Every keyboard the bot can send, in both languages: at most six buttons a page, data Telegram takes, and
every button handled (pressing it never gets the "this button is outdated" answer)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import I18n
from handlers.views.keyboard import MAX_BUTTONS
from tests.conftest import label
from tests.handlers.keyboards import every_keyboard, pages

MAX_DATA_BYTES = 64
MAX_LABEL_CHARS = 32  # what a phone shows of a full-width button before it cuts the label
# What a handler says of a button it cannot serve: the fallback's, and each feature's own
STALE = ("fallback-stale-button", "salary-stale", "complaint-stale", "akimat-stale-button", "admission-stale",
         "keyboard-page-gone")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_keyboard_has_at_most_six_short_buttons_a_page_and_data_telegram_takes(lang: str) -> None:
    t = I18n()(lang)
    walked = paged = 0
    too_many, too_long, too_wide = [], [], set()
    for where, keyboard in every_keyboard(t):
        walked += 1
        paged += keyboard.page_count > 1
        for number, markup in enumerate(pages(keyboard), start=1):
            buttons = [b for row in markup.inline_keyboard for b in row]
            if len(buttons) > MAX_BUTTONS:
                too_many.append((where, number, len(buttons)))
            too_long += [(where, b.callback_data) for b in buttons
                         if b.callback_data and len(b.callback_data.encode()) > MAX_DATA_BYTES]
            too_wide |= {b.text for b in buttons if len(b.text) > MAX_LABEL_CHARS}
    assert too_many == [] and too_long == [] and too_wide == set()
    assert walked > 1000 and paged > 100  # (the walk reached the register's cards and the paged keyboards)


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_every_button_of_every_keyboard_is_handled(env, lang: str) -> None:
    env.dp["clock"] = lambda: datetime(2026, 11, 26, 6, 0, tzinfo=UTC)  # the day the complaints keyboards show
    t = env.dp["i18n"](lang)
    stale = {label(language, key) for language in ("ru", "kk") for key in STALE}
    gone = {label(language, "fallback-stale-message") for language in ("ru", "kk")}
    first_seen = {}  # each distinct button once, on a page it is shown on
    for where, keyboard in every_keyboard(t):
        if where.endswith(" reminders"):  # pages of a user's own reminders: test_reminders, with stored ones
            continue
        for number, markup in enumerate(pages(keyboard), start=1):
            for button in (b for row in markup.inline_keyboard for b in row if b.callback_data):
                first_seen.setdefault(button.callback_data, (f"{where}, page {number}", markup))
    chat = env.chat(lang, 7700)
    refused = []
    for data, (where, markup) in first_seen.items():
        shown = await env.bot.send_message(chat.user_id, "…", reply_markup=markup)
        chat.collect()
        replies = await chat.press_data(data, shown.message_id)
        if chat.toast in stale or any(reply.text in gone for reply in replies):
            refused.append((where, data, chat.toast))
    assert refused == []
    assert len(first_seen) > 500
