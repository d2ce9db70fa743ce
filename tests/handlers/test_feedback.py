"""Conversations: rating an answer, /stats for admins only, and the log of unanswered questions."""

from bot.feedback import Ratings
from bot.i18n import default_i18n
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Keyboard
from tests.conftest import every_button, every_row, press_shown, reveal, start_env


async def rated_answer(env, chat, kind="salary"):
    """The bot shows an answer with the rating row, as a feature would."""
    t = default_i18n()("kk" if chat.language_code == "kk" else "ru")
    markup = Keyboard.of(t, [feedback_row(t, kind)], home=False).markup()
    await env.bot.send_message(chat.user_id, "Ответ", reply_markup=markup)
    [reply] = chat.collect()
    return reply


async def test_a_vote_is_thanked_marked_and_changed_not_doubled(env, chat):
    answer = await rated_answer(env, chat)
    assert answer.labels == [["👍 Полезно", "👎 Не помогло"]]
    [marked] = await chat.press("👍 Полезно")
    assert marked.edited and marked.labels == [["👍 Полезно ✓", "👎 Не помогло"]]
    assert chat.session.notices[-1] == "Спасибо за оценку!"
    assert await chat.press("👍 Полезно ✓") == []  # the same vote again: thanked, nothing changes
    assert chat.session.notices[-1] == "Спасибо за оценку!"
    [changed] = await chat.press("👎 Не помогло")
    assert changed.labels == [["👍 Полезно", "👎 Не помогло ✓"]]
    assert await Ratings(env.db).by_kind() == {"salary": (0, 1)}


async def test_votes_on_two_answers_count_twice(env, chat, chat_kk):
    await rated_answer(env, chat, "admission")
    await chat.press("👍 Полезно")
    answer = await rated_answer(env, chat_kk, "admission")
    assert answer.labels == [["👍 Пайдалы", "👎 Көмектеспеді"]]
    await chat_kk.press("👍 Пайдалы")
    assert chat_kk.session.notices[-1] == "Бағалағаныңызға рахмет!"
    assert await Ratings(env.db).by_kind() == {"admission": (2, 0)}


async def test_a_rating_button_of_an_unknown_kind_is_stale(chat):
    [reply] = await chat.press_data("fb:weather:1")
    assert "кнопка уже не работает" in reply.text


async def test_stats_is_not_even_hinted_to_other_users(chat):
    [reply] = await chat.send("/stats")
    [unknown] = await chat.send("/weather")
    assert reply.text == unknown.text.replace("/weather", "/stats")  # like any command the bot does not have
    assert reply.text.startswith("Команды /stats нет")


async def test_stats_shows_users_questions_ratings_and_misses_to_an_admin(tmp_path):
    env = await start_env(tmp_path / "bot.sqlite3", admin_ids="1001")
    try:
        admin, user = env.chat("ru", 1001), env.chat("kk", 1002)
        await user.send("/start")
        for _ in range(3):
            await env.feedback.answered("salary")
        await env.feedback.answered("category")
        await rated_answer(env, user, "salary")
        await user.press("👍 Пайдалы")
        await env.feedback.missed("водитель акима")
        await env.feedback.missed("Водитель  акима")
        await env.feedback.missed("<b>тракторист</b> ИИН 900101300123")
        [reply] = await admin.send("/stats")
        text = reply.text
        assert "Пользователей: 2" in text
        assert "• Зарплаты: 3 за 7 дней, 3 всего" in text and "• Категории: 1 за 7 дней, 1 всего" in text
        assert "• Без ответа: 3 за 7 дней, 3 всего" in text
        assert "• Зарплаты: 👍 1, 👎 0 — полезно 100%" in text
        assert "1. «водитель акима» — 2 раза" in text
        assert "2. «<b>тракторист</b> ИИН #» — 1 раз" in text  # shown literally, number masked
        await admin.send("/language")
        await admin.press("🇰🇿 Қазақша")
        [reply] = await admin.send("/stats")
        assert "Пайдаланушылар: 2" in reply.text and "• Жалақы: 7 күнде 3, барлығы 3" in reply.text
    finally:
        await env.db.close()


async def test_an_empty_stats_says_so(tmp_path):
    env = await start_env(tmp_path / "bot.sqlite3", admin_ids="1001")
    try:
        [reply] = await env.chat("ru", 1001).send("/stats")
        assert reply.text.count("пока нет данных") == 3
    finally:
        await env.db.close()


