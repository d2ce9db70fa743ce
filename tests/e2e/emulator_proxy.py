"""A reverse proxy between the bot as shipped and telegram-test-api that answers like Telegram does.

The emulator's quirks (../shared/research/telegram-test-api.md) are fixed here, on the test side:
getMe lacks ``is_bot``; getUpdates returns at once; callback updates lack ``chat_instance``; methods
it does not know answer HTTP 500 without ``ok``; some methods return ``null``; message dates are in
milliseconds; webhook POSTs carry no secret token. The bot is pointed here with TELEGRAM_API_BASE.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

BOT_USER = {"id": 666, "is_bot": True, "first_name": "Test First name", "username": "TestNameBot"}
EMPTY_POLL_WAIT = 0.2  # an empty getUpdates is held this long at least, so an idle bot does not busy-loop
LONGEST_POLL_WAIT = 1.0  # and at most this long, so a stopping bot is not kept waiting
POLL_STEP = 0.05

# Methods the emulator does not know, with the result Telegram would give the bot.
UNSUPPORTED_RESULTS: dict[str, Any] = {
    "setMyCommands": True,
    "deleteMyCommands": True,
    "getMyCommands": [],
    "setMyDescription": True,
    "getMyDescription": {"description": ""},
    "setMyShortDescription": True,
    "getMyShortDescription": {"short_description": ""},
    "setMyName": True,
    "getMyName": {"name": BOT_USER["first_name"]},
    "setChatMenuButton": True,
    "sendChatAction": True,
    "close": True,
    "logOut": True,
}


@dataclass
class BotCall:
    """One Bot API request the bot made, with its parameters as sent (JSON fields decoded)."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


# aiogram sends nested objects as JSON strings in form fields; these are decoded for the tests to read.
JSON_FIELDS = frozenset({"reply_markup", "entities", "caption_entities", "commands", "scope", "allowed_updates",
                         "link_preview_options", "reply_parameters", "menu_button"})


def _decoded(key: str, value: Any) -> Any:
    if key in JSON_FIELDS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _telegram_error(description: str, code: int = 400) -> web.Response:
    return web.json_response({"ok": False, "error_code": code, "description": description})


