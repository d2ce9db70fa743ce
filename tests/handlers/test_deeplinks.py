"""Conversations: /start with a payload from a t.me link opens that answer; cards can be shared."""

from urllib.parse import parse_qs, urlsplit

import pytest
from aiogram import methods
from aiogram.exceptions import TelegramNetworkError

from bot.i18n import default_i18n
from handlers.views.share import bot_username, share_row
from tests.conftest import every_button, every_row, whole_keyboard


async def test_a_category_link_opens_the_card_rated_and_shareable(env, chat):
    [card] = await chat.send("/start cat_D-O-4")
    assert card.text.startswith("Категория D-O-4")
    rows = await whole_keyboard(chat)
    assert [[b.label for b in row] for row in rows[-3:]] == [["👍 Полезно", "👎 Не помогло"], ["📤 Поделиться"],
                                                             ["⬅️ Главное меню"]]
    share = rows[-2][0].url
    assert parse_qs(urlsplit(share).query)["url"] == ["https://t.me/gosqyzmet_bot?start=cat_D-O-4"]
    assert await env.feedback.counts.totals() == {"category": 1}


async def test_a_category_link_typed_in_lowercase_or_cyrillic_opens_the_card(chat, chat_kk):
    [card] = await chat.send("/start cat_d-o-4")
    assert card.text.startswith("Категория D-O-4")
    [card] = await chat_kk.send("/start cat_Д-О-4")
    assert card.text.startswith("D-O-4")


async def test_a_position_link_opens_every_category_of_the_name_in_kazakh(chat_kk):
    [card] = await chat_kk.send("/start pos_E-G-3_1")
    assert card.text.startswith("Бас маман\nСанаттар мен органдар:")
    assert ["📤 Бөлісу"] in await every_row(chat_kk)


async def _shared(chat) -> tuple[str, list[str]]:
    """Where the newest card's "Поделиться" link leads, and the text it goes with."""
    share = parse_qs(urlsplit((await whole_keyboard(chat))[-2][0].url).query)
    return share["url"][0].rpartition("start=")[2], share["text"]


@pytest.mark.parametrize(("query", "payload"), [
    ("советник акимата", "kind_adviser_D-3_E-3_E-G-2"),
    ("какая категория у советника акимата, подскажите пожалуйста", "kind_adviser_D-3_E-3_E-G-2"),
    ("советник 👨‍💻", "kind_adviser"),
    ("специалист акимата сельского округа", "kind_specialist_E-G-3_E-G-4"),
])
async def test_a_kind_of_post_card_shares_a_link_to_the_same_card(chat, query, payload):
    # "Советник" lists categories of several names: a link to one position would open only the first
    [card] = await chat.send(query)
    shared, text = await _shared(chat)
    assert shared == payload and text == [f"«{card.text.splitlines()[0]}» — категории этой госдолжности"]
    [opened] = await chat.send(f"/start {payload}")
    assert opened.text == card.text and opened.labels == card.labels


async def test_a_kind_of_post_link_opens_in_the_readers_language(chat_kk):
    [opened] = await chat_kk.send("/start kind_adviser_D-3_E-3_E-G-2")
    assert opened.text.startswith("Кеңесші\n") and ["D-3", "E-3", "E-G-2"] in opened.labels
    await chat_kk.send("ауылдық округ әкімдігіндегі маман")
    assert (await _shared(chat_kk))[0] == "kind_specialist_E-G-3_E-G-4"


@pytest.mark.parametrize("payload", ["kind_adviser_A-1", "kind_adviser_D-3_A-1", "kind_nobody", "kind_adviſer"])
async def test_a_kind_of_post_link_to_categories_without_such_a_post_is_unknown(chat, payload):
    # A-1 has no adviser: a link naming it was not shared by the bot (or the register changed since)
    [notice, greeting] = await chat.send(f"/start {payload}")
    assert notice.text == default_i18n()("ru")("deeplink-unknown")
    assert greeting.buttons


async def test_a_name_card_still_shares_a_position_link(chat):
    await chat.send("главный специалист")
    [link] = parse_qs(urlsplit((await whole_keyboard(chat))[-2][0].url).query)["url"]
    assert link.endswith("start=pos_C-O-5_1")


