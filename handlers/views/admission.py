"""The "Can I join the civil service?" walkthrough as a message: the next question with its options, or the
verdict with its reasons, or the selection route; and the route alone, as the answer to a question about it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from bot.datafiles import pick
from bot.dates import format_date
from bot.eligibility import (
    RULES,
    Answers,
    Extraction,
    Outcome,
    Progress,
    Reason,
    Requirement,
    Verdict,
    check_eligibility,
    encode_answers,
    restart,
    ways_not_shut,
)
from bot.facts import Footnotes, Sourced, several_sources
from bot.feedback import AnswerKind
from bot.i18n import Html, Translator
from handlers.callbacks import AdmissionAct, AdmissionCb, MenuCb, MenuItem, option_act
from handlers.views.feedback import feedback_row
from handlers.views.keyboard import Key, Keyboard, Row, View, button, home_button
from handlers.views.sources import sources_line

PROGRESS_CELLS = 10


def _bullet(text: str) -> str:
    return f"• {escape(text)}"


def _button(answers: Answers, act: str, label: str) -> Key:
    return button(label, AdmissionCb(v=RULES.version, a=encode_answers(answers), act=act))


def has_route(verdict: Verdict) -> bool:
    """Someone who cannot apply yet gets advice instead of the route."""
    return verdict.outcome in (Outcome.MEETS, Outcome.NEEDS_CHECK)


def keyboard(t: Translator, answers: Answers, verdict: Verdict | None = None, route_view: bool = False) -> Keyboard:
    """The open question's options (each on its row, all on the first page), then the controls; under a verdict,
    the route (or back to the verdict), the controls and 👍 / 👎. The main-menu button is not pinned: with
    five options, the controls and it are what "Ещё…" shows."""
    verdict = verdict or check_eligibility(answers)
    rows: list[Row] = []
    step = verdict.next_step
    if step is not None:
        rows += [(_button(answers, option_act(i), t(f"admission-opt-{step.id}-{option.id}")),)
                 for i, option in enumerate(step.options)]
    if route_view:
        rows.append((_button(answers, AdmissionAct.VERDICT, t("admission-to-verdict")),
                     _button(answers, AdmissionAct.RESTART, t("admission-restart"))))
    else:
        if has_route(verdict):
            rows.append((_button(answers, AdmissionAct.ROUTE, t("admission-show-route")),))
        controls = [_button(answers, AdmissionAct.RESTART, t("admission-restart"))]
        if answers:  # on the first question there is nothing to go back to
            controls.insert(0, _button(answers, AdmissionAct.BACK, t("admission-back")))
        rows.append(tuple(controls))
    if step is None:  # the verdict (or its route) is the answer people rate
        rows.append(feedback_row(t, AnswerKind.ADMISSION))
    rows.append((home_button(t),))
    ref = AdmissionCb(v=RULES.version, a=encode_answers(answers), act=AdmissionAct.QUESTION)
    return Keyboard.of(t, rows, home=False, ref=ref)


def progress_bar(progress: Progress) -> str:
    """The share of the applicable steps already answered, as a bar of ten cells ("●●●●○○○○○○").

    No total is shown: a conditional step (how long ago the dismissal was, a penalty) joins the count
    only once an answer calls for it, and "step 5 of 9" turning into "step 6 of 10" reads as a bug.
    The bar still never goes back on an answer: a/(a+r) < (a+1)/(a+r+1), whatever joins.
    """
    answered = progress.current - 1
    filled = answered * PROGRESS_CELLS // progress.total if progress.total else 0
    return "●" * filled + "○" * (PROGRESS_CELLS - filled)


def _reasons(t: Translator, verdict: Verdict, reasons: Iterable[Reason], notes: Footnotes) -> list[str]:
    """Each reason's rule, marked with its source's number, and what to do about it."""
    lines = []
    for reason in reasons:
        req = reason.requirement
        lines.append(_bullet(req.rule.pick(t.lang)) + notes.mark(req.rule))
        if verdict.outcome is Outcome.NOT_YET and req.advice:
            lines.append(t("admission-reason-advice", advice=pick(req.advice, t.lang)))
        if verdict.outcome is Outcome.NEEDS_CHECK and req.unsure:
            lines.append(t("admission-reason-check", check=pick(req.unsure, t.lang)))
    return lines


def _route(t: Translator, verdict: Verdict, answers: Answers, notes: Footnotes) -> list[str]:
    """The selection route, each step marked with its source's number (listed once, at the end)."""
    route = RULES.route
    test = route.test
    acts = Html(", ".join(f"{escape(pick(a.name, t.lang))} ({a.questions})" for a in test.acts))
    lines = [t("admission-route-title"),
             t("admission-route-test", questions=test.questions, minutes=test.minutes, acts=acts,
               pass_total=test.pass_total, pass_per_act=test.pass_per_act, until=format_date(t, test.until))
             + notes.mark(test.fact),
             t("layout-italic", text=route.new_rules.pick(t.lang)) + notes.mark(route.new_rules)]
    lines += [f"{number}. {escape(stage.pick(t.lang))}{notes.mark(stage)}"
              for number, stage in enumerate(route.stages, start=2)]
    lines.append("")
    for key, fact in (("vacancies", route.vacancies), ("reserve", route.reserve)):
        lines.append(t(f"admission-route-{key}", text=fact.pick(t.lang)) + notes.mark(fact))
    lines.append("")
    if verdict.ways:
        lines += [t("admission-ways-yours", way=way.fact.pick(t.lang)) + notes.mark(way.fact)
                  for way in verdict.ways]
    else:
        lines.append(t("admission-ways-title"))
        lines += [_bullet(way.fact.pick(t.lang)) + notes.mark(way.fact) for way in ways_not_shut(answers)]
    return lines


