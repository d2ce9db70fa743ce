"""Questions outside the bot's subject get an honest "I can't answer that", where to ask, and the main menu —
not a position search that finds nothing or a salary answer for no such position."""

from datetime import date

import pytest

from bot.understanding import understand

CANT = {"ru": "На этот вопрос я не отвечу", "kk": "Бұл сұраққа жауап бере алмаймын"}
MENU = {"ru": "🔎 Должности и категории", "kk": "🔎 Лауазымдар мен санаттар"}


@pytest.mark.parametrize(("lang", "typed", "says"), [
    ("ru", "а пенсия когда будет у меня", "Пенсии, налоги"),
    ("ru", "налоги где платить", "Пенсии, налоги"),
    ("ru", "как заплатить налог", "Пенсии, налоги"),
    ("ru", "где платить налоги в акимате", "Пенсии, налоги"),  # paying, even at the akimat: not its topic
    ("ru", "армия отсрочка", "призыв в армию"),
    ("ru", "сколько получает учитель", "Должностей учителей"),
    ("ru", "зарплата полицейского", "Должностей учителей"),
    ("ru", "полиция телефон", "Должностей учителей"),
    ("kk", "зейнетақы қашан", "Зейнетақы, салық"),
    ("kk", "салық қайда төлеймін", "Зейнетақы, салық"),
    ("kk", "салықты әкімдікке қалай төлеймін", "Зейнетақы, салық"),
    ("kk", "әскерге бару", "әскерге шақыру"),
    ("kk", "мұғалімнің жалақысы", "Мұғалім, дәрігер"),
    ("kk", "мугалимнин жалакысы", "Мұғалім, дәрігер"),
    ("kk", "полиция", "Мұғалім, дәрігер"),
    ("kk", "zeinetaky", "Зейнетақы, салық"),  # typed in Latin letters
    ("ru", "pensiya", "Пенсии, налоги"),
    ("kk", "mugalim zhalakysy", "Мұғалім, дәрігер"),
])
async def test_a_question_outside_the_bot_says_so_and_where_to_ask(env, lang, typed, says):
    chat = env.chat(lang, 7301)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(CANT[lang])
    assert says in reply.text
    assert "eotinish.gov.kz" in reply.text and "1414" in reply.text
    assert ("ст. 76" if lang == "ru" else "76-бап") in reply.text  # the forwarding rule is sourced
    assert [MENU[lang]] in reply.labels


@pytest.mark.parametrize("typed", [
    "главный специалист налогового управления", "судебный исполнитель", "сколько получает главный специалист",
    "пожаловаться на полицию", "бас маман", "салық басқармасының бас маманы", "старший судебный пристав",
])
def test_posts_of_the_register_and_complaints_are_not_taken_for_off_topic(typed):
    assert not understand(typed, date(2026, 12, 3)).topic.startswith("offtopic")


@pytest.mark.parametrize(("lang", "typed", "title"), [
    ("ru", "как стать акимом", "Кто назначает или избирает акима"),
    ("ru", "хочу стать акимом села", "Кто назначает или избирает акима"),
    ("kk", "әкім болу үшін не керек", "Әкімді кім тағайындайды не сайлайды"),
    ("kk", "аким болгым келеди", "Әкімді кім тағайындайды не сайлайды"),
    ("kk", "akim kalai tagaiyndalady", "Әкімді кім тағайындайды не сайлайды"),
])
async def test_how_to_become_an_akim_answers_how_akims_are_appointed(env, lang, typed, title):
    chat = env.chat(lang, 7302)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(title)
    # a village's akim is elected by its residents since 2021 (facts.md §6), not by the maslikhat
    assert {"ru": "с 2021 года избирают жители", "kk": "2021 жылдан бастап тұрғындар"}[lang] in reply.text


@pytest.mark.parametrize(("lang", "typed", "title", "says"), [
    ("ru", "какие налоги собирает акимат", "Что делает акимат", "местным бюджетом (в него идут налоги"),
    ("ru", "на что акимат тратит налоги", "Что делает акимат", "местным бюджетом (в него идут налоги"),
    ("kk", "әкімдік қандай салық жинайды", "Әкімдік не істейді", "салықтар түсетін жергілікті"),
    ("kk", "акимдик салык жинай ма", "Әкімдік не істейді", "салықтар түсетін"),  # typed without Kazakh letters
])
async def test_what_the_akimat_does_with_taxes_gets_the_akimat_topic_not_off_topic(env, lang, typed, title, says):
    # "Что делает акимат" (data/akimat.yaml) says taxes go to the local budget it spends (revenue bodies collect
    # them): the bot must not also say it cannot answer
    chat = env.chat(lang, 7303)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(title)
    assert says in reply.text
    assert not reply.text.startswith(CANT[lang])
