"""Salary conversations: user asks about pay, the bot answers with range, year and source, or honestly."""

import re

import pytest

from bot.register import load_register
from bot.salary import load_salaries
from tests.conftest import every_row, press_shown

NNBSP, NBSP = "\u202f", "\u00a0"
A4_RANGE = f"239{NNBSP}086{NBSP}–{NBSP}322{NNBSP}262{NBSP}₸"
A3_RANGE = f"280{NNBSP}674{NBSP}–{NBSP}378{NNBSP}893{NBSP}₸"
CHIEF_SPECIALIST_CODES = ["C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3"]
# under the whole answer (the details of the first reply, a picked category)
RU_ACTIONS = [["❓ Как формируется зарплата?"], ["📋 Зарплата по категориям"], ["👍 Полезно", "👎 Не помогло"],
              ["⬅️ Главное меню"]]
KK_ACTIONS = [["❓ Жалақы қалай қалыптасады?"], ["📋 Санаттар бойынша жалақы"], ["👍 Пайдалы", "👎 Көмектеспеді"],
              ["⬅️ Басты мәзір"]]
# under the first reply: the details first
RU_SHORT = [["📋 Подробнее по категориям"], ["❓ Как формируется зарплата?"], ["👍 Полезно", "👎 Не помогло"],
            ["⬅️ Главное меню"]]
DETAILS = {"ru": "📋 Подробнее по категориям", "kk": "📋 Санаттар бойынша толығырақ"}


async def details(chat, lang: str = "ru"):
    """The whole answer behind the first reply's button."""
    [reply] = await chat.press(DETAILS[lang])
    return reply


def assert_honest_context(text: str) -> None:
    """The answer for a category without a range: plain statement, dated context, where to look."""
    assert "в данных бота нет" in text
    assert f"84{NNBSP}000" in text and "01.03.2019" in text
    assert "1,9 раза" in text and "март 2026 г." in text
    assert "16" in text and "1 января 2026" in text
    assert "По словам депутата Мажилиса" in text and "заявление, а не официальная таблица" in text
    assert "объявление о конкурсе" in text


async def test_a_known_range_comes_with_year_and_source(chat):
    [reply] = await chat.send("Сколько получает референт?")
    assert "Референт" in reply.text
    assert (f"A-4 (Администрация Президента): {A4_RANGE} в месяц — строка таблицы «A-4 Референт», данные на 2021 год"
            in reply.text)
    assert "https://rabota-journal.ru/professii/kakie-dolzhnosti-est-v-akimate.html" in reply.links
    assert "02.10.2024" in reply.text and "«Какие должности есть в акимате»" in reply.text
    assert "в данных бота нет" not in reply.text  # nothing to apologise for
    assert reply.labels == RU_SHORT
    assert (await details(chat)).labels == RU_ACTIONS


async def test_a_category_without_a_range_gets_an_honest_answer_not_a_figure(chat):
    [reply] = await chat.send("зарплата D-O-4")
    assert reply.text.startswith("💰 Категория D-O-4 — Областные управления")
    assert "Должности: Главный специалист" in reply.text
    # the first reply: no range, the one most useful dated fact, where the exact figure is
    assert "Вилки зарплаты для категории D-O-4 в данных бота нет." in reply.text
    assert "1 января 2026" in reply.text and "объявление о конкурсе" in reply.text
    assert "в месяц —" not in reply.text  # no range line is made up
    whole = await details(chat)
    assert "Вилки зарплаты для этой категории в данных бота нет." in whole.text
    assert_honest_context(whole.text)
    assert "в месяц —" not in whole.text


async def test_a_position_spread_over_seven_categories_is_one_grouped_message(chat):
    replies = await chat.send("сколько получает главный специалист")
    assert len(replies) == 1
    text = replies[0].text
    assert text.startswith("💰 Главный специалист — зарплата по категориям:")
    assert f"Вилок зарплаты для категорий {', '.join(CHIEF_SPECIALIST_CODES)} в данных бота нет." in text
    assert len(text) <= 800  # a phone shows it without scrolling
    text = (await details(chat)).text
    assert [code for code in CHIEF_SPECIALIST_CODES if f"• {code} (" in text] == CHIEF_SPECIALIST_CODES
    assert "Вилок зарплаты для этих категорий в данных бота нет:" in text
    assert text.count("По словам депутата Мажилиса") == 1  # context once, not per category
    assert_honest_context(text)


