"""Questions the bot does not cover: an honest "I can't answer that" and where to ask instead (sourced); the
sections' buttons under it say what the bot can do."""

from __future__ import annotations

from html import escape

from bot.appeal_guide import AppealGuide
from bot.datafiles import pick
from bot.facts import Footnotes
from bot.i18n import Translator
from handlers.views.sources import sources_line


def offtopic_text(t: Translator, guide: AppealGuide, kind: str) -> str:
    """``kind``: "jobs" (a job outside the register) or "topics" (a subject the bot does not cover)."""
    c1414 = guide.channel("c1414")
    assert c1414 is not None  # data/appeals.yaml lists the contact centre; its loader checks the file
    forwarding, call = guide.deadline("forwarding"), c1414.expect
    notes = Footnotes()
    where = escape(forwarding.pick(t.lang), quote=False) + notes.mark(forwarding)
    name, text = escape(pick(c1414.name, t.lang), quote=False), escape(call.pick(t.lang), quote=False)
    phone = f"{name}. {text}{notes.mark(call)}"
    return "\n\n".join([t(f"offtopic-{kind}"), t("offtopic-where"), where, f"{phone}\n{sources_line(t, notes)}"])
