"""Whatever a user sends, through the real dispatcher: always an answer within Telegram's limits,
never an error, and the user's own text is shown literally, never run as markup.

The offline session (``RecordingSession``) refuses what Telegram would refuse (over 4096 characters,
bad HTML, over 64 bytes of callback data), and a refused reply turns into the generic apology; so
"no apology and no error logged" means every reply was one Telegram would deliver.
"""

from __future__ import annotations

import itertools
import logging
import re
from datetime import date, timedelta

import pytest
from aiogram import methods
from aiogram.types import (
    Animation,
    Audio,
    CallbackQuery,
    Contact,
    Dice,
    Document,
    InlineQuery,
    Location,
    PhotoSize,
    Sticker,
    Update,
    Venue,
    Video,
    VideoNote,
    Voice,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import default_i18n
from bot.runtime.console import Reply, visible_text
from handlers.callbacks import CmpCb
from handlers.views.menu import MENU_ITEMS

I18N = default_i18n()
APOLOGIES = {I18N(lang)("error-generic") for lang in ("ru", "kk")}
MARK = "ZQXW"  # appears in injected markup; if a reply shows it, it must show the markup around it too
EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
_user_ids = itertools.count(10_000)


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def errors():
    handler = Errors()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def new_chat(env, lang: str = "ru", first_name: str = "Айгерим"):
    chat = env.chat(lang, next(_user_ids))
    chat.first_name = first_name
    return chat


def assert_served(chat, replies: list[Reply], errors: Errors, what: object, notices: list[str] = ()) -> None:
    """A reply to ``what`` (a message, or for a button also a pop-up ``notices``), none of them an error."""
    mine = [r for r in replies if r.chat_id == chat.user_id]
    assert mine or any(n.strip() for n in notices), f"no answer to {what!r}"
    assert not set(notices) & APOLOGIES
    for reply in mine:
        assert reply.text not in APOLOGIES, f"{what!r} made a handler fail"
        assert '<a href="http://evil' not in reply.html and '<a href="javascript' not in reply.html, reply.html
        if MARK in reply.text:
            assert f"<b>{MARK}</b>" not in reply.html and f"<i>{MARK}</i>" not in reply.html, reply.html
    assert not errors.records, [r.getMessage() for r in errors.records]


# -- text -----------------------------------------------------------------------------------------

_any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)
_emoji = st.lists(st.sampled_from(["😀", "🇰🇿", "👍🏽", "❤️", "👨‍👩‍👧", "🏛", "💰", "🙏", "🔥", "\U0001fae0"]),
                  min_size=1, max_size=50).map("".join)
_whitespace = st.lists(st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2003", "\u200b", "\u3000", "\r\n"]),
                       min_size=1, max_size=30).map("".join)
INJECTIONS = [
    f"<b>{MARK}</b>", f"<i>{MARK}</i> главный специалист", f'<a href="http://evil.example">{MARK}</a>',
    f"<script>alert('{MARK}')</script>", f"<b>{MARK}", f"</b>{MARK}", f"&lt;{MARK}&gt; &amp; &#0; &#x110000;",
    f"<tg-spoiler>{MARK}</tg-spoiler>", f'<a href="javascript:alert(1)">{MARK}</a>', "<", "&", "<<>>", "&&;",
    f"*{MARK}* _{MARK}_ `{MARK}` ```{MARK}``` [{MARK}](http://evil.example) ~~{MARK}~~ ||{MARK}||",
    f"<pre><code class=\"language-python\">{MARK}</code></pre>", f"{MARK}\u202e\u2066 обратно",
    f"/start <b>{MARK}</b>", f"/help {MARK}</i>", "/unknown_command", "/start@other_bot", "/", "//", "/ ",
    f"D-O-4 <b>{MARK}</b>", "E-G-3' OR 1=1; DROP TABLE users; --", "%s %d {0} {name} { $name }",
    "/positions " + "бас маман " * 1200, f"/positions <i>{MARK}</i>", "/salary " + "ә" * 9000,
    "/admission " + "😀" * 3000, "/complaint " + "&amp;" * 2000, "зарплата " + "главного специалиста " * 600,
]
_injections = st.sampled_from(INJECTIONS)
_words = st.sampled_from(["главный специалист", "бас маман", "D-O-4", "зарплата", "акимат", "жалоба",
                          "госслужба", "E-G-3", "руководитель", "A-4", "қызмет", "?"])