async def test_a_position_with_and_without_ranges_shows_both(chat):
    [reply] = await chat.send("Оклад эксперта")
    assert f"A-3 (Администрация Президента): {A3_RANGE} в месяц" in reply.text
    # two categories without a range: each with its kind of body (many are named in one line)
    assert "Вилок зарплаты для этих категорий в данных бота нет:\n• B-6 (Парламент" in reply.text
    assert "• C-6 (Центральные государственные органы)" in reply.text
    text = (await details(chat)).text
    assert f"A-3 (Администрация Президента): {A3_RANGE} в месяц — строка таблицы «A-3 Эксперт», данные на 2021" in text
    assert "• B-6 (Парламент" in text and "• C-6 (Центральные государственные органы)" in text
    assert text.index(A3_RANGE) < text.index("в данных бота нет") < text.index("• B-6")
    assert "Вилки — из таблицы статьи, данные на 2021 год [1]" in text and "[1] таблица «Категории должностей" in text
    assert_honest_context(text)


@pytest.mark.parametrize(("lang", "question", "says"), [
    ("ru", "сколько получает инспектор", [
        f"• A-2 (Администрация Президента): 314{NNBSP}830{NBSP}–{NBSP}424{NNBSP}728{NBSP}₸ в месяц — строка таблицы "
        "«A-2 Консультант», данные на 2021 год",
        f"⚠️ В таблице статьи «Инспектор» стоит в строке A-1 (363{NNBSP}319{NBSP}–{NBSP}490{NNBSP}030{NBSP}₸), а в "
        "реестре той же статьи эта должность под другим кодом: таблица и реестр расходятся."]),
    ("kk", "инспектордың жалақысы", [
        f"• A-2 (Президент Әкімшілігі): айына 314{NNBSP}830{NBSP}–{NBSP}424{NNBSP}728{NBSP}₸ — кестедегі "
        "«A-2 Консультант» жолы, 2021 жылғы деректер",
        f"⚠️ Мақаладағы кестеде «Инспектор» A-1 жолында тұр (363{NNBSP}319{NBSP}–{NBSP}490{NNBSP}030{NBSP}₸), ал сол "
        "мақаланың тізілімінде бұл лауазым басқа кодпен берілген: кесте мен тізілім сәйкес келмейді."]),
    ("ru", "зарплата B-1", [
        f"Зарплата: 552{NNBSP}500{NBSP}–{NBSP}869{NNBSP}631{NBSP}₸ в месяц — строка таблицы «B-1 Заместитель "
        "руководителя структурного подразделения», данные на 2021 год",
        "⚠️ В реестре той же статьи под кодом B-1 — «Руководитель структурного подразделения»: таблица и реестр "
        "расходятся, поэтому неясно, к какой должности относится эта вилка."]),
    ("kk", "B-1 жалақысы", [
        "кестедегі «B-1 Құрылымдық бөлімше басшысының орынбасары» жолы, 2021 жылғы деректер",
        "⚠️ Сол мақаланың тізілімінде B-1 кодымен «Құрылымдық бөлімше басшысы» берілген: кесте мен тізілім сәйкес "
        "келмейді"]),
])
async def test_a_figure_is_shown_as_the_tables_row_prints_it_and_the_register_mismatch_is_said(env, lang, question,
                                                                                                  says):
    # facts.md §6 / issue 16 item 4: the bot said "Инспектор — A-2: 314 830 – 424 728" and "B-1 Руководитель
    # структурного подразделения 552 500 – 869 631", attaching the figures to posts the table does not name
    [reply] = await env.chat(lang, 8101).send(question)
    for part in says:
        assert part in reply.text


async def test_the_qualified_position_narrows_the_categories(chat):
    [reply] = await chat.send("Какая зарплата у главного специалиста акимата района?")
    assert "• E-4 (Аппарат акима района, аппарат маслихата района)\n• E-R-4 (Районные отделы" in reply.text
    assert "D-O-4" not in reply.text


async def test_the_issues_own_example_finds_the_presidential_administration_expert(chat):
    [reply] = await chat.send("оклад эксперта администрации президента")
    assert reply.text.startswith("💰 Эксперт")
    assert f"A-3 (Администрация Президента): {A3_RANGE}" in reply.text
    assert "B-6" not in reply.text and "C-6" not in reply.text


