"""How an answer cites its sources: one line of sources under it, statements as paragraphs above that."""

from __future__ import annotations

import html
from collections.abc import Iterable

from bot.datafiles import pick
from bot.dates import format_date
from bot.facts import Act, Footnotes, Sourced, cite, ended_acts, several_sources
from bot.i18n import Html, Translator


def sources_line(t: Translator, facts: Iterable[Sourced] | Footnotes) -> str:
    """The one line that cites ``facts``, then a line for the acts among them no longer in force.

    "Источник: <a href="…">статья «…»</a>, 02.10.2024" (several: "Источники: …; …"); given
    :class:`~bot.facts.Footnotes`, each source is numbered as the text marked it ("[1] …; [2] …").
    An act no longer in force adds, from the data: "⚠️ Закон … действовал до 01.07.2026; сейчас
    действует <a>Закон …</a>." — acts replaced by the same act share that line. Links go to adilet in
    the reader's language for acts, to the page itself for the rest; a source without one is named only.
    """
    numbered = isinstance(facts, Footnotes)
    cited = cite(facts.facts if isinstance(facts, Footnotes) else facts)

    def link(name: str, url: str | None) -> str:
        shown = html.escape(name, quote=False)
        return f'<a href="{html.escape(url)}">{shown}</a>' if url else shown

    items = []
    for number, c in enumerate(cited, start=1):
        name = Html(link(pick(c.source.name, t.lang), c.source.link(t.lang)))
        articles = [t("fact-article-point", article=a, point=p) if p else t("fact-article", article=a)
                    for a, p in c.articles]
        day = format_date(t, c.date, "month" if c.precision == "month" else "day")
        item = t("layout-source", name=name, date=day) if not articles else t(
            "layout-source-articles", name=name, articles=Html(", ".join(articles)), date=day)
        items.append(f"[{number}] {item}" if numbered else item)
    lines = [t("fact-sources", count=len(items), items=Html("; ".join(items)))]

    # the acts no longer in force, grouped by the act that replaced them (None: nothing did)
    by_current: dict[Act | None, list[str]] = {}
    for act in ended_acts(cited):
        ended = t("fact-ended", act=pick(act.name, t.lang), until=format_date(t, act.ended_on),  # type: ignore[arg-type]
                  feminine="yes" if act.feminine else "no")
        by_current.setdefault(act.current(), []).append(ended)
    for current, ended in by_current.items():
        joined = Html("; ".join(ended))
        if current is None:
            lines.append(t("layout-ended-only", ended=joined))
        else:
            now = Html(link(pick(current.name, t.lang), current.url(t.lang)))
            lines.append(t("fact-now", ended=joined, current=now))
    return "\n".join(lines)


def statements(t: Translator, facts: Iterable[Sourced], separator: str = "\n\n") -> str:
    """Statements as paragraphs, then one line of their sources; with several sources each statement
    is marked with its source's number."""
    facts = list(facts)
    notes = Footnotes() if several_sources(facts) else None
    texts = [html.escape(s.pick(t.lang), quote=False) + (notes.mark(s) if notes else "") for s in facts]
    return f"{separator.join(texts)}\n{sources_line(t, notes or facts)}"