_mixed = st.lists(st.one_of(_words, _injections, _emoji, _any_text), min_size=1, max_size=6).map(" ".join)


@EXAMPLES
@given(text=st.one_of(_any_text, _emoji, _whitespace, _injections, _mixed), lang=st.sampled_from(["ru", "kk"]))
async def test_any_text_gets_an_answer(env, errors, text, lang):
    chat = new_chat(env, lang)
    assert_served(chat, await chat.send(text), errors, text)


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_every_injection_is_answered_and_shown_literally(env, errors, lang):
    for text in INJECTIONS:
        chat = new_chat(env, lang)
        assert_served(chat, await chat.send(text), errors, text)


@settings(EXAMPLES, max_examples=8)
@given(piece=st.one_of(_words, _injections, _emoji, _any_text), size=st.integers(10_000, 20_000))
async def test_very_long_text_gets_an_answer(env, errors, piece, size):
    text = (piece + " ") * (size // (len(piece) + 1) + 1)
    chat = new_chat(env)
    assert_served(chat, await chat.send(text[:size]), errors, f"{len(text[:size])} characters of {piece!r}")


@settings(EXAMPLES, max_examples=15)
# Telegram allows at most 64 characters in a first name.
@given(name=st.one_of(_injections, _any_text, _emoji).map(lambda s: s[:64]).filter(str.strip),
       lang=st.sampled_from(["ru", "kk"]))
async def test_any_first_name_is_shown_literally(env, errors, name, lang):
    chat = new_chat(env, lang, first_name=name)
    replies = await chat.send("/start")
    assert_served(chat, replies, errors, name)
    if name.strip() and name.isprintable():  # line breaks and control characters are not kept literally
        assert name.strip() in replies[0].text or name in replies[0].text


# -- messages that are not text -------------------------------------------------------------------

_file = {"file_id": "AgAD", "file_unique_id": "AQAD"}
NON_TEXT = {
    "photo": {"photo": [PhotoSize(**_file, width=640, height=480)]},
    "photo with caption": {"photo": [PhotoSize(**_file, width=640, height=480)], "caption": f"<b>{MARK}</b>"},
    "sticker": {"sticker": Sticker(**_file, type="regular", width=512, height=512, is_animated=False,
                                   is_video=False, emoji="😀")},
    "voice": {"voice": Voice(**_file, duration=4)},
    "audio": {"audio": Audio(**_file, duration=180)},
    "video": {"video": Video(**_file, width=640, height=360, duration=10)},
    "video note": {"video_note": VideoNote(**_file, length=240, duration=5)},
    "animation": {"animation": Animation(**_file, width=320, height=240, duration=3)},
    "document": {"document": Document(**_file, file_name="<b>резюме</b>.pdf"), "caption": "главный специалист"},
    "location": {"location": Location(latitude=51.1694, longitude=71.4491)},
    "venue": {"venue": Venue(location=Location(latitude=43.2389, longitude=76.8897), title="Акимат",
                             address="пр. Абылай хана, 4")},
    "contact": {"contact": Contact(phone_number="+77010000000", first_name="<i>Дана</i>", user_id=5)},
    "dice": {"dice": Dice(emoji="🎲", value=4)},
}


@pytest.mark.parametrize("kind", NON_TEXT)
@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_a_message_that_is_not_text_gets_a_helpful_answer(env, errors, kind, lang):
    chat = new_chat(env, lang)
    replies = await chat.send_message(**NON_TEXT[kind])
    assert_served(chat, replies, errors, kind)
    assert replies[-1].buttons, "the answer offers the menu to go on from"


# -- buttons ------------------------------------------------------------------------------------------

# Every prefix in use (README "Callback data"), a few that are not, and values that break naive parsing.
PREFIXES = ["m", "lang", "forget", "adm", "ak", "cmp", "pos", "rmd", "sal", "more", "x", "", "srch"]
VALUES = [
    *MENU_ITEMS, "home", "ru", "kk", "en", "1", "0", "true", "-1", "", ":", "999999999999999999999999",
    "9223372036854775808", "-9223372036854775809", "1e400", "nan", "inf", "0x10", "١٢",
    "remind", "reg", "calc", "draft", "dcancel", "noans", "deadlines", "rlist", "root", "fam", "grp", "name",
    "2026-11-25", "2026-13-45", "9999-12-31", "0001-01-01", "1900-01-01", "2100-01-01", "D-O-4", "Z-Z-9",
]
APPEAL = (date.today() - timedelta(days=1)).isoformat()
ODD_ARGS = ["", "-1", "9223372036854775808", "2026-13-45", "9999-12-31", "0001-01-01", "D-O-4", "Z-Z-9", "ә"]
_prefixes = st.sampled_from(PREFIXES)
_values = st.sampled_from(VALUES)
_fields = st.lists(st.one_of(_values, st.text(st.characters(exclude_categories=("Cs",)), max_size=8)), max_size=4)
_forged = st.builds(lambda p, f: ":".join([p, *f]), _prefixes, _fields).filter(
    lambda data: 0 < len(data.encode()) <= 64)


@EXAMPLES
@given(data=st.one_of(_forged, st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=64)
                      .filter(lambda d: len(d.encode()) <= 64)),
       stale=st.booleans(), lang=st.sampled_from(["ru", "kk"]))
