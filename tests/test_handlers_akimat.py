"""Conversations about the akimat: the menu button, each topic, and the questions people type."""

import pytest

TITLES = {
    "ru": [
        "Что такое акимат",
        "Что делает акимат",
        "Кто назначает акима",
        "Административный и политический госслужащий",
    ],
    "kk": [
        "Әкімдік дегеніміз не",
        "Әкімдік не істейді",
        "Әкімді кім тағайындайды",
        "Әкімшілік және саяси мемлекеттік қызметші",
    ],
}
SOURCE = {
    "ru": "Источник: статья «Какие должности есть в акимате»; по состоянию на 02.10.2024",
    "kk": "Дереккөзі: «Какие должности есть в акимате» мақаласы (орыс тілінде); 02.10.2024 жағдай бойынша",
}


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


async def test_each_topic_from_the_main_menu_with_its_source(env, lang):
    chat = env.chat(lang, 5001)
    await chat.send("/start")
    [menu] = await chat.press(5)  # 🏛 Что такое акимат
    assert [row[0] for row in menu.labels[:4]] == TITLES[lang]
    for title in TITLES[lang]:
        await chat.send("/start")
        await chat.press(5)
        [answer] = await chat.press(title)
        assert answer.text.startswith(title)
        assert answer.text.endswith(SOURCE[lang])
        assert [title] not in answer.labels  # the other three topics are offered


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Что такое акимат?", "Что такое акимат"),
        ("чем занимается акимат", "Что делает акимат"),
        ("Кто назначает акима?", "Кто назначает акима"),
        ("чем отличается административный госслужащий от политического", "Административный и политический"),
        ("әкімдік деген не", "Әкімдік дегеніміз не"),
        ("әкімдік не істейді", "Әкімдік не істейді"),
        ("әкімді кім сайлайды", "Әкімді кім тағайындайды"),
        ("саяси мемлекеттік қызметші деген кім", "Әкімшілік және саяси"),
    ],
)
async def test_typed_questions_get_the_matching_answer(env, question, title):
    lang = "kk" if any(ch in question for ch in "әқіңү") else "ru"
    [answer] = await env.chat(lang, 5002).send(question)
    assert answer.text.startswith(title)


async def test_who_appoints_akims_names_each_level_and_warns_it_may_have_changed(chat):
    [answer] = await chat.send("кто назначает акима")
    assert "назначает Президент, на четыре года" in answer.text
    assert "избирают местные маслихаты" in answer.text
    assert "с согласия маслихата" in answer.text
    assert "порядок мог измениться" in answer.text


async def test_a_forged_topic_is_refused(chat):
    await chat.send("/start")
    assert await chat.press_data("ak:nope") == []
    assert chat.session.notices[-1].startswith("Эта кнопка устарела")
