"""The bot as shipped (``python -m bot``), long-polling a Bot API emulator over real HTTP.

Conversations in Russian and Kazakh, as a user sees them: what they type or press, what comes back.
"""

from __future__ import annotations

import threading

import pytest

from bot.i18n import default_i18n
from bot.runtime.console import visible_text
from tests.e2e.conftest import TOKEN, Stack
from tests.e2e.telegram_user import post_json

pytestmark = pytest.mark.e2e
I18N = default_i18n()


def shown(lang: str, key: str, **args: str) -> str:
    """A locale text as the user sees it on screen."""
    return visible_text(I18N(lang)(key, **args))


def menu(lang: str) -> list[str]:
    return [shown(lang, f"menu-{item}") for item in ("positions", "salary", "admission", "complaint", "akimat",
                                                      "language")]


@pytest.mark.parametrize(("lang", "name", "hello"), [("ru", "Айгерим", "Здравствуйте, Айгерим!"),
                                                     ("kk", "Асқар", "Сәлеметсіз бе, Асқар!")])
def test_start_greets_in_the_phone_s_language_with_the_main_menu(
        polling_stack: Stack, lang: str, name: str, hello: str) -> None:
    user = polling_stack.user(lang, first_name=name)
    [reply] = user.send("/start")
    assert reply.text.startswith(hello)
    assert reply.labels == menu(lang)


def test_a_russian_user_switches_to_kazakh_by_buttons_and_it_sticks(polling_stack: Stack) -> None:
    user = polling_stack.user("ru")
    user.send("/start")
    [done] = user.press(shown("ru", "menu-language"))  # "🌐 Қазақ тілі" switches at once
    assert done.text.startswith(shown("kk", "language-set"))
    assert done.labels == menu("kk")
    [again] = user.send("/start")
    assert again.text.startswith("Сәлеметсіз бе")
    scoped = [call for call in polling_stack.proxy.calls_of("setMyCommands")
              if str(user.chat_id) in str(call.params.get("scope"))]
    assert scoped, "the command menu follows the chosen language"
    assert scoped[-1].params["commands"][0]["description"] == I18N("kk")("cmd-start")


