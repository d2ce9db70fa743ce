"""Conversations with the complaints section: the guide, the calculator, reminders and the draft."""

import asyncio
import logging
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from aiogram import methods
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter

from bot.feedback import Ratings, today
from bot.reminder_store import ReminderStore
from bot.reminders import deliver_due
from tests.conftest import BotEnv, every_button, every_row, label, press_shown, start_env

# Thursday 26 November 2026, 11:00 in Almaty
NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
DUE_MORNING = datetime(2026, 12, 18, 4, 0, tzinfo=UTC)  # 09:00 Almaty on the due date
SOURCE = {"ru": "Источник:", "kk": "Дереккөзі:"}
SOURCES = {"ru": "Источники:", "kk": "Дереккөздер:"}
GUIDE_BUTTONS = {
    "ru": ["Куда подать", "Что написать", "Сроки ответа", "Если не ответили"],
    "kk": ["Қайда беру керек", "Не жазу керек", "Жауап мерзімі", "Жауап берілмесе"],
}


@pytest.fixture(autouse=True)
def fixed_clock(env: BotEnv) -> None:
    env.dp["clock"] = lambda: NOW


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def user(env: BotEnv, lang: str):
    return env.chat(lang, 2001 if lang == "ru" else 2002)


async def test_complaint_command_opens_the_guide_and_says_the_bot_files_nothing(user, lang):
    [reply] = await user.send("/complaint")
    assert ("ничего не подаёт" if lang == "ru" else "ештеңе тапсырмайды") in reply.text
    assert reply.labels[0] + reply.labels[1] == GUIDE_BUTTONS[lang]


@pytest.mark.parametrize(
    "text", ["Как пожаловаться на акимат?", "куда писать жалобу", "шағым беру", "әкімдікке өтініш",
             "shagym", "kak pozhalovatsya v akimat"]
)
async def test_free_text_opens_the_guide(env, text):
    [reply] = await env.chat("ru").send(text)
    assert reply.labels[0] in (GUIDE_BUTTONS["ru"][:2], GUIDE_BUTTONS["kk"][:2])


@pytest.mark.parametrize(
    ("lang", "text"),
    [("ru", "телефон акимата"), ("ru", "как записаться на приём к акиму"), ("ru", "куда звонить"),
     ("kk", "әкімнің қабылдауына қалай жазылуға болады"), ("kk", "әкімдіктің телефоны")],
)
async def test_contacts_and_appointments_get_the_channels(env, lang, text):
    chat = env.chat(lang)
    [reply] = await chat.send(text)
    assert reply.text.startswith("Куда подать обращение" if lang == "ru" else "Өтінішті қайда беруге болады")
    assert ["Единый контакт-центр 1414" if lang == "ru" else "1414 бірыңғай байланыс орталығы"] in await every_row(chat)


@pytest.mark.parametrize("text", ["заместитель акима", "помощник акима", "аппарат акима района"])
async def test_positions_at_the_akim_stay_a_search(chat, text):
    [reply] = await chat.send(text)
    assert not reply.text.startswith("Куда подать обращение")
    assert ["📚 Весь реестр"] in reply.labels  # the register's answer (a card or its group), not another page


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
    for name in channel_labels:
        [detail] = await press_shown(user, name)
        assert detail.text.startswith(name)
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


async def test_today_button_gives_the_due_date_with_weekday_and_the_extended_limit(user, lang):
    await user.send("/complaint")
    [ask] = await press_shown(user, label(lang, "complaint-btn-calc"))
    assert ask.labels[0] == (["Сегодня", "Вчера"] if lang == "ru" else ["Бүгін", "Кеше"])
    [reply] = await user.press(label(lang, "calc-btn-today"))
    if lang == "ru":
        assert "26 ноября 2026, четверг" in reply.text
        assert "18 декабря 2026, пятница" in reply.text
        assert "26 января 2027, вторник" in reply.text
        assert reply.labels[0] == ["🔔 Напомнить в день срока"]
    else:
        assert "2026 жылғы 18 желтоқсан, жұма" in reply.text
        assert "2027 жылғы 26 қаңтар, сейсенбі" in reply.text


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
    [steps] = await chat.press("Если не ответили")
    assert "подайте жалобу в тот же акимат" in steps.text and "рассматривает её вышестоящий орган" in steps.text


async def test_forged_date_button_is_refused(chat):
    await chat.send("/complaint")
    replies = await chat.press_data("cmp:reg:2099-01-01")
    assert replies == [] and chat.session.notices[-1].startswith("Эта кнопка устарела")


async def _set_reminder(chat, typed: str = "26.11.2026") -> None:
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    await chat.send(typed)
    [reply] = await chat.press(label(chat.language_code, "calc-btn-remind"))
    assert "18.12.2026" in reply.text or "еске саламын" in reply.text