@pytest.mark.parametrize("text", ["bas mamannyn zhalakysy", "zarplata glavnogo specialista"])
async def test_salary_questions_in_latin_letters_get_the_pay_answer(chat, text):
    [reply] = await chat.send(text)
    assert reply.text.startswith("💰 Главный специалист")


@pytest.mark.parametrize("text", ["зарплата Д-О-4", "оклад категории d-o-4", "сколько платят D-O-4?"])
async def test_category_codes_are_found_however_typed(chat, text):
    [reply] = await chat.send(text)
    assert reply.text.startswith("💰 Категория D-O-4")


async def test_salary_command_with_a_position_answers_right_away(chat_kk):
    [reply] = await chat_kk.send("/salary бас маман")
    assert reply.text.startswith("💰 Бас маман — санаттар бойынша жалақы:")
    [reply] = await chat_kk.send("/salary A-4")
    assert reply.text.startswith("💰 A-4 санаты — Президент Әкімшілігі")
    [reply] = await chat_kk.send("/salary")
    assert reply.text.startswith("💰 Санаттар бойынша жалақы")


async def test_kazakh_code_lookup_with_a_range(chat_kk):
    [reply] = await chat_kk.send("A-4 жалақысы")
    assert reply.text.startswith("💰 A-4 санаты — Президент Әкімшілігі")
    assert f"айына {A4_RANGE} — кестедегі «A-4 Референт» жолы, 2021 жылғы деректер" in reply.text
    assert "Дереккөзі: «Какие должности есть в акимате» мақаласындағы" in reply.text and "02.10.2024" in reply.text
    assert reply.labels == [[DETAILS["kk"]], ["◀️ A тобына"], *KK_ACTIONS[:1], *KK_ACTIONS[2:]]
    assert "• A-4" not in reply.text  # the title names the code and the group; the pay line repeats neither


async def test_kazakh_question_about_a_chief_specialist(chat_kk):
    [reply] = await chat_kk.send("бас маманның жалақысы қанша")
    assert reply.text.startswith("💰 Бас маман — санаттар бойынша жалақы:")
    assert "жалақы ауқымдары жоқ" in reply.text and "2026 жылғы 1 қаңтардан" in reply.text
    text = (await details(chat_kk, "kk")).text
    assert all(f"• {code} (" in text for code in CHIEF_SPECIALIST_CODES)
    assert "жалақы ауқымдары жоқ" in text
    assert "01.03.2019" in text and "1,9 есе" in text and "Мәжіліс депутатының айтуынша" in text
    assert "ресми кесте емес, мәлімдеме" in text
    assert "бұл санат ауқымы емес" in text  # seven categories: not "this category's range"
    assert "хабарландыру" in text
    assert "Официальн" not in text and "Источник" not in text  # Kazakh through and through


async def test_kazakh_expert_from_the_start_hint(chat_kk):
    [reply] = await chat_kk.send("сарапшының жалақысы")
    assert reply.text.startswith("💰 Сарапшы — санаттар бойынша жалақы:")
    assert f"A-3 (Президент Әкімшілігі): айына {A3_RANGE}" in reply.text


async def test_the_explainer_says_what_pay_depends_on_with_date_and_sources(chat):
    await chat.send("оклад референта")
    [reply] = await chat.press("❓ Как формируется зарплата?")
    text = reply.text
    assert text.startswith("Как формируется зарплата госслужащего")
    # facts.md §6: length of service had no source (gone); a bonus is cited to the 2015 law art. 1 p.4, which
    # says by itself that it was replaced
    for part in ("1. Категория должности", "2. Бонусы. По Закону 2015 года", "3. Факторно-балльная шкала"):
        assert part in text
    assert "Стаж" not in text and "устанавливает руководитель" not in text
    assert "По состоянию на март 2026 г." in text and "02.10.2024" in text and "Kazinform" in text
    assert "Закон РК от 23.11.2015 № 416-V, ст. 1 п. 4" in text
    assert text.endswith("⚠️ Закон РК от 23.11.2015 № 416-V действовал до 01.07.2026; сейчас действует "
                         "Закон РК от 19.05.2026 № 290-VIII.")
    assert reply.labels == [["📋 Зарплата по категориям"], ["⬅️ Главное меню"]]


