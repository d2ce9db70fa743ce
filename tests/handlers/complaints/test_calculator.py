"""The deadline calculator: dates pressed, typed or named in a question, and leaving it."""

import pytest
from aiogram.types import Sticker

from tests.conftest import label, press_shown
from tests.handlers.complaints import UNREADABLE_DATE


async def test_today_button_gives_the_due_date_with_weekday_and_the_extended_limit(user, lang):
    await user.send("/complaint")
    [ask] = await press_shown(user, label(lang, "complaint-btn-calc"))
    assert ask.labels[0] == (["Сегодня", "Вчера"] if lang == "ru" else ["Бүгін", "Кеше"])
    [reply] = await user.press(label(lang, "calc-btn-today"))
    # the due date first; the extended limit and forwarding behind a button
    assert reply.labels[:2] == [[label(lang, "calc-btn-details")], [label(lang, "calc-btn-remind")]]
    [details] = await user.press(label(lang, "calc-btn-details"))
    if lang == "ru":
        assert "26 ноября 2026, четверг" in reply.text
        assert "18 декабря 2026, пятница" in reply.text
        assert "26 января 2027, вторник" in details.text and "18 декабря 2026, пятница" in details.text
        assert reply.labels[1] == ["🔔 Напомнить в день срока"]
    else:
        assert "2026 жылғы 18 желтоқсан, жұма" in reply.text
        assert "2027 жылғы 26 қаңтар, сейсенбі" in details.text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("26.11.2026", "18 декабря 2026, пятница"),
        ("2 марта", None),  # no year: 2 March 2026, due 27 March after 8 March and Nauryz
        ("02.03.2026", "27 марта 2026, пятница"),
        ("24.08.2026", "14 сентября 2026, понедельник"),
    ],
)
async def test_typed_dates_are_counted(env, typed, expected):
    chat = env.chat("ru")
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send(typed)
    assert (expected or "27 марта 2026, пятница") in reply.text


@pytest.mark.parametrize(
    ("lang", "question", "expected"),
    [
        ("ru", "обращение подал 2 марта, когда ответят?", "27 марта 2026, пятница"),
        ("kk", "2 наурызда өтініш бердім, қашан жауап береді", "2026 жылғы 27 наурыз, жұма"),
    ],
)
async def test_a_deadline_question_that_names_the_day_is_counted_at_once(env, lang, question, expected):
    [reply] = await env.chat(lang).send(question)
    assert expected in reply.text


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [("ru", "02.03.2026", "27 марта 2026, пятница"), ("kk", "наурыздың 2-сі", "2026 жылғы 27 наурыз, жұма"),
     ("kk", "2 наурыз", "2026 жылғы 27 наурыз, жұма"), ("ru", "вчера", "Обращение зарегистрировано: 25 ноября 2026"),
     ("ru", "27.12.2026", "ещё не наступила"), ("kk", "31.02", "Күнтізбеде мұндай күн жоқ")],
)
async def test_a_date_typed_on_its_own_is_counted_without_opening_the_calculator(env, lang, typed, expected):
    [reply] = await env.chat(lang).send(typed)
    assert expected in reply.text
    assert "не нашёл" not in reply.text and "табылмады" not in reply.text


async def test_a_category_code_is_still_a_code_not_a_date(chat):
    [reply] = await chat.send("D-O-4")
    assert reply.text.startswith("Категория D-O-4")


@pytest.mark.parametrize("question", ["сколько дней рассматривают обращение", "өтінішке қашан жауап береді",
                                      "қанша күнде жауап береді"])
async def test_a_deadline_question_without_a_day_states_the_rule_and_asks_for_it(env, question):
    lang = "kk" if "жауап" in question else "ru"
    [reply] = await env.chat(lang).send(question)
    assert ("15 рабочих дней" if lang == "ru" else "15 жұмыс күні") in reply.text
    # stated with its source and date, like every rule the bot states
    assert ("ст. 76" if lang == "ru" else "76-бап") in reply.text.splitlines()[-1]
    assert "26.11.2026" in reply.text.splitlines()[-1]
    assert reply.labels[0] == (["Сегодня", "Вчера"] if lang == "ru" else ["Бүгін", "Кеше"])


async def test_kazakh_month_names_are_understood(env):
    chat = env.chat("kk")
    await chat.send("срок ответа")
    [reply] = await chat.send("26 қараша")
    assert "2026 жылғы 18 желтоқсан, жұма" in reply.text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2026", "Такой даты нет"),
        ("27.11.2026", "ещё не наступила"),
        ("когда-нибудь", "Не получилось прочитать дату"),
        ("01.06.2021", "До 01.07.2021 действовал прежний закон"),
    ],
)
async def test_bad_dates_get_a_clear_message(env, typed, message):
    chat = env.chat("ru")
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send(typed)
    assert message in reply.text