def _message_date(value: Any) -> int:
    """The emulator stamps messages in milliseconds; Telegram uses seconds."""
    if isinstance(value, int | float) and value > 10**11:
        return int(value // 1000)
    if isinstance(value, int | float):
        return int(value)
    return int(time.time())


def fix_update(update: dict[str, Any]) -> dict[str, Any]:
    """Turn an update as the emulator formats it into one that Telegram would send."""
    message = update.get("message")
    if isinstance(message, dict):
        message.pop("botToken", None)
        message["date"] = _message_date(message.get("date"))
    callback = update.get("callback_query")
    if isinstance(callback, dict):
        pressed = callback.get("message")
        if isinstance(pressed, dict):
            pressed.setdefault("chat", {"id": callback["from"]["id"], "type": "private"})
            pressed["date"] = _message_date(pressed.get("date"))
            pressed.setdefault("from", BOT_USER)
        callback.setdefault("chat_instance", f"e2e-{callback['from']['id']}")
    return update


class EmulatorProxy:
    """Forwards the bot's Bot API calls to the emulator and the emulator's webhook POSTs to the bot."""

    def __init__(self, emulator_url: str) -> None:
        self.emulator_url = emulator_url.rstrip("/")
        self.public_url = ""  # set once the proxy listens; the emulator posts webhooks here
        self.calls: list[BotCall] = []
        self.bot_webhook: dict[str, str] | None = None
        self.relayed_updates = 0
        self.polls = 0
        self._http: aiohttp.ClientSession | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.bot_api)
        app.router.add_post("/emulator-webhook/{token}", self.relay_webhook)
        app.on_cleanup.append(self._close)
        return app

    def calls_of(self, method: str) -> list[BotCall]:
        return [call for call in self.calls if call.method == method]

    async def _close(self, _app: web.Application) -> None:
        if self._http is not None:
            await self._http.close()

    @property
    def http(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        return self._http

    async def _emulator(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        form = {key: value if isinstance(value, str) else json.dumps(value) for key, value in params.items()}
        async with self.http.post(f"{self.emulator_url}/bot{token}/{method}", data=form) as response:
            return response.status, await response.json(content_type=None)

    async def bot_api(self, request: web.Request) -> web.StreamResponse:
        token, method = request.match_info["token"], request.match_info["method"]
        if request.content_type == "application/json":
            raw: dict[str, Any] = await request.json()
        else:
            raw = {key: value for key, value in (await request.post()).items() if isinstance(value, str)}
        params = {key: _decoded(key, value) for key, value in raw.items()}
        if method != "getUpdates":
            self.calls.append(BotCall(method, params))
        if method == "getUpdates":
            return await self._get_updates(token, params)
        if method == "setWebhook":
            return await self._set_webhook(token, params)
        if method == "deleteWebhook":
            self.bot_webhook = None
        if method == "getWebhookInfo":
            url = self.bot_webhook["url"] if self.bot_webhook else ""
            return web.json_response({"ok": True, "result": {
                "url": url, "has_custom_certificate": False, "pending_update_count": 0}})
        forwarded = dict(params)
        if method == "editMessageText":
            # Telegram drops the keyboard of a message edited without one; the emulator would keep it.
            forwarded.setdefault("reply_markup", {"inline_keyboard": []})
        status, body = await self._emulator(token, method, forwarded)
        return web.json_response(self._fixed_answer(method, params, status, body))

    def _fixed_answer(self, method: str, params: dict[str, Any], status: int, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict) or "ok" not in body:
            message = body.get("message", "") if isinstance(body, dict) else str(body)
            if "is not supported" in message and method in UNSUPPORTED_RESULTS:
                return {"ok": True, "result": UNSUPPORTED_RESULTS[method]}
            return {"ok": False, "error_code": 400 if status < 500 else status,
                    "description": f"Bad Request: emulator answered {status}: {message[:200]}"}
        if not body["ok"]:
            return body
        result = body.get("result")
        if method == "getMe":
            result = {**result, "is_bot": True}
        elif method in {"sendMessage", "editMessageText", "editMessageReplyMarkup"}:
            result = self._message_result(params, result)
        elif result is None:
            result = True
        return {"ok": True, "result": result}

    @staticmethod
    def _message_result(params: dict[str, Any], result: Any) -> Any:
        """A Message as Telegram returns it for a sent or edited message (True for inline messages)."""
        if "inline_message_id" in params:
            return True
        message = dict(result) if isinstance(result, dict) else {}
        message.setdefault("message_id", int(params.get("message_id", 0)))
        message["date"] = _message_date(message.get("date"))
        message["chat"] = {"id": int(params["chat_id"]), "type": "private"}
        message["from"] = BOT_USER
        if "text" in params:
            message["text"] = params["text"]
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        for raw_only in ("chat_id", "parse_mode", "link_preview_options", "disable_web_page_preview",
                         "botToken", "entities"):
            message.pop(raw_only, None)
        return message

    async def _get_updates(self, token: str, params: dict[str, Any]) -> web.Response:
        # The emulator ignores timeout and offset; emulate a long poll by asking again until updates come.
        self.polls += 1
        timeout = float(params.get("timeout", 0) or 0)
        deadline = time.monotonic() + max(EMPTY_POLL_WAIT, min(timeout, LONGEST_POLL_WAIT))
        while True:
            _status, body = await self._emulator(token, "getUpdates", {})
            updates = body.get("result") or []
            if updates or time.monotonic() >= deadline:
                return web.json_response({"ok": True, "result": [fix_update(update) for update in updates]})
            await asyncio.sleep(POLL_STEP)

    async def _set_webhook(self, token: str, params: dict[str, Any]) -> web.Response:
        if not params.get("url"):
            return _telegram_error("Bad Request: bad webhook: an HTTPS URL must be provided for webhook")
        self.bot_webhook = {"url": str(params["url"]), "secret_token": str(params.get("secret_token", ""))}
        # The emulator posts without the secret token, so it posts to us and we add it, as Telegram would.
        status, body = await self._emulator(token, "setWebhook",
                                            {"url": f"{self.public_url}/emulator-webhook/{token}"})
        if status != 200 or not body.get("ok"):
            return _telegram_error(f"Bad Request: emulator refused the webhook: {body}")
        return web.json_response({"ok": True, "result": True})

    async def relay_webhook(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if self.bot_webhook is None:
            return web.Response(status=404, text="no webhook set")
        update = fix_update(await request.json())
        headers = {}
        if self.bot_webhook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.bot_webhook["secret_token"]
        async with self.http.post(self.bot_webhook["url"], json=update, headers=headers) as response:
            status, text = response.status, await response.text()
        self.relayed_updates += 1
        # A bot may answer a webhook with a method call in the body; Telegram executes it, so do we.
        if status == 200 and text.strip().startswith("{"):
            reply = json.loads(text)
            if isinstance(reply, dict) and reply.get("method"):
                method = reply.pop("method")
                self.calls.append(BotCall(method, reply))
                await self._emulator(token, method, reply)
        return web.Response(status=status, text="" if status == 200 else text)
