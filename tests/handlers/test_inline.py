"""Inline mode: what ``@bot <query>`` offers in any chat, page by page, in the user's language."""

import itertools

import pytest
from aiogram import methods
from aiogram.types import InlineQuery, Update, User

from bot.register import load_register
from bot.runtime.console import visible_text

_ids = itertools.count(1)


async def inline(env, query: str, offset: str = "", lang: str = "ru", user_id: int = 1001):
    """The user types ``@bot <query>``; returns the bot's AnswerInlineQuery request."""
    user = User(id=user_id, is_bot=False, first_name="Айгерим", language_code=lang)
    update = Update(update_id=next(_ids), inline_query=InlineQuery(
        id=str(next(_ids)), from_user=user, query=query, offset=offset))
    await env.dp.feed_update(env.bot, update)
    return env.session.of_type(methods.AnswerInlineQuery)[-1]


async def test_an_empty_query_offers_akimat_categories_a_page_at_a_time(env):
    answer = await inline(env, "")
    assert [r.title.split(" — ")[0] for r in answer.results][:3] == ["D-1", "D-2", "D-3"]
    assert len(answer.results) == 10 and answer.next_offset == "10"
    assert answer.is_personal and answer.cache_time == 300
    assert answer.button.text == "Открыть бота: реестр должностей" and answer.button.start_parameter == "positions"
    last = await inline(env, "", offset="20")
    assert [r.title.split(" — ")[0] for r in last.results] == ["E-R-5", "E-G-1", "E-G-2", "E-G-3", "E-G-4"]
    assert last.next_offset == ""


async def test_a_kazakh_user_gets_the_name_card_in_kazakh_with_a_link_back(env):
    answer = await inline(env, "бас маман", lang="kk")
    first = answer.results[0]
    assert first.title == "Бас маман — C-O-5, C-R-4, D-4, D-O-4, E-4, E-R-4, E-G-3"
    shown = visible_text(first.input_message_content.message_text)  # valid Telegram HTML
    assert "Бас маман" in shown and "D-O-4" in shown
    [[button]] = first.reply_markup.inline_keyboard
    assert button.text == "🤖 Ботта ашу"
    assert button.url.startswith("https://t.me/gosqyzmet_bot?start=pos_C-O-5_")
    assert [r.title.split(" — ")[0] for r in answer.results[1:]] == [
        "C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3"]


async def test_a_code_offers_its_category_card(env):
    answer = await inline(env, "до4")
    [card] = answer.results
    assert card.title.startswith("D-O-4 — ")
    assert "D-O-4" in visible_text(card.input_message_content.message_text)
    assert card.reply_markup.inline_keyboard[0][0].url == "https://t.me/gosqyzmet_bot?start=cat_D-O-4"


async def test_nothing_found_says_so_and_offers_the_bot(env):
    answer = await inline(env, "qwzx")
    assert answer.results == [] and answer.next_offset == ""
    assert answer.button.text == "Ничего не нашлось — поискать в боте"


async def test_every_result_fits_telegram(env):
    for query in ("", "специалист", "руководитель", "E-G-1"):
        offset = ""
        while True:
            answer = await inline(env, query, offset)
            ids = [r.id for r in answer.results]
            assert len(set(ids)) == len(ids) and all(len(i.encode()) <= 64 for i in ids)
            for result in answer.results:
                assert len(visible_text(result.input_message_content.message_text)) <= 4096
            if not answer.next_offset:
                break
            offset = answer.next_offset


async def test_titles_use_the_groups_short_titles_that_fit_one_line(env):
    register = load_register()
    group = register.group(register.category("D-O-4").group_code)
    answer = await inline(env, "до4", lang="kk")
    [card] = answer.results
    assert group.short is not None and card.title == f"D-O-4 — {group.short.kk}"
    answer = await inline(env, "главный специалист")
    description = answer.results[0].description
    assert description.startswith(f"{register.group_of('C-O-5').short.ru}, {register.group_of('C-R-4').short.ru}, ")
    assert len(description) <= 120


@pytest.mark.parametrize(("query", "lang"), [("кеңесші", "kk"), ("специалист акимата сельского округа", "ru"),
                                           ("ауыл әкімдігінің маманы", "kk"), ("советник акимата", "ru")])
async def test_a_kind_of_post_links_to_the_same_card(env, chat, chat_kk, query, lang):
    answer = await inline(env, query, lang=lang)
    first = answer.results[0]
    [[button]] = first.reply_markup.inline_keyboard
    payload = button.url.rpartition("start=")[2]
    assert payload.startswith("kind_")
    [opened] = await (chat_kk if lang == "kk" else chat).send(f"/start {payload}")
    assert opened.text == visible_text(first.input_message_content.message_text)
