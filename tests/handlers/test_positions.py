"""Conversations about positions: search by name or code, category cards, browsing, akimat overview."""

from __future__ import annotations

import pytest

from bot.register import load_register
from handlers.callbacks import PosCb
from tests.conftest import every_row, label, press_shown


async def test_name_in_several_categories_is_one_message_with_a_button_each(chat):
    [reply] = await chat.send("главный специалист")
    assert reply.text.startswith("Главный специалист\nКатегории и органы:")
    for code in ("C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3"):
        assert f"• {code} — " in reply.text
    assert ("• E-4 — Аппарат акима района, аппарат маслихата района (к районам приравниваются города областного "
            "значения и районы в городах)\n") in reply.text
    assert (await every_row(chat))[:2] == [["C-O-5", "C-R-4", "D-4", "D-O-4"], ["E-4", "E-R-4", "E-G-3"]]
    assert "Указ Президента РК от 29.12.2015 № 150" in reply.text
    assert "https://adilet.zan.kz/rus/docs/U1500000150" in reply.links


async def test_kazakh_user_gets_kazakh_names_and_bodies(chat_kk):
    [reply] = await chat_kk.send("аудан әкімдігінің бас маманы")
    assert reply.text.startswith("Бас маман\nСанаттар мен органдар:")
    assert ("• E-4 — Аудан әкімінің аппараты, аудандық мәслихат аппараты (аудандарға облыстық маңызы бар қалалар "
            "мен қалалардағы аудандар теңестіріледі)\n") in reply.text
    assert "D-4" not in reply.text
    assert reply.labels[0] == ["E-4", "E-R-4"]


@pytest.mark.parametrize("typed", ["ауылдык округ акимынын орынбасары", "ауылдык округ акимiнiн орынбасары"])
async def test_kazakh_typed_on_a_russian_keyboard_finds_the_position(chat, chat_kk, typed):
    # ы or a Latin i where Kazakh has і, н for ң: found like "ауылдық округ әкімінің орынбасары"
    [reply] = await chat_kk.send(typed)
    assert reply.text.startswith("Әкімнің орынбасары\nСанаттар мен органдар:\n• E-G-1 — ")
    [reply] = await chat.send(typed)
    assert reply.text.startswith("Заместитель акима\nКатегории и органы:\n• E-G-1 — ")


async def test_pressing_a_category_edits_the_card_in_place(chat):
    [card] = await chat.send("главный специалист акима села")
    assert card.labels[0] == ["E-G-3"]
    [edited] = await chat.press("E-G-3")
    assert edited.edited and edited.message_id == card.message_id
    assert edited.text.startswith("Категория E-G-3\nОрган: Аппараты акимов городов районного значения")
    assert "Уровень: Город районного значения, посёлок, аул (село)" in edited.text
    assert edited.labels[0] == ["◀️ E-G-2", "E-G-4 ▶️"]


@pytest.mark.parametrize("typed", ["Д-О-4", "do4", "категория D O 4"])
async def test_a_code_in_any_alphabet_opens_the_category_card(chat, typed):
    [reply] = await chat.send(typed)
    assert reply.text.startswith("Категория D-O-4")
    assert "• Главный специалист" in reply.text
    assert reply.labels[0] == ["◀️ D-O-3", "D-O-5 ▶️"]
    assert reply.labels[1] == ["⬆️ Группа D-O", "💰 Зарплата"]


@pytest.mark.parametrize("typed", ["а Е-Г-3?", "а E-G-3?", "Е-Г-3 ше", "ал Е-Ғ-3 ше?"])
async def test_a_code_asked_about_with_a_particle_opens_the_category_card(chat, chat_kk, typed):
    # "and what about E-G-3?" in Russian and Kazakh: the particle is no part of the code
    [reply] = await chat.send(typed)
    assert reply.text.startswith("Категория E-G-3")
    [reply] = await chat_kk.send(typed)
    assert reply.text.startswith("E-G-3 санаты")


