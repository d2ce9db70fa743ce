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
# the topics' buttons: the title, or a short label where the title is longer than a phone shows
BUTTONS = {
    "ru": [*TITLES["ru"][:3], "Виды госслужащих"],
    "kk": [*TITLES["kk"][:3], "Мемлекеттік қызметші түрлері"],
}
SOURCE = {
    "ru": "Источник: статья «Какие должности есть в акимате»; по состоянию на 02.10.2024",
    "kk": "Дереккөзі: «Какие должности есть в акимате» мақаласы (орыс тілінде); 02.10.2024 жағдай бойынша",
}


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


async def test_opened_from_the_main_menu_the_section_links_to_the_complaint_guide_without_a_false_back(env, lang):
    chat = env.chat(lang, 5003)
    await chat.send("/start")
    [menu] = await chat.press(5)
    link = "📝 Обращение в акимат" if lang == "ru" else "📝 Әкімдікке өтініш"
    assert [link] in menu.labels
    assert not any(label.startswith("◀️") for row in menu.labels for label in row)
    [guide] = await chat.press(link)
    first = ["Куда подать", "Что написать"] if lang == "ru" else ["Қайда беру керек", "Не жазу керек"]
    assert guide.labels[0] == first


async def test_each_topic_from_the_main_menu_with_its_source(env, lang):
    chat = env.chat(lang, 5001)
    await chat.send("/start")
    [menu] = await chat.press(5)  # 🏛 Что такое акимат
    assert [row[0] for row in menu.labels[:4]] == BUTTONS[lang]
    for button, title in zip(BUTTONS[lang], TITLES[lang], strict=True):
        await chat.send("/start")
        await chat.press(5)
        [answer] = await chat.press(button)
        assert answer.text.startswith(f"{title}\n")  # the full title, in the message
        assert answer.text.endswith(SOURCE[lang])
        assert [button] not in answer.labels  # the other three topics are offered
        assert len([row for row in answer.labels if row[0] in BUTTONS[lang]]) == 3


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Что такое акимат?", "Что такое акимат"),
        ("чем занимается акимат", "Что делает акимат"),
        ("Кто назначает акима?", "Кто назначает акима"),
        ("кто такой аким", "Кто назначает акима"),
        ("әкім деген кім", "Әкімді кім тағайындайды"),
        ("чем отличается административный госслужащий от политического", "Административный и политический"),
        ("әкімдік деген не", "Әкімдік дегеніміз не"),
        ("әкімдік не істейді", "Әкімдік не істейді"),
        ("әкімді кім сайлайды", "Әкімді кім тағайындайды"),
        ("саяси мемлекеттік қызметші деген кім", "Әкімшілік және саяси"),
        # Kazakh questions with the Russian word "акимат", as many people write
        ("Акимат деген не?", "Әкімдік дегеніміз не"),
        ("акимат не істейді", "Әкімдік не істейді"),
        # the topic opens with the law's definition of a civil servant
        ("кто такой госслужащий", "Административный и политический"),
        ("что такое государственный служащий?", "Административный и политический"),
        ("мемлекеттік қызметші деген кім", "Әкімшілік және саяси"),
        ("akimat", "Что такое акимат"),
        ("akimdik degen ne", "Что такое акимат"),
        ("акимдык деген не", "Әкімдік дегеніміз не"),
        ("саяси мемлекеттык кызметшы деген ким", "Әкімшілік және саяси"),
    ],
)
async def test_typed_questions_get_the_matching_answer(env, question, title):
    lang = "kk" if any(ch in title for ch in "әқіңү") else "ru"  # the user's language: that of the answer
    [answer] = await env.chat(lang, 5002).send(question)
    assert answer.text.startswith(title)


async def test_who_appoints_akims_names_each_level_and_warns_it_may_have_changed(chat):
    [answer] = await chat.send("кто назначает акима")
    assert "назначает Президент, на четыре года" in answer.text
    assert "избирают местные маслихаты" in answer.text
    assert "с согласия маслихата" in answer.text
    assert "порядок мог измениться" in answer.text


@pytest.mark.parametrize(("lang", "question", "says"), [
    ("ru", "сколько получает аким района", "вилки зарплаты акима в данных бота нет"),
    ("kk", "аудан әкімінің жалақысы", "әкім жалақысының ауқымы да жоқ"),
    ("kk", "аудан акимынын жалакысы", "әкім жалақысының ауқымы да жоқ"),  # ы for і on a Russian keyboard
    ("ru", "аудан акимынын жалакысы", "вилки зарплаты акима в данных бота нет"),  # the user's language decides
])
async def test_the_akims_pay_is_answered_honestly_not_as_a_failed_search(env, lang, question, says):
    [answer] = await env.chat(lang, 5003).send(question)
    assert says in answer.text
    assert "E-1" in answer.text and "E-G-1" in answer.text  # the deputies are in the register


@pytest.mark.parametrize(("lang", "notice", "intro"), [
    ("ru", "Эта кнопка устарела.", "Эта кнопка из старого сообщения, такой темы больше нет. Выберите тему заново."),
    ("kk", "Бұл батырма ескірген.", "Бұл батырма ескі хабарламадан, ондай тақырып енді жоқ. Тақырыпты қайта таңдаңыз."),
])
async def test_a_stale_topic_button_gets_the_current_topics_in_the_users_language(env, lang, notice, intro):
    chat = env.chat(lang, 5004)
    await chat.send("/start")
    [menu] = await chat.press_data("ak:nope")  # a topic an older version of the bot had
    assert chat.session.notices[-1] == notice  # the press is answered, not left spinning
    assert menu.text.startswith(intro)
    assert [row[0] for row in menu.labels[:4]] == BUTTONS[lang]
    [answer] = await chat.press(BUTTONS[lang][2])  # and the offered topics work
    assert answer.text.startswith(TITLES[lang][2])


async def test_a_topic_button_with_an_id_in_another_case_still_opens_the_topic(chat_kk):
    [answer] = await chat_kk.press_data("ak:AKIMS")
    assert answer.text.startswith("Әкімді кім тағайындайды")
    assert ["👍 Пайдалы", "👎 Көмектеспеді"] in answer.labels


@pytest.mark.parametrize(("lang", "share"), [("ru", "📤 Поделиться"), ("kk", "📤 Бөлісу")])
async def test_the_menu_and_every_answer_can_be_shared_as_a_start_akimat_link(env, lang, share):
    chat = env.chat(lang, 5005)
    await chat.send("/start")
    [menu] = await chat.press(5)
    [answer] = await chat.press(TITLES[lang][0])
    [typed] = await chat.send("кто назначает акима" if lang == "ru" else "әкімді кім тағайындайды")
    for reply in (menu, answer, typed):
        [button] = [b for row in reply.buttons for b in row if b.url]
        assert button.label == share and "start%3Dakimat&text=" in button.url  # the link and a line about it
        assert reply.labels[-2:] == [[share], [reply.labels[-1][0]]]  # just above the main-menu button
