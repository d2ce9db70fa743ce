"""The position search against a labelled set of queries people type, and the promises of its results."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.register import load_register, read_register
from bot.search import MAX_QUERY_CHARS

QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yaml").read_text("utf-8"))
# Raise as the search improves; measured 191/191 when this was set (380/380 with 189 queries added since,
# 169 of them Kazakh as typed on a phone; 400/400 with the register's exception, state-body words and "қалау";
# 425/425 with kinds of post typed alone, codes of no category and "бастық").
MIN_ACCURACY = 0.98


def _correct(item: dict) -> bool:
    result = load_register().search(item["q"], lang=item["lang"])
    if "code" in item:
        return result.kind == "category" and result.category_code == item["code"]
    if item.get("none"):
        return result.kind == "none" and not result.matches
    return result.kind == "positions" and set(result.matches[0].category_codes) == set(item["expect"])


def test_labelled_set_is_large_and_varied() -> None:
    tags = {item["tag"] for item in QUERIES}
    assert len(QUERIES) >= 100
    assert {"kazakh", "typo", "translit", "code", "qualifier", "gibberish"} <= tags
    assert {item["lang"] for item in QUERIES} == {"ru", "kk"}


def test_accuracy_on_labelled_queries() -> None:
    failures = [item["q"] for item in QUERIES if not _correct(item)]
    accuracy = 1 - len(failures) / len(QUERIES)
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.3f}; wrong: {failures}"


@pytest.mark.parametrize("tag", ["code", "qualifier", "gibberish", "not-in-register", "kazakh-no-letters",
                                 "kazakh-inflection", "kazakh-mixed", "place"])
def test_every_query_of_the_strict_kinds_is_right(tag: str) -> None:
    assert [item["q"] for item in QUERIES if item["tag"] == tag and not _correct(item)] == []


def test_one_name_is_one_match_listing_all_its_categories() -> None:
    result = load_register().search("главный специалист")
    assert len(result.matches) == 1
    match = result.matches[0]
    assert match.category_codes == ("C-O-5", "C-R-4", "D-4", "D-O-4", "E-4", "E-R-4", "E-G-3")
    assert match.name("kk") == "Бас маман" and match.name("ru") == "Главный специалист"
    assert len(match.position_ids) == len(match.category_codes)


def test_qualifier_narrows_to_the_sub_group() -> None:
    register = load_register()
    assert register.search("главный специалист акимата района").matches[0].category_codes == ("E-4", "E-R-4")
    assert register.search("главный специалист аппарата акима области").matches[0].category_codes == ("D-4",)
    assert register.search("главный специалист акима села").matches[0].category_codes == ("E-G-3",)


def test_kazakh_genitive_narrows_with_or_without_kazakh_letters() -> None:
    register = load_register()
    # "ауданның" folds to "audanin" (the doubled н collapses); blind stemming cut it to "aud"
    typed = [register.search(q, lang="kk")
             for q in ("ауданның бас маманы", "ауданнын бас маманы", "audannyn bas mamany")]
    assert {r.matches[0].category_codes for r in typed} == {("C-R-4", "E-4", "E-R-4")}
    assert {r.scope for r in typed} == {("C-R", "E", "E-R")}


def test_deputy_city_akim_lists_both_kinds_of_city() -> None:
    # a city of district significance (E-G) or of oblast significance, which counts as a district (E)
    for query in ("қала әкімінің орынбасары", "кала акиминин орынбасары", "заместитель акима города"):
        result = load_register().search(query, lang="kk")
        assert result.kind == "positions", query
        assert [m.category_codes for m in result.matches] == [("E-G-1",), ("E-1",)], query


def test_a_city_names_every_akimat_level_unless_a_level_is_named() -> None:
    register = load_register()
    assert register.search("қала әкімдігінде қандай лауазымдар бар").scope == ("D", "D-O", "E", "E-G", "E-R")
    # a district of a city is a district
    assert register.search("қаладағы аудан әкімдігінің бас маманы").matches[0].category_codes == ("E-4", "E-R-4")


def test_name_standing_together_wins_a_tie_with_the_body() -> None:
    for query in ("начальник отдела областного управления", "облыстық басқарманың бөлім басшысы"):
        names = [m.name_ru for m in load_register().search(query).matches]
        assert names[:2] == ["Начальник отдела", "Начальник управления"], query


def test_kazakh_verbs_are_not_read_as_a_department() -> None:
    # "бол-" (to be) is not "бөлім" (department)
    result = load_register().search("қалай бас маман болуға болады", lang="kk")
    assert result.matches[0].name_ru == "Главный специалист" and result.scope == ()


@pytest.mark.parametrize("query", ["руководитель аппарата акима области", "руководитель аппарата акимата области",
                                   "облыс әкімі аппаратының басшысы", "облыс акими аппаратынын басшысы"])
def test_the_registers_exception_is_the_answer_not_the_category(query: str) -> None:
    # D-1: "Руководитель аппарата, за исключением аппарата акима области"
    register = load_register()
    result = register.search(query)
    assert result.kind == "none" and result.matches == () and result.suggestions == ()
    assert result.excluded == ("D-1.1",)
    exception = register.position("D-1.1").excludes
    assert exception is not None and exception.name.ru == "Руководитель аппарата акима области"
    assert exception.source.id == "seed" and str(exception.as_of) == "2024-10-02"


def test_the_exception_leaves_the_other_categories_of_the_name() -> None:
    register = load_register()
    for query in ("руководитель аппарата акима", "аппарат басшысы әкім", "қала әкімі аппаратының басшысы"):
        result = register.search(query)
        assert [m.category_codes for m in result.matches][:1] == [("E-2",)], query
        assert result.excluded == ("D-1.1",), query
    for query in ("руководитель аппарата маслихата области", "облыстық мәслихат аппаратының басшысы",
                  "руководитель аппарата", "заместитель руководителя аппарата акима области"):
        assert register.search(query).excluded == (), query


def test_state_body_words_neither_narrow_nor_count_against_a_name() -> None:
    register = load_register()
    for query in ("главный эксперт центрального государственного органа", "орталық мемлекеттік органның бас сарапшысы"):
        result = register.search(query)
        assert result.matches[0].category_codes == ("C-5",) and result.scope == ("C",), query
    result = register.search("мемлекеттік органның бас маманы")
    assert result.scope == () and len(result.matches[0].category_codes) == 7
    # names that contain the words are still found by them
    assert register.search("председатель комитета центрального исполнительного органа").matches[0].score == 100.0
    assert register.search("орган").kind == "none"


@pytest.mark.parametrize("query", ["қалау", "қалады", "калады", "бас маман болуды қалаймын", "ол ауылда қалады"])
def test_wanting_and_remaining_are_not_a_city(query: str) -> None:
    scope = load_register().search(query).scope
    assert not {"D", "D-O", "C-O"} & set(scope), query


def test_exact_name_ranks_before_longer_names() -> None:
    names = [m.name_ru for m in load_register().search("эксперт").matches]
    assert names[0] == "Эксперт"


def test_name_missing_from_the_named_body_is_not_invented() -> None:
    result = load_register().search("заместитель акима области")
    assert result.kind == "none" and result.scope_missed
    assert result.scope == ("D",)
    assert [s.name_ru for s in result.suggestions][:2] == ["Заместитель акима", "Заместитель акима района"]


def test_gibberish_gets_no_match_and_no_invented_suggestion() -> None:
    result = load_register().search("qwzx")
    assert result.kind == "none" and result.matches == () and result.suggestions == ()


def test_near_miss_gets_suggestions() -> None:
    result = load_register().search("специалист по кадрам")
    assert result.kind == "none"
    assert "Специалист" in [s.name_ru for s in result.suggestions]


def test_unknown_code_is_reported_as_such() -> None:
    result = load_register().search("E-G-7")
    assert result.kind == "none" and result.unknown_code == "E-G-7"


@pytest.mark.parametrize(("query", "code", "group"), [
    ("E-G-0", "E-G-0", "E-G"), ("Е-Г-0", "E-G-0", "E-G"), ("D-O-7", "D-O-7", "D-O"), ("Д-О-7", "D-O-7", "D-O"),
    ("до7", "D-O-7", "D-O"), ("санат Е-Ғ-9", "E-G-9", "E-G"), ("A-12", "A-12", "A"), ("D-R-1", "D-R-1", None),
])
def test_a_code_of_no_category_points_to_the_group_it_would_belong_to(query: str, code: str, group: str | None) -> None:
    register = load_register()
    result = register.search(query)
    assert result.kind == "none" and result.unknown_code == code
    closest = register.closest_group(code)
    assert (closest.code if closest else None) == group
    if closest is not None:  # its siblings
        assert closest.categories[0].code == f"{group}-1"


@pytest.mark.parametrize("query", ["в 2021", "12345", "D-O-123"])
def test_numbers_are_not_codes(query: str) -> None:
    assert load_register().search(query).unknown_code is None


ADVISERS = ("D-3", "E-3", "E-G-2", "B-3", "B-4", "C-2", "C-3", "C-4", "C-5")


@pytest.mark.parametrize(("query", "name", "codes"), [
    ("советник", "Советник", ADVISERS), ("кеңесші", "Советник", ADVISERS), ("кеңесшілер", "Советник", ADVISERS),
    ("помощник", "Помощник", ("D-3", "E-3", "E-G-2", "B-3", "B-4", "B-5", "C-4")),
    ("көмекші", "Помощник", ("D-3", "E-3", "E-G-2", "B-3", "B-4", "B-5", "C-4")),
    ("бас инспектор", "Главный инспектор", ("D-3", "E-3", "B-3")),
])
def test_a_kind_of_post_alone_lists_every_category_with_it_akimats_first(query: str, name: str,
                                                                           codes: tuple[str, ...]) -> None:
    register = load_register()
    result = register.search(query, lang="kk")
    [match] = result.matches
    assert match.name_ru == name and match.category_codes == codes
    # per category, every post of that kind, in register order; position_ids holds the first of each
    assert [ids[0] for ids in match.role_ids] == list(match.position_ids)
    for code, ids in zip(match.category_codes, match.role_ids, strict=True):
        assert {register.position(p).category_code for p in ids} == {code}
    names = {code: [register.position(p).name.ru for p in ids]
             for code, ids in zip(match.category_codes, match.role_ids, strict=True)}
    assert names["D-3"] == [f"{name} акима области" if name != "Помощник" else "Помощник (по режиму) акима области"]
    assert names["B-3"][0] == {"Советник": "Советник Премьер-Министра", "Помощник": "Помощник Премьер-Министра",
                               "Главный инспектор": "Главный инспектор Канцелярии Премьер-Министра"}[name]


@pytest.mark.parametrize(("query", "codes"), [
    ("советник акима области", ("D-3",)), ("облыс әкімінің кеңесшісі", ("D-3",)), ("кеңесші облыс", ("D-3",)),
    ("помощник акима района", ("E-3",)), ("советник министра", ("C-4",)), ("главный инспектор акима района", ("E-3",)),
])
def test_a_kind_of_post_with_a_body_or_level_is_narrowed_to_it(query: str, codes: tuple[str, ...]) -> None:
    result = load_register().search(query)
    assert result.matches[0].category_codes == codes and result.matches[0].role_ids == ()


@pytest.mark.parametrize(("query", "codes"), [
    ("советник акимата", ("D-3", "E-3", "E-G-2")), ("әкімдіктегі кеңесші", ("D-3", "E-3", "E-G-2")),
    ("көмекші әкімдік", ("D-3", "E-3", "E-G-2")), ("советник министерства", ("C-4",)),
])
def test_a_kind_of_post_in_a_body_no_name_spells_keeps_the_posts_within_it(query: str, codes: tuple[str, ...]) -> None:
    # the akim's adviser is in the akimat (search_terms.yaml › within); the kind of post stays the card's title
    [match] = load_register().search(query).matches
    assert match.category_codes == codes and match.name_ru in ("Советник", "Помощник")
    assert len(match.role_ids) == len(codes)


def test_a_kind_of_post_is_not_claimed_for_a_body_its_names_do_not_name() -> None:
    # D-3 and E-3 are the akim's advisers; the register names no maslikhat adviser
    result = load_register().search("советник маслихата")
    assert result.kind == "none" and result.matches == ()


@pytest.mark.parametrize("query", ["бастық", "бастык", "бастықтар", "бастығы"])
def test_boss_is_the_head_of_an_office_or_department(query: str) -> None:
    # бастық ~ the "бастығы" of начальник управления / отдела (facts.md §5), not руководитель аппарата
    names = [m.name_ru for m in load_register().search(query, lang="kk").matches]
    assert names[:2] == ["Начальник управления", "Начальник отдела"], query
    assert "Руководитель аппарата" not in names


def test_scope_only_question_names_the_akimat_groups() -> None:
    result = load_register().search("какие должности есть в акимате района")
    assert result.kind == "none" and result.scope == ("E", "E-R")


def test_limit_caps_the_matches() -> None:
    assert len(load_register().search("секретарь", limit=2).matches) == 2


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_gets_a_consistent_answer(text: str) -> None:
    register = load_register()
    result = register.search(text)
    assert result.kind in ("category", "positions", "none")
    assert (result.kind == "positions") == bool(result.matches)
    assert (result.kind == "category") == (result.category_code is not None)
    assert result.query == text and result.truncated == (len(text) > MAX_QUERY_CHARS)
    for match in (*result.matches, *result.suggestions):
        assert match.category_codes and set(match.category_codes) <= register.codes
        assert [register.position(p).category_code for p in match.position_ids] == list(match.category_codes)


def test_register_and_index_are_built_once() -> None:
    assert load_register() is load_register()


def test_the_word_cache_stays_bounded_and_changes_no_answer() -> None:
    # the search's one cache: words as typed, read once (folded, stemmed against the index)
    from bot.search.vocabulary import WORDS_KEPT

    register = read_register()  # its own index: the shared one's cache stays as it is
    read_word = register.search_index.vocabulary.read_word
    asked = ("ауданның бас маманы", "рук аппарата акима обл", "главный спецалист")
    before = [register.search(q, lang="kk") for q in asked]
    for n in range(WORDS_KEPT + 10):
        register.search(f"маман{n}ы словo{n}")  # new words, new typos
    assert read_word.cache_info().currsize == read_word.cache_info().maxsize == WORDS_KEPT
    after = [register.search(q, lang="kk") for q in asked]
    read_word.cache_clear()
    cold = [register.search(q, lang="kk") for q in asked]
    assert after == before == cold and after[0].matches[0].category_codes == ("C-R-4", "E-4", "E-R-4")


@pytest.mark.parametrize("query", ["специалист сельского округа", "маман ауылдық округте", "ауылдық округтің маманы",
                                   "специалист сельского округа района", "аудан ауылдық округінің маманы",
                                   "специалист аппарата акима сельского округа района"])
def test_a_rural_district_names_its_akims_apparatus(query: str) -> None:
    # a rural district has one state body, its akim's apparatus: its specialists are E-G-3 and E-G-4; the district
    # named with it says where the rural district is, not that the district akim's staff are meant
    [match] = load_register().search(query).matches
    assert match.category_codes == ("E-G-3", "E-G-4") and match.name_ru == "Специалист"


@pytest.mark.parametrize("query", ["ауылдағы маман", "специалист в селе"])
def test_a_village_alone_does_not_name_the_akims_staff(query: str) -> None:
    # "a specialist in the village" may be a teacher or a vet: no akim's posts are claimed for it
    result = load_register().search(query)
    assert not any(match.role_ids for match in result.matches)


def test_a_body_named_in_words_wins_over_the_one_a_rural_district_implies() -> None:
    # "маслихат" is named: there is none in a rural district, so the akim's posts are not offered instead
    result = load_register().search("специалист маслихата сельского округа")
    assert not any(match.role_ids for match in result.matches)


@pytest.mark.parametrize(("query", "codes"), [
    ("главный специалист гороад районного значения", None),  # a typo of "города": not a place, no confident answer
    ("заместитель а кима города", ("E-G-1",)),  # "кима", a piece of a split word, is not a place
    ("главный спецалист района", ("C-R-4", "E-4", "E-R-4")),  # a typo of a name's word is not a place
    # a job that is not in the register is not a place: no other post is claimed for it (review)
    ("главный бухгалтер района", None), ("помощник прокурора города", None), ("инспектор полиции района", None),
    ("начальник полиции района", None), ("главный архитектор области", None), ("бас дәрігер ауданы", None),
    ("Шымкент қаласы прокуратурасының маманы", None),
    ("заместитель руководителя департамента экологии области", ("C-O-2",)),
    # a whole address: the post is at its lowest level
    ("главный специалист акимата Карасайского района Алматинской области", ("E-4", "E-R-4")),
    ("Алматы облысы Қарасай ауданы әкімдігінің бас маманы", ("E-4", "E-R-4")),
    ("главный специалист аппарата акима Николаевского сельского округа Карасайского района", ("E-G-3",)),
])
def test_only_a_word_like_nothing_the_search_knows_is_taken_for_a_place(query: str, codes: tuple[str, ...] | None):
    result = load_register().search(query)
    if codes is None:
        assert result.kind == "none"
    else:
        assert result.matches[0].category_codes == codes


def test_a_long_text_is_read_from_its_start_and_says_so() -> None:
    register = load_register()
    short = register.search("главный специалист")
    for text in ("главный специалист" + " " * (MAX_QUERY_CHARS - 18), "главный специалист" + " " * MAX_QUERY_CHARS,
                 "главный специалист" + " и" * 2000):  # cut anywhere, the rest is a stopword
        result = register.search(text)
        assert result.matches == short.matches and result.query == text
        assert result.truncated == (len(text) > MAX_QUERY_CHARS), len(text)
    assert register.search("D-O-4" + " " * MAX_QUERY_CHARS).category_code == "D-O-4"
    assert register.search("D-O-4" + " " * MAX_QUERY_CHARS).truncated
    assert not short.truncated


# Issue 17: every per-message text operation is linear and bounded; these are the texts that once took
# 55-464 ms. 4,096 characters is a whole Telegram message.
ADVERSARIAL = {
    "one long word": ("главныйспециалистакиматарайона" * 140)[:4096],
    "digits": "7" * 4096,
    "ten thousand digits": "7" * 10_000,
    "at signs": "@" * 4096,
    "mail-like": "a@" * 2048,
    "position words repeated": ("главный специалист акимата района " * 130)[:4096],
    "codes repeated": ("D-O-4 " * 700)[:4096],
    "mixed scripts": ("қазақша русский latin ӘҒҚ бас маман акимат " * 100)[:4096],
    "mixed scripts, no spaces": ("әкімaкимakim1маманmaman" * 200)[:4096],
    "emoji": "😀" * 4096,
    "emoji and words": ("😀 бас маман 🇰🇿 " * 300)[:4096],
    "unclosed tags": "<b" * 2048,
    "entities": "&amp;" * 819,
}


@pytest.fixture(scope="module")
def cold_register():
    return read_register()


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_an_adversarial_text_costs_at_most_20_ms_of_cpu(cold_register, name: str) -> None:
    text = ADVERSARIAL[name]
    times = []
    for _ in range(3):  # the best of three, each with nothing of the text cached: a shared machine is noisy
        cold_register.search_index.vocabulary.read_word.cache_clear()
        started = time.process_time()
        result = cold_register.search(text)
        times.append(time.process_time() - started)
    assert min(times) <= 0.020, f"{name}: {min(times) * 1000:.1f} ms"
    assert result.truncated and result.query == text
