"""Conversations about the akimat: the menu button, each topic, and the questions people type."""

import pytest

from tests.conftest import every_row, label, press_shown, whole_keyboard

TITLES = {
    "ru": [
        "Что такое акимат",
        "Что делает акимат",
        "Кто назначает или избирает акима",
        "Административный и политический госслужащий",
    ],
    "kk": [
        "Әкімдік дегеніміз не",
        "Әкімдік не істейді",
        "Әкімді кім тағайындайды не сайлайды",
        "Әкімшілік және саяси мемлекеттік қызметші",
    ],
}
# the topics' buttons: the title, or a short label where the title is longer than a phone shows
BUTTONS = {
    "ru": [*TITLES["ru"][:3], "Виды госслужащих"],
    "kk": [*TITLES["kk"][:2], "Әкімдерді тағайындау мен сайлау", "Мемлекеттік қызметші түрлері"],
}
SEED = {
    "ru": "Источник: статья «Какие должности есть в акимате» (rabota-journal.ru), 02.10.2024",
    "kk": "Дереккөзі: «Какие должности есть в акимате» мақаласы (rabota-journal.ru, орыс тілінде), 02.10.2024",
}
SEED_URL = "https://rabota-journal.ru/professii/kakie-dolzhnosti-est-v-akimate.html"
# how each topic's answer ends: its one source line, or the line about the replaced act it cites
ENDS = {
    "ru": [
        "⚠️ Конституция РК 1995 года действовала до 01.07.2026; сейчас действует Конституция РК 2026 года.",
        SEED["ru"],
        "⚠️ Конституция РК 1995 года действовала до 01.07.2026; сейчас действует Конституция РК 2026 года.",
        "⚠️ Закон РК от 23.11.2015 № 416-V действовал до 01.07.2026; сейчас действует Закон РК от 19.05.2026 "
        "№ 290-VIII.",
    ],
    "kk": [
        "⚠️ ҚР 1995 жылғы Конституциясы 01.07.2026 дейін қолданылды; қазір ҚР 2026 жылғы Конституциясы қолданылады.",
        SEED["kk"],
        "⚠️ ҚР 1995 жылғы Конституциясы 01.07.2026 дейін қолданылды; қазір ҚР 2026 жылғы Конституциясы қолданылады.",
        "⚠️ ҚР 2015 жылғы 23 қарашадағы № 416-V Заңы 01.07.2026 дейін қолданылды; қазір ҚР 2026 жылғы 19 мамырдағы "
        "№ 290-VIII Заңы қолданылады.",
    ],
}


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


async def test_opened_from_the_main_menu_the_section_links_to_the_complaint_guide_without_a_false_back(env, lang):
    chat = env.chat(lang, 5003)
    await chat.send("/start")
    await chat.press(label(lang, "menu-akimat"))
    link = "📝 Обращение в акимат" if lang == "ru" else "📝 Әкімдікке өтініш"
    rows = await every_row(chat)
    assert [link] in rows
    assert not any(name.startswith("◀️") for row in rows for name in row)
    [guide] = await press_shown(chat, link)
    first = ["Куда подать", "Что написать"] if lang == "ru" else ["Қайда беру керек", "Не жазу керек"]
    assert guide.labels[0] == first


async def test_each_topic_from_the_main_menu_with_its_source(env, lang):
    chat = env.chat(lang, 5001)
    await chat.send("/start")
    [menu] = await chat.press(label(lang, "menu-akimat"))  # 🏛 Что такое акимат
    assert [row[0] for row in menu.labels[:4]] == BUTTONS[lang]
    for button, title, end in zip(BUTTONS[lang], TITLES[lang], ENDS[lang], strict=True):
        await chat.send("/start")
        await chat.press(label(lang, "menu-akimat"))
        [answer] = await chat.press(button)
        assert answer.text.startswith(f"{title}\n")  # the full title, in the message
        assert answer.text.endswith(end)
        assert SEED_URL in answer.links  # every topic rests on the seed article, linked
        rows = await every_row(chat)
        assert [button] not in rows  # the other three topics are offered
        assert len([row for row in rows if row[0] in BUTTONS[lang]]) == 3


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Что такое акимат?", "Что такое акимат"),
        ("чем занимается акимат", "Что делает акимат"),
        ("Кто назначает акима?", "Кто назначает или избирает акима"),
        ("кто такой аким", "Кто назначает или избирает акима"),
        ("әкім деген кім", "Әкімді кім тағайындайды не сайлайды"),
        ("чем отличается административный госслужащий от политического", "Административный и политический"),
        ("әкімдік деген не", "Әкімдік дегеніміз не"),
        ("әкімдік не істейді", "Әкімдік не істейді"),
        ("әкімді кім сайлайды", "Әкімді кім тағайындайды не сайлайды"),
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