async def test_reminder_is_listed_once_and_can_be_cancelled(env, chat):
    await _set_reminder(chat)
    await chat.press_data("cmp:remind:2026-11-26")  # pressing again keeps one reminder
    [listing] = await chat.send("/reminders")
    assert "Обращение от 26.11.2026 — срок ответа 18.12.2026" in listing.text
    assert listing.labels[0] == ["✖ Отменить 1"]
    [after] = await chat.press("✖ Отменить 1")
    assert chat.session.notices[-1] == "Напоминание отменено."
    assert after.text.startswith("Напоминаний нет")
    assert await ReminderStore(env.db.conn).pending_for(chat.user_id) == []


async def test_reminder_confirmation_leads_on_to_the_list_the_guide_and_home(chat_kk):
    await chat_kk.send("/complaint")
    await press_shown(chat_kk, label("kk", "complaint-btn-calc"))
    await chat_kk.send("26.11.2026")
    [reply] = await chat_kk.press("🔔 Мерзім күні еске салу")
    assert "18.12.2026" in reply.text
    assert reply.labels == [["🔔 Еске салуларым"], ["◀️ «Әкімдікке өтініш» бөліміне"], ["⬅️ Басты мәзір"]]
    [listing] = await chat_kk.press("🔔 Еске салуларым")
    assert "жауап мерзімі 18.12.2026" in listing.text


async def test_someone_elses_reminder_cannot_be_cancelled(env, chat):
    await _set_reminder(chat)
    [reminder] = await ReminderStore(env.db.conn).pending_for(chat.user_id)
    stranger = env.chat("ru", 3003)
    await stranger.send("/reminders")
    await stranger.press_data(f"rmd:{reminder.id}")
    assert stranger.session.notices[-1].startswith("Этого напоминания уже нет")
    assert len(await ReminderStore(env.db.conn).pending_for(chat.user_id)) == 1


async def _wait_for_sends(env: BotEnv, count: int) -> list[methods.SendMessage]:
    for _ in range(500):  # the loop runs as a task: give it turns until it has sent
        sends = [r for r in env.session.of_type(methods.SendMessage) if "🔔" in r.text]
        if len(sends) >= count:
            return sends
        await asyncio.sleep(0.01)
    return [r for r in env.session.of_type(methods.SendMessage) if "🔔" in r.text]


async def test_reminder_arrives_late_after_a_restart_and_never_twice(env, chat_kk):
    await _set_reminder(chat_kk)
    await env.db.close()  # the bot is down on the due date

    late = datetime(2026, 12, 19, 3, 0, tzinfo=UTC)  # 08:00 Almaty the day after
    restarted = await start_env(env.settings.database_path)
    restarted.dp["clock"] = lambda: late
    await restarted.dp.emit_startup(bot=restarted.bot, **restarted.dp.workflow_data)
    [sent] = await _wait_for_sends(restarted, 1)
    assert sent.chat_id == chat_kk.user_id
    assert "18.12.2026 күні аяқталды" in sent.text and "Кешігіп" in sent.text
    await restarted.dp.emit_shutdown(bot=restarted.bot, **restarted.dp.workflow_data)
    await restarted.db.close()

    again = await start_env(env.settings.database_path)
    again.dp["clock"] = lambda: late
    await again.dp.emit_startup(bot=again.bot, **again.dp.workflow_data)
    await asyncio.sleep(0.05)
    assert await _wait_for_sends(again, 1) == []
    await again.dp.emit_shutdown(bot=again.bot, **again.dp.workflow_data)
    await again.db.close()
    await env.db.open()  # the fixture closes it again


async def test_reminder_on_the_due_morning_gives_next_steps(env, chat):
    await _set_reminder(chat)
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    report = await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING)
    assert report.sent == 1
    [message] = [r for r in chat.session.take_replies() if r.chat_id == chat.user_id]
    assert message.text.startswith("🔔 Сегодня последний день срока ответа на ваше обращение от 26.11.2026.")
    assert "не позднее 26 января 2027, вторник" in message.text
    # APPC art. 91 (facts.md §6): file with the same akimat, the higher body considers it; no prosecutor
    assert "подайте жалобу в тот же акимат, её рассмотрит вышестоящий орган (ст. 91 АППК)" in message.text
    assert "прокуратур" not in message.text
    assert message.labels == [["Если не ответили"], ["◀️ К разделу «Обращение в акимат»"], ["⬅️ Главное меню"]]


async def test_a_kazakh_reminder_leads_on_to_next_steps_the_guide_and_home(env, chat_kk):
    await _set_reminder(chat_kk)
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    assert (await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING)).sent == 1
    [message] = [r for r in chat_kk.session.take_replies() if r.chat_id == chat_kk.user_id]
    assert message.text.startswith("🔔")
    assert "шағымды сол әкімдікке беріңіз, оны жоғары тұрған орган қарайды (ӘРПК-нің 91-бабы)" in message.text
    assert message.labels == [["Жауап берілмесе"], ["◀️ «Әкімдікке өтініш» бөліміне"], ["⬅️ Басты мәзір"]]


