"""Conversations with the real dispatcher and an offline Bot API: greeting, language, cancel, fallbacks."""

import pytest
from aiogram import methods
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Sticker

import handlers.common
from tests.conftest import label, start_env

RU_MENU_FIRST = "🔎 Должности и категории"
KK_MENU_FIRST = "🔎 Лауазымдар мен санаттар"


async def test_start_greets_in_two_lines_and_shows_the_menu(chat):
    [reply] = await chat.send("/start")
    assert reply.text.startswith("Здравствуйте, Айгерим!")
    assert reply.labels[0] == [RU_MENU_FIRST]
    assert ["🌐 Қазақ тілі"] in reply.labels


async def test_a_kazakh_client_is_answered_in_kazakh(chat_kk):
    [reply] = await chat_kk.send("/start")
    assert reply.text.startswith("Сәлеметсіз бе, Айгерим!")
    assert reply.labels[0] == [KK_MENU_FIRST]


async def test_user_name_is_escaped(env):
    chat = env.chat()
    chat.first_name = "<b>Хакер</b>"
    [reply] = await chat.send("/start")
    assert "<b>Хакер</b>" in reply.text  # shown literally, not as markup
    assert "&lt;b&gt;" in reply.html


async def test_language_switch_persists_across_a_restart(env, tmp_path):
    chat = env.chat("ru")
    await chat.send("/language")
    [reply] = await chat.press("🇰🇿 Қазақша")
    assert reply.text.startswith("Дайын, енді қазақша сөйлеймін.")
    scoped = env.session.of_type(methods.SetMyCommands)[-1]
    assert scoped.scope.chat_id == chat.user_id and scoped.commands[0].description == "Басты мәзір"
    await env.db.close()
    restarted = await start_env(env.settings.database_path)
    [reply] = await restarted.chat("ru").send("/help")
    assert reply.text.startswith("Не істей аламын")
    await restarted.db.close()


async def test_greeting_text_opens_the_menu(chat_kk):
    [reply] = await chat_kk.send("Сәлеметсіз бе!")
    assert reply.labels[0] == [KK_MENU_FIRST]


@pytest.mark.parametrize("text", ["салем", "privet"])
async def test_greetings_typed_without_kazakh_letters_or_in_latin_open_the_menu(chat_kk, text):
    [reply] = await chat_kk.send(text)
    assert reply.labels[0] == [KK_MENU_FIRST]


@pytest.mark.parametrize("text", ["Спасибо!", "спс", "Благодарю", "рахмет", "Рақмет!", "spasibo"])
async def test_thanks_get_a_short_reply_and_the_menu_not_the_greeting(chat, chat_kk, text):
    [reply] = await chat.send(text)
    assert reply.text == label("ru", "thanks-reply")  # one word said in both languages: no offer to switch
    assert reply.labels[0] == [RU_MENU_FIRST]
    [reply] = await chat_kk.send(text)
    assert reply.text == label("kk", "thanks-reply")
    assert reply.labels[0] == [KK_MENU_FIRST]


@pytest.mark.parametrize("text", ["что ты умеешь?", "Помощь", "help", "как пользоваться", "не істей аласың?",
                                  "Көмек", "комек", "ботты қалай пайдалануға болады"])
async def test_asking_for_help_in_words_gets_the_help(chat, chat_kk, text):
    [reply] = await chat.send(text)
    assert reply.text.startswith("Что я умею")
    [reply] = await chat_kk.send(text)
    assert reply.text.startswith("Не істей аламын")
    assert reply.labels[0] == [KK_MENU_FIRST]


@pytest.mark.parametrize("text", ["помощник акима", "көмекші", "әкімнің көмекшісі"])
async def test_assistants_are_still_a_position_search(chat_kk, text):
    [reply] = await chat_kk.send(text)
    assert not reply.text.startswith("Не істей аламын") and "көмекші" in reply.text.lower()


async def test_cancel_with_and_without_a_flow(env, chat):
    [reply] = await chat.send("/cancel")
    assert reply.text.startswith("Сейчас нет начатого диалога")
    key_state = env.dp.fsm.get_context(env.bot, chat.user_id, chat.user_id)
    await key_state.set_state("Some:step")
    [reply] = await chat.send("/cancel")
    assert reply.text.startswith("Хорошо, вышли из диалога")
    assert await key_state.get_state() is None