@pytest.mark.parametrize(("lang", "says"), [
    ("ru", [
        "Акимов областей, Астаны, Алматы и Шымкента назначает Президент с согласия маслихата области (города). "
        "Фиксированного срока у них нет",
        "Акимов сёл, аулов, посёлков и сельских округов с 25 июля 2021 года избирают сами жители прямым голосованием",
        "впервые такие выборы прошли 5 ноября 2023 года в 42 районах и 3 городах",
        "С 2025 года акимов районов и городов областного значения избирают прямым голосованием",
        "Акима района в городе (Астана, Алматы, Шымкент), по данным статьи 2024 года, назначает аким города",
        "[1] Конституция РК 1995 года, ст. 87 п. 4–5",
    ]),
    ("kk", [
        "Облыстардың, Астананың, Алматы мен Шымкенттің әкімдерін облыстық (қалалық) мәслихаттың келісімімен Президент "
        "тағайындайды. Олардың белгіленген өкілеттік мерзімі жоқ",
        "ауылдық округтердің әкімдерін 2021 жылғы 25 шілдеден бастап тұрғындардың өздері тікелей дауыс беру арқылы",
        "алғаш рет 2023 жылғы 5 қарашада 42 аудан мен 3 қалада өтті",
        "2025 жылдан бастап аудандар мен облыстық маңызы бар қалалардың әкімдері",
        "2024 жылғы мақаланың деректері бойынша, қаладағы аудан әкімін",
        "[1] ҚР 1995 жылғы Конституциясы, 87-бап 4–5-тармақ",
    ]),
])
async def test_who_appoints_akims_president_with_consent_rural_and_district_akims_elected(env, lang, says):
    # facts.md §6: the seed's 2019-era text said maslikhats elect them and direct elections were only discussed
    chat = env.chat(lang, 5005)
    [short] = await chat.send("кто назначает акима")  # the answer first, in a few lines
    assert ("избирают жители" if lang == "ru" else "тұрғындар төрт жылға сайлайды") in short.text
    [answer] = await chat.press("📖 Подробнее" if lang == "ru" else "📖 Толығырақ")  # the whole topic
    for part in says:
        assert part in answer.text
    for old in ("избирают местные маслихаты", "мәслихаттар сайлайды", "назначает Президент, на четыре", "обсуждались",
                "талқыланғаны"):
        assert old not in answer.text
    assert "https://news.mail.ru/politics/68312578/" in answer.links
    assert answer.links[0] == f"https://adilet.zan.kz/{'rus' if lang == 'ru' else 'kaz'}/docs/K950001000_"


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
    assert ["👍 Пайдалы", "👎 Көмектеспеді"] in await every_row(chat_kk)


@pytest.mark.parametrize(("lang", "share"), [("ru", "📤 Поделиться"), ("kk", "📤 Бөлісу")])
async def test_the_menu_and_every_answer_can_be_shared_as_a_start_akimat_link(env, lang, share):
    chat = env.chat(lang, 5005)
    await chat.send("/start")
    await chat.press(label(lang, "menu-akimat"))
    menu = await whole_keyboard(chat)
    await chat.press(TITLES[lang][0])
    answer = await whole_keyboard(chat)
    await chat.send("кто назначает акима" if lang == "ru" else "әкімді кім тағайындайды")
    typed = await whole_keyboard(chat)
    for rows in (menu, answer, typed):
        [button] = [b for row in rows for b in row if b.url]
        assert button.label == share and "start%3Dakimat&text=" in button.url  # the link and a line about it
        labels = [[b.label for b in row] for row in rows]
        assert labels[-2:] == [[share], [labels[-1][0]]]  # just above the main-menu button


@pytest.mark.parametrize(("lang", "question", "line"), [
    ("ru", "телефон акимата", "📞 Единый контакт-центр 1414. Звонок бесплатный."),
    ("kk", "әкімдіктің телефоны", "📞 1414 бірыңғай байланыс орталығы. Қоңырау тегін.")])
async def test_the_contact_centres_line_is_punctuated_as_two_sentences(env, lang, question, line):
    """"📞 Единый контакт-центр 1414: Звонок бесплатный." had a capital after its colon."""
    [reply] = await env.chat(lang, 7461).send(question)
    assert line in reply.text