async def test_after_a_bad_date_a_good_one_still_works(chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    await chat.send("32.13")
    [reply] = await chat.send("26.11")
    assert "18 декабря 2026, пятница" in reply.text


async def test_a_question_typed_instead_of_the_date_is_answered_and_leaves_the_calculator(chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send("что такое акимат")
    assert reply.text.startswith("Что такое акимат")
    [reply] = await chat.send("кто назначает акима")  # the calculator no longer reads texts as dates
    assert reply.text.startswith("Кто назначает или избирает акима")


async def test_a_position_typed_instead_of_the_date_gets_its_card(chat_kk):
    await chat_kk.send("/complaint")
    await press_shown(chat_kk, label("kk", "complaint-btn-calc"))
    [reply] = await chat_kk.send("бас маман")
    assert reply.text.startswith("Бас маман") and "E-G-3" in reply.text


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        # dates in a sentence, and days ago
        ("kk", "наурыздың 2-сі", "2026 жылғы 27 наурыз, жұма"),
        ("ru", "2-го марта", "27 марта 2026, пятница"),
        ("ru", "позавчера", "24 ноября 2026, вторник"),
        ("kk", "2 күн бұрын", "2026 жылғы 24 қараша, сейсенбі"),
        # month names in Latin letters: Russian transliterated, Kazakh in its Latin alphabet
        ("ru", "5 mart", "5 марта 2026, четверг"),
        ("ru", "5 marta", "5 марта 2026, четверг"),
        ("ru", "5-go marta 2026 g.", "5 марта 2026, четверг"),
        ("ru", "26 noyabrya", "18 декабря 2026, пятница"),
        ("kk", "5 nauryz", "2026 жылғы 5 наурыз, бейсенбі"),
        ("kk", "5 sáuir", "2026 жылғы 5 сәуір, жексенбі"),
        ("kk", "5 Naýryz", "2026 жылғы 5 наурыз, бейсенбі"),
        ("kk", "2026 jylǵy 26 qarasha", "2026 жылғы 18 желтоқсан, жұма"),
    ],
)
async def test_a_date_typed_into_the_calculator_is_understood(env, lang, typed, expected):
    chat = env.chat(lang)
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send(typed)
    assert expected in reply.text