async def test_the_explainer_in_kazakh(chat_kk):
    await chat_kk.send("/salary")
    [reply] = await press_shown(chat_kk, "❓ Жалақы қалай қалыптасады?")
    assert reply.text.startswith("Мемлекеттік қызметшінің жалақысы қалай қалыптасады")
    assert "2. Бонустар. 2015 жылғы Заң бойынша" in reply.text and "3. Факторлық-балдық шкала" in reply.text
    assert "Еңбек өтілі" not in reply.text
    assert "2026 жылғы наурыз айындағы жағдай бойынша" in reply.text
    assert "ҚР 2015 жылғы 23 қарашадағы № 416-V Заңы, 1-бап 4-тармақ" in reply.text


async def test_the_picker_goes_group_then_category(chat):
    [reply] = await chat.send("/salary")
    assert reply.text.startswith("💰 Зарплата по категориям")
    assert "A-1, A-2, A-3, A-4, B-1" in reply.text  # named from the data, not hard-coded
    rows = await every_row(chat)
    groups = [row[0] for row in rows[:10]]
    assert groups[0] == "A — Администрация Президента" and groups[6].startswith("D-O — ")
    assert rows[-1] == ["⬅️ Главное меню"]
    [reply] = await press_shown(chat, groups[6])
    assert reply.edited
    assert reply.text.startswith("Группа D-O — Областные управления")
    assert "• D-O-4 — Главный специалист" in reply.text
    rows = await every_row(chat)
    assert rows[:2] == [["D-O-1", "D-O-2", "D-O-3"], ["D-O-4", "D-O-5", "D-O-6"]]
    assert rows[-2:] == [["◀️ К группам"], ["⬅️ Главное меню"]]
    [answer] = await press_shown(chat, "D-O-4")
    assert not answer.edited  # the picker stays for the next category
    assert answer.text.startswith("💰 Категория D-O-4")


async def test_the_picker_goes_back_to_the_groups(chat):
    await chat.send("/salary")
    await press_shown(chat, "E-G — Аким села, аула, посёлка")
    [back] = await press_shown(chat, "◀️ К группам")
    assert back.edited and back.text.startswith("💰 Зарплата по категориям")


async def test_the_picker_shows_known_ranges_in_the_group_list(chat):
    await chat.send("/salary")
    [reply] = await chat.press("A — Администрация Президента")
    assert f"• A-4 — Референт: {A4_RANGE} в месяц (2021 год, строка таблицы «A-4 Референт»)" in reply.text
    # the table's row is "Инспектор", the register's post "Заведующий сектором" — said, not hidden
    assert "⚠️ В реестре той же статьи под кодом A-1 — «Заведующий сектором»: таблица и реестр расходятся" in reply.text
    [answer] = await chat.press("A-1")
    assert f"363{NNBSP}319" in answer.text


async def test_the_main_menu_opens_the_picker(chat_kk):
    await chat_kk.send("/start")
    [reply] = await chat_kk.press("💰 Жалақы")
    assert reply.text.startswith("💰 Санаттар бойынша жалақы")
    assert reply.labels[0] == ["A — Президент Әкімшілігі"]


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("ru", "зарплата", "Зарплату какой должности показать?"),
    ("ru", "сколько платят?", "Зарплату какой должности показать?"),
    ("kk", "жалақы қандай", "Қай лауазымның жалақысын көрсетейін?"),
])
async def test_salary_words_alone_open_the_picker(env, lang, text, start):
    chat = env.chat(lang)
    [reply] = await chat.send(text)
    assert reply.text.startswith(start)
    assert len(await every_row(chat)) == 12  # ten groups, the explainer, home


async def test_a_position_not_in_the_register_gets_an_honest_not_found(chat):
    [reply] = await chat.send("сколько получает космонавт")
    assert reply.text.startswith("Не нашёл в реестре должность «космонавт».")
    assert "₸" not in reply.text
    assert reply.labels == [["📋 Зарплата по категориям"], ["⬅️ Главное меню"]]