async def test_a_user_who_blocked_the_bot_is_skipped_and_the_rest_still_get_theirs(env):
    first, second = env.chat("ru", 4001), env.chat("ru", 4002)
    await _set_reminder(first)
    await _set_reminder(second)
    env.session.take_replies()
    env.session.fail_next(
        methods.SendMessage,
        TelegramForbiddenError(methods.SendMessage(chat_id=4001, text="x"), "Forbidden: bot was blocked by the user"),
    )
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    report = await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING)
    assert (report.blocked, report.sent) == (1, 1)
    assert [r.chat_id for r in env.session.take_replies()] == [4002]
    assert await ReminderStore(env.db.conn).pending_for(4001) == []
    await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING.replace(day=25))
    assert env.session.take_replies() == []


async def test_forget_deletes_reminders(env, chat):
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    await _set_reminder(chat)
    await chat.send("/forget")
    await chat.press(label("ru", "forget-yes"))
    assert await ReminderStore(env.db.conn).pending_for(chat.user_id) == []
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)


async def _fsm_rows(env: BotEnv) -> int:
    async with env.db.conn.execute("SELECT COUNT(*) FROM fsm") as cur:
        (count,) = await cur.fetchone()
    return count


async def test_draft_is_built_from_three_answers_escaped_and_not_kept(env, user, lang):
    await user.send("/complaint")
    [intro] = await press_shown(user, label(lang, "complaint-btn-draft"))
    assert intro.labels == [["Отменить" if lang == "ru" else "Болдырмау"]]
    await user.send("Акиму Алмалинского района")
    await user.send("Во дворе <b>три месяца</b> не горят фонари")
    [draft, after] = await user.send("Восстановить освещение")
    assert draft.text.startswith("Акиму Алмалинского района\n")
    assert "Во дворе <b>три месяца</b> не горят фонари" in draft.text  # shown literally
    assert "&lt;b&gt;" in draft.html
    assert ("ИИН: [ваш ИИН]" if lang == "ru" else "ЖСН: [ЖСН-іңіз]") in draft.text
    assert ("Дата: 26.11.2026" if lang == "ru" else "Күні: 26.11.2026") in draft.text
    assert ("не сохранил" if lang == "ru" else "сақтаған жоқ") in after.text
    assert await _fsm_rows(env) == 0


@pytest.mark.parametrize(
    ("lang", "request_text", "line"),
    [
        ("ru", "Восстановить освещение", "Прошу: Восстановить освещение\n"),
        ("ru", "Прошу восстановить освещение", "\nПрошу восстановить освещение\n"),
        ("kk", "Көше жарығын қалпына келтіруді.", "\nКөше жарығын қалпына келтіруді сұраймын.\n"),
        ("kk", "Көше жарығын қалпына келтіруді сұраймын", "\nКөше жарығын қалпына келтіруді сұраймын\n"),
    ],
)
async def test_the_request_says_i_ask_exactly_once(env, lang, request_text, line):
    chat = env.chat(lang)
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-draft"))
    await chat.send("Акиму Алмалинского района")
    await chat.send("Во дворе не горят фонари")
    [draft, _] = await chat.send(request_text)
    assert line in draft.text
    assert "Прошу: Прошу" not in draft.text and "сұраймын сұраймын" not in draft.text


async def test_draft_result_is_rated_and_the_rating_keeps_nothing_of_the_draft(env, user, lang, caplog):
    caplog.set_level(logging.DEBUG)
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-draft"))
    secrets = ("Акиму Кзылтуского района", "Фонарь 7734 не горит у дома Жумабаевой", "Заменить фонарь 7734")
    for text in secrets[:2]:
        await user.send(text)
    [draft, after] = await user.send(secrets[2])
    up, down = ("👍 Полезно", "👎 Не помогло") if lang == "ru" else ("👍 Пайдалы", "👎 Көмектеспеді")
    assert after.labels[-2:] == [[up, down], [after.labels[-1][0]]]  # like every answer: above the main menu
    assert draft.labels == []  # the draft itself stays a clean block to copy
    [rated] = await user.press(up)
    assert rated.edited and [f"{up} ✓", down] in rated.labels
    assert await Ratings(env.db).by_kind() == {"draft": (1, 0)}
    assert (await env.feedback.counts.totals())["draft"] == 1
    async with env.db.conn.execute("SELECT * FROM ratings") as cur:
        [row] = await cur.fetchall()
    assert len(row) == 4 and row[1:] == ("draft", 1, today())  # key hash, kind, vote, day
    dump = "\n".join(await _all_rows(env)) + caplog.text
    leaks = [line for line in dump.splitlines() if any(p in line for t in secrets for p in t.split() if len(p) > 4)]
    assert leaks == []


