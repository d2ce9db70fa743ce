"""The admission walkthrough's rules: every branch, every early stop, free text in both languages."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.datafiles import LANGS, DataError, load_data
from bot.eligibility import (
    RULES,
    Effect,
    InvalidAnswer,
    Outcome,
    answer,
    applicable_steps,
    back,
    check_eligibility,
    decode_answers,
    encode_answers,
    extract_answers,
    parse_phrases,
    parse_rules,
    restart,
    validated,
    ways_not_shut,
)

# The answers of someone with no obstacle and no special status.
CLEAR = (("citizenship", "kz"), ("age", "adult"), ("education", "match"), ("restrictions", "none"),
         ("dismissal", "none"), ("status", "none"), ("checks", "ready"), ("side_work", "none"),
         ("relatives", "none"))


def walk(*pairs: tuple[str, str]):
    answers = restart()
    for step_id, option_id in pairs:
        answers = answer(answers, step_id, option_id)
    return answers


def replaced(base, step_id, option_id):
    """CLEAR with one answer changed, cut right after it (as if the user stopped there)."""
    out = []
    for sid, oid in base:
        out.append((sid, option_id if sid == step_id else oid))
        if sid == step_id:
            break
    return walk(*out)


# --- the data --------------------------------------------------------------------------------------

def test_every_requirement_has_both_languages_a_source_and_a_date():
    for req in RULES.requirements.values():
        for text in (req.rule.text, *(t for t in (req.advice, req.unsure) if t)):
            assert set(text) == set(LANGS)
            assert text["ru"] != text["kk"], f"{req.id}: Kazakh text is a copy of the Russian"
        assert req.rule.cites and dt.date(2024, 1, 1) <= req.rule.as_of <= dt.date(2026, 12, 31)


def test_each_rule_is_attributed_to_its_act_and_the_1999_laws_rules_say_so():
    # facts.md §6: the 2015 law was replaced on 01.07.2026, the 1999 law repealed on 01.01.2016
    acts = {rid: [c.source.id for c in req.rule.cites] for rid, req in RULES.requirements.items()}
    assert acts["citizenship"] == acts["retirement"] == acts["education"] == ["civil_service_law_2015"]
    assert acts["side_work"] == ["civil_service_law_2015"] and acts["relatives"] == ["anti_corruption_law"]
    assert acts["dismissal"] == ["agency_official"]  # the press, not a law
    for rid in ("age_min", "transfer_penalty", "judge_negative"):
        assert acts[rid] == ["civil_service_law_1999", "seed"]
        assert "Закону 1999 года" in RULES.requirements[rid].rule.text["ru"]
        assert "1999 жылғы Заң бойынша" in RULES.requirements[rid].rule.text["kk"]
    assert all("1999" in w.fact.cites[0].source.id for w in RULES.ways)
    assert RULES.caveat.source.id == "civil_service_law_2026" and RULES.caveat.source.act.in_force


def test_every_step_touches_a_requirement_except_the_status_question():
    assert [s.id for s in RULES.steps if s.requirement is None] == ["status"]


def test_legislation_test_figures_are_the_earlier_rules_and_the_new_rules_are_cited():
    test = RULES.route.test
    assert (test.questions, test.minutes, test.pass_total, test.pass_per_act) == (55, 55, 30, 5)
    assert {a.id: a.questions for a in test.acts} == {
        "constitution": 15, "civil_service_law": 15, "anti_corruption_law": 15, "ethics_code": 10}
    # facts.md §6: those figures are the testing rules before 01.04.2026; the Agency's order of 08.12.2025 since
    assert test.until == dt.date(2026, 4, 1) and test.fact.source.id == "egov_testing"
    assert RULES.route.new_rules.source.act.date == dt.date(2025, 12, 8)


def test_waiting_periods_are_one_two_three_years_and_said_to_come_from_an_official():
    dismissal = RULES.step("dismissal")
    assert {o.id: o.waiting_years for o in dismissal.options if o.waiting_years} == {
        "ethics": 1, "discredit": 2, "corruption": 3, "unknown": 3}
    rule = RULES.requirements["dismissal"].rule
    assert "не текст закона" in rule.text["ru"] and "заң мәтіні емес" in rule.text["kk"]
    assert "По словам представителя" in rule.text["ru"]


def test_probation_and_reserve_are_stated_with_their_terms():
    stages = {s.id: s.text["ru"] for s in RULES.route.stages}
    assert "3 месяца" in stages["probation"] and "ещё на 3 месяца" in stages["probation"]
    # facts.md §6: "the head must hire" was the 1999 law's only; the reserve is worded as that law's rule
    assert "обязывает" not in stages["competition"]
    assert RULES.route.reserve.text["ru"].startswith("По Закону 1999 года")
    assert "в течение года" in RULES.route.reserve.text["ru"]
    assert "E-qyzmet" in RULES.route.vacancies.text["kk"]


def test_ways_without_competition_are_the_four_the_seed_lists():
    assert [w.id for w in RULES.ways] == ["transfer", "deputy", "political", "judge"]


# --- the walk ---------------------------------------------------------------------------------------

def test_the_walkthrough_starts_with_citizenship_as_step_one_of_nine():
    verdict = check_eligibility(restart())
    assert verdict.outcome is None
    assert verdict.next_step.id == "citizenship"
    assert (verdict.progress.current, verdict.progress.total) == (1, 9)


def test_clear_answers_meet_the_basic_requirements_after_nine_steps():
    verdict = check_eligibility(walk(*CLEAR))
    assert verdict.outcome is Outcome.MEETS
    assert verdict.reasons == () and verdict.notes == () and verdict.ways == ()
    assert (verdict.progress.current, verdict.progress.total) == (9, 9)
    assert not verdict.stopped_early


def test_progress_counts_up_one_step_per_answer():
    answers = restart()
    for k, (sid, oid) in enumerate(CLEAR, start=1):
        verdict = check_eligibility(answers)
        assert (verdict.next_step.id, verdict.progress.current) == (sid, k)
        answers = answer(answers, sid, oid)


@pytest.mark.parametrize(("step_id", "option_id"), [
    (s.id, o.id) for s in RULES.steps if not s.when for o in s.options if o.effect is Effect.OK])
def test_every_harmless_answer_still_meets(step_id, option_id):
    base = [(sid, option_id if sid == step_id else oid) for sid, oid in CLEAR]
    # Answers that open a follow-up step get its harmless answer too.
    follow_up = {"servant": ("penalty", "clear"), "judge": ("judge_left", "normal")}
    follow_up |= {o.id: ("dismissal_ago", "y3") for o in RULES.step("dismissal").options if o.waiting_years}
    if option_id in follow_up:
        base.insert(base.index((step_id, option_id)) + 1, follow_up[option_id])
    assert check_eligibility(walk(*base)).outcome is Outcome.MEETS


BLOCKS = [
    ("citizenship", "other", "citizenship", 1),
    ("age", "minor", "age_min", 2),
    ("education", "mismatch", "education", 3),
    ("restrictions", "retired", "retirement", 4),
    ("checks", "refuse", "checks", 7),
    ("side_work", "keep", "side_work", 8),
]


@pytest.mark.parametrize(("step_id", "option_id", "requirement", "answered"), BLOCKS)
def test_a_blocking_answer_stops_early_with_its_reason_and_source(step_id, option_id, requirement, answered):
    verdict = check_eligibility(replaced(CLEAR, step_id, option_id))
    assert verdict.outcome is Outcome.NOT_YET
    assert verdict.stopped_early
    assert verdict.next_step is None
    assert [r.requirement.id for r in verdict.reasons] == [requirement]
    assert verdict.reasons[0].requirement.rule.cites
    assert verdict.progress.current == answered


def test_a_court_incapacity_ruling_needs_checking_because_the_sources_do_not_state_the_bar():
    verdict = check_eligibility(walk(*[(s, "incapable" if s == "restrictions" else o) for s, o in CLEAR]))
    assert verdict.outcome is Outcome.NEEDS_CHECK
    assert [r.requirement.id for r in verdict.reasons] == ["capacity"]
    assert "adilet.zan.kz" in verdict.reasons[0].requirement.unsure["ru"]
    assert "adilet.zan.kz" in verdict.reasons[0].requirement.unsure["kk"]


def test_a_close_relative_as_direct_boss_is_not_yet_at_the_last_step():
    verdict = check_eligibility(replaced(CLEAR, "relatives", "direct"))
    assert verdict.outcome is Outcome.NOT_YET
    assert not verdict.stopped_early  # nothing was left to ask
    assert [r.requirement.id for r in verdict.reasons] == ["relatives"]


@pytest.mark.parametrize(("step_id", "requirement"), [
    ("education", "education"), ("restrictions", "capacity"), ("relatives", "relatives")])
def test_an_unsure_answer_asks_everything_else_then_says_needs_checking(step_id, requirement):
    answers = walk(*[(sid, "unsure" if sid == step_id else oid) for sid, oid in CLEAR])
    cut = [s for s, _ in answers].index(step_id) + 1
    if cut < len(answers):
        assert check_eligibility(answers[:cut]).outcome is None  # a doubt does not stop the walkthrough
    verdict = check_eligibility(answers)
    assert verdict.outcome is Outcome.NEEDS_CHECK
    assert [r.requirement.id for r in verdict.reasons] == [requirement]
    assert verdict.reasons[0].requirement.unsure is not None


def test_a_block_after_a_doubt_is_not_yet_and_reports_only_the_block():
    answers = walk(("citizenship", "kz"), ("age", "adult"), ("education", "unsure"),
                   ("restrictions", "retired"))
    verdict = check_eligibility(answers)
    assert verdict.outcome is Outcome.NOT_YET
    assert [r.requirement.id for r in verdict.reasons] == ["retirement"]


def test_prefilled_blocks_are_all_reported():
    verdict = check_eligibility(walk(("citizenship", "other"), ("age", "minor")))
    assert [r.requirement.id for r in verdict.reasons] == ["citizenship", "age_min"]


# --- dismissal on negative grounds -------------------------------------------------------------------

def dismissed(grounds, ago):
    head = list(CLEAR[:4])
    return walk(*head, ("dismissal", grounds), ("dismissal_ago", ago), *CLEAR[5:])


def test_a_dismissal_adds_the_how_long_ago_step():
    answers = walk(*CLEAR[:4], ("dismissal", "ethics"))
    verdict = check_eligibility(answers)
    assert verdict.next_step.id == "dismissal_ago"
    assert (verdict.progress.current, verdict.progress.total) == (6, 10)


# Within the period the verdict asks to check ("уточните"), never refuses: the periods are an official's words in
# the press (facts.md §6), not the law. The old verdict was "⛔ Пока нет".
@pytest.mark.parametrize(("grounds", "ago", "outcome"), [
    ("ethics", "lt1", Outcome.NEEDS_CHECK), ("ethics", "y1", Outcome.MEETS),
    ("discredit", "y1", Outcome.NEEDS_CHECK), ("discredit", "y2", Outcome.MEETS),
    ("corruption", "y2", Outcome.NEEDS_CHECK), ("corruption", "y3", Outcome.MEETS),
    ("unknown", "y2", Outcome.NEEDS_CHECK), ("unknown", "y3", Outcome.MEETS),
])
def test_the_waiting_period_decides_by_grounds_and_time(grounds, ago, outcome):
    cut = check_eligibility(walk(*CLEAR[:4], ("dismissal", grounds), ("dismissal_ago", ago)))
    assert cut.outcome is None and not cut.stopped_early  # no early stop: the walkthrough goes on
    verdict = check_eligibility(dismissed(grounds, ago))
    assert verdict.outcome is outcome
    mentioned = [r.requirement.id for r in (*verdict.reasons, *verdict.notes)]
    assert mentioned == ["dismissal"]  # the official's caveat is shown whether or not the period passed


# --- status and the ways without competition -------------------------------------------------------

def with_status(status, *follow_up):
    return walk(*CLEAR[:5], ("status", status), *follow_up, *CLEAR[6:])


@pytest.mark.parametrize(("status", "way"), [("deputy", "deputy"), ("political", "political")])
def test_deputies_and_political_servants_get_their_way_without_competition(status, way):
    verdict = check_eligibility(with_status(status))
    assert verdict.outcome is Outcome.MEETS
    assert [w.id for w in verdict.ways] == [way]


def test_a_civil_servant_is_asked_about_a_corruption_penalty_and_may_transfer_without_one():
    verdict = check_eligibility(walk(*CLEAR[:5], ("status", "servant")))
    assert verdict.next_step.id == "penalty"
    assert verdict.progress.total == 10
    verdict = check_eligibility(with_status("servant", ("penalty", "clear")))
    assert [w.id for w in verdict.ways] == ["transfer"]


def test_an_unremoved_corruption_penalty_closes_transfer_but_not_the_competition():
    verdict = check_eligibility(with_status("servant", ("penalty", "active")))
    assert verdict.outcome is Outcome.MEETS
    assert verdict.ways == ()
    assert [r.requirement.id for r in verdict.notes] == ["transfer_penalty"]


@pytest.mark.parametrize(("left", "ways", "notes"), [
    ("normal", ["judge"], []), ("negative", [], ["judge_negative"])])
def test_former_judges_keep_the_way_unless_they_left_on_negative_grounds(left, ways, notes):
    verdict = check_eligibility(with_status("judge", ("judge_left", left)))
    assert verdict.outcome is Outcome.MEETS
    assert [w.id for w in verdict.ways] == ways
    assert [r.requirement.id for r in verdict.notes] == notes


# --- back, restart, validation ----------------------------------------------------------------------

def test_back_undoes_the_latest_answer_and_is_harmless_at_the_start():
    answers = walk(*CLEAR[:3])
    assert back(answers) == CLEAR[:2]
    assert back(restart()) == ()


def test_back_from_an_early_stop_lets_the_user_change_the_answer():
    stopped = walk(("citizenship", "kz"), ("age", "minor"))
    assert check_eligibility(stopped).outcome is Outcome.NOT_YET
    resumed = answer(back(stopped), "age", "adult")
    verdict = check_eligibility(resumed)
    assert verdict.outcome is None and verdict.next_step.id == "education"


def test_going_back_past_a_dismissal_removes_its_follow_up_step():
    answers = walk(*CLEAR[:4], ("dismissal", "ethics"))
    assert "dismissal_ago" in [s.id for s in applicable_steps(answers)]
    assert "dismissal_ago" not in [s.id for s in applicable_steps(back(answers))]


@pytest.mark.parametrize(("answers", "step_id", "option_id"), [
    ((), "citizenship", "maybe"),  # unknown option
    ((), "nationality", "kz"),  # unknown step
    ((("citizenship", "kz"),), "citizenship", "other"),  # answered already
    ((), "dismissal_ago", "y1"),  # follow-up without the dismissal answer
    ((("status", "none"),), "penalty", "clear"),  # follow-up of another status
])
def test_answers_that_do_not_fit_are_refused(answers, step_id, option_id):
    with pytest.raises(InvalidAnswer):
        answer(answers, step_id, option_id)


def test_validated_accepts_prefilled_answers_in_any_order_of_independent_steps():
    assert validated((("age", "adult"), ("citizenship", "kz"))) == (("age", "adult"), ("citizenship", "kz"))
    assert validated((("dismissal_ago", "y1"), ("dismissal", "ethics"))) is None


def test_answers_survive_the_round_trip_through_callback_data():
    answers = with_status("judge", ("judge_left", "negative"))
    assert decode_answers(encode_answers(answers)) == answers
    assert decode_answers("") == ()


@pytest.mark.parametrize("text", ["0", "zz", "0a", "0000", "00!0"])
def test_garbled_or_outdated_callback_data_is_rejected(text):
    assert decode_answers(text) is None


def test_the_longest_walkthrough_fits_in_callback_data():
    longest = walk(*CLEAR[:4], ("dismissal", "unknown"), ("dismissal_ago", "y3"), ("status", "servant"),
                   ("penalty", "clear"), *CLEAR[6:])
    # "adm:<version>:<answers>:<action>" must stay within Telegram's 64 bytes.
    assert len(f"adm:{RULES.version}:{encode_answers(longest)}:b".encode()) <= 64


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_sequence_of_clicks_ends_in_a_verdict_within_the_step_count(data):
    answers = restart()
    for _ in range(len(RULES.steps)):
        verdict = check_eligibility(answers)
        assert 1 <= verdict.progress.current <= verdict.progress.total or verdict.decided
        if verdict.decided:
            break
        option = data.draw(st.sampled_from(verdict.next_step.option_ids))
        answers = answer(answers, verdict.next_step.id, option)
    verdict = check_eligibility(answers)
    assert verdict.decided
    assert (verdict.outcome is Outcome.MEETS) == (not verdict.reasons)


# --- free text --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "answers", "touched"), [
    ("мне 17 лет, хочу работать в акимате", (("age", "minor"),), ("age_min",)),
    ("Мне уже 25, могу ли я стать госслужащим?", (("age", "adult"),), ("age_min",)),
    ("я гражданин России, могу ли поступить на госслужбу", (("citizenship", "other"),), ("citizenship",)),
    ("Я гражданка Казахстана, мне 40 лет", (("citizenship", "kz"), ("age", "adult")),
     ("citizenship", "age_min")),
    ("я не гражданин Казахстана", (("citizenship", "other"),), ("citizenship",)),
    ("у меня вид на жительство", (("citizenship", "other"),), ("citizenship",)),
    ("я школьник, можно ли на госслужбу", (("age", "minor"),), ("age_min",)),
    ("мен 25 жастамын", (("age", "adult"),), ("age_min",)),
    ("Мен 16 жастамын, мемлекеттік қызметке қалай түсуге болады?", (("age", "minor"),), ("age_min",)),
    ("Ресей азаматымын", (("citizenship", "other"),), ("citizenship",)),
    ("Мен Өзбекстан азаматымын, 30 жастамын", (("citizenship", "other"), ("age", "adult")),
     ("citizenship", "age_min")),
    ("Қазақстан азаматымын", (("citizenship", "kz"),), ("citizenship",)),
    ("мен Қазақстан азаматы емеспін", (("citizenship", "other"),), ("citizenship",)),
    ("жасым 17", (("age", "minor"),), ("age_min",)),
    ("можно ли работать в акимате в 17 лет", (("age", "minor"),), ("age_min",)),
    ("берут ли на госслужбу с 20 лет", (("age", "adult"),), ("age_min",)),
    ("17 жаста әкімдікте жұмыс істеуге бола ма", (("age", "minor"),), ("age_min",)),
])
def test_free_text_answers_are_read_in_both_languages(text, answers, touched):
    found = extract_answers(text)
    assert found.answers == answers
    assert found.touched == touched
    assert validated(found.answers) == found.answers


@pytest.mark.parametrize("text", [
    "как поступить на госслужбу", "требования к кандидату", "опыт работы 5 лет",
    "мемлекеттік қызметке қалай түсуге болады", "жұмыс өтілім 3 жыл", "гражданин",
    "с опытом в 5 лет", "стажем в 3 года"])
def test_questions_without_an_answer_prefill_nothing(text):
    assert extract_answers(text).answers == ()


def test_a_stated_age_is_kept_for_the_reply():
    assert extract_answers("мне 17 лет").years == 17
    assert extract_answers("Ресей азаматымын").years is None


def test_a_long_message_is_read_from_its_start():
    assert extract_answers("мне 17 лет, " + "1 " * 3000).years == 17
    assert extract_answers("я " * 200 + "гражданин России").answers == ()  # past the first 300 characters


def test_a_prefilled_minor_age_ends_the_walkthrough_at_once():
    verdict = check_eligibility(extract_answers("мне 17 лет").answers)
    assert verdict.outcome is Outcome.NOT_YET and verdict.stopped_early


def test_a_prefilled_adult_age_starts_at_the_first_open_question():
    verdict = check_eligibility(extract_answers("мен 25 жастамын").answers)
    assert verdict.next_step.id == "citizenship"
    assert (verdict.progress.current, verdict.progress.total) == (2, 9)


# --- malformed data fails loudly ---------------------------------------------------------------------

def raw_rules():
    return copy.deepcopy(load_data("admission.yaml"))


def test_a_yes_no_option_id_is_caught_as_a_yaml_boolean():
    raw = raw_rules()
    raw["steps"][0]["options"][0]["id"] = yaml.safe_load("yes")
    with pytest.raises(DataError, match="quote yes/no"):
        parse_rules(raw)


def test_an_unknown_requirement_is_named():
    raw = raw_rules()
    raw["steps"][0]["requirement"] = "nationality"
    with pytest.raises(DataError, match="nationality"):
        parse_rules(raw)


def test_a_condition_on_a_later_step_is_refused():
    raw = raw_rules()
    raw["steps"][0]["when"] = {"relatives": ["none"]}
    with pytest.raises(DataError, match="when"):
        parse_rules(raw)


def test_test_questions_that_do_not_add_up_are_refused():
    raw = raw_rules()
    raw["route"]["legislation_test"]["acts"][0]["questions"] = 14
    with pytest.raises(DataError, match="add up"):
        parse_rules(raw)


def test_a_missing_source_is_refused():
    raw = raw_rules()
    del raw["requirements"]["citizenship"]["source"]
    with pytest.raises(DataError, match=r"requirements\.citizenship: missing 'source'"):
        parse_rules(raw)


def test_an_age_pattern_without_a_years_group_is_refused():
    raw = copy.deepcopy(load_data("admission_phrases.yaml"))
    raw["age"]["years"].append(r"мне\s+\d+")
    with pytest.raises(DataError, match="years"):
        parse_phrases(raw)


def test_bare_replies_are_the_typed_yes_and_no_words_of_both_languages_as_text():
    bare = parse_phrases(load_data("admission_phrases.yaml")).bare_replies
    # "yes" / "no" stay words: unquoted, YAML would read them as true / false
    assert {"да", "нет", "не знаю", "иә", "жоқ", "білмеймін", "yes", "no", "ok"} <= bare
    assert all(isinstance(w, str) and w == w.casefold() for w in bare)


@pytest.mark.parametrize("bad", [None, [], [True], ["да", ""]])
def test_a_missing_or_bad_list_of_bare_replies_is_refused(bad):
    raw = copy.deepcopy(load_data("admission_phrases.yaml"))
    if bad is None:
        del raw["bare_replies"]
    else:
        raw["bare_replies"] = bad
    with pytest.raises(DataError, match="bare_replies"):
        parse_phrases(raw)


def test_the_general_list_of_ways_leaves_out_only_the_ways_the_answers_shut():
    assert [w.id for w in ways_not_shut(())] == [w.id for w in RULES.ways]
    penalised = answer(answer((), "status", "servant"), "penalty", "active")
    assert "transfer" not in [w.id for w in ways_not_shut(penalised)]
    assert [w.id for w in ways_not_shut(penalised)] == [w.id for w in RULES.ways if w.id != "transfer"]