async def test_neighbour_buttons_walk_the_register(chat):
    await chat.send("A-1")
    [reply] = await chat.press("A-2 ▶️")
    assert reply.text.startswith("Категория A-2") and "• Инспектор\n• Консультант" in reply.text
    assert reply.labels[0] == ["◀️ A-1", "A-3 ▶️"]
    [reply] = await chat.press("⬆️ Группа A")
    assert reply.text.startswith("Группа A — Администрация Президента")


async def test_positions_command_browses_groups_subgroups_categories_with_back(chat):
    [root] = await chat.send("/positions")
    assert root.text.startswith("Реестр административных государственных должностей\n52 категории")
    [family] = await press_shown(chat, "E — район, город, аул")
    assert family.edited and family.message_id == root.message_id
    assert family.labels[:3] == [[label] for label in (
        "E — Аким и маслихат района",  # short titles on the buttons, the full ones in the text
        "E-R — Районные отделы",
        "E-G — Аким села, аула, посёлка",
    )]
    assert "E-G — Аппарат акима города районного значения, посёлка, аула (села)" in family.text
    [group] = await chat.press("E-R — Районные отделы")
    assert "E-R-3 — Заведующий сектором" in group.text
    [category] = await chat.press("E-R-1")
    assert category.text.startswith("Категория E-R-1") and "• Начальник отдела" in category.text
    [group_again] = await chat.press("⬆️ Группа E-R")
    assert group_again.text == group.text
    [family_again] = await press_shown(chat, "◀️ Назад")
    assert family_again.text == family.text
    [root_again] = await chat.press("◀️ Назад")
    assert root_again.text == root.text and root_again.message_id == root.message_id


async def test_positions_command_with_a_query_searches(chat_kk):
    [reply] = await chat_kk.send("/positions бас маман")
    assert reply.text.startswith("Бас маман\n")


async def test_single_group_family_opens_its_categories_directly(chat_kk):
    await chat_kk.send("/positions")
    [reply] = await chat_kk.press("A — Президент Әкімшілігі")
    assert reply.text.startswith("A тобы — Президент Әкімшілігі")
    assert reply.labels[0] == ["A-1", "A-2", "A-3"]


async def test_headline_question_lists_positions_at_every_akimat_level(chat):
    # the answer first: each level with its groups and codes; a level's posts behind its button
    [reply] = await chat.send("Какие должности есть в акимате?")
    assert reply.text.startswith("Какие должности есть в акимате")
    for heading in ("🏛 Область", "🏛 Район, город обл. значения", "🏛 Село, аул, посёлок"):
        assert f"\n{heading}\n" in reply.text
    assert "E-G — Аким села, аула, посёлка (E-G-1 … E-G-4)" in reply.text
    assert "C-O" not in reply.text and len(reply.text) <= 800
    [level] = await chat.press("🏛 Область")
    assert "D-O-4: Главный специалист" in level.text and "E-G-1" not in level.text
    [every] = await press_shown(chat, "🏛 Все уровни акиматов")
    for heading in ("Область", "Район (а также город областного значения и район в городе)",
                    "Город районного значения, посёлок, аул (село)"):
        assert f"\n{heading}\n" in every.text
    assert "E-G-2: Руководитель структурного подразделения; Помощник акима; Советник акима" in every.text
    assert "C-O-5" not in every.text
    assert len(every.text) < 4096
    [group] = await press_shown(chat, "E-G — Аким села, аула, посёлка")
    assert group.text.startswith("Группа E-G")


async def test_headline_question_for_one_level(chat, chat_kk):
    [reply] = await chat.send("какие должности в акимате района")
    assert "\nРайон (а также город областного значения и район в городе)\n" in reply.text
    assert "D-1" not in reply.text and "E-G-1" not in reply.text
    assert ["🏛 Все уровни акиматов"] in reply.labels
    [reply] = await chat_kk.send("Ауыл әкімдігінде қандай лауазымдар бар?")
    assert reply.text.startswith("Әкімдікте қандай лауазымдар бар")
    assert "E-G-3: Бас маман" in reply.text and "E-4" not in reply.text


