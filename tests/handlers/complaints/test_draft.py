"""The appeal draft: three answers, the text to copy, nothing kept."""

import logging

import pytest

from bot.feedback import Ratings, today
from tests.conftest import BotEnv, label, press_shown


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


async def test_the_cancel_button_typed_as_a_word_cancels_the_draft(env, user, lang):
    """"Отменить" typed instead of pressed was taken as the addressee ("Отменить\nот [фамилия…]")."""
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-draft"))
    [reply] = await user.send("отменить" if lang == "ru" else "Болдырмау")
    assert reply.text == label(lang, "draft-cancelled")
    assert await _fsm_rows(env) == 0


async def test_cancel_under_a_finished_draft_says_there_is_nothing_to_cancel(env, user, lang):
    """Every question of the draft keeps its "Отменить"; pressed after the draft was shown, it said "Черновик
    отменён" of a draft already given: a press that changes nothing says so in its notice instead."""
    await user.send("/complaint")
    await press_shown(user, label(lang, "complaint-btn-draft"))
    await user.send("Акиму Алмалинского района")
    [question] = await user.send("Во дворе не горят фонари")
    await user.send("Восстановить освещение")
    cancel = question.buttons[0][0]
    assert cancel.label == label(lang, "draft-btn-cancel")
    assert await user.press_data(cancel.callback_data, question.message_id) == []
    assert user.toast == label(lang, "draft-nothing-to-cancel")