def test_a_kazakh_user_switches_to_russian_with_the_language_command(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    [choose] = user.send("/language")
    assert choose.labels == ["🇰🇿 Қазақша", "🇷🇺 Русский", shown("kk", "menu-back")]
    [done] = user.press("🇷🇺 Русский")
    assert done.text.startswith(shown("ru", "language-set"))
    [helped] = user.send("/help")
    assert helped.text.startswith("Что я умею")


def test_forget_asks_first_then_edits_the_question_into_the_answer(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    [question] = user.send("/forget")
    assert question.labels == [shown("kk", "forget-yes"), shown("kk", "forget-no")]
    [answer] = user.press(shown("kk", "forget-yes"))
    assert answer.message_id == question.message_id, "the question is edited in place"
    assert answer.text == shown("kk", "forget-done")
    assert answer.labels == [shown("kk", "menu-back")]  # the way on


def test_a_button_from_an_old_message_gets_a_fresh_menu(polling_stack: Stack) -> None:
    user = polling_stack.user("ru")
    [menu_message] = user.send("/start")
    forged = {"botToken": TOKEN, "from": user.user, "data": "m:no-such-item",
              "message": {"message_id": menu_message.message_id, "chat": user.chat}}
    before = {m.message_id: m for m in user.messages()}
    post_json(f"{polling_stack.emulator.url}/sendCallback", forged)
    [reply] = user.wait_replies(before)
    assert reply.text.startswith(shown("ru", "fallback-stale-message"))
    assert reply.labels == menu("ru")


def test_a_russian_search_lists_categories_and_a_button_opens_one_in_place(polling_stack: Stack) -> None:
    user = polling_stack.user("ru")
    [found] = user.send("главный специалист")
    assert found.text.startswith("Главный специалист\nКатегории и органы:")
    assert "• E-G-3 — " in found.text
    assert "Указ Президента РК от 29.12.2015 № 150" in found.text, "the answer names its source"
    [card] = user.press("E-G-3", on=user.turn_to("E-G-3", found))
    assert card.message_id == found.message_id, "the card replaces the list in place"
    assert card.text.startswith("Категория E-G-3\nОрган: Аппараты акимов городов районного значения")
    assert "◀️ E-G-2" in card.labels and "E-G-4 ▶️" in card.labels


def test_a_kazakh_search_answers_in_kazakh(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    [found] = user.send("аудан әкімдігінің бас маманы")
    assert found.text.startswith("Бас маман\nСанаттар мен органдар:")
    assert "• E-4 — Аудан әкімінің аппараты" in found.text
    assert "E-4" in found.labels


def test_a_category_code_typed_in_cyrillic_opens_its_card(polling_stack: Stack) -> None:
    [card] = polling_stack.user("ru").send("Д-О-4")
    assert card.text.startswith("Категория D-O-4")
    assert "• Главный специалист" in card.text


def test_what_the_user_typed_comes_back_escaped_never_as_markup(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    typed = "<b>qwzx</b> & <a href='x'>vbnm</a>"
    [reply] = user.send(f"/positions {typed}")  # a search names what it did not find (a question is not echoed)
    assert typed in reply.text, "shown literally"
    assert "<b>qwzx</b>" not in reply.html and "&lt;b&gt;" in reply.html


def test_users_writing_at_the_same_time_each_get_their_own_answer(polling_stack: Stack) -> None:
    names = ["Әлия", "Ерлан", "Дана", "Нұрлан", "Мадина", "Тимур"]
    users = [polling_stack.user("kk" if i % 2 else "ru", first_name=name) for i, name in enumerate(names)]
    replies: dict[str, str] = {}

    def chat(user_index: int) -> None:
        [reply] = users[user_index].send("/start")
        replies[names[user_index]] = reply.text

    threads = [threading.Thread(target=chat, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(replies) == sorted(names)
    for name, text in replies.items():
        assert f", {name}!" in text.splitlines()[0]


def test_the_startup_menu_of_commands_is_registered_in_both_languages(polling_stack: Stack) -> None:
    languages = {call.params.get("language_code") for call in polling_stack.proxy.calls_of("setMyCommands")}
    assert {None, "ru", "kk"} <= languages


def test_the_token_never_reaches_the_log(polling_stack: Stack) -> None:
    polling_stack.user("ru").send("/start")
    secret = TOKEN.partition(":")[2]
    log = polling_stack.bot.log()
    assert "Run polling" in log or "Start polling" in log
    assert secret not in log


ALL_CLEAR = (("citizenship", "kz"), ("age", "adult"), ("education", "match"), ("restrictions", "none"),
             ("dismissal", "none"), ("status", "none"), ("checks", "ready"), ("side_work", "none"),
             ("relatives", "none"))


def test_the_admission_walkthrough_reaches_a_verdict_and_the_route_in_russian(polling_stack: Stack) -> None:
    user = polling_stack.user("ru")
    [question] = user.send("/admission")
    assert "Вопрос 1 " in question.text
    assert shown("ru", "admission-q-citizenship") in question.text
    for step, option in ALL_CLEAR:
        [question] = user.press(shown("ru", f"admission-opt-{step}-{option}"), on=question)
    verdict = question
    assert "✅" in verdict.text
    assert len(user.messages()) == 1, "every answer edited the same message"
    [route] = user.press(shown("ru", "admission-show-route"), on=verdict)
    assert route.message_id == verdict.message_id
    assert "E-qyzmet" in route.text and "Источники:" in route.text


def test_the_admission_walkthrough_stops_early_with_a_reason_in_kazakh(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    [question] = user.send("/admission")
    assert "1-сұрақ " in question.text
    user.press(shown("kk", "admission-opt-citizenship-kz"), on=question)
    [verdict] = user.press(shown("kk", "admission-opt-age-minor"))
    assert "⛔" in verdict.text
    assert shown("kk", "admission-stopped-early") in verdict.text
    assert "Дереккөздер: [1] " in verdict.text  # the rule's act and the law in force now, one line
    assert verdict.labels[-1] == shown("kk", "menu-back")


def test_the_complaint_guide_in_kazakh_gives_deadlines_with_their_sources(polling_stack: Stack) -> None:
    user = polling_stack.user("kk")
    [guide] = user.send("/complaint")
    assert "ештеңе тапсырмайды" in guide.text, "the bot says it files nothing itself"
    [deadlines] = user.press("Жауап мерзімі", on=guide)
    assert "15 жұмыс күні" in deadlines.text and "76-бап" in deadlines.text
    assert "Дереккөздер:" in deadlines.text  # one line for the answer's sources


def test_the_complaint_guide_from_the_russian_menu_says_what_to_do_without_an_answer(
        polling_stack: Stack) -> None:
    user = polling_stack.user("ru")
    [menu_message] = user.send("/start")
    [guide] = user.press(shown("ru", "menu-complaint"), on=menu_message)
    [next_steps] = user.press("Если не ответили", on=guide)
    # APPC art. 91 p.3-4: filed with the same akimat, considered by the higher body (facts.md §6)
    assert "подайте жалобу в тот же акимат" in next_steps.text and "вышестоящий орган" in next_steps.text
    assert "ст. 91" in next_steps.text


def test_salary_questions_are_answered_with_year_and_source(polling_stack: Stack) -> None:
    [ru] = polling_stack.user("ru").send("Сколько получает референт?")
    assert "A-4 (Администрация Президента)" in ru.text and "данные на 2021 год" in ru.text
    assert "02.10.2024" in ru.text
    [kk] = polling_stack.user("kk").send("A-4 жалақысы")
    assert kk.text.startswith("💰 A-4 санаты — Президент Әкімшілігі")
    assert "2021 жылғы деректер" in kk.text and "02.10.2024" in kk.text