async def test_headline_question_in_kazakh(chat_kk):
    [reply] = await chat_kk.send("Әкімдікте қандай лауазымдар бар")
    assert "\n🏛 Облыс\n" in reply.text
    [level] = await chat_kk.press("🏛 Облыс")
    assert "\nОблыс\n" in level.text and "D-O-1: Басқарма басшысы" in level.text


async def test_menu_button_opens_the_register(chat):
    await chat.send("/start")
    [reply] = await chat.press("🔎 Должности и категории")
    assert reply.text.startswith("Реестр административных государственных должностей")
    assert ["🏛 Какие должности есть в акимате"] in await every_row(chat)


@pytest.mark.parametrize(("lang", "question", "button", "level", "browse"), [
    ("ru", "какие должности есть в акимате", "🏛 Какие должности есть в акимате", "🏛 Район, город обл. значения",
     "📚 Весь реестр"),
    ("kk", "әкімдікте қандай лауазымдар бар", "🏛 Әкімдіктегі лауазымдар", "🏛 Аудан, облыстық қала",
     "📚 Бүкіл тізілім")])
async def test_the_registers_akimat_button_shows_the_short_overview_a_question_gets(env, lang, question, button, level,
                                                                                   browse):
    """The register's "🏛 Какие должности есть в акимате" listed every post of every level (1,736 characters) where
    the same question typed gets each level's groups (637) and a button per level."""
    [typed] = await env.chat(lang, 7316).send(question)
    chat = env.chat(lang, 7317)
    await chat.send("/positions")
    [overview] = await press_shown(chat, button)
    assert overview.edited and overview.text == typed.text and len(overview.text) < 800
    assert [browse] in overview.labels
    [district] = await chat.press(level)
    assert "E-R-1" in district.text


async def test_other_similar_names_are_buttons(chat):
    [reply] = await chat.send("помощник акима")
    assert reply.text.startswith("Помощник акима\n")
    assert "Похожие должности:\n• Помощник (по режиму) акима области — D-3\n• Помощник акима района — E-3" in reply.text
    [card] = await chat.press("Помощник акима района")
    assert card.text.startswith("Помощник акима района\n") and card.labels[0] == ["E-3"]


async def test_a_position_missing_from_the_named_body_is_not_invented(chat):
    [reply] = await chat.send("заместитель акима области")
    assert reply.text.startswith("В этом органе должности «заместитель акима области» в реестре нет.")
    assert reply.labels[0] == ["Заместитель акима — E-G-1"]


async def test_gibberish_says_it_was_not_understood_and_offers_the_sections(chat):
    # not "Должность «…» не нашёл": a text that names no post is no failed search
    [reply] = await chat.send("<b>qwzx</b>")
    assert reply.text.startswith(label("ru", "unknown-head"))
    assert "не нашёл" not in reply.text and "<b>qwzx" not in reply.html
    assert reply.labels[0] == ["🔎 Должности и категории"] and len(reply.labels) == 5


@pytest.mark.parametrize(("text", "title"), [("E-G-3 деген не", "E-G-3 санаты"),
                                             ("D-O-4 нені білдіреді", "D-O-4 санаты"),
                                             ("бас маман деген не", "Бас маман"),
                                             ("что значит E-G-3", "E-G-3 санаты"),
                                             ("расшифровка D-O-4", "D-O-4 санаты")])
async def test_what_is_questions_find_the_code_or_position(chat_kk, text, title):
    [reply] = await chat_kk.send(text)
    assert reply.text.startswith(title)


@pytest.mark.parametrize("text", ["главный специалист маслихата", "мәслихаттың бас маманы"])
async def test_a_maslikhat_is_an_oblast_or_district_body_not_a_village_one(chat_kk, text):
    [reply] = await chat_kk.send(text)
    assert reply.labels[0] == ["D-4", "E-4"]  # E-G-3 is a village akim's apparatus: no maslikhat there


