"""Reminders of the due date: set, listed, cancelled, delivered (late after a restart, never twice)."""

import asyncio
from datetime import UTC, date, datetime

from aiogram import methods
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter

from bot.deadlines import appeal_due
from bot.reminder_store import ReminderStore
from bot.reminders import deliver_due
from tests.conftest import BotEnv, every_row, label, press_shown, start_env
from tests.handlers.complaints import DUE_MORNING, NOW, set_reminder


async def test_reminder_is_listed_once_and_can_be_cancelled(env, chat):
    await set_reminder(chat)
    await chat.press_data("cmp:remind:2026-11-26")  # pressing again keeps one reminder
    [listing] = await chat.send("/reminders")
    assert "Обращение от 26.11.2026 — срок ответа 18.12.2026" in listing.text
    assert listing.labels[0] == ["✖ Отменить 1"]
    [after] = await chat.press("✖ Отменить 1")
    assert chat.session.notices[-1] == "Напоминание отменено."
    assert after.text.startswith("Напоминаний нет")
    assert await ReminderStore(env.db.conn).pending_for(chat.user_id) == []


async def test_pressing_remind_again_says_it_is_already_set_and_sends_nothing(chat, chat_kk):
    """The second press of "Напомнить в день срока" sent a second "Хорошо, напомню 18.12.2026…" for the one
    reminder it kept: a press that changes nothing says so in its notice."""
    already = {"ru": "Напоминание на 18.12.2026 уже стоит", "kk": "18.12.2026 күнгі еске салу бұрыннан бар"}
    for user in (chat, chat_kk):
        said = already[user.language_code]
        await set_reminder(user)
        replies = await user.press_data("cmp:remind:2026-11-26")
        assert replies == [] and user.toast is not None and user.toast.startswith(said)


async def test_ten_reminders_are_listed_a_page_at_a_time_and_each_can_be_cancelled(env, chat):
    store = env.dp["reminders"]
    for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13):  # ten working days: the most a user may keep
        await store.add(chat.user_id, chat.user_id, "ru", appeal_due(date(2026, 11, day)), NOW)
    [listing] = await chat.send("/reminders")
    assert listing.text.count("Обращение от ") == 10
    rows = await every_row(chat)
    assert [row for row in rows if row[0].startswith("✖")] == [[f"✖ Отменить {n}"] for n in range(1, 11)]
    assert sum(len(row) for row in listing.labels) <= 6
    [after] = await press_shown(chat, "✖ Отменить 10")
    assert chat.session.notices[-1] == "Напоминание отменено."
    assert after.text.count("Обращение от ") == 9 and "13.11.2026" not in after.text


async def test_reminder_confirmation_leads_on_to_the_list_the_guide_and_home(chat_kk):
    await chat_kk.send("/complaint")
    await press_shown(chat_kk, label("kk", "complaint-btn-calc"))
    await chat_kk.send("26.11.2026")
    [reply] = await chat_kk.press("🔔 Мерзім күні еске салу")
    assert "18.12.2026" in reply.text
    assert reply.labels == [["🔔 Еске салуларым"], ["◀️ Әкімдікке өтініш"], ["⬅️ Басты мәзір"]]
    [listing] = await chat_kk.press("🔔 Еске салуларым")
    assert "жауап мерзімі 18.12.2026" in listing.text


async def test_someone_elses_reminder_cannot_be_cancelled(env, chat):
    await set_reminder(chat)
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
    await set_reminder(chat_kk)
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
    await set_reminder(chat)
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    report = await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING)
    assert report.sent == 1
    [message] = [r for r in chat.session.take_replies() if r.chat_id == chat.user_id]
    assert message.text.startswith("🔔 Сегодня последний день срока ответа на ваше обращение от 26.11.2026.")
    assert "не позднее 26 января 2027, вторник" in message.text
    # APPC art. 91 (facts.md §6): file with the same akimat, the higher body considers it; no prosecutor
    assert "подайте жалобу в тот же акимат, её рассмотрит вышестоящий орган (ст. 91 АППК)" in message.text
    assert "прокуратур" not in message.text
    assert message.labels == [["Если не ответили"], ["◀️ Обращение в акимат"], ["⬅️ Главное меню"]]


async def test_a_kazakh_reminder_leads_on_to_next_steps_the_guide_and_home(env, chat_kk):
    await set_reminder(chat_kk)
    send = env.dp["tasks"].reminder_sender(env.bot, lambda: DUE_MORNING)
    assert (await deliver_due(ReminderStore(env.db.conn), send, DUE_MORNING)).sent == 1
    [message] = [r for r in chat_kk.session.take_replies() if r.chat_id == chat_kk.user_id]
    assert message.text.startswith("🔔")
    assert "шағымды сол әкімдікке беріңіз, оны жоғары тұрған орган қарайды (ӘРПК-нің 91-бабы)" in message.text
    assert message.labels == [["Жауап берілмесе"], ["◀️ Әкімдікке өтініш"], ["⬅️ Басты мәзір"]]


async def test_a_user_who_blocked_the_bot_is_skipped_and_the_rest_still_get_theirs(env):
    first, second = env.chat("ru", 4001), env.chat("ru", 4002)
    await set_reminder(first)
    await set_reminder(second)
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
    await set_reminder(chat)
    await chat.send("/forget")
    await chat.press(label("ru", "forget-yes"))
    assert await ReminderStore(env.db.conn).pending_for(chat.user_id) == []
    await env.dp.emit_shutdown(bot=env.bot, **env.dp.workflow_data)


async def test_telegram_refusals_are_retried_or_given_up_by_kind(env, chat):
    await set_reminder(chat)
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