async def test_a_miss_of_only_a_number_is_not_logged(env):
    await env.feedback.missed("87011234567")
    assert await env.feedback.misses.top() == []
    assert await env.feedback.counts.totals() == {}


async def test_a_found_position_is_counted_rated_and_a_miss_is_logged(env, chat):
    await chat.send("главный специалист")
    rows = await every_row(chat)
    assert ["👍 Полезно", "👎 Не помогло"] in rows and ["📤 Поделиться"] in rows
    card = await reveal(chat, "👍 Полезно")  # the card's page with the rating
    [voted] = await chat.press("👍 Полезно")
    assert voted.labels == [["👍 Полезно ✓", "👎 Не помогло"] if "👍 Полезно" in row else row for row in card.labels]
    links = [[b.url for row in reply.buttons for b in row if b.url] for reply in (card, voted)]
    assert links[0] == links[1] and len(links[0]) == 1
    [miss] = await chat.send("водитель акима 87011234567")
    assert all(label not in {"👍 Полезно", "📤 Поделиться"} for row in miss.labels for label in row)
    await chat.send("Водитель  акима 87019999999")
    [top] = await env.feedback.misses.top()
    assert (top.text, top.count) == ("водитель акима #", 2)
    assert await env.feedback.counts.totals() == {"unanswered": 2, "position": 1}


async def test_browsing_to_a_category_keeps_a_share_button_for_that_card(chat):
    await chat.send("главный специалист")
    [card] = await press_shown(chat, "E-G-3")
    assert card.edited and card.text.startswith("Категория E-G-3")
    [share] = [b for b in await every_button(chat) if b.url]
    assert "start%3Dcat_E-G-3" in share.url


async def test_salary_answers_are_counted_and_rated_and_misses_logged(env, chat_kk):
    [answer] = await chat_kk.send("бас маманның жалақысы")
    assert ["👍 Пайдалы", "👎 Көмектеспеді"] in answer.labels
    await chat_kk.press("👍 Пайдалы")
    await chat_kk.send("зарплата космонавта")
    assert await env.feedback.counts.totals() == {"salary": 1, "unanswered": 1}
    assert [m.text for m in await env.feedback.misses.top()] == ["зарплата космонавта"]
    assert await Ratings(env.db).by_kind() == {"salary": (1, 0)}


async def test_an_admission_verdict_counts_once_however_often_it_is_viewed(env, chat):
    await chat.send("/admission")
    await chat.press("Да, гражданин РК")
    [verdict] = await chat.press("Нет, мне меньше 18")
    assert "⛔" in verdict.text and ["👍 Полезно", "👎 Не помогло"] in verdict.labels
    await chat.press("👎 Не помогло")
    await chat.press("◀️ Назад")
    await chat.press("🔄 Начать заново")
    assert await env.feedback.counts.totals() == {"admission": 1}
    assert await Ratings(env.db).by_kind() == {"admission": (0, 1)}


async def test_complaint_guide_answers_and_akimat_topics_are_rated_and_counted(env, chat):
    await chat.send("/complaint")
    [answer] = await chat.press("Сроки ответа")
    assert answer.labels[-3] == ["👍 Полезно", "👎 Не помогло"]
    await chat.press("👍 Полезно")
    await chat.send("что такое акимат")
    assert ["👍 Полезно", "👎 Не помогло"] in await every_row(chat)
    await press_shown(chat, "👎 Не помогло")
    assert await env.feedback.counts.totals() == {"akimat": 1, "complaint": 1}
    assert await Ratings(env.db).by_kind() == {"akimat": (0, 1), "complaint": (1, 0)}


async def test_counts_reach_the_database_on_shutdown_and_stats_shows_fresh_ones(tmp_path):
    env = await start_env(tmp_path / "bot.sqlite3", admin_ids="1001")
    await env.dp.emit_startup(bot=env.bot, **env.dp.workflow_data)
    chat = env.chat("ru", 1001)
    await chat.send("главный специалист")
    [stats] = await chat.send("/stats")  # read before any periodic flush: the answer is already there
    assert "• Должности: 1 за 7 дней, 1 всего" in stats.text
    await chat.send("главный специалист")
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)
    async with env.db.conn.execute("SELECT kind, n FROM question_counts") as cur:
        assert await cur.fetchall() == [("position", 2)]
    await env.db.close()
