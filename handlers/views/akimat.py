"""About the akimat: the list of topics (what it is, what it does, who appoints akims, kinds of servants) and a
topic's answer, each statement with its source."""

from __future__ import annotations

import html
from collections.abc import Iterable

from bot.akimat import AkimatTopic
from bot.appeal_guide import AppealGuide
from bot.datafiles import pick
from bot.feedback import AnswerKind
from bot.i18n import Translator
from handlers.callbacks import AkimatCb, CmpCb, ComplaintAct, MenuCb, MenuItem
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Keyboard, View, button
from handlers.views.share import share_row
from handlers.views.sources import sources_line, statements

SHARE_PAYLOAD = "akimat"  # t.me/<bot>?start=akimat opens the list of topics
# The questions a topic of data/akimat.yaml answers: the question's topic → the data's topic id.
ANSWERED_BY = {"akimat.what": "what", "akimat.does": "does", "akimat.akims": "akims", "register.kinds": "servants"}


def topics_keyboard(t: Translator, topics: Iterable[AkimatTopic], username: str | None,
                    shown: str | None = None) -> Keyboard:
    """A button per topic (but the one ``shown`` above it, rated then), the complaints section, "Поделиться"."""
    rows = [
        # the short label: a phone cuts a long title; the answer's message keeps the full one
        (button(pick(topic.button, t.lang), AkimatCb(topic=topic.id)),)
        for topic in topics
        if topic.id != shown
    ]
    if shown is not None:  # under a topic's answer
        rows.append(feedback_row(t, AnswerKind.AKIMAT))
    # a link to the related section, not "◀️ back": the section is opened from the main menu too
    rows.append((button(t("menu-complaint"), CmpCb(action=ComplaintAct.MENU)),))
    rows.append(share_row(t, username, SHARE_PAYLOAD, t.plain("share-akimat-text")))
    ref = AkimatCb(topic=shown) if shown is not None else MenuCb(item=MenuItem.AKIMAT)
    return Keyboard.of(t, rows, ref=ref)


def topics_menu(t: Translator, topics: Iterable[AkimatTopic], username: str | None, intro: str = "") -> View:
    """The list of topics; ``intro`` (ready HTML) goes above it."""
    text = f"{intro}\n\n{t('akimat-menu')}" if intro else t("akimat-menu")
    return View(text, topics_keyboard(t, topics, username))


def topic_text(t: Translator, topic: AkimatTopic) -> str:
    title = html.escape(pick(topic.title, t.lang), quote=False)
    return f"<b>{title}</b>\n\n{statements(t, topic.statements, separator=chr(10))}"


def contacts_answer(t: Translator, guide: AppealGuide) -> View:
    """Where to find an akimat's phone, address and reception hours, and the free 1414 line."""
    c1414 = guide.channel("c1414")
    assert c1414 is not None  # data/appeals.yaml lists the contact centre; its loader checks the file
    call = t("layout-phone", name=pick(c1414.name, t.lang), text=c1414.expect.pick(t.lang))
    text = "\n\n".join([t("akimat-contacts-title"), html.escape(guide.where_contacts.pick(t.lang), quote=False),
                         f"{call}\n{sources_line(t, [guide.where_contacts, c1414.expect])}"])
    rows = [(button(t("complaint-btn-channels"), CmpCb(action=ComplaintAct.CHANNELS)),),
            feedback_row(t, AnswerKind.AKIMAT)]
    return View(text, Keyboard.of(t, rows))


def short_answer(t: Translator, topic: AkimatTopic, username: str | None) -> View:
    """The first reply to a typed question about the topic: its statements in a few lines (the topic's ``short``),
    everything behind "Подробнее"; rated and shareable like the whole answer."""
    share = share_row(t, username, SHARE_PAYLOAD, t.plain("share-akimat-text"))
    if not topic.short:
        return View(topic_text(t, topic), Keyboard.of(t, [feedback_row(t, AnswerKind.AKIMAT), share]))
    title = html.escape(pick(topic.title, t.lang), quote=False)
    text = f"<b>{title}</b>\n\n{statements(t, topic.short, separator=chr(10))}"
    rows = [(button(t("akimat-more"), AkimatCb(topic=topic.id)),), feedback_row(t, AnswerKind.AKIMAT), share]
    return View(text, Keyboard.of(t, rows))


def topic_answer(t: Translator, topics: Iterable[AkimatTopic], username: str | None, topic: AkimatTopic) -> View:
    return View(topic_text(t, topic), topics_keyboard(t, topics, username, shown=topic.id))