async def test_a_sticker_gets_a_hint_not_silence(chat):
    sticker = Sticker(file_id="x", file_unique_id="y", type="regular", width=1, height=1, is_animated=False,
                      is_video=False)
    [reply] = await chat.send_message(sticker=sticker)
    assert "только текст" in reply.text
    assert reply.labels[0] == [RU_MENU_FIRST]


async def test_forged_button_data_gets_a_polite_restart(chat):
    await chat.send("/start")
    [reply] = await chat.press_data("zz:garbage:" + "x" * 40)
    assert "кнопка уже не работает" in reply.text
    assert chat.session.notices[-1] == "Эта кнопка устарела."


@pytest.mark.parametrize(("lang", "apology", "home"), [
    ("kk", "Кешіріңіз, біздің тарапта қате орын алды", "⬅️ Басты мәзір"),
    ("ru", "Простите, что-то пошло не так", "⬅️ Главное меню"),
])
async def test_an_exception_in_a_handler_becomes_an_apology_that_leads_home(env, monkeypatch, lang, apology, home):
    def broken(_t):
        raise RuntimeError("boom")

    monkeypatch.setattr(handlers.common, "main_menu", broken)
    [reply] = await env.chat(lang, 7401).send("/help")
    assert reply.text.startswith(apology)
    assert reply.labels == [[home]]  # the apology is not a dead end either


async def test_forget_deletes_the_chosen_language(env):
    chat = env.chat("ru")
    await chat.send("/language")
    await chat.press("🇰🇿 Қазақша")
    [reply] = await chat.send("/forget")
    assert reply.text.startswith("Бот сіз туралы")
    [reply] = await chat.press("🗑 Иә, өшіру")
    assert reply.edited and reply.text.startswith("Дайын: бот сіз туралы")
    [reply] = await chat.send("/start")
    assert reply.text.startswith("Здравствуйте")  # back to the client's language


async def test_keeping_the_data_leads_back_to_the_menu(chat_kk):
    await chat_kk.send("/forget")
    [reply] = await chat_kk.press("Жоқ, қалсын")
    assert reply.edited and reply.text == "Жарайды, ештеңе өшірілген жоқ."
    assert reply.labels[0] == [KK_MENU_FIRST]


async def test_startup_registers_commands_and_descriptions_in_both_languages(env):
    env.session.fail_next(methods.SetMyDescription, TelegramBadRequest(methods.SetMyDescription(), "nope"))
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    commands = {c.language_code: c.commands for c in env.session.of_type(methods.SetMyCommands)}
    assert set(commands) == {None, "ru", "kk"}
    assert commands["kk"][0].command == "start" and commands["kk"][0].description == "Басты мәзір"
    assert commands["ru"][0].description == "Главное меню"
    descriptions = {d.language_code for d in env.session.of_type(methods.SetMyShortDescription)}
    assert descriptions == {None, "ru", "kk"}


async def test_unknown_text_gets_the_fallback_hint(chat):
    replies = await chat.send("   ")
    assert replies and "пустое" in replies[0].text


async def test_an_escaped_entity_in_a_name_is_shown_as_typed(env):
    chat = env.chat()
    chat.first_name = "Tom &amp; Jerry"
    [reply] = await chat.send("/start")
    assert "Tom &amp; Jerry" in reply.text  # decoded once, as Telegram shows it


HOME = {"ru": "⬅️ Главное меню", "kk": "⬅️ Басты мәзір"}


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_the_language_picker_leads_home_too(env, lang):
    chat = env.chat(lang)
    [reply] = await chat.send("/language")
    assert reply.labels == [["🇰🇿 Қазақша", "🇷🇺 Русский"], [HOME[lang]]]
    [menu] = await chat.press(HOME[lang])
    assert menu.labels[0] == [RU_MENU_FIRST if lang == "ru" else KK_MENU_FIRST]


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_after_forgetting_the_user_can_go_on_from_the_main_menu(env, lang):
    chat = env.chat(lang)
    await chat.send("/forget")
    [reply] = await chat.press(label(lang, "forget-yes"))
    assert reply.edited and reply.labels == [[HOME[lang]]]
    [menu] = await chat.press(HOME[lang])
    assert menu.labels[0] == [RU_MENU_FIRST if lang == "ru" else KK_MENU_FIRST]


