"""The bot as shipped in webhook mode: updates come as HTTPS-style POSTs carrying Telegram's secret token.

A request without the right secret is refused with 403 and never reaches a handler.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from bot.i18n import default_i18n
from bot.runtime.console import visible_text
from tests.e2e.conftest import WEBHOOK_SECRET, Stack

pytestmark = pytest.mark.e2e
I18N = default_i18n()


def shown(lang: str, key: str) -> str:
    return visible_text(I18N(lang)(key))


def post_update(url: str, update: dict, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as refused:
        return refused.code


def start_update(user_id: int, update_id: int) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Бөтен", "language_code": "kk"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "from": user, "text": "/start",
        "chat": {"id": user_id, "type": "private"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


def test_the_bot_registers_its_webhook_with_the_secret(webhook_stack: Stack) -> None:
    assert webhook_stack.proxy.bot_webhook == {"url": webhook_stack.webhook_url, "secret_token": WEBHOOK_SECRET}
    [registered] = webhook_stack.proxy.calls_of("setWebhook")
    assert "message" in registered.params["allowed_updates"]
    assert "callback_query" in registered.params["allowed_updates"]


@pytest.mark.parametrize(("lang", "hello"), [("kk", "Сәлеметсіз бе, Асқар!"), ("ru", "Здравствуйте, Асқар!")])
def test_start_is_answered_through_the_webhook(webhook_stack: Stack, lang: str, hello: str) -> None:
    user = webhook_stack.user(lang, first_name="Асқар")
    relayed = webhook_stack.proxy.relayed_updates
    [reply] = user.send("/start")
    assert reply.text.startswith(hello)
    assert webhook_stack.proxy.relayed_updates == relayed + 1
    assert webhook_stack.proxy.polls == 0, "a webhook bot does not poll"


def test_a_search_and_a_button_press_work_through_the_webhook(webhook_stack: Stack) -> None:
    user = webhook_stack.user("kk")
    [found] = user.send("бас маман")
    assert found.text.startswith("Бас маман\nСанаттар мен органдар:")
    [card] = user.press("E-G-3", on=user.turn_to("E-G-3", found))
    assert card.message_id == found.message_id
    assert card.text.startswith("E-G-3 санаты")


def test_the_admission_walkthrough_reaches_a_verdict_through_the_webhook(webhook_stack: Stack) -> None:
    user = webhook_stack.user("ru")
    [question] = user.send("/admission")
    [verdict] = user.press(shown("ru", "admission-opt-citizenship-other"), on=question)
    assert verdict.message_id == question.message_id
    assert "⛔" in verdict.text and "только граждане Республики Казахстан" in verdict.text


def test_the_complaint_guide_works_through_the_webhook(webhook_stack: Stack) -> None:
    user = webhook_stack.user("kk")
    [guide] = user.send("/complaint")
    [deadlines] = user.press("Жауап мерзімі", on=guide)
    assert "15 жұмыс күні" in deadlines.text and "Дереккөздер:" in deadlines.text


def test_a_language_switch_by_button_works_through_the_webhook(webhook_stack: Stack) -> None:
    user = webhook_stack.user("kk")
    user.send("/start")
    [done] = user.press(shown("kk", "menu-language"))  # "🌐 Русский язык" switches at once
    assert done.text.startswith(shown("ru", "language-set"))
    [again] = user.send("/start")
    assert again.text.startswith("Здравствуйте")


@pytest.mark.parametrize("secret", [None, "a-wrong-secret"])
def test_an_update_without_the_secret_is_refused_and_not_processed(
        webhook_stack: Stack, secret: str | None) -> None:
    stranger = webhook_stack.user("kk")
    before = {m.message_id: m for m in stranger.messages()}
    assert post_update(webhook_stack.webhook_url, start_update(stranger.chat_id, 900_000 + stranger.chat_id),
                       secret) == 403
    stranger.expect_silence(before, for_seconds=1.0)
    # The same user, through Telegram with the secret, is served as usual.
    [reply] = stranger.send("/start")
    assert reply.text.startswith("Сәлеметсіз бе")
