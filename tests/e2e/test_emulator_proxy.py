"""The emulator's quirks, each seen on the real emulator and answered by the proxy as Telegram would.

If a new telegram-test-api fixes or changes one of these, a test here says which adaptation to drop.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import TOKEN
from tests.e2e.emulator_proxy import EmulatorProxy
from tests.e2e.processes import Emulator, wait_until
from tests.e2e.telegram_user import TelegramUser, post_json

pytestmark = pytest.mark.e2e


def call(base: str, method: str, **params: Any) -> tuple[int, Any]:
    """A Bot API call the way aiogram makes it (form fields), returning HTTP status and decoded body."""
    data = urllib.parse.urlencode(params).encode()
    try:
        with urllib.request.urlopen(f"{base}/bot{TOKEN}/{method}", data=data, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_get_me_says_it_is_a_bot(emulator: Emulator, proxy: EmulatorProxy) -> None:
    assert "is_bot" not in call(emulator.url, "getMe")[1]["result"]
    assert call(proxy.public_url, "getMe")[1]["result"]["is_bot"] is True


def test_methods_the_emulator_lacks_succeed_as_on_telegram(emulator: Emulator, proxy: EmulatorProxy) -> None:
    status, body = call(emulator.url, "setMyCommands", commands='[{"command":"start","description":"s"}]')
    assert status == 500 and "ok" not in body
    for method in ("setMyCommands", "setMyDescription", "setMyShortDescription", "sendChatAction"):
        assert call(proxy.public_url, method, chat_id=1)[1] == {"ok": True, "result": True}


def test_a_method_nobody_maps_is_a_telegram_error_not_a_crash(proxy: EmulatorProxy) -> None:
    _status, body = call(proxy.public_url, "sendPhoto", chat_id=1, photo="x")
    assert body["ok"] is False and body["error_code"] >= 400


def test_null_results_become_what_telegram_returns(emulator: Emulator, proxy: EmulatorProxy) -> None:
    assert call(emulator.url, "answerCallbackQuery", callback_query_id="1")[1]["result"] is None
    assert call(proxy.public_url, "answerCallbackQuery", callback_query_id="1")[1]["result"] is True
    sent = call(proxy.public_url, "sendMessage", chat_id=5, text="один")[1]["result"]
    assert sent["date"] < 10**11, "dates are seconds, as on Telegram"
    assert sent["from"]["is_bot"] is True
    edited = call(proxy.public_url, "editMessageText", chat_id=5, message_id=sent["message_id"],
                  text="два")[1]
    assert edited["result"]["message_id"] == sent["message_id"]
    assert edited["result"]["text"] == "два"


def test_an_edit_without_a_keyboard_removes_the_keyboard(emulator: Emulator, proxy: EmulatorProxy) -> None:
    user = TelegramUser(emulator.url, TOKEN, 31)
    keyboard = '{"inline_keyboard":[[{"text":"Далее","callback_data":"next"}]]}'
    sent = call(proxy.public_url, "sendMessage", chat_id=31, text="шаг 1", reply_markup=keyboard)[1]["result"]
    assert user.last_message().labels == ["Далее"]
    call(proxy.public_url, "editMessageText", chat_id=31, message_id=sent["message_id"], text="шаг 2")
    assert user.last_message().text == "шаг 2"
    assert user.last_message().labels == []


def test_button_presses_arrive_complete(emulator: Emulator, proxy: EmulatorProxy) -> None:
    keyboard = '{"inline_keyboard":[[{"text":"Қазақша","callback_data":"lang:kk"}]]}'
    call(proxy.public_url, "sendMessage", chat_id=32, text="Тілді таңдаңыз", reply_markup=keyboard)
    user = TelegramUser(emulator.url, TOKEN, 32, "kk")
    on = user.last_message()
    post_json(f"{emulator.url}/sendCallback", {"botToken": TOKEN, "from": user.user, "data": "lang:kk",
                                               "message": {"message_id": on.message_id, "chat": user.chat}})
    updates = call(proxy.public_url, "getUpdates", offset=0, timeout=1)[1]["result"]
    pressed = [u["callback_query"] for u in updates if "callback_query" in u]
    assert len(pressed) == 1
    assert pressed[0]["data"] == "lang:kk"
    assert pressed[0]["chat_instance"]
    assert pressed[0]["message"]["message_id"] == on.message_id
    assert isinstance(pressed[0]["message"]["date"], int)


def test_an_idle_poll_comes_back_empty(proxy: EmulatorProxy) -> None:
    assert call(proxy.public_url, "getUpdates", offset=0, timeout=0)[1] == {"ok": True, "result": []}


def test_a_malformed_client_call_does_not_kill_the_emulator(emulator: Emulator) -> None:
    post_json(f"{emulator.url}/sendCommand", {"botToken": TOKEN, "text": "/start"})  # no entities
    assert call(emulator.url, "getMe")[1]["ok"] is True
    wait_until(lambda: any("unhandled rejection" in line for line in emulator.output), 5.0, "the logged rejection")