async def test_nonsense_typed_instead_of_the_date_still_asks_for_the_date(chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send("asdfgh")
    assert reply.text.startswith("Не получилось прочитать дату")
    [reply] = await chat.send("26.11")
    assert "18 декабря 2026, пятница" in reply.text


async def test_a_passed_deadline_offers_next_steps_not_a_reminder(chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send("02.11.2026")
    assert "Срок ответа уже прошёл" in reply.text
    assert ["🔔 Напомнить в день срока"] not in reply.labels
    # what to do now is in the answer itself: a complaint to the same akimat, the higher body decides, then court
    assert "Подайте жалобу в тот же акимат" in reply.text and "рассматривает её вышестоящий орган" in reply.text
    assert "суд" in reply.text


async def test_forged_date_button_is_refused(chat):
    await chat.send("/complaint")
    replies = await chat.press_data("cmp:reg:2099-01-01")
    assert replies == [] and chat.session.notices[-1].startswith("Эта кнопка устарела")


@pytest.mark.parametrize("leave_by", ["cmp:channels", "cmp:deadlines", "m:salary", "m:positions", "lang:kk", "lang:ru",
                                      "m:language"])
async def test_a_button_that_opens_another_screen_ends_the_calculator(user, lang, leave_by):
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-calc"))
    [bad] = await user.send("asdfgh")
    assert bad.text.startswith(UNREADABLE_DATE[lang])  # the calculator is waiting
    await user.press_data(leave_by)
    [reply] = await user.send("asdfgh")
    assert not reply.text.startswith(tuple(UNREADABLE_DATE.values()))


async def test_the_calculators_own_buttons_and_ratings_keep_it_waiting(chat_kk):
    await chat_kk.send("/complaint")
    await press_shown(chat_kk, label("kk", "complaint-btn-calc"))
    await chat_kk.press_data("fb:complaint:1")  # a 👍 on an earlier answer
    [reply] = await chat_kk.send("asdfgh")
    assert reply.text.startswith(UNREADABLE_DATE["kk"])
    [reply] = await chat_kk.send("26.11")
    assert "2026 жылғы 18 желтоқсан, жұма" in reply.text


@pytest.mark.parametrize(("lang", "typed"), [("ru", "завтра"), ("ru", "Завтра!"), ("kk", "ертең"), ("kk", "Ертең")])
async def test_tomorrow_typed_on_its_own_is_told_the_day_has_not_come(env, lang, typed):
    chat = env.chat(lang)
    [reply] = await chat.send(typed)
    assert ("ещё не наступила" if lang == "ru" else "әлі келген жоқ") in reply.text
    assert "не нашёл" not in reply.text and "табылмады" not in reply.text
    assert reply.labels[0] == (["Сегодня", "Вчера"] if lang == "ru" else ["Бүгін", "Кеше"])
    [counted] = await chat.send("26.11")  # the calculator waits for the real day, as it does after "27.12"
    assert ("18 декабря 2026, пятница" if lang == "ru" else "2026 жылғы 18 желтоқсан, жұма") in counted.text


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [("ru", "5 marta", "5 марта 2026, четверг"), ("kk", "5 nauryz", "2026 жылғы 5 наурыз, бейсенбі"),
     ("kk", "qarashanyń 26-sy", "2026 жылғы 18 желтоқсан, жұма")],
)
async def test_a_latin_date_typed_on_its_own_is_counted(env, lang, typed, expected):
    [reply] = await env.chat(lang).send(typed)
    assert expected in reply.text


@pytest.mark.parametrize(
    ("lang", "typed", "hedge"),
    [("ru", "02.03.2026", "бот отсчитывает их со дня регистрации; точную границу уточните в АППК"),
     ("kk", "02.03.2026", "бот оларды тіркелген күннен бастап санайды; нақты шегін ӘРПК-тен тексеріңіз")],
)
async def test_the_two_month_extension_is_shown_as_the_bots_reading_of_art_76(env, lang, typed, hedge):
    # facts.md §4 gives "a reasonable period of at most two months" but not where the two months start:
    # counting them from registration is the bot's reading, and the answer says so (behind the due date's button).
    chat = env.chat(lang)
    await chat.send(typed)
    [reply] = await chat.press(label(lang, "calc-btn-details"))
    assert "не более двух месяцев" in reply.text or "екі айдан аспайды" in reply.text
    assert hedge in reply.text


@pytest.mark.parametrize(("lang", "says"), [
    ("ru", ["21 ноября 2026, суббота — выходной или праздник", "регистрируют в ближайший рабочий день",
            "подсказка по правилам регистрации обращений, а не текст АППК",
            "Обращение зарегистрировано: 23 ноября 2026, понедельник",
            "Ответ — не позднее 14 декабря 2026, понедельник"]),
    ("kk", ["2026 жылғы 21 қараша, сенбі — демалыс немесе мереке күні", "келесі жұмыс күні тіркеледі",
            "ӘРПК мәтіні емес, өтініштерді тіркеу қағидаларына негізделген кеңес",
            "Өтініш тіркелген күн: 2026 жылғы 23 қараша, дүйсенбі",
            "Жауап берудің соңғы күні: 2026 жылғы 14 желтоқсан, дүйсенбі"]),
])
async def test_a_weekend_date_is_counted_from_the_next_working_day_and_said_to_be_guidance(env, lang, says):
    # facts.md §6: an appeal handed in on a day off is registered on the next working day; the count starts there
    chat = env.chat(lang, 2301)
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send("21.11.2026")  # a Saturday
    for part in says:
        assert part in reply.text
    assert {"ru": "правила регистрации обращений (forensic.gov.kz)",
            "kk": "өтініштерді тіркеу қағидалары (forensic.gov.kz)"}[lang] in reply.text


async def test_a_passed_deadline_is_a_refusal_only_if_the_term_was_not_extended(env, lang):
    chat = env.chat(lang, 2302)
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    [reply] = await chat.send("02.11.2026")  # due 23.11.2026, before the fixed today (26.11.2026)
    assert {"ru": "Если срок ответа прошёл и его не продлевали, это считается отказом",
            "kk": "Жауап мерзімі өтіп кетсе және ол ұзартылмаса, бұл бас тарту деп есептеледі"}[lang] in reply.text
    [details] = await chat.press(label(lang, "calc-btn-details"))
    said = {"ru": "Если ответа нет и срок не продлевали, пропуск срока считается отказом",
            "kk": "Жауап болмаса және мерзім ұзартылмаса, мерзімнің өтуі бас тарту деп есептеледі"}
    assert said[lang] in details.text


async def test_a_sticker_while_the_date_is_awaited_gets_the_calculators_hint(user, lang):
    """A sticker or a photo while the calculator waited for the day got the general "I read only text" and the
    main menu: the calculator, still waiting, asks for the date as text with its own buttons."""
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-calc"))
    sticker = Sticker(file_id="x", file_unique_id="y", type="regular", width=1, height=1, is_animated=False,
                      is_video=False)
    [reply] = await user.send_message(sticker=sticker)
    assert reply.text == label(lang, "calc-not-text")
    assert [label(lang, "calc-btn-today"), label(lang, "calc-btn-yesterday")] in reply.labels
    [answer] = await user.send("26.11.2026")  # still waiting for the day
    assert "18" in answer.text
