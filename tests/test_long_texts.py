"""Long and hostile texts, through the real dispatcher: each is answered within a CPU budget, in any state, and a
long question is read from its start, which the answer says in one line."""

from __future__ import annotations

import itertools
import time

import pytest
from aiogram import methods
from aiogram.types import InlineQuery, Update, User

from bot.i18n import default_i18n
from bot.message_parts import MAX_QUERY_CHARS, text_start
from bot.register import Register
from tests.conftest import label, press_shown

LIMIT = 4096  # Telegram's most for a message: 4,096 UTF-16 units
_ids = itertools.count(1)


def adversarial(variant: str) -> dict[str, str]:
    """Texts of Telegram's full length that cost the most to read; ``variant`` makes each round's texts new to
    every cache, so each round pays the whole price."""
    texts = {
        "one long word": "а" * LIMIT,
        "one long latin word": "x" * LIMIT,
        "digits": "7" * LIMIT,
        "digits and dashes": "1-" * (LIMIT // 2),
        "@ runs": "@" * LIMIT,
        "@ inside words": "a@" * (LIMIT // 2),
        "e-mails": "a@b " * (LIMIT // 4),
        "repeated position words": "главный специалист " * (LIMIT // 19),
        "repeated kazakh position words": "бас маман " * (LIMIT // 10),
        "salary and dates": "зарплата 5 марта " * (LIMIT // 17),
        "mixed scripts": ("аәбвгҒқXyz١٢٣中文" * LIMIT)[:LIMIT],
        "emoji": "😀" * (LIMIT // 2),
        "markup": "<b>&amp;" * (LIMIT // 8),
        "a command's arguments": "/positions " + "ж" * LIMIT,
        "a start payload": "/start cat_" + "D-O-4" * LIMIT,
    }
    return {name: (variant + text)[:LIMIT] if name != "emoji" else variant + text[1:] for name, text in texts.items()}


async def _idle(chat) -> None:
    await chat.send("/cancel")


async def _calculator(chat) -> None:
    await chat.send("/complaint")
    await chat.press_data("cmp:calc:")


async def _draft(chat) -> None:
    await chat.send("/complaint")
    await press_shown(chat, label(chat.language_code, "complaint-btn-draft"))


async def _admission(chat) -> None:
    await chat.send("/admission")


STATES = {"idle": _idle, "calculator": _calculator, "draft": _draft, "admission": _admission}


async def test_the_slowest_adversarial_text_is_answered_within_20_ms_of_cpu(chat):
    # The e-mail mask of the miss log took 58 ms on a 4,096-character word, growing with the square of the length;
    # "a@" * 2048 typed into the calculator took 23 ms to read as a date. Best of three rounds: a shared machine.
    await chat.send("/start")
    for enter in STATES.values():  # the first use of each path builds what it needs once
        await enter(chat)
        for text in adversarial("0").values():
            await chat.send(text)
            await enter(chat)
    worst: dict[tuple[str, str], float] = {}
    for state, enter in STATES.items():
        best: dict[str, float] = {}
        for variant in "123":
            for name, text in adversarial(variant).items():
                await enter(chat)
                start = time.process_time()
                replies = await chat.send(text)
                spent = time.process_time() - start
                assert replies, (state, name)
                best[name] = min(best.get(name, spent), spent)
        worst.update({(state, name): spent for name, spent in best.items()})
    slowest = max(worst, key=worst.__getitem__)
    assert worst[slowest] <= 0.020, f"{slowest}: {worst[slowest] * 1000:.1f} ms"


@pytest.mark.parametrize(("lang", "note"), [
    ("ru", "✂️ Сообщение длинное: я прочитал только его начало (до 200 знаков)."),
    ("kk", "✂️ Хабарлама ұзын екен: тек басын ғана оқыдым (200 таңбаға дейін)."),
])
@pytest.mark.parametrize("question", [
    "главный специалист " * 20 + "водитель",  # the words past 200 characters are not read
    "/positions " + "главный специалист " * 20 + "водитель",
    "сколько получает главный специалист " + "главный специалист " * 10 + "водитель",
    "какие должности есть в акимате района " + "и сколько их " * 20,
    "абракадабра " * 30,  # not found
])
async def test_a_long_question_is_answered_from_its_start_and_says_so(env, lang, note, question):
    command, _, words = question.rpartition("/positions ")
    start = text_start(words).text
    assert start != words and len(start) <= MAX_QUERY_CHARS
    [whole] = await env.chat(lang, 3001).send(question)
    [from_start] = await env.chat(lang, 3002).send(command + start)
    # a typed Russian question to a Kazakh user is offered Russian, once; a command is not
    offer = "\n\n" + default_i18n()("ru")("language-offer")
    if not question.startswith("/") or lang == "ru":
        assert whole.text == f"{note}\n\n{from_start.text}" and whole.labels == from_start.labels
    else:
        assert whole.text == f"{note}\n\n{from_start.text.removesuffix(offer)}"
    assert not from_start.text.startswith("✂️")



async def test_a_long_inline_query_is_answered_within_the_same_budget(env):
    # Telegram sends at most 256 characters of an inline query; the handler reads 200 of them
    user = User(id=1001, is_bot=False, first_name="Айгерим", language_code="ru")

    async def ask(query: str) -> float:
        update = Update(update_id=next(_ids), inline_query=InlineQuery(id=str(next(_ids)), from_user=user,
                                                                       query=query, offset=""))
        start = time.process_time()
        await env.dp.feed_update(env.bot, update)
        return time.process_time() - start

    await ask("бас маман")
    for text in adversarial("0").values():
        await ask(text[:256])
    best: dict[str, float] = {}
    for variant in "123":
        for name, text in adversarial(variant).items():
            spent = await ask(text[:256])
            best[name] = min(best.get(name, spent), spent)
    assert len(env.session.of_type(methods.AnswerInlineQuery)) == 1 + 4 * len(best)  # every one answered
    slowest = max(best, key=best.__getitem__)
    assert best[slowest] <= 0.020, f"{slowest}: {best[slowest] * 1000:.1f} ms"


async def test_the_search_is_never_given_more_than_200_characters(env, chat, monkeypatch):
    asked: list[int] = []
    search = Register.search

    def measured(self, query, *args, **kwargs):
        asked.append(len(query))
        return search(self, query, *args, **kwargs)

    monkeypatch.setattr(Register, "search", measured)
    long = "главный специалист " * 200
    for enter in STATES.values():
        await enter(chat)
        for text in (long, "сколько получает " + long, "какие должности есть в акимате " + long, "/positions " + long,
                     "/salary " + long):
            await chat.send(text)
            await enter(chat)
    user = User(id=1001, is_bot=False, first_name="Айгерим", language_code="ru")
    await env.dp.feed_update(env.bot, Update(update_id=next(_ids), inline_query=InlineQuery(
        id="1", from_user=user, query=long[:256], offset="")))
    assert asked and max(asked) <= MAX_QUERY_CHARS