@pytest.mark.parametrize("text", ["👍", ".", "???", "🙂🙂", "—"])
async def test_text_without_letters_or_digits_gets_the_menu_not_a_failed_search(chat_kk, text):
    [reply] = await chat_kk.send(text)
    assert reply.text.startswith(label("kk", "unknown-head"))
    assert "табылмады" not in reply.text
    assert reply.labels[0] == ["🔎 Лауазымдар мен санаттар"]


async def test_unknown_code_is_named_with_the_categories_of_its_group(chat, chat_kk):
    [reply] = await chat_kk.send("Е-Г-7")
    assert reply.text.startswith("Тізілімде E-G-7 санаты жоқ. E-G тобында E-G-1 – E-G-4 санаттары бар:")
    rows = await every_row(chat_kk)
    assert rows[:2] == [["E-G-1", "E-G-2", "E-G-3"], ["E-G-4"]]
    assert rows[2] == ["E-G — Ауыл, кент әкімі"]
    for typed in ("D-O-7", "Д-О-7"):  # the D-O group, not the whole D family
        [reply] = await chat.send(typed)
        assert reply.text.startswith("Категории D-O-7 в реестре нет. В группе D-O есть категории с D-O-1 по D-O-6:")
        assert (await every_row(chat))[:3] == [["D-O-1", "D-O-2", "D-O-3"], ["D-O-4", "D-O-5", "D-O-6"],
                                               ["D-O — Областные управления"]]
    [reply] = await chat.send("E-G-0")  # no category 0: still a code
    assert reply.text.startswith("Категории E-G-0 в реестре нет. В группе E-G есть категории с E-G-1 по E-G-4:")
    [edited] = await chat.press("E-G-2")
    assert edited.text.startswith("Категория E-G-2")
    [reply] = await chat.send("D-R-1")  # no such group: the family
    assert reply.text.startswith("Категории D-R-1 в реестре нет.")
    assert reply.labels[0] == ["D — органы области"]


async def test_a_kind_of_post_alone_lists_every_category_with_it(chat, chat_kk):
    [reply] = await chat.send("советник")
    assert reply.text.startswith("Советник\nКатегории и органы:\n• D-3 — Советник акима области\n"
                                 "• E-3 — Советник акима района (к районам приравниваются города областного значения "
                                 "и районы в городах)\n• E-G-2 — Советник акима\n• B-3 — Советник Премьер-Министра; ")
    assert "• C-3 — Советник загранучреждения\n" in reply.text
    assert "Похожие должности" not in reply.text
    assert (await every_row(chat))[:3] == [["D-3", "E-3", "E-G-2", "B-3"], ["B-4", "C-2", "C-3", "C-4"], ["C-5"]]
    [reply] = await chat_kk.send("көмекші")
    assert reply.text.startswith("Көмекші\nСанаттар мен органдар:\n• D-3 — Облыс әкімінің көмекшісі (режим бойынша)\n"
                                 "• E-3 — Аудан әкімінің көмекшісі (")
    assert "• E-G-2 — Әкімнің көмекшісі\n" in reply.text
    [reply] = await chat_kk.send("облыс әкімінің кеңесшісі")  # the body named: that post only
    assert reply.text.startswith("Облыс әкімінің кеңесшісі\nСанаттар мен органдар:\n• D-3 — ")
    assert reply.labels[0] == ["D-3"]


async def test_boss_finds_the_heads_of_offices_and_departments(chat_kk):
    [reply] = await chat_kk.send("бастық")
    assert reply.text.startswith("Басқарма басшысы\nСанаттар мен органдар:")
    assert "• Бөлім басшысы — D-O-3, E-R-1" in reply.text


async def test_callback_data_is_small_ids_only(chat):
    await chat.send("главный специалист")
    for row in chat.last_with_buttons.buttons:
        for button in row:
            if button.url:  # the share link carries no callback data
                continue
            assert len(button.callback_data.encode()) <= 64
            assert "специалист" not in button.callback_data