async def test_not_found_offers_the_closest_positions(chat):
    # typed as a question, "референта банка" spells the register's "Референт" in full and gets its pay; the
    # command searches the words as they are
    [reply] = await chat.send("/salary референта банка")
    assert "Может быть, вы имели в виду" in reply.text
    assert ["💰 Референт"] in reply.labels
    [answer] = await chat.press("💰 Референт")
    assert A4_RANGE in answer.text


async def test_kazakh_not_found(chat_kk):
    [reply] = await chat_kk.send("ғарышкердің жалақысы қанша")
    assert reply.text.startswith("Тізілімнен «ғарышкердің» деген лауазымды таппадым.")


async def test_a_code_that_is_not_in_the_register(chat):
    [reply] = await chat.send("зарплата D-9")
    assert reply.text.startswith("Категории D-9 в реестре нет.")


async def test_a_body_without_a_position_asks_for_the_position(chat):
    [reply] = await chat.send("зарплата в акимате")
    assert reply.text.startswith("Не нашёл в вопросе должность из реестра.")
    assert reply.labels[0] == ["A — Администрация Президента"]


async def test_a_forged_or_outdated_salary_button_is_refused_politely(env, chat):
    await chat.send("/salary")
    for data in ("sal:cat:Z-9", "sal:group:Q", "sal:pos:A-4.9"):
        assert await chat.press_data(data) == []
    answers = [r.text for r in env.session.requests if type(r).__name__ == "AnswerCallbackQuery"]
    assert answers[-3:] == ["Эта кнопка устарела."] * 3


async def test_every_category_answer_fits_a_telegram_message_in_both_languages(env):
    chats = {"ru": env.chat("ru", 2001), "kk": env.chat("kk", 2002)}
    for lang, chat in chats.items():
        await chat.send("/salary")
        for category in load_register().categories:
            [reply] = await chat.press_data(f"sal:cat:{category.code}")
            assert len(reply.html) <= 4096, (lang, category.code)
            has_range = load_salaries().range_for(category.code) is not None
            assert ("₸ в месяц —" in reply.text or "айына" in reply.text) == has_range, category.code


async def test_opening_the_picker_from_an_answer_keeps_the_answer(chat):
    await chat.send("зарплата A-4")
    answer = await details(chat)
    [picker] = await chat.press("📋 Зарплата по категориям")
    assert not picker.edited and picker.message_id != answer.message_id
    assert picker.text.startswith("💰 Зарплата по категориям")


def test_every_position_answer_fits_a_telegram_message_in_both_languages():
    from bot.i18n import default_i18n
    from bot.runtime.console import visible_text
    from bot.salary import load_salaries
    from handlers.views.salary import PayOf, position_answer

    register, book = load_register(), load_salaries()
    names = {p.name.ru: tuple(s.category_code for s in register.same_name(p.id))
             for c in register.categories for p in c.positions}
    for lang in ("ru", "kk"):
        t = default_i18n()(lang)
        for name, codes in names.items():
            text = position_answer(t, register, book, [PayOf(name, name, codes)])
            assert len(text) <= 4096 and visible_text(text), name
        # the longest case: three matches at once
        widest = sorted(names.items(), key=lambda item: -len(item[1]))[:3]
        assert len(position_answer(t, register, book, [PayOf(n, n, c) for n, c in widest])) <= 4096


@pytest.mark.parametrize(
    ("lang", "title", "pay", "back", "group_title"),
    [("ru", "💰 Категория A-1 — Администрация Президента", "Зарплата: ", "◀️ К группе A", "Группа A"),
     ("kk", "💰 A-1 санаты — Президент Әкімшілігі", "Жалақы: айына ", "◀️ A тобына", "A тобы")],
)
async def test_a_picked_category_says_its_pay_once_and_leads_back_to_its_group(env, lang, title, pay, back,
                                                                               group_title):
    chat = env.chat(lang)
    await chat.send("/salary")
    await chat.press(load_register().group("A").label(lang))  # group A
    [card] = await chat.press("A-1")
    assert card.text.startswith(title)
    assert pay in card.text and "• A-1" not in card.text
    assert card.labels[0] == [back]
    [group] = await chat.press(back)
    assert not group.edited and group.text.startswith(group_title)  # a new message: the card stays above
    assert ["A-1", "A-2", "A-3"] in group.labels


