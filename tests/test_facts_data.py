"""Every statement in data/ is sourced, dated and linkable, and one citing a replaced act says so in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.akimat import load_akimat_topics
from bot.appeal_guide import load_appeal_guide
from bot.datafiles import DATA_DIR, iso_date
from bot.dates import format_date
from bot.eligibility import RULES
from bot.facts import ACTS_FILE, SOURCES_FILE, Sourced, cite, ended_acts, load_library
from bot.i18n import default_i18n
from bot.register import load_register
from bot.salary import load_salaries
from handlers.views.sources import sources_line

# Data files that hold no statements of fact: words to recognise and the vocabulary of the search.
NOT_FACTS = {"admission_phrases.yaml", "calendar_words.yaml", "salary_words.yaml", "search_terms.yaml"}
DEFINITIONS = {ACTS_FILE, SOURCES_FILE}


def _records(node: Any, where: str):
    """Every mapping in a YAML tree that cites a source, with where it is."""
    if isinstance(node, dict):
        if "source" in node or "sources" in node:
            yield node, where
        for key, value in node.items():
            if key != "sources":  # the citations of the record above, not statements of their own
                yield from _records(value, f"{where} › {key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _records(value, f"{where}[{i}]")


def _data_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.glob("*.yaml") if p.name not in NOT_FACTS | DEFINITIONS)


def test_every_data_file_is_walked_or_listed_as_holding_no_facts():
    names = {p.name for p in DATA_DIR.glob("*.yaml")}
    assert {p.name for p in _data_files()} == names - NOT_FACTS - DEFINITIONS
    assert {"appeals.yaml", "akimat.yaml", "admission.yaml", "salaries.yaml", "register.yaml"} <= names


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.name)
def test_every_statement_has_a_known_source_a_date_and_a_link_or_a_reason(path: Path):
    library = load_library()
    raw = yaml.safe_load(path.read_text("utf-8"))
    records = list(_records(raw, path.name))
    assert records, f"{path.name} cites nothing"
    for record, where in records:
        assert record.get("as_of") is not None, f"{where}: no as_of"
        iso_date(record["as_of"], where)
        cites = record.get("sources", [record])
        for citation in cites:
            source = library.source(citation["source"], where)
            assert source.link("ru") or source.no_url_reason, f"{where}: {source.id} has no URL and no reason"


def _statements() -> list[Sourced]:
    guide, salaries, register = load_appeal_guide(), load_salaries(), load_register()
    route = RULES.route
    return [
        *(c.expect for c in guide.channels), guide.where_contacts, guide.contents_source, *guide.deadlines,
        *guide.no_answer,
        *(s for topic in load_akimat_topics().values() for s in topic.statements),
        *(r.fact for r in salaries.ranges.values()), *(c.fact for c in salaries.context), *salaries.factors,
        *(r.rule for r in RULES.requirements.values()), *(w.fact for w in RULES.ways), RULES.caveat,
        route.test.fact, route.new_rules, *route.stages, route.vacancies, route.reserve,
        register.provenance.fact,
    ]


def test_every_loaded_statement_is_sourced_dated_and_in_both_languages():
    statements = _statements()
    assert len(statements) > 60
    for fact in statements:
        assert fact.cites and fact.as_of and fact.text["ru"] and fact.text["kk"]
        for citation in fact.cites:
            assert citation.source.link("ru") or citation.source.no_url_reason


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_statement_citing_an_act_no_longer_in_force_says_until_when_and_what_applies_now(lang):
    t = default_i18n()(lang)
    outdated = [fact for fact in _statements() if ended_acts(cite([fact]))]
    cited = {act.id for fact in outdated for act in ended_acts(cite([fact]))}
    # the 2026 replacements and the repealed laws the bot still quotes (facts.md §6)
    assert cited == {"constitution_1995", "civil_service_law_2015", "civil_service_law_1999", "appeals_law_2007"}
    for fact in outdated:
        line = sources_line(t, [fact])
        for act in ended_acts(cite([fact])):
            until = format_date(t, act.ended_on)
            ended = {"ru": f"{act.name['ru']} {'действовала' if act.feminine else 'действовал'} до {until}",
                     "kk": f"{act.name['kk']} {until} дейін қолданылды"}[lang]
            assert ended in line, (fact.text["ru"][:60], line)
            current = act.current()
            assert current is not None and current.in_force
            assert f'<a href="{current.url(lang)}">{current.name[lang]}</a>' in line
            assert {"ru": "сейчас действует", "kk": "қазір"}[lang] in line


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_source_line_links_acts_to_adilet_in_the_readers_language(lang):
    t = default_i18n()(lang)
    line = sources_line(t, [load_appeal_guide().deadline("working_days")])
    section = "rus" if lang == "ru" else "kaz"
    assert line.startswith({"ru": "<i>Источник: ", "kk": "<i>Дереккөзі: "}[lang])
    assert f'<a href="https://adilet.zan.kz/{section}/docs/K2000000350">' in line
    assert {"ru": "ст. 76, 26.11.2026</i>", "kk": "76-бап, 26.11.2026</i>"}[lang] in line
    assert "\n" not in line  # the APPC is in force: no second line