async def test_stale_register_button_falls_back_to_the_register(chat):
    [card] = await chat.send("D-4")
    [reply] = await chat.press_data(PosCb(view="cat", key="Z-9").pack(), card.message_id)
    assert reply.text.startswith("Реестр административных государственных должностей")


async def test_a_button_on_a_vanished_message_answers_with_a_new_one(chat):
    [reply] = await chat.press_data(PosCb(view="cat", key="E-G-3").pack())
    assert reply.text.startswith("Категория E-G-3") and not reply.edited


async def test_every_category_card_renders_in_both_languages(env):
    from bot.i18n import default_i18n
    from handlers.views.positions import category_view, group_view

    register = load_register()
    for lang in ("ru", "kk"):
        t = default_i18n()(lang)
        for category in register.categories:
            text, _ = category_view(register, category.code, t)
            assert len(text) < 4096 and category.code in text
        for group in register.groups:
            assert len(group_view(register, group.code, t)[0]) < 4096


async def test_a_very_long_message_gets_a_readable_answer(chat):
    [reply] = await chat.send("x" * 4000)
    assert "{???}" not in reply.text
    assert len(reply.text) < 4096


@pytest.mark.parametrize("typed", ["руководитель аппарата акима области", "руководитель аппарата акимата области"])
async def test_the_oblast_akims_apparatus_head_is_not_claimed_as_d1(env, chat, typed):
    # D-1 is "Руководитель аппарата, за исключением аппарата акима области" (seed): say so, do not answer D-1
    [reply] = await chat.send(typed)
    assert reply.text.startswith(
        "Руководитель аппарата акима области — в реестре административных должностей такой должности нет.\n"
        "Категория D-1 — руководитель аппарата «за исключением аппарата акима области».")
    assert "Указ Президента от 29.12.1999 № 317" in reply.text
    assert "Указ Президента РК от 29.12.2015 № 150" in reply.text
    assert "Категории и органы" not in reply.text and "👍 Полезно" not in str(reply.labels)
    # an answer, not a miss: counted as a position question, not logged among the unanswered
    assert await env.feedback.misses.top() == []
    assert (await env.feedback.counts.totals()).get("position") == 1
    [card] = await chat.press("D-1 — Аким и маслихат области")
    assert card.text.startswith("Категория D-1") and "за исключением аппарата акима области" in card.text


@pytest.mark.parametrize("typed", ["облыс әкімі аппаратының басшысы", "облыс акими аппаратынын басшысы"])
async def test_kazakh_user_hears_the_exception_in_kazakh(chat_kk, typed):
    [reply] = await chat_kk.send(typed)
    assert reply.text.startswith(
        "Облыс әкімі аппаратының басшысы — әкімшілік мемлекеттік лауазымдар тізілімінде мұндай лауазым жоқ.\n"
        "D-1 санатына аппарат басшысы «облыс әкімінің аппаратын қоспағанда» жатады.")
    assert "№ 317 Жарлығы" in reply.text
    assert reply.labels[0] == ["D-1 — Облыс әкімі мен мәслихаты"]


async def test_the_oblast_maslikhats_apparatus_head_is_still_d1(chat, chat_kk):
    [reply] = await chat.send("руководитель аппарата маслихата области")
    assert reply.text.startswith("Руководитель аппарата\nКатегории и органы:\n• D-1 — ")
    assert "такой должности нет" not in reply.text
    [reply] = await chat_kk.send("облыстық мәслихат аппаратының басшысы")
    assert reply.text.startswith("Аппарат басшысы\nСанаттар мен органдар:\n• D-1 — ")


async def test_an_akims_apparatus_head_without_a_level_gets_the_district_and_the_exception(chat, chat_kk):
    [reply] = await chat.send("руководитель аппарата акима")
    assert reply.text.startswith("Руководитель аппарата\nКатегории и органы:\n• E-2 — ")
    assert "• D-1" not in reply.text
    assert "Руководитель аппарата акима области — в реестре административных должностей такой должности нет." in (
        reply.text)
    assert reply.labels[0] == ["E-2"]
    [reply] = await chat_kk.send("аппарат басшысы әкім")
    assert reply.text.startswith("Аппарат басшысы\nСанаттар мен органдар:\n• E-2 — ")
    assert "Облыс әкімі аппаратының басшысы — әкімшілік мемлекеттік лауазымдар тізілімінде мұндай лауазым жоқ." in (
        reply.text)


