"""The sourced-fact model: acts and their status, sources and their links, citations grouped per answer."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.datafiles import DataError
from bot.facts import ActStatus, Footnotes, cite, ended_acts, load_library, read_library, several_sources

DATA = Path(__file__).parents[2] / "data"


def _library_with(tmp_path: Path, acts: dict | None = None, sources: dict | None = None):
    for name, changed in (("acts.yaml", acts), ("sources.yaml", sources)):
        raw = yaml.safe_load((DATA / name).read_text("utf-8"))
        if changed is not None:
            raw[next(iter(raw))].update(changed)
        (tmp_path / name).write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    return read_library(tmp_path)


def test_the_2026_replacements_are_data():
    acts = load_library().acts
    old, new = acts["civil_service_law_2015"], acts["civil_service_law_2026"]
    assert (old.number, old.date, old.status, old.ended_on) == ("416-V", date(2015, 11, 23), ActStatus.REPLACED,
                                                                date(2026, 7, 1))
    assert old.replaced_by is new and new.in_force and new.number == "290-VIII"
    constitution = acts["constitution_1995"]
    assert constitution.current() is acts["constitution_2026"] and constitution.feminine
    # the 1999 law was repealed on 01.01.2016; what applies now is the 2026 law, two replacements later
    assert acts["civil_service_law_1999"].ended_on == date(2016, 1, 1)
    assert acts["civil_service_law_1999"].current() is new
    assert acts["appeals_law_2007"].current() is acts["appc"]


def test_acts_link_to_adilet_in_the_readers_language():
    appc = load_library().acts["appc"]
    assert appc.url("ru") == "https://adilet.zan.kz/rus/docs/K2000000350"
    assert appc.url("kk") == "https://adilet.zan.kz/kaz/docs/K2000000350"
    assert load_library().acts["agency_order_2025"].url("kk") == "https://www.zakon.kz/pravo/6501340"


def test_every_source_has_a_link_or_says_why_not():
    for source in load_library().sources.values():
        assert source.link("ru") or source.no_url_reason, source.id
        if source.link("ru"):
            assert source.link("ru").startswith("https://") and source.link("kk").startswith("https://")


def test_citations_group_per_source_with_articles_and_the_latest_check():
    library = load_library()
    a = library.statement({"text": {"ru": "а", "kk": "ә"}, "source": "appc", "article": 76, "as_of": "2026-11-26"}, "a")
    b = library.statement({"text": {"ru": "б", "kk": "ә"}, "source": "appc", "article": 91, "point": "2–4",
                           "as_of": "2026-12-03"}, "b")
    c = library.statement({"text": {"ru": "в", "kk": "ә"}, "source": "seed", "as_of": "2024-10-02"}, "c")
    [appc, seed] = cite([a, b, c, a])
    assert appc.articles == (("76", None), ("91", "2–4")) and appc.as_of == date(2026, 12, 3)
    assert seed.date == date(2024, 10, 2) and seed.articles == ()
    assert ended_acts([appc, seed]) == () and several_sources([a, b, c])
    old = library.statement({"text": {"ru": "г", "kk": "ғ"}, "sources": [
        {"source": "civil_service_law_2015", "article": 16}, {"source": "seed"}], "as_of": "2026-12-03"}, "d")
    assert [a.id for a in ended_acts(cite([old]))] == ["civil_service_law_2015"]
    notes = Footnotes()
    assert [notes.mark(c), notes.mark(old), notes.mark(a)] == [" [1]", " [2, 1]", " [3]"]
    assert [x.source.id for x in cite(notes.facts)] == ["seed", "civil_service_law_2015", "appc"]


@pytest.mark.parametrize(("record", "error"), [
    ({"text": {"ru": "а", "kk": "ә"}, "source": "rumour", "as_of": "2026-12-03"}, "unknown source 'rumour'"),
    ({"text": {"ru": "а", "kk": "ә"}, "source": "seed", "article": 5, "as_of": "2026-12-03"}, "only from an act"),
    ({"text": {"ru": "а", "kk": "ә"}, "source": "appc", "as_of": None}, "missing 'as_of'"),
    ({"text": {"ru": "а"}, "source": "appc", "as_of": "2026-12-03"}, "non-empty 'ru' and 'kk'"),
    ({"text": {"ru": "а", "kk": "ә"}, "source": "appc", "sources": [{"source": "seed"}], "as_of": "2026-12-03"},
     "not both"),
])
def test_a_malformed_statement_fails_naming_the_record(record, error):
    with pytest.raises(DataError, match=error):
        load_library().statement(record, "x.yaml: facts[0]")


@pytest.mark.parametrize(("acts", "sources", "error"), [
    ({"x": {"status": "replaced", "date": "2020-01-01", "checked": "2026-12-03", "adilet": "Z1",
            "title": {"ru": "т", "kk": "т"}, "name": {"ru": "н", "kk": "н"}}}, None, "needs replaced_by"),
    ({"x": {"status": "in_force", "date": "2020-01-01", "checked": "2026-12-03",
            "title": {"ru": "т", "kk": "т"}, "name": {"ru": "н", "kk": "н"}}}, None, "adilet document id or a url"),
    ({"x": {"status": "replaced", "replaced_by": "y", "replaced_on": "2021-01-01", "date": "2020-01-01",
            "checked": "2026-12-03", "adilet": "Z1", "title": {"ru": "т", "kk": "т"}, "name": {"ru": "н", "kk": "н"}},
      "y": {"status": "replaced", "replaced_by": "x", "replaced_on": "2022-01-01", "date": "2020-01-01",
            "checked": "2026-12-03", "adilet": "Z2", "title": {"ru": "т", "kk": "т"}, "name": {"ru": "н", "kk": "н"}}},
     None, "in a circle"),
    (None, {"blog": {"name": {"ru": "б", "kk": "б"}}}, "either a url or a no_url_reason"),
    (None, {"blog": {"name": {"ru": "б", "kk": "б"}, "url": "http://example.kz"}}, "https URL"),
])
def test_a_malformed_act_or_source_fails_loudly(tmp_path, acts, sources, error):
    with pytest.raises(DataError, match=error):
        _library_with(tmp_path, acts, sources)
