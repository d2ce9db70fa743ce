"""Conversations: /start with a payload from a t.me link."""

from aiogram import methods

from bot.i18n import default_i18n
from handlers.deeplinks import share_button


async def test_an_unknown_payload_gets_the_normal_greeting(chat):
    [reply] = await chat.send("/start hello")
    assert reply.text.startswith("Здравствуйте, Айгерим!")
    [reply] = await chat.send("/start cat_Z-9")
    assert reply.text.startswith("Здравствуйте, Айгерим!")


async def test_share_button_asks_telegram_for_the_bot_name_once(env):
    t = default_i18n()("kk")
    first = await share_button(env.bot, t, "cat_D-O-4", "D-O-4")
    second = await share_button(env.bot, t, "complaint")
    assert first.text == "📤 Бөлісу"
    assert first.url == ("https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fgosqyzmet_bot%3Fstart%3Dcat_D-O-4"
                         "&text=D-O-4")
    assert second.url.endswith("start%3Dcomplaint")
    assert len(env.session.of_type(methods.GetMe)) == 1