async def test_a_city_user_learns_that_a_district_card_covers_the_city(chat, chat_kk):
    # "қала әкімінің орынбасары": E-G-1, and E-1 for a city of oblast significance, which counts as a district
    [reply] = await chat_kk.send("қала әкімінің орынбасары")
    assert "• Аудан әкімінің орынбасары — E-1" in reply.text
    [card] = await chat_kk.press("Аудан әкімінің орынбасары")
    assert ("• E-1 — Аудан әкімінің аппараты, аудандық мәслихат аппараты (аудандарға облыстық маңызы бар қалалар мен "
            "қалалардағы аудандар теңестіріледі)") in card.text
    [reply] = await chat.send("заместитель акима города")
    [card] = await chat.press("Заместитель акима района")
    assert ("• E-1 — Аппарат акима района, аппарат маслихата района (к районам приравниваются города областного "
            "значения и районы в городах)") in card.text


async def test_a_state_body_named_in_general_still_finds_the_position(chat, chat_kk):
    [reply] = await chat.send("главный эксперт центрального государственного органа")
    assert reply.text.startswith("Главный эксперт\nКатегории и органы:\n• C-5 — Центральные государственные органы")
    assert "B-5" not in reply.text
    [reply] = await chat_kk.send("орталық мемлекеттік органның бас сарапшысы")
    assert reply.text.startswith("Бас сарапшы\nСанаттар мен органдар:\n• C-5 — Орталық мемлекеттік органдар")


@pytest.mark.parametrize(("lang", "typed", "codes"), [
    ("ru", "добрый день ведущий специалист акимата области", ["D-5", "D-O-5"]),
    ("ru", "доброе утро главный специалист акимата района", ["E-4", "E-R-4"]),
    ("kk", "сәлеметсіз бе облыс әкімдігінің жетекші маманы", ["D-5", "D-O-5"]),
    ("kk", "добрый день аудан әкімдігінің бас маманы", ["E-4", "E-R-4"]),
])
async def test_a_greeting_before_the_position_does_not_spoil_the_search(env, lang, typed, codes):
    chat = env.chat(lang, 7311)
    [reply] = await chat.send(typed)
    assert reply.labels[0] == codes


@pytest.mark.parametrize(("lang", "typed", "title"), [
    ("ru", "здравствуйте подскажите пожалуйста сколько получает главный специалист в акимате района у нас в области",
     "💰 Главный специалист — зарплата по категориям"),
    ("ru", "добрый день подскажите зарплата ведущего специалиста акимата области",
     "💰 Ведущий специалист — зарплата по категориям"),
    ("kk", "сәлеметсіз бе аудандық әкімдіктегі бас маман қанша жалақы алады", "💰 Бас маман — санаттар бойынша жалақы"),
    ("kk", "добрый вечер жетекші маманның жалақысы қанша", "💰 Жетекші маман — санаттар бойынша жалақы"),
])
async def test_a_long_polite_salary_question_is_answered(env, lang, typed, title):
    chat = env.chat(lang, 7312)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(title)


@pytest.mark.parametrize(("lang", "pay", "title", "range_"), [
    ("ru", "💰 Зарплата", "💰 Категория A-4", "239 086 – 322 262"),
    ("kk", "💰 Жалақы", "💰 A-4 санаты", "239 086 – 322 262"),
])
async def test_a_category_card_leads_to_its_pay_and_stays(env, lang, pay, title, range_):
    chat = env.chat(lang, 7313)
    [card] = await chat.send("A-4")
    assert pay in card.labels[1]
    [answer] = await chat.press(pay)
    assert not answer.edited  # a new message: the card stays above
    assert answer.text.startswith(title) and range_ in answer.text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(("lang", "pay", "details"), [("ru", "💰 Зарплата", "📋 Подробнее по категориям"),
                                                     ("kk", "💰 Жалақы", "📋 Санаттар бойынша толығырақ")])
