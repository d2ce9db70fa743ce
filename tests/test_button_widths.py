"""Every button the bot can show for a group, category, position or akimat topic fits on a phone, in both languages.

A phone shows about 30-35 characters of a full-row inline button and cuts the rest ("C-O — Межрегиональные и
обл…"), about 18 of a half-row one. The views and keyboards are walked over the whole register and the labelled
search queries, so a new group, position or query cannot bring a long label back unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import I18n, Translator
from bot.register import BUTTON_CHARS, load_register
from bot.search.results import SearchResult
from handlers import akimat, positions, salary

QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yaml").read_text("utf-8"))
# characters a button shows on a phone, by the number of buttons in its row
WIDTH = {1: BUTTON_CHARS, 2: 18, 3: 11, 4: 8}


def _views(t: Translator) -> Iterator[tuple[str, InlineKeyboardMarkup]]:
    """(where, keyboard) for every register view, akimat topic keyboard and salary keyboard the bot can show."""
    register = load_register()
    yield "root", positions.root_view(register, t)[1]
    for family in register.families:
        yield f"family {family.letter}", positions.family_view(register, family.letter, t)[1]
    for group in register.groups:
        yield f"group {group.code}", positions.group_view(register, group.code, t)[1]
        yield f"not found, unknown {group.code}-9", positions.not_found_view(
            register, SearchResult("none", f"{group.code}-9", unknown_code=f"{group.code}-9"), t)[1]
        yield f"not found in {group.code}", positions.not_found_view(
            register, SearchResult("none", "x", scope=(group.code,)), t)[1]
    yield "not found in every group", positions.not_found_view(
        register, SearchResult("none", "x", scope=tuple(g.code for g in register.groups)), t)[1]
    for category in register.categories:
        yield f"category {category.code}", positions.category_view(register, category.code, t)[1]
        for position in category.positions:
            yield f"name {position.id}", positions.name_view(register, position.id, t)[1]
            result = register.search(position.name.pick(t.lang), lang=t.lang)
            yield f"search {position.name.pick(t.lang)!r}", positions.result_view(register, result, t)[1]
    for item in QUERIES:
        result = register.search(item["q"], lang=item["lang"])
        yield f"search {item['q']!r}", positions.result_view(register, result, t)[1]
    yield "akimat", positions.akimat_view(register, t)[1]
    for level in register.akimat_levels:
        yield f"akimat {level.id}", positions.akimat_view(register, t, (level.id,))[1]

    yield "akimat topics", akimat.topics_keyboard(t)
    for topic_id in akimat.TOPICS:
        yield f"akimat topic {topic_id}", akimat.topics_keyboard(t, shown=topic_id)

    yield "salary picker", salary.groups_keyboard(t, t.lang)
    yield "salary groups list", salary.groups_list_keyboard(t, t.lang, [g.code for g in register.groups])
    for group in register.groups:
        yield f"salary group {group.code}", salary.group_keyboard(t, group.code)
        yield f"salary answer {group.code}", salary.answer_keyboard(t, group.code)
    names = [(p.name.pick(t.lang), p.id) for c in register.categories for p in c.positions]
    yield "salary suggestions", salary.not_found_keyboard(t, names)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_register_button_fits_a_phone(lang: str) -> None:
    t = I18n()(lang)
    too_wide = set()
    for where, markup in _views(t):
        for row in markup.inline_keyboard:
            limit = WIDTH.get(len(row), 6)
            too_wide.update((where, b.text, len(b.text), limit) for b in row if len(b.text) > limit)
    assert sorted(too_wide) == []


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_groups_are_buttons_by_their_short_title_and_messages_keep_the_full_one(lang: str) -> None:
    t = I18n()(lang)
    register = load_register()
    group = register.group("C-O")
    text, markup = positions.family_view(register, "C", t)
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert group.label(lang) in labels
    assert f"C-O — {group.title.pick(lang)}" in text  # the full title, in the message
    assert len(group.title.pick(lang)) > BUTTON_CHARS - 6  # (the reason for the short one)
    picker = [b.text for row in salary.groups_keyboard(t, lang).inline_keyboard for b in row]
    assert group.label(lang) in picker
    assert group.title.pick(lang) in salary.group_text(t, lang, "C-O")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_akimat_topics_are_buttons_by_their_short_label_and_the_answer_keeps_the_full_title(lang: str) -> None:
    t = I18n()(lang)
    topic = akimat.TOPICS["servants"]
    assert len(topic.title[lang]) > BUTTON_CHARS  # (the reason for the short one)
    labels = [b.text for row in akimat.topics_keyboard(t).inline_keyboard for b in row]
    assert topic.button[lang] in labels
    assert topic.title[lang] not in labels
    assert topic.title[lang] in akimat.topic_text(t, topic)
    assert akimat.TOPICS["what"].button == akimat.TOPICS["what"].title  # no `button`: the title, it fits