@pytest.mark.parametrize(
    ("lang", "typed", "head", "no_pay", "group"),
    [("ru", "зарплата руководителя аппарата акима области",
      "💰 Руководитель аппарата акима области — в реестре административных должностей такой должности нет.",
      "зарплаты этой должности в данных бота нет", "D — Аким и маслихат области"),
     ("kk", "облыс әкімі аппаратының басшысының жалақысы",
      "💰 Облыс әкімі аппаратының басшысы — әкімшілік мемлекеттік лауазымдар тізілімінде мұндай лауазым жоқ.",
      "бот деректерінде бұл лауазымның жалақысы жоқ", "D — Облыс әкімі мен мәслихаты")],
)
async def test_the_pay_of_a_post_the_register_excepts_says_so_with_the_source(env, lang, typed, head, no_pay, group):
    chat = env.chat(lang)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(head)
    assert ("«за исключением аппарата акима области»" if lang == "ru" else "«облыс әкімінің аппаратын қоспағанда»"
            ) in reply.text
    assert no_pay in reply.text and "№ 501" in reply.text and "№ 150" in reply.text  # the register's source
    assert "Не нашёл" not in reply.text and "таппадым" not in reply.text
    assert await env.feedback.misses.top() == []  # an answer, not a miss
    assert (await env.feedback.counts.totals()).get("salary") == 1
    [listing] = await chat.press(group)
    assert "D-1" in listing.text and no_pay not in listing.text


@pytest.mark.parametrize(
    ("lang", "typed", "lead", "excepted"),
    [("ru", "зарплата в аппарате акима области", "Должность в вопросе не названа — вот категории группы D.",
      "Руководитель аппарата акима области — в реестре административных должностей такой должности нет."),
     ("kk", "облыс әкімі аппаратының жалақысы", "Сұрақта лауазым аталмаған — міне, D тобының санаттары.",
      "Облыс әкімі аппаратының басшысы — әкімшілік мемлекеттік лауазымдар тізілімінде мұндай лауазым жоқ.")],
)
async def test_the_oblast_akims_apparatus_named_alone_gets_its_groups_categories_and_the_exception(
        env, lang, typed, lead, excepted):
    [reply] = await env.chat(lang).send(typed)
    assert reply.text.startswith(lead)
    assert excepted in reply.text and "№ 501" in reply.text
    assert ["D-1", "D-2", "D-3"] in reply.labels


@pytest.mark.parametrize(("lang", "typed", "title"), [
    ("ru", "повысят ли зарплату госслужащим", "Как формируется зарплата госслужащего"),
    ("ru", "зарплата госслужащих", "Как формируется зарплата госслужащего"),
    ("ru", "Сколько платят госслужащим?", "Как формируется зарплата госслужащего"),
    ("kk", "мемлекеттік қызметшілердің жалақысы көтеріле ме", "Мемлекеттік қызметшінің жалақысы қалай қалыптасады"),
    ("kk", "мемлекеттік қызметшінің айлығы қанша", "Мемлекеттік қызметшінің жалақысы қалай қалыптасады"),
])
async def test_pay_of_civil_servants_in_general_gets_what_it_depends_on_and_the_raises(env, lang, typed, title):
    chat = env.chat(lang, 7351)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(("💰 Зарплата госслужащих", "💰 Мемлекеттік қызметшілердің жалақысы"))
    assert re.search(r"16\s%", reply.text)  # the 2026 raise, dated
    assert {"ru": "март 2026 г.", "kk": "2026 жылғы наурыз"}[lang] in reply.text
    [whole] = await chat.press("❓ Как формируется зарплата?" if lang == "ru" else "❓ Жалақы қалай қалыптасады?")
    assert whole.text.startswith(title)


@pytest.mark.parametrize(("lang", "label", "full"), [
    ("ru", "C-O — Центр. органы в области", "Межрегиональные и областные подразделения центральных органов"),
    ("kk", "E-G — Ауыл, кент әкімі", "Аудандық маңызы бар қала, кент, ауыл әкімінің аппараты"),
])
async def test_the_picker_names_groups_briefly_and_the_group_in_full(env, lang, label, full):
    # the full titles (up to 67 characters) were cut on a phone's button; the message still says them in full
    chat = env.chat(lang)
    await chat.send("/salary")
    assert all(len(row[0]) <= 32 for row in await every_row(chat))
    [group] = await press_shown(chat, label)
    assert full in group.text