async def test_a_forged_or_stale_button_gets_an_answer(env, errors, data, stale, lang):
    chat = new_chat(env, lang)
    [menu] = await chat.send("/start")
    answered = len(env.session.of_type(methods.AnswerCallbackQuery))
    seen = len(env.session.notices)
    # A stale button: on a message the bot no longer has (deleted, or from before a restart).
    replies = await chat.press_data(data, None if stale else menu.message_id)
    assert_served(chat, replies, errors, data, env.session.notices[seen:])
    assert len(env.session.of_type(methods.AnswerCallbackQuery)) > answered, "the button stops spinning"


async def test_every_main_menu_button_works_on_an_old_menu_message(env, errors):
    chat = new_chat(env)
    [old] = await chat.send("/start")
    await chat.send("/help")
    for row in old.buttons:
        for button in row:
            replies = await chat.press_data(button.callback_data, old.message_id)
            assert_served(chat, replies, errors, button.label)


async def test_every_prefix_with_every_odd_value_gets_an_answer(env, errors):
    """Exhaustively, what the random test samples: each prefix in use with each odd first and second field."""
    chat = new_chat(env)
    datas = [f"{p}:{v}" for p in PREFIXES for v in VALUES]
    datas += [f"{p}:{v}:{a}" for p in ("adm", "ak", "cmp", "pos", "rmd", "sal") for v in VALUES for a in ODD_ARGS]
    for data in datas:
        [menu] = await chat.send("/start")  # a fresh message each time: an edit to the same view changes nothing
        seen = len(env.session.notices)
        replies = await chat.press_data(data[:64], menu.message_id)
        assert_served(chat, replies, errors, data, env.session.notices[seen:])


# -- inside multi-step flows --------------------------------------------------------------------------

FLOW_ENTRIES = {
    "admission": ["/admission"],
    "deadline calculator": ["/complaint", CmpCb(action="calc").pack()],
    "appeal draft": ["/complaint", CmpCb(action="draft").pack()],
}


