"""A Bot API server under the test's control: serves the updates it is given, records every request,
and answers chosen requests with faults (429, 5xx, 403, 400, a dropped connection)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.e2e.emulator_proxy import BOT_USER

LONGEST_POLL_WAIT = 1.0


@dataclass
class Fault:
    """Answer the next ``times`` calls of ``method`` (to ``chat_id``, if given) with this fault."""

    method: str
    chat_id: int | None = None
    times: int = 1
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    plain_text: bool = False  # an HTML error page from a proxy in front of Telegram, not JSON
    drop: bool = False  # close the connection without answering
    malformed: bool = False  # "ok" with a result that is not what the method returns
    hold: threading.Event | None = None  # answer as usual, but only once the test sets this event


@dataclass
class Request:
    method: str
    params: dict[str, Any]
    at: float
    answered: str  # "ok" or what fault was served

    @property
    def chat_id(self) -> int | None:
        chat = self.params.get("chat_id")
        return int(chat) if chat is not None else None


@dataclass
class FakeBotAPI:
    url: str = ""  # set by whoever serves it
    requests: list[Request] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update_id: int = 1
    _next_message_id: int = 1
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        return app

    # --- what the test does -------------------------------------------------------------------
    def inject(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def user_writes(self, user_id: int, text: str, language_code: str = "ru") -> int:
        """Queue a private message from a user, as Telegram would deliver it to getUpdates; its update_id."""
        update = self.update_from(user_id, text, language_code)
        with self._lock:
            self._updates.append(update)
        return int(update["update_id"])

    def update_from(self, user_id: int, text: str, language_code: str = "ru") -> dict[str, Any]:
        """A new update with a private message from a user (for a webhook, post it yourself)."""
        user = {"id": user_id, "is_bot": False, "first_name": "Пайдаланушы", "language_code": language_code}
        with self._lock:
            chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
            message = {"message_id": self._next_message_id, "date": int(time.time()), "from": user,
                       "chat": chat, "text": text}
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            self._next_message_id += 1
            update = {"update_id": self._next_update_id, "message": message}
            self._next_update_id += 1
        return update

    def sent_to(self, chat_id: int) -> list[Request]:
        """The bot's messages to a chat that Telegram accepted."""
        return [r for r in self.attempts_to(chat_id) if r.answered == "ok"]

    def attempts_to(self, chat_id: int) -> list[Request]:
        return [r for r in self.requests if r.method == "sendMessage" and r.chat_id == chat_id]

    def polls(self) -> list[Request]:
        return [r for r in self.requests if r.method == "getUpdates"]

    # --- what the bot sees ---------------------------------------------------------------------
    def _take_fault(self, method: str, chat_id: int | None) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and fault.chat_id in (None, chat_id):
                    fault.times -= 1
                    return fault
        return None

    async def handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params: dict[str, Any] = await request.json()
        else:
            params = {key: value for key, value in (await request.post()).items() if isinstance(value, str)}
        chat = params.get("chat_id")
        fault = self._take_fault(method, int(chat) if chat is not None else None)
        self.requests.append(Request(method, params, time.monotonic(), "ok" if fault is None or fault.hold else
                                     "dropped" if fault.drop else "malformed" if fault.malformed
                                     else str(fault.status)))
        if fault is not None and fault.hold is not None:
            await asyncio.get_running_loop().run_in_executor(None, fault.hold.wait)
        elif fault is not None:
            return await self._serve_fault(request, fault)
        if method == "getUpdates":
            return await self._get_updates(params)
        return web.json_response({"ok": True, "result": self._result(method, params)})

    @staticmethod
    async def _serve_fault(request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.drop:
            assert request.transport is not None
            request.transport.close()
            raise asyncio.CancelledError  # nothing more to send on a closed connection
        if fault.malformed:
            return web.json_response({"ok": True, "result": {"unexpected": True}})
        if fault.plain_text:
            return web.Response(status=fault.status, text=f"<html><body>{fault.status}</body></html>",
                                content_type="text/html")
        body: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return web.json_response(body, status=fault.status)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset", 0) or 0)
        timeout = min(float(params.get("timeout", 0) or 0), LONGEST_POLL_WAIT)
        give_up = time.monotonic() + timeout
        while True:
            with self._lock:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates)
            if ready or time.monotonic() >= give_up:
                return web.json_response({"ok": True, "result": ready})
            await asyncio.sleep(0.05)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "editMessageText"}:
            with self._lock:
                message_id = int(params.get("message_id") or self._next_message_id)
                self._next_message_id += 1
            message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                                       "chat": {"id": int(params["chat_id"]), "type": "private"},
                                       "text": params.get("text", "")}
            markup = params.get("reply_markup")
            if markup:
                decoded = json.loads(markup) if isinstance(markup, str) else markup
                if "inline_keyboard" in decoded:
                    message["reply_markup"] = decoded
            return message
        if method == "getMyCommands":
            return []
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True