async def test_section_links_open_the_walkthrough_the_salaries_and_the_register(chat):
    [reply] = await chat.send("/start admission")
    assert "Вопрос 1  ○○○○○○○○○○\nВы гражданин Республики Казахстан?" in reply.text
    [reply] = await chat.send("/start salary")
    assert reply.text.startswith("💰")
    [reply] = await chat.send("/start positions")
    assert reply.text.startswith("Реестр административных государственных должностей")


async def test_a_position_link_typed_in_lowercase_or_cyrillic_opens_the_card(chat, chat_kk):
    [card] = await chat.send("/start pos_e-g-3_1")
    assert card.text.startswith("Главный специалист\n")
    [card] = await chat_kk.send("/start POS_Е-Г-3.1")
    assert card.text.startswith("Бас маман\nСанаттар мен органдар:")


async def test_an_unknown_or_outdated_payload_is_explained_then_the_greeting_follows(chat, chat_kk):
    for payload in ("hello", "cat_Z-9", "cat_E-G-9", "pos_Z-9_1", "pos_"):
        [notice, reply] = await chat.send(f"/start {payload}")
        assert notice.text == "Эта ссылка устарела или в ней ошибка — открыть по ней нечего. Вот с чего можно начать:"
        assert reply.text.startswith("Здравствуйте, Айгерим!"), payload
    [notice, reply] = await chat_kk.send("/start cat_E-G-9")
    assert notice.text.startswith("Бұл сілтеме ескірген немесе қатесі бар")
    assert reply.text.startswith("Сәлеметсіз бе")


async def test_a_position_no_longer_in_the_register_opens_its_category(chat, chat_kk):
    [notice, card] = await chat.send("/start pos_D-O-4_99")
    assert notice.text == "Должности из этой ссылки в реестре нет — показываю её категорию:"
    assert card.text.startswith("Категория D-O-4")
    [notice, card] = await chat_kk.send("/start pos_d-o-4_99")
    assert notice.text == "Бұл сілтемедегі лауазым тізілімде жоқ — оның санатын көрсетемін:"
    assert card.text.startswith("D-O-4")


async def test_an_akimat_link_opens_the_topics_which_can_be_shared(chat, chat_kk):
    [menu] = await chat.send("/start akimat")
    assert menu.text.startswith("Об акимате")
    assert menu.labels[0] == ["Что такое акимат"]
    [menu] = await chat_kk.send("/start akimat")
    assert menu.text.startswith("Әкімдік туралы")
    [share] = [b for b in await every_button(chat_kk) if b.url]
    assert share.label == "📤 Бөлісу"
    assert parse_qs(urlsplit(share.url).query)["url"] == ["https://t.me/gosqyzmet_bot?start=akimat"]


async def test_share_button_asks_telegram_for_the_bot_name_once(env):
    t = default_i18n()("kk")
    [first] = share_row(t, await bot_username(env.bot), "cat_D-O-4", "D-O-4")
    [second] = share_row(t, await bot_username(env.bot), "complaint")
    assert first.text == "📤 Бөлісу"
    assert first.url == ("https://t.me/share/url?url=https%3A%2F%2Ft.me%2Fgosqyzmet_bot%3Fstart%3Dcat_D-O-4"
                         "&text=D-O-4")
    assert second.url.endswith("start%3Dcomplaint")
    assert len(env.session.of_type(methods.GetMe)) == 1


async def test_a_card_still_comes_when_telegram_cannot_name_the_bot(env, chat):
    for _ in range(2):  # the card, then its second page, built again when "Ещё…" is pressed
        env.session.fail_next(methods.GetMe, TelegramNetworkError(methods.GetMe(), "timeout"))
    [card] = await chat.send("D-O-4")
    assert card.text.startswith("Категория D-O-4")
    rows = await every_row(chat)
    assert ["📤 Поделиться"] not in rows and ["👍 Полезно", "👎 Не помогло"] in rows
    await chat.send("D-O-5")
    assert ["📤 Поделиться"] in await every_row(chat)  # asked again next time


async def test_a_complaint_link_opens_the_guide_which_can_be_shared_in_kazakh(chat_kk):
    [guide] = await chat_kk.send("/start complaint")
    assert guide.text.startswith("Әкімдікке")
    [share] = [b for b in await every_button(chat_kk) if b.url]
    assert share.label == "📤 Бөлісу"
    assert parse_qs(urlsplit(share.url).query)["url"] == ["https://t.me/gosqyzmet_bot?start=complaint"]
