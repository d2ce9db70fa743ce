"""The complaints guide: its menu, where to complain, what to write, the deadlines, no answer."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from bot.appeal_guide import load_appeal_guide
from tests.conftest import every_button, every_row, label, press_shown
from tests.handlers.complaints import GUIDE_BUTTONS, SOURCE, SOURCES


async def test_complaint_command_opens_the_guide_and_says_the_bot_files_nothing(user, lang):
    [reply] = await user.send("/complaint")
    assert ("ничего не подаёт" if lang == "ru" else "ештеңе тапсырмайды") in reply.text
    assert reply.labels[0] + reply.labels[1] == GUIDE_BUTTONS[lang]


@pytest.mark.parametrize(
    "text", ["Как пожаловаться на акимат?", "куда писать жалобу", "шағым беру", "әкімдікке өтініш",
             "shagym", "kak pozhalovatsya v akimat"]
)
async def test_free_text_gets_the_channels_and_the_deadline_first(env, text):
    [reply] = await env.chat("ru").send(text)
    assert reply.text.startswith("Куда подать обращение")
    assert "eOtinish" in reply.text and "15 рабочих дней" in reply.text
    assert [label("ru", "complaint-btn-channel-details"), label("ru", "complaint-btn-contents")] in reply.labels


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ru", "телефон акимата"), ("ru", "как записаться на приём к акиму"), ("ru", "куда звонить"),
     ("kk", "әкімнің қабылдауына қалай жазылуға болады"), ("kk", "әкімдіктің телефоны")],
)
async def test_contacts_and_appointments_say_where_the_contacts_are_and_1414(env, lang, text):
    chat = env.chat(lang)
    [reply] = await chat.send(text)
    assert reply.text.startswith("Контакты акимата" if lang == "ru" else "Әкімдіктің байланыс деректері")
    assert ("официальных сайтах" if lang == "ru" else "ресми сайттарынан") in reply.text and "1414" in reply.text
    [channels] = await chat.press(label(lang, "complaint-btn-channels"))  # each way to file, the visit among them
    assert ["Единый контакт-центр 1414" if lang == "ru" else "1414 бірыңғай байланыс орталығы"] in await every_row(chat)
    assert channels.text.startswith("Куда подать обращение" if lang == "ru" else "Өтінішті қайда беруге болады")


@pytest.mark.parametrize("text", ["заместитель акима", "помощник акима", "аппарат акима района"])
async def test_positions_at_the_akim_stay_a_search(chat, text):
    [reply] = await chat.send(text)
    assert not reply.text.startswith("Куда подать обращение")
    # the register's answer: a card, or the group of the body named
    assert ["📚 Весь реестр"] in reply.labels or ["E — Аким и маслихат района"] in reply.labels


async def test_main_menu_button_opens_the_guide(user, lang):
    await user.send("/start")
    [reply] = await user.press(label(lang, "menu-complaint"))
    assert reply.labels[0] == GUIDE_BUTTONS[lang][:2]


async def test_every_channel_is_explained_with_its_source(user, lang):
    await user.send("/complaint")
    [listing] = await user.press(label(lang, "complaint-btn-channels"))
    assert SOURCE[lang] in listing.text
    channel_labels = [row[0] for row in (await every_row(user))[:6]]
    assert len(channel_labels) == 6
    names = {c.button[lang]: c.name[lang] for c in load_appeal_guide().channels}
    for shown in channel_labels:
        assert len(shown) <= 32  # a short name where the whole one is too long for a button
        [detail] = await press_shown(user, shown)
        assert detail.text.startswith(names[shown])  # the whole name heads the answer
        assert SOURCE[lang] in detail.text
        await user.press(label(lang, "complaint-btn-back"))  # back to the list
    await user.press(channel_labels[0])
    assert "https://eotinish.gov.kz" in user.last_with_buttons.text


async def test_the_1414_channel_says_only_that_the_call_is_free_with_its_source(user, lang):
    await user.send("/complaint")
    await user.press(label(lang, "complaint-btn-channels"))
    name = "Единый контакт-центр 1414" if lang == "ru" else "1414 бірыңғай байланыс орталығы"
    [detail] = await press_shown(user, name)
    assert ("Звонок бесплатный." if lang == "ru" else "Қоңырау тегін.") in detail.text
    assert ("спросить" if lang == "ru" else "сұрау") not in detail.text
    assert SOURCE[lang] in detail.text


async def test_deadlines_answer_with_the_codes_working_days_first(user, lang):
    """"Сроки ответа" began with the 2024 article's "в течение 15 дней" and only then "Кодекс говорит точнее: 15
    рабочих дней": the answer the law gives comes first, the article's shorter wording after it."""
    await user.send("/complaint")
    [reply] = await user.press(label(lang, "complaint-btn-deadlines"))
    first = reply.text.split("\n\n")[1]
    assert ("15 рабочих дней" if lang == "ru" else "15 жұмыс күні") in first
    assert ("статье" if lang == "ru" else "мақала") not in first
    assert ("точнее" if lang == "ru" else "нақтырақ") not in reply.text


async def test_what_to_write_lists_art_63(user, lang):
    await user.send("/complaint")
    [reply] = await user.press(label(lang, "complaint-btn-contents"))
    assert ("ИИН" if lang == "ru" else "ЖСН") in reply.text
    assert ("ст. 63" if lang == "ru" else "63-бап") in reply.text
    assert reply.text.count("•") == 7


