"""A conversation, not single questions: a follow-up continues the previous topic for a few minutes (kept across a
restart), a question in the other language is answered in the user's language with one offer to switch, and
texts typed inside a flow still reach it first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.i18n import default_i18n
from bot.runtime.middlewares import CONTEXT_MINUTES
from tests.conftest import label, press_shown, start_env

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 11:00 in Almaty


@pytest.fixture(autouse=True)
def fixed_clock(env) -> None:
    env.dp["clock"] = lambda: NOW


async def test_a_follow_up_continues_the_topic_for_the_new_thing(chat):
    [pay] = await chat.send("сколько получает главный специалист")
    assert pay.text.startswith("💰 Главный специалист")
    [district] = await chat.send("а в районе?")  # the pay of the same post, at a district's akimat
    assert district.text.startswith("💰 Главный специалист") and "E-4" in district.text and "D-4" not in district.text
    [head] = await chat.send("а руководитель отдела сколько")
    assert head.text.startswith("💰 Начальник отдела") and "E-R-1" in head.text  # still the district
    [card] = await chat.send("а E-G-3?")  # a code: its pay, the conversation was about pay
    assert card.text.startswith("💰 Категория E-G-3")


async def test_kazakh_follow_ups_continue_too(chat_kk):
    await chat_kk.send("бас маманның жалақысы қанша")
    [village] = await chat_kk.send("ал ауылда ше?")
    assert village.text.startswith("💰 Бас маман") and "E-G-3" in village.text and "D-4" not in village.text


async def test_the_context_ends_ten_minutes_after_the_last_question(env, chat):
    await chat.send("сколько получает главный специалист")
    env.dp["clock"] = lambda: NOW + timedelta(minutes=CONTEXT_MINUTES - 1)
    [still] = await chat.send("а в районе?")
    assert still.text.startswith("💰 Главный специалист")
    env.dp["clock"] = lambda: NOW + timedelta(minutes=2 * CONTEXT_MINUTES)  # ten minutes after that
    [gone] = await chat.send("а в районе?")
    assert gone.text.startswith(label("ru", "unknown-head"))
    assert label("ru", "unknown-level-district") in gone.text  # what it read, said


async def test_the_context_survives_a_restart(env, chat):
    await chat.send("сколько получает главный специалист")
    await env.dp["tasks"].stop(clock=env.dp["clock"])  # a deploy: the shutdown writes what waits in memory
    restarted = await start_env(env.settings.database_path)
    restarted.dp["clock"] = lambda: NOW + timedelta(minutes=1)
    try:
        [reply] = await restarted.chat("ru", chat.user_id).send("а в районе?")
        assert reply.text.startswith("💰 Главный специалист") and "E-4" in reply.text
        await restarted.dp["tasks"].stop(clock=lambda: NOW + timedelta(minutes=CONTEXT_MINUTES + 2))
        async with restarted.db.conn.execute("SELECT count(*) FROM fsm WHERE key LIKE '%:context'") as cur:
            assert (await cur.fetchone())[0] == 0  # ten minutes after the last question, it is deleted
    finally:
        await restarted.db.close()


async def test_the_admission_check_uses_what_the_user_already_said(chat):
    [first] = await chat.send("мне 22 года, есть диплом бакалавра")
    [old, check] = await chat.send("могу ли я поступить на госслужбу?")
    assert old.message_id == first.message_id and old.buttons == []  # the check goes on below: one live walkthrough
    assert "касается требования: возраст (вам 22 года), образование" in check.text
    assert "Вам уже исполнилось 18 лет?" not in check.text  # not asked again
    assert "Вы гражданин Республики Казахстан?" in check.text


async def test_a_question_in_the_other_language_is_answered_in_the_users_with_one_offer(chat):
    offer = default_i18n()("kk")("language-offer")
    [first] = await chat.send("аудан әкімдігінің бас маманы қанша алады")
    assert first.text.startswith("💰 Главный специалист")  # understood, answered in Russian
    assert first.text.endswith(offer) and ["🇰🇿 Қазақша"] in first.labels
    [second] = await chat.send("ауыл әкімдігінің бас маманы қанша алады")
    assert offer not in second.text and ["🇰🇿 Қазақша"] not in second.labels  # once per conversation
    [switched] = await chat.press_data("lang:kk")  # the first answer's button
    assert switched.text.startswith(default_i18n()("kk")("language-set"))


async def test_one_word_of_the_other_language_offers_nothing(chat):
    [reply] = await chat.send("рахмет")
    assert reply.text == label("ru", "thanks-reply")


async def test_a_day_in_a_sentence_typed_into_the_calculator_is_counted(chat):
    await chat.send("/complaint")
    [ask] = await press_shown(chat, label("ru", "complaint-btn-calc"))
    assert ask.labels[0] == ["Сегодня", "Вчера"]  # waiting for the day
    [reply] = await chat.send("подал 3 дня назад")  # the calculator could not read this before
    assert "30 ноября 2026, понедельник" in reply.text and "22 декабря 2026" in reply.text


async def test_a_draft_answer_leaves_the_conversation_as_it_was(chat):
    await chat.send("сколько получает главный специалист")
    await chat.send("/complaint")
    await press_shown(chat, label("ru", "complaint-btn-draft"))
    [asked] = await chat.send("Акиму района")  # the draft's addressee, not a question about a district
    assert asked.text == label("ru", "draft-ask-facts")
    await chat.send("/cancel")
    [reply] = await chat.send("а в селе?")
    assert reply.text.startswith("💰 Главный специалист") and "E-G-3" in reply.text


async def test_a_sentence_that_names_no_post_is_not_a_failed_search(chat):
    [reply] = await chat.send("у меня была судимость погашена меня возьмут")
    assert "не нашёл" not in reply.text
    assert "Судимость" in reply.text  # what the data has on it, and the check


async def test_what_was_not_understood_says_what_was_read_and_the_closest_topic(chat):
    [reply] = await chat.send("срок")
    assert reply.text.startswith(label("ru", "unknown-head"))
    assert label("ru", "complaint-btn-deadlines") in reply.text  # the closest topic, and its button first
    assert reply.labels[0] == [label("ru", "complaint-btn-deadlines")]
    assert len([b for row in reply.labels for b in row]) <= 6
