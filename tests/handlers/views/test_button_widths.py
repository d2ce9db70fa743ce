"""Every button the bot can show for a group, category, position or akimat topic fits on a phone, in both languages.

A phone shows about 30-35 characters of a full-row inline button and cuts the rest ("C-O — Межрегиональные и
обл…"), about 18 of a half-row one. The views and keyboards are walked over the whole register and the labelled
search queries, so a new group, position or query cannot bring a long label back unnoticed.
"""

from __future__ import annotations

from itertools import chain

import pytest

from bot.akimat import load_akimat_topics
from bot.i18n import I18n
from bot.register import BUTTON_CHARS, load_register
from bot.salary import load_salaries
from handlers.views import akimat, positions, salary
from tests.handlers.keyboards import akimat_keyboards, pages, register_keyboards, salary_keyboards

# characters a button shows on a phone, by the number of buttons in its row
WIDTH = {1: BUTTON_CHARS, 2: 18, 3: 11, 4: 8}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_register_button_fits_a_phone(lang: str) -> None:
    """Register views and cards, the akimat's topics, salary keyboards: every page of each."""
    t = I18n()(lang)
    too_wide = set()
    for where, keyboard in chain(register_keyboards(t), akimat_keyboards(t), salary_keyboards(t)):
        for markup in pages(keyboard):
            for row in markup.inline_keyboard:
                limit = WIDTH.get(len(row), 6)
                too_wide.update((where, b.text, len(b.text), limit) for b in row if len(b.text) > limit)
    assert sorted(too_wide) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_groups_are_buttons_by_their_short_title_and_messages_keep_the_full_one(lang: str) -> None:
    t = I18n()(lang)
    register = load_register()
    group = register.group("C-O")
    text, keyboard = positions.family_view(register, "C", t)
    labels = [b.text for b in keyboard.buttons]
    assert group.label(lang) in labels
    assert f"C-O — {group.title.pick(lang)}" in text  # the full title, in the message
    assert len(group.title.pick(lang)) > BUTTON_CHARS - 6  # (the reason for the short one)
    picker = [b.text for b in salary.groups_keyboard(t, register).buttons]
    assert group.label(lang) in picker
    assert group.title.pick(lang) in salary.group_text(t, register, load_salaries(), "C-O")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_akimat_topics_are_buttons_by_their_short_label_and_the_answer_keeps_the_full_title(lang: str) -> None:
    t = I18n()(lang)
    topics = load_akimat_topics()
    topic = topics["servants"]
    assert len(topic.title[lang]) > BUTTON_CHARS  # (the reason for the short one)
    labels = [b.text for b in akimat.topics_keyboard(t, topics.values(), None).buttons]
    assert topic.button[lang] in labels
    assert topic.title[lang] not in labels
    assert topic.title[lang] in akimat.topic_text(t, topic)
    assert topics["what"].button == topics["what"].title  # no `button`: the title, it fits