def _closing(t: Translator, notes: Footnotes, caveat: bool = True) -> list[str]:
    """Which law applies now (unless not ``caveat``), then the one line of sources (and what replaced the acts
    cited)."""
    said = RULES.caveat
    if not caveat:
        return [sources_line(t, notes)]
    return ["", t("admission-caveat", text=said.pick(t.lang)) + notes.mark(said), sources_line(t, notes)]


def walkthrough(t: Translator, answers: Answers, extraction: Extraction | None = None, notice: str | None = None,
                route_view: bool = False, summary: Sequence[Requirement] = ()) -> View:
    """The walkthrough message for these answers: the next question, or the verdict.

    ``extraction``: what a typed text already answered (said at the top); ``notice``: a line above all (the
    buttons were outdated, use the buttons). With ``route_view`` (only once the verdict lets the user apply)
    it shows the route instead: the selection stages, vacancies, ways without competition and their sources.
    ``summary``: the requirements a typed question was about, each in a few words, above the rest (the answer
    first; those a verdict already gives as its reasons are left out).
    """
    verdict = check_eligibility(answers)
    route_view = route_view and has_route(verdict)
    notes = Footnotes()
    lines = [t("admission-title")]
    if notice:
        lines.append(notice)
    summary_given = bool(summary)
    given = {reason.requirement.id for reason in verdict.reasons}
    summary = [req for req in summary if req.id not in given]
    if summary:
        lines += [t("admission-main"), *(_bullet(req.brief.pick(t.lang)) + notes.mark(req.brief) for req in summary)]
    elif not answers:
        lines.append(t("admission-intro"))
    if extraction and extraction.answers:
        names = [t(f"admission-requirement-{req}") for req in extraction.touched]
        if extraction.years is not None:
            names = [f"{name} ({t('admission-prefilled-age', years=extraction.years)})" if req == "age_min"
                     else name for name, req in zip(names, extraction.touched, strict=True)]
        lines.append(t("admission-prefilled", requirements=Html(", ".join(names))))
        if not verdict.stopped_early:  # the early-stop text already says how to undo
            lines.append(t("admission-prefilled-undo"))
    lines.append("")
    if verdict.next_step is not None:
        lines.append(t("admission-progress", current=verdict.progress.current, bar=progress_bar(verdict.progress)))
        lines.append(t(f"admission-q-{verdict.next_step.id}"))
        if notes.facts:  # the summary's sources, under the question it leads to
            lines.append(sources_line(t, notes))
        return View("\n".join(lines), keyboard(t, answers, verdict))
    if route_view:
        lines += _route(t, verdict, answers, notes)
    else:
        lines.append(t(f"admission-verdict-{verdict.outcome}"))
        lines += _reasons(t, verdict, verdict.reasons, notes)
        if verdict.stopped_early:  # after the reason: "Пока нет, потому что:" must be followed by it
            lines += ["", t("admission-stopped-early")]
        if verdict.notes:
            lines += ["", t("admission-notes-title"), *_reasons(t, verdict, verdict.notes, notes)]
    # a typed question's first reply (``summary``) leaves the caveat to its sources' line, which says which law
    # applies now
    lines += _closing(t, notes, caveat=not summary_given)
    return View("\n".join(lines), keyboard(t, answers, verdict, route_view))


