"""Conversations with the complaints section, one file per module of ``handlers/complaints``."""

from datetime import UTC, datetime

from tests.conftest import label, press_shown

# Thursday 26 November 2026, 11:00 in Almaty
NOW = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
DUE_MORNING = datetime(2026, 12, 18, 4, 0, tzinfo=UTC)  # 09:00 Almaty on the due date
SOURCE = {"ru": "Источник:", "kk": "Дереккөзі:"}
SOURCES = {"ru": "Источники:", "kk": "Дереккөздер:"}
GUIDE_BUTTONS = {
    "ru": ["Куда подать", "Что написать", "Сроки ответа", "Если не ответили"],
    "kk": ["Қайда беру керек", "Не жазу керек", "Жауап мерзімі", "Жауап берілмесе"],
}
UNREADABLE_DATE = {"ru": "Не получилось прочитать дату", "kk": "Күнді оқи алмадым"}


async def set_reminder(chat, typed: str = "26.11.2026") -> None:
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-calc"))
    await chat.send(typed)
    [reply] = await chat.press(label(chat.language_code, "calc-btn-remind"))
    assert "18.12.2026" in reply.text or "еске саламын" in reply.text