async def test_deadlines_say_the_seeds_15_days_and_the_codes_working_days(user, lang):
    await user.send("/complaint")
    [reply] = await user.press(label(lang, "complaint-btn-deadlines"))
    if lang == "ru":
        assert "15 дней" in reply.text and "15 рабочих дней" in reply.text and "15 календарных дней" in reply.text
        assert "ст. 76" in reply.text
    else:
        assert "15 күн" in reply.text and "15 жұмыс күні" in reply.text and "76-бап" in reply.text
    # one line of sources for the answer (the seed, the Code, the registration rules, the old law) …
    assert reply.text.count(SOURCES[lang]) == 1 and SOURCE[lang] not in reply.text
    assert f"https://adilet.zan.kz/{'rus' if lang == 'ru' else 'kaz'}/docs/K2000000350" in reply.links
    # … and the old law says by itself that it no longer applies, and what does
    assert reply.text.endswith({
        "ru": "⚠️ Закон РК от 12.01.2007 № 221-III действовал до 01.07.2021; сейчас действует АППК РК от "
              "29.06.2020 № 350-VI.",
        "kk": "⚠️ ҚР 2007 жылғы 12 қаңтардағы № 221-III Заңы 01.07.2021 дейін қолданылды; қазір ҚР 2020 жылғы "
              "29 маусымдағы № 350-VI ӘРПК қолданылады."}[lang])
    # a weekend date counts from the next working day: guidance, and said so (facts.md §6)
    assert {"ru": "регистрируют в ближайший рабочий день", "kk": "келесі жұмыс күні тіркеледі"}[lang] in reply.text
    assert {"ru": "подсказка", "kk": "кеңес"}[lang] in reply.text


async def test_no_answer_says_file_with_the_akimat_the_higher_body_considers_it_then_court(user, lang):
    # APPC art. 91 p.3-4 (facts.md §6): the complaint is filed with the body whose act or inaction is appealed
    # and considered by the higher body; "refusal" only if the term was not extended. The old answer said
    # "подайте жалобу в вышестоящий орган" and named the prosecutor, which no source supports.
    await user.send("/complaint")
    [reply] = await user.press(label(lang, "complaint-btn-no-answer"))
    assert reply.text.startswith(GUIDE_BUTTONS[lang][3] + "\n")  # the title is the button the user pressed
    if lang == "ru":
        assert "подайте жалобу в тот же акимат" in reply.text and "рассматривает её вышестоящий орган" in reply.text
        assert "подайте жалобу в вышестоящий орган" not in reply.text
        assert "срок ответа прошёл и его не продлевали, это считается отказом" in reply.text
        assert "ст. 91 п. 2–4" in reply.text
    else:
        assert "шағымды әрекетіне не әрекетсіздігіне шағым жасап отырған әкімдікке" in reply.text
        assert "шағымды сол жоғары тұрған орган қарайды" in reply.text
        assert "ұзартылмаса, бұл бас тарту деп есептеледі" in reply.text
        assert "91-бап 2–4-тармақ" in reply.text
    assert ("суд" if lang == "ru" else "сот") in reply.text and "прокуратур" not in reply.text
    assert "adilet.zan.kz" in reply.text  # the court's procedure is not in the sources: say where to check


@pytest.mark.parametrize(
    ("lang", "share", "words"),
    [("ru", "📤 Поделиться", "Как обратиться в акимат"), ("kk", "📤 Бөлісу", "Әкімдікке қалай өтініш беру")],
)
async def test_the_guide_is_shared_with_a_line_saying_what_it_is(env, lang, share, words):
    chat = env.chat(lang)
    await chat.send("/complaint")
    [button] = [b for b in await every_button(chat) if b.label == share]
    query = parse_qs(urlsplit(button.url).query)
    assert query["url"] == ["https://t.me/gosqyzmet_bot?start=complaint"]
    assert query["text"][0].startswith(words)


@pytest.mark.parametrize(("lang", "typed", "title"), [
    ("ru", "аким не отвечает уже месяц", "Если не ответили"),
    ("ru", "как подать жалобу на акима если он не отвечает уже месяц", "Если не ответили"),
    ("ru", "срок ответа прошел что делать", "Если не ответили"),
    ("ru", "аким не отвечает", "Если не ответили"),
    ("ru", "не отвечают из акимата уже месяц", "Если не ответили"),
    ("ru", "мне не ответили в акимате", "Если не ответили"),
    ("kk", "әкім жауап бермесе не істеймін", "Жауап берілмесе"),
    ("kk", "өтінішіме жауап келмесе не істеу керек", "Жауап берілмесе"),
    ("kk", "маған әкімдіктен жауап келмеді 15 күн өтті не істеймін", "Жауап берілмесе"),
    ("kk", "акимдик жауап бермеди", "Жауап берілмесе"),
])
async def test_no_answer_goes_straight_to_what_to_do(env, lang, typed, title):
    chat = env.chat(lang, 7321)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(title)
    assert ("ст. 91" if lang == "ru" else "91-бап") in reply.text


@pytest.mark.parametrize(("lang", "typed", "registered", "passed"), [
    ("ru", "подал 5 марта не ответили", "5 марта 2026", "Срок ответа уже прошёл"),
    ("kk", "наурыздың 5-і бердім жауап келмеді", "2026 жылғы 5 наурыз", "Жауап беру мерзімі өтіп кетті"),
])
async def test_no_answer_with_a_date_counts_the_deadline_first(env, lang, typed, registered, passed):
    env.dp["clock"] = lambda: datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
    chat = env.chat(lang, 7322)
    [reply] = await chat.send(typed)
    assert registered in reply.text and passed in reply.text
    # what to do now, in the same answer: a complaint to the same akimat (art. 91), then court
    assert ("Подайте жалобу в тот же акимат" if lang == "ru" else "шағым беріңіз") in reply.text
    assert ("ст. 91" if lang == "ru" else "91-бап") in reply.text