async def _all_rows(env: BotEnv) -> list[str]:
    async with env.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
        tables = [name for (name,) in await cur.fetchall()]
    rows = []
    for table in tables:
        async with env.db.conn.execute(f"SELECT * FROM {table}") as cur:  # table names from sqlite_master
            rows += [repr(row) for row in await cur.fetchall()]
    return rows


async def test_draft_answers_that_do_not_fit_are_asked_again(env, chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-draft"))
    [short] = await chat.send("а")
    assert short.text.startswith("Слишком коротко")
    [long] = await chat.send("а" * 1001)
    assert long.text.startswith("Слишком длинно: можно не больше 1000 знаков, а здесь 1001")
    [next_question] = await chat.send("Акиму района")
    assert next_question.text.startswith("2/3.")


async def test_three_answers_of_emoji_make_a_draft_telegram_accepts(user, lang):
    # 1,000 "😀" are 2,000 of Telegram's UTF-16 units: three such answers made a draft of 6,261, refused as too long
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-draft"))
    [refused] = await user.send("😀" * 1000)
    assert refused.text.startswith("Слишком длинно: можно не больше 1000 знаков, а здесь 2000" if lang == "ru" else
                                   "Тым ұзын: 1000 таңбадан аспауы керек, ал мұнда 2000 таңба")
    assert refused.labels == [["Отменить" if lang == "ru" else "Болдырмау"]]
    for step in ("2/3.", "3/3."):  # the longest answers accepted: 500 emoji, 1,000 units each
        [question] = await user.send("😀" * 500)
        assert question.text.startswith(step)
    [draft, after] = await user.send("😀" * 500)  # the session refuses a message over 4,096 units, as Telegram does
    assert draft.text.count("😀") == 1500 and after.labels


async def test_draft_can_be_cancelled_and_leaves_nothing(env, chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-draft"))
    await chat.send("Акиму района")
    [reply] = await chat.press("Отменить")
    assert reply.text.startswith("Черновик отменён")
    assert await _fsm_rows(env) == 0
    [reply] = await chat.send("Во дворе темно")  # no longer in the flow
    assert not reply.text.startswith("3/3")


async def test_leaving_a_draft_for_the_calculator_drops_its_answers(env, chat):
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-draft"))
    await chat.send("Акиму района")
    [ask] = await chat.press_data("cmp:calc:")
    assert ask.text.startswith("Срок ответа на обращение")
    async with env.db.conn.execute("SELECT data FROM fsm") as cur:
        rows = await cur.fetchall()
    assert all("Акиму района" not in row[0] for row in rows)


async def test_telegram_refusals_are_retried_or_given_up_by_kind(env, chat):
    await _set_reminder(chat)
    store = ReminderStore(env.db.conn)
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    request = methods.SendMessage(chat_id=chat.user_id, text="x")
    # Short waits are sat out by the session's retry-after middleware; a long flood ban reaches the sender.
    env.session.fail_next(methods.SendMessage, TelegramRetryAfter(request, "Too Many Requests", retry_after=3600))
    assert (await deliver_due(store, send, DUE_MORNING)).retried == 1
    assert len(await store.pending_for(chat.user_id)) == 1  # back in the queue
    env.session.fail_next(methods.SendMessage, TelegramBadRequest(request, "Bad Request: chat not found"))
    assert (await deliver_due(store, send, DUE_MORNING)).failed == 1
    assert await store.pending_for(chat.user_id) == []


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


UNREADABLE_DATE = {"ru": "Не получилось прочитать дату", "kk": "Күнді оқи алмадым"}


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
    assert ["Если не ответили" if lang == "ru" else "Жауап берілмесе"] in reply.labels


@pytest.mark.parametrize(
    ("lang", "typed", "hedge"),
    [("ru", "02.03.2026", "бот отсчитывает их со дня регистрации; точную границу уточните в АППК"),
     ("kk", "02.03.2026", "бот оларды тіркелген күннен бастап санайды; нақты шегін ӘРПК-тен тексеріңіз")],
)
async def test_the_two_month_extension_is_shown_as_the_bots_reading_of_art_76(env, lang, typed, hedge):
    # facts.md §4 gives "a reasonable period of at most two months" but not where the two months start:
    # counting them from registration is the bot's reading, and the answer says so.
    [reply] = await env.chat(lang).send(typed)
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
    assert {"ru": "Если ответа нет и срок не продлевали, пропуск срока считается отказом",
            "kk": "Жауап болмаса және мерзім ұзартылмаса, мерзімнің өтуі бас тарту деп есептеледі"}[lang] in reply.text
