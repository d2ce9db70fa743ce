"""Webhook mode: Telegram's secret token is required; without it a request is refused and not processed."""

from datetime import UTC, datetime

from aiogram import methods
from aiohttp.test_utils import TestClient, TestServer

from bot.runtime.serve import WEBHOOK_PATH, webhook_app


def update_json(text: str) -> dict:
    now = int(datetime.now(UTC).timestamp())
    user = {"id": 5, "is_bot": False, "first_name": "Асан", "language_code": "kk"}
    return {"update_id": 1, "message": {"message_id": 1, "date": now, "chat": {"id": 5, "type": "private"},
                                         "from": user, "text": text}}


async def test_secret_token_is_checked(env):
    settings = env.settings.model_copy(update={"webhook_url": "https://example.invalid"})
    app = webhook_app(settings, env.dp, env.bot, "s3cret")
    async with TestClient(TestServer(app)) as client:
        response = await client.post(WEBHOOK_PATH, json=update_json("/start"))
        assert response.status == 403
        response = await client.post(WEBHOOK_PATH, json=update_json("/start"),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
        assert response.status == 403
        assert env.session.of_type(methods.SendMessage) == []
        assert env.session.of_type(methods.SetWebhook)[0].secret_token == "s3cret"

        response = await client.post(WEBHOOK_PATH, json=update_json("/start"),
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
        assert response.status == 200
        # SimpleRequestHandler answers at once and handles the update in the background.
        for _ in range(100):
            if env.session.of_type(methods.SendMessage):
                break
            import asyncio

            await asyncio.sleep(0.01)
        [sent] = env.session.of_type(methods.SendMessage)
        assert sent.text.startswith("Сәлеметсіз бе, Асан!")
        assert (await client.get("/")).status == 200