@pytest.mark.parametrize(("lang", "typed"), [
    ("ru", "ок"), ("ru", "понятно спасибо"), ("ru", "да"), ("kk", "жақсы"), ("kk", "тусиникти"), ("kk", "жоқ"),
])
async def test_a_short_acknowledgement_is_not_a_failed_search(env, lang, typed):
    [reply] = await env.chat(lang, 7331).send(typed)
    assert reply.text == label(lang, "thanks-reply")
    assert "не нашёл" not in reply.text and "табылмады" not in reply.text
    assert len(reply.labels) == 5  # the main menu


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_main_menu_labels_fit_a_phone(env, lang):
    # Telegram cuts a label that does not fit its button: half a phone row shows about 18 characters
    [reply] = await env.chat(lang, 7332).send("/start")
    for row in reply.labels:
        assert all(len(label) <= (18 if len(row) > 1 else 36) for label in row), row
    assert (["💰 Зарплаты", "✅ Поступление"] if lang == "ru" else ["💰 Жалақы", "✅ Қызметке түсу"]) in reply.labels


@pytest.mark.parametrize(("lang", "yes", "done"), [("ru", "🗑 Да, удалить", "Готово"), ("kk", "🗑 Иә, өшіру", "Дайын")])
async def test_an_old_forget_confirmation_that_can_no_longer_be_edited_still_answers(env, lang, yes, done):
    chat = env.chat(lang, 7333)
    await chat.send("/forget")
    env.session.fail_next(methods.EditMessageText,
                          TelegramBadRequest(methods.EditMessageText(text=""), "message to edit not found"))
    [reply] = await chat.press(yes)
    assert reply.text.startswith(done) and not reply.edited


@pytest.mark.parametrize(("lang", "button", "now", "menu_first"), [
    ("ru", "🌐 Қазақ тілі", "Дайын, енді қазақша сөйлеймін.", KK_MENU_FIRST),
    ("kk", "🌐 Русский язык", "Готово, теперь я говорю по-русски.", RU_MENU_FIRST),
])
async def test_the_menus_language_button_switches_at_once_and_it_sticks(env, lang, button, now, menu_first):
    chat = env.chat(lang, user_id=5150)
    await chat.send("/start")
    [reply] = await chat.press(button)
    assert reply.text.startswith(now) and reply.labels[0] == [menu_first]
    [again] = await chat.send("/help")
    assert again.text.startswith("Не істей аламын" if lang == "ru" else "Что я умею")


async def test_an_old_menus_language_button_still_opens_the_picker(chat):
    await chat.send("/start")
    [picker] = await chat.press_data("m:language", chat.last_with_buttons.message_id)
    assert picker.labels[0] == ["🇰🇿 Қазақша", "🇷🇺 Русский"]


@pytest.mark.parametrize(("lang", "said"), [("ru", "Команды /zarplata нет"), ("kk", "/zarplata деген команда жоқ")])
async def test_an_unknown_command_is_said_to_be_one(env, lang, said):
    """"/zarplata" was answered "Не совсем понял вопрос. Напишите название должности…", as if it were a question."""
    chat = env.chat(lang, 7451)
    [reply] = await chat.send("/zarplata")
    assert said in reply.text and "/help" in reply.text
    [slash] = await chat.send("/")  # a bare slash is no command
    assert slash.html == label(lang, "fallback-text")


@pytest.mark.parametrize(("lang", "title"), [("ru", "Об акимате"), ("kk", "Әкімдік туралы")])
async def test_the_akimat_section_has_its_command_like_the_others(env, lang, title):
    """Four of the main menu's five sections had a command; /akimat got "Не совсем понял вопрос"."""
    chat = env.chat(lang, 7452)
    [reply] = await chat.send("/akimat")
    assert reply.text.startswith(title)
    [help_reply] = await chat.send("/help")
    assert "/akimat" in help_reply.text


@pytest.mark.parametrize(("lang", "button", "notice"), [("ru", "🇷🇺 Русский", "Я уже говорю по-русски."),
                                                      ("kk", "🇰🇿 Қазақша", "Мен онсыз да қазақша сөйлеймін.")])
async def test_choosing_the_language_already_spoken_says_so(env, lang, button, notice):
    """"🇷🇺 Русский" pressed by a user already answered in Russian got "Готово, теперь я говорю по-русски.", as if
    something had changed: the notice says nothing did, and the menu follows."""
    chat = env.chat(lang, 7453)
    await chat.send("/language")
    [reply] = await chat.press(button)
    assert chat.toast == notice
    assert reply.text == label(lang, "menu-title") and reply.buttons