async def test_a_cards_pay_button_answers_as_short_as_the_typed_question(env, lang, pay, details):
    """"💰 Зарплата" under the D-O-4 card sent 1,328 characters (four general facts about pay) where "зарплата
    D-O-4" typed gets 510: the same short answer now, the general facts behind its details button."""
    chat = env.chat(lang, 7314)
    await chat.send("D-O-4")
    [answer] = await chat.press(pay)
    [typed] = await env.chat(lang, 7315).send("зарплата D-O-4")
    assert answer.text == typed.text and len(answer.text) < 800
    assert [details] in answer.labels
    [more] = await chat.press(details)
    assert len(more.text) > len(answer.text)


@pytest.mark.parametrize(("lang", "typed", "title", "posts"), [
    ("ru", "специалист аппарата акима сельского округа", "Специалист",
     ["• E-G-3 — Главный специалист", "• E-G-4 — Ведущий специалист"]),
    ("kk", "ауылдық округ әкімі аппаратындағы маман", "Маман",
     ["• E-G-3 — Бас маман", "• E-G-4 — Жетекші маман"]),
])
async def test_a_specialist_of_a_rural_akims_apparatus_gets_its_specialist_posts(env, lang, typed, title, posts):
    # "специалист" alone is D-O-6 (oblast offices), which a rural akim's apparatus does not have: its specialist
    # posts are E-G-3 and E-G-4 (seed: "Аппараты акимов … аулов (сел)", Категория E-G-3, E-G-4)
    chat = env.chat(lang, 7410)
    [reply] = await chat.send(typed)
    assert reply.text.startswith(f"{title}\n")
    for line in posts:
        assert line in reply.text
    assert "D-O-6" not in reply.text
    assert reply.labels[0] == ["E-G-3", "E-G-4"]


@pytest.mark.parametrize(("lang", "typed", "intro", "vintage"), [
    ("ru", "Какие должности есть в акимате",
     "Административные должности в аппаратах акимов и маслихатов и в местных исполнительных органах, по реестру",
     "Источники: реестр по Указу № 501 от 28.12.2007 в статье «Какие должности есть в акимате», 02.10.2024; "
     "Указ Президента РК от 29.12.2015 № 150, 03.12.2026; названия должностей в действующем реестре могли "
     "измениться."),
    ("kk", "Әкімдікте қандай лауазымдар бар",
     "Тізілім бойынша әкімдер мен мәслихаттар аппараттарындағы және жергілікті атқарушы органдардағы",
     "Дереккөздер: «Какие должности есть в акимате» мақаласындағы 28.12.2007 № 501 Жарлық бойынша тізілім "
     "(орыс тілінде), 02.10.2024; ҚР Президентінің 2015 жылғы 29 желтоқсандағы № 150 Жарлығы, 03.12.2026; "
     "қолданыстағы тізілімде лауазым атаулары өзгерген болуы мүмкін."),
])
async def test_the_akimat_overview_keeps_maslikhats_apart_and_says_its_vintage_in_one_line(env, lang, typed, intro,
                                                                                           vintage):
    # facts.md §6: maslikhats are representative bodies, not executive ones; the register's vintage is one
    # line with links, once per card
    chat = env.chat(lang, 9101)
    await chat.send(typed)
    [reply] = await chat.press("🏛 Область" if lang == "ru" else "🏛 Облыс")  # a level's posts
    assert intro in reply.text and "местных исполнительных органов по реестру" not in reply.text
    assert reply.text.endswith(vintage) and reply.text.count(vintage) == 1
    assert reply.links == ["https://rabota-journal.ru/professii/kakie-dolzhnosti-est-v-akimate.html",
                           f"https://adilet.zan.kz/{'rus' if lang == 'ru' else 'kaz'}/docs/U1500000150"]