def _selection_keyboard(t: Translator) -> Keyboard:
    """Under an answer about the selection: the whole route, the check, 👍 / 👎."""
    route = button(t("admission-route-button"), AdmissionCb(v=RULES.version, a="", act=AdmissionAct.ROUTE_PAGE))
    check = button(t("admission-check-me"), MenuCb(item=MenuItem.ADMISSION))
    return Keyboard.of(t, [(route,), (check,), feedback_row(t, AnswerKind.ADMISSION)])


def _answer(t: Translator, title: str, said: Sequence[tuple[str, Sourced]]) -> View:
    """A short answer about the selection: its title, each line with its source's number, one line of sources."""
    facts = [fact for _, fact in said]
    notes = Footnotes() if several_sources(facts) else None
    lines = [title, *(text + (notes.mark(fact) if notes else "") for text, fact in said),
             sources_line(t, notes or facts)]
    return View("\n".join(lines), _selection_keyboard(t))


def test_answer(t: Translator) -> View:
    """"Сколько вопросов в тесте": the test's figures under the rules they come from, and that the rules changed."""
    test = RULES.route.test
    acts = Html(", ".join(f"{escape(pick(a.name, t.lang))} ({a.questions})" for a in test.acts))
    figures = t("admission-test", questions=test.questions, minutes=test.minutes, acts=acts,
                pass_total=test.pass_total, pass_per_act=test.pass_per_act, until=format_date(t, test.until))
    new_rules = RULES.route.new_rules
    return _answer(t, t("admission-test-title"),
                   [(figures, test.fact), (t("layout-italic", text=new_rules.pick(t.lang)), new_rules)])


def probation_answer(t: Translator) -> View:
    """"Сколько длится испытательный срок": the probation, as the act in the data says it."""
    probation = next(stage for stage in RULES.route.stages if stage.id == "probation")
    # the stage is a list item in the whole route; alone, it is a sentence
    return _answer(t, t("admission-probation-title"), [(t("layout-sentence", text=probation.pick(t.lang)), probation)])


# The stages of the selection itself (after the test); the checks before appointment and the probation follow it
# and are in the whole route.
SELECTION_STAGES = ("personal_qualities", "competition")


def route_answer(t: Translator) -> View:
    """"Как проходит конкурс", "где вакансии": the selection's stages in order, where the vacancies are, and that the
    testing rules changed; the whole route (the test's figures, the checks, probation, the reserve, ways without
    competition) behind a button."""
    route = RULES.route
    stages = [stage for stage in route.stages if stage.id in SELECTION_STAGES]
    said = [(t("admission-route-test-step"), route.test.fact)]
    said += [(f"{n}. {escape(stage.pick(t.lang))}", stage) for n, stage in enumerate(stages, start=2)]
    said += [(t("admission-route-vacancies", text=route.vacancies.pick(t.lang)), route.vacancies),
             (t("layout-italic", text=route.new_rules.pick(t.lang)), route.new_rules)]
    return _answer(t, t("admission-route-short-title"), said)


def route_page(t: Translator) -> View:
    """The selection route on its own ("сколько вопросов в тесте"), with a button to check oneself."""
    notes = Footnotes()
    route = _route(t, check_eligibility(restart()), restart(), notes)
    lines = [t("admission-route-page-title"), *route[1:], *_closing(t, notes)]
    check = button(t("admission-check-me"), MenuCb(item=MenuItem.ADMISSION))
    return View("\n".join(lines), Keyboard.of(t, [(check,), feedback_row(t, AnswerKind.ADMISSION)]))