async def enter(chat, steps: list[str]) -> None:
    for step in steps:
        if step.startswith("/"):
            await chat.send(step)
        else:
            await chat.press_data(step)


@settings(EXAMPLES, max_examples=25)
@given(flow=st.sampled_from(sorted(FLOW_ENTRIES)),
       answers=st.lists(st.one_of(_any_text, _emoji, _whitespace, _injections, _mixed,
                                  _any_text.map(lambda s: (s + " ") * (5000 // (len(s) + 1) + 1))),
                        min_size=1, max_size=4),
       lang=st.sampled_from(["ru", "kk"]))
async def test_anything_typed_inside_a_flow_gets_an_answer(env, errors, flow, answers, lang):
    chat = new_chat(env, lang)
    await enter(chat, FLOW_ENTRIES[flow])
    for answer in answers:
        assert_served(chat, await chat.send(answer), errors, f"{flow}: {answer[:80]!r}")


async def test_a_button_press_without_its_message_is_answered_without_error(env, errors):
    """Telegram omits the message for very old ones and for inline-mode messages: no chat to write to."""
    chat = new_chat(env)
    datas = [f"{p}:{v}" for p in PREFIXES for v in VALUES[:20]] + [CmpCb(action="remind", arg=APPEAL).pack()]
    for number, data in enumerate(datas, start=1):
        before = len(env.session.of_type(methods.AnswerCallbackQuery))
        query = CallbackQuery(id=f"inline-{number}", from_user=chat.user, chat_instance="inline",
                              inline_message_id=f"im{number}", data=data[:64])
        await env.dp.feed_update(env.bot, Update(update_id=900_000 + number, callback_query=query))
        assert len(env.session.of_type(methods.AnswerCallbackQuery)) > before, data
        assert not errors.records, (data, [r.getMessage() for r in errors.records])


# -- inline mode ------------------------------------------------------------------------------------------

_offsets = st.one_of(st.just(""), st.sampled_from(["0", "10", "-1", "abc", "1e9", "99999999999999999999", "١٠"]),
                     st.text(max_size=10))


@settings(EXAMPLES, max_examples=40)
@given(text=st.one_of(_any_text, _emoji, _whitespace, _injections, _words).map(lambda s: s[:256]),
       offset=_offsets, lang=st.sampled_from(["ru", "kk"]))
async def test_any_inline_query_gets_results_telegram_accepts(env, errors, text, offset, lang):
    chat = new_chat(env, lang)
    update = Update(update_id=next(_user_ids), inline_query=InlineQuery(
        id=str(next(_user_ids)), from_user=chat.user, query=text, offset=offset))
    await env.dp.feed_update(env.bot, update)
    assert not errors.records, [r.getMessage() for r in errors.records]
    answer = env.session.of_type(methods.AnswerInlineQuery)[-1]
    assert answer.inline_query_id == update.inline_query.id
    assert len(answer.results) <= 50 and len((answer.next_offset or "").encode()) <= 64
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", answer.button.start_parameter)
    for result in answer.results:
        assert 0 < len(result.id.encode()) <= 64 and result.title.strip()
        shown = visible_text(result.input_message_content.message_text)  # raises on markup Telegram refuses
        assert 0 < len(shown) <= 4096


PAYLOADS = ["complaint", "positions", "salary", "admission", "cat_D-O-4", "cat_E-G-3", "cat_", "cat_Z-Z-9",
            "pos_D-O-4_999", "pos_-1", "pos_Z-Z-9_1", "pos_", "_", "-"]


@settings(EXAMPLES, max_examples=40)
@given(payload=st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True), _any_text.map(lambda s: s[:64]),
                         st.sampled_from(PAYLOADS)),
       lang=st.sampled_from(["ru", "kk"]))
async def test_any_deep_link_payload_gets_an_answer(env, errors, payload, lang):
    chat = new_chat(env, lang)
    assert_served(chat, await chat.send(f"/start {payload}"), errors, payload)
