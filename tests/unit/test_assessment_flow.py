"""The assessment's rules without a screen: answers, skip logic, steps, checks, outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from workwell_tui.domain.assessment.flow import (
    next_step,
    position,
    previous_step,
    prune,
    step_from_number,
    step_number,
    step_problems,
    steps_for,
    unfinished_steps,
    visible_questions,
)
from workwell_tui.domain.assessment.outcome import (
    build_outcome,
    measures_taken,
    severities,
    summary_sections,
)
from workwell_tui.domain.assessment.questions import (
    Answer,
    Kind,
    Question,
    as_date,
    as_int,
    check_answer,
    is_blank,
    show_answer,
)
from workwell_tui.domain.assessment.steps import (
    ALL_STEPS,
    ELIGIBILITY,
    GOALS,
    MEASURES,
    NEEDS,
    QUESTIONS_BY_KEY,
    RISK_ACTION,
    SIGNPOSTING,
    WORK,
    StepKey,
)
from workwell_tui.domain.enums import AssessmentKind, Domain, Instrument

TODAY = date(2026, 11, 22)
INITIAL = AssessmentKind.INITIAL


def eligible_answers(**changes: Any) -> dict[str, Any]:
    """A first step that makes someone eligible, in work and off sick."""
    answers: dict[str, Any] = {
        "date_of_birth": "14/03/1984",
        "work_situation": "off_sick",
        "health_affects_work": "yes",
        "complex_needs": "no",
        "wants_work": "yes",
        "agrees_to_take_part": "yes",
        "consent_processing": "yes",
        "consent_share_gp": "yes",
        "consent_contact_employer": "yes",
        "consent_share_health_with_employer": "no",
    }
    answers.update(changes)
    return answers


def full_answers(**changes: Any) -> dict[str, Any]:
    """Every step answered, as a coach would at the end of a session."""
    answers = eligible_answers()
    answers.update(
        {
            "job_title": "Care assistant",
            "employer": "Ribble Care Homes",
            "hours": "30",
            "time_in_job": "1_to_5_years",
            "off_sick_since": "02/10/2026",
            "fit_note": "may_be_fit",
            "fit_note_advice": ["phased_return", "altered_hours"],
            "fit_note_ends": "30/11/2026",
            "hard_at_work": "Lifting residents",
            "condition_types": ["musculoskeletal"],
            "conditions": "Lower back pain",
            "need.physical.pain": 3,
            "need.psychological.low_mood": 1,
            "need.social.money": 2,
            "phq9.take": "yes",
            **{f"phq9.{n}": 1 if n < 9 else 0 for n in range(1, 10)},
            "gad7.take": "no",
            "wsas.take": "no",
            "confidence": 4,
            "own_words": "Back at work without pain",
            "priority_1": "Less pain at work",
            "priority_2": "Sleep better",
        }
    )
    answers.update(changes)
    return answers


# Answers and checks --------------------------------------------------------------------------


def test_blank_answers() -> None:
    assert is_blank(None) and is_blank("  ") and is_blank([])
    assert not is_blank(0) and not is_blank("x") and not is_blank(False)


@pytest.mark.parametrize(
    ("question", "value", "problem"),
    [
        (Question("d", "D", Kind.DATE, required=True), "", "Needs an answer"),
        (Question("d", "D", Kind.DATE), "", None),
        (Question("d", "D", Kind.DATE), "31/02/2020", "There is no day 31 in that month"),
        (Question("d", "D", Kind.DATE, not_future=True), "23/11/2026", "Cannot be in the future"),
        (Question("d", "D", Kind.DATE, not_future=True), "22/11/2026", None),
        (Question("n", "N", Kind.NUMBER, high=80), "81", "Between 0 and 80"),
        (Question("n", "N", Kind.NUMBER, high=80), "3x", "Type a whole number"),
        (Question("n", "N", Kind.NUMBER, high=80), "37", None),
        (Question("s", "S", Kind.SCALE, high=3), 4, "Between 0 and 3"),
        (Question("s", "S", Kind.SCALE, high=3), True, "Choose a number"),
        (Question("s", "S", Kind.SCALE, high=3), 0, None),
        (Question("c", "C", Kind.CHOICE, options=(("a", "A"),)), "b", "Choose one"),
        (Question("m", "M", Kind.MULTI, options=(("a", "A"),)), ["a", "z"], "Choose from the list"),
        (Question("t", "T", Kind.TEXT, max_length=5), "abcdef", "Keep it under 5 characters"),
        (Question("t", "T", Kind.TEXT), 5, "Type an answer"),
    ],
)
def test_check_answer(question: Question, value: Any, problem: str | None) -> None:
    assert check_answer(question, value, TODAY) == problem


def test_readers() -> None:
    assert as_int(" 12 ") == 12 and as_int("x") is None and as_int(True) is None
    assert as_date("02/10/2026") == date(2026, 10, 2) and as_date("nope") is None


def test_show_answer_uses_labels() -> None:
    question = QUESTIONS_BY_KEY["fit_note_advice"]
    assert show_answer(question, ["phased_return", "altered_hours"]) == (
        "phased return, altered hours"
    )
    assert show_answer(QUESTIONS_BY_KEY["phq9.1"], 2) == "2 More than half the days"
    assert show_answer(QUESTIONS_BY_KEY["job_title"], "") == "—"


def test_answer_keys_are_unique_across_steps() -> None:
    keys = [question.key for step in ALL_STEPS for question in step.questions]
    assert len(keys) == len(set(keys))


# Skip logic ---------------------------------------------------------------------------------


def labels(step_questions: list[Question]) -> list[str]:
    return [question.key for question in step_questions]


def test_work_step_reshapes_for_people_out_of_work() -> None:
    in_work = labels(visible_questions(WORK, eligible_answers()))
    assert "job_title" in in_work and "off_sick_since" in in_work and "last_job" not in in_work
    out = labels(visible_questions(WORK, eligible_answers(work_situation="out_of_work_short")))
    assert "job_title" not in out and "last_job" in out and "wanted_work" in out


def test_struggling_at_work_is_not_asked_when_off_sick() -> None:
    shown = labels(visible_questions(WORK, eligible_answers(work_situation="struggling")))
    assert "off_sick_since" not in shown and "fit_note" in shown


def test_fit_note_questions_follow_the_fit_note() -> None:
    none = labels(visible_questions(WORK, eligible_answers(fit_note="none")))
    assert "fit_note_advice" not in none and "fit_note_ends" not in none
    not_fit = labels(visible_questions(WORK, eligible_answers(fit_note="not_fit")))
    assert "fit_note_advice" not in not_fit and "fit_note_ends" in not_fit
    may_be = labels(visible_questions(WORK, eligible_answers(fit_note="may_be_fit")))
    assert "fit_note_advice" in may_be and "fit_note_ends" in may_be


def test_prune_drops_answers_that_no_longer_apply_in_a_chain() -> None:
    answers = full_answers(consent_share_health_with_employer="yes")
    kept, dropped = prune({**answers, "work_situation": "out_of_work_short"})
    gone = {question.key for question in dropped}
    assert {"job_title", "off_sick_since", "fit_note", "fit_note_advice"} <= gone
    # Dropping employer contact also drops the question that hung off it.
    assert {"consent_contact_employer", "consent_share_health_with_employer"} <= gone
    assert "job_title" not in kept and kept["conditions"] == "Lower back pain"


def test_prune_keeps_everything_that_applies() -> None:
    answers = full_answers()
    kept, dropped = prune(answers)
    assert dropped == [] and kept == answers


def test_prune_does_not_report_blank_answers_as_lost() -> None:
    kept, dropped = prune(eligible_answers(fit_note="none", fit_note_ends=""))
    assert "fit_note_ends" not in kept and dropped == []


def test_risk_record_is_asked_when_item_9_is_above_zero_and_kept_once_written() -> None:
    assert not QUESTIONS_BY_KEY[RISK_ACTION].applies(full_answers())
    assert QUESTIONS_BY_KEY[RISK_ACTION].applies(full_answers(**{"phq9.9": 1}))
    # A recorded safeguarding action is never dropped (see test_safeguarding.py).
    kept, dropped = prune(full_answers(**{RISK_ACTION: "Shared contacts"}))
    assert kept[RISK_ACTION] == "Shared contacts" and dropped == []


# Steps --------------------------------------------------------------------------------------


def test_the_route_for_eligible_and_not_eligible_people() -> None:
    route = [step.key for step in steps_for(INITIAL, eligible_answers(), TODAY)]
    assert route[0] is StepKey.ELIGIBILITY and route[-1] is StepKey.SUMMARY and len(route) == 7
    not_eligible = eligible_answers(wants_work="no")
    assert steps_for(INITIAL, not_eligible, TODAY) == (ELIGIBILITY, SIGNPOSTING)
    assert next_step(INITIAL, StepKey.ELIGIBILITY, not_eligible, TODAY) is SIGNPOSTING
    assert next_step(INITIAL, StepKey.SIGNPOSTING, not_eligible, TODAY) is None
    review = steps_for(AssessmentKind.REVIEW, {}, TODAY)
    assert [step.key for step in review] == [StepKey.MEASURES, StepKey.SUMMARY]


def test_moving_forward_and_back() -> None:
    answers = eligible_answers()
    assert next_step(INITIAL, StepKey.WORK, answers, TODAY) is not None
    assert previous_step(INITIAL, StepKey.WORK, answers, TODAY) is ELIGIBILITY
    assert previous_step(INITIAL, StepKey.ELIGIBILITY, answers, TODAY) is None


def test_position_labels() -> None:
    answers = eligible_answers()
    assert position(INITIAL, StepKey.WORK, answers, TODAY).label == "Step 2 of 7 · Work"
    no = eligible_answers(complex_needs="yes", complex_needs_reason="Under the CMHT")
    # Not eligible: the route is eligibility then signposting, counted as such on both steps.
    assert (
        position(INITIAL, StepKey.ELIGIBILITY, no, TODAY).label
        == "Step 1 of 2 · Eligibility and consent"
    )
    assert position(INITIAL, StepKey.SIGNPOSTING, no, TODAY).label == "Step 2 of 2 · Signposting"
    assert (
        position(INITIAL, StepKey.ELIGIBILITY, {}, TODAY).label
        == "Step 1 of 7 · Eligibility and consent"
    )
    review = AssessmentKind.REVIEW
    assert position(review, StepKey.MEASURES, {}, TODAY).total == len(steps_for(review, {}, TODAY))


def test_step_numbers_round_trip_and_unknown_numbers_start_again() -> None:
    for step in ALL_STEPS:
        assert step_from_number(step_number(step.key)) is step
    assert step_from_number(99) is ELIGIBILITY


def test_required_answers_block_going_on() -> None:
    problems = step_problems(ELIGIBILITY, {}, TODAY)
    assert problems["date_of_birth"] == "Needs an answer"
    assert "consent_contact_employer" not in problems  # not asked until in work is known
    assert step_problems(ELIGIBILITY, eligible_answers(), TODAY) == {}


def test_not_eligible_first_step_only_checks_what_was_typed() -> None:
    answers = {"date_of_birth": "01/01/2015", "work_situation": "off_sick"}
    assert step_problems(ELIGIBILITY, answers, TODAY) == {}
    bad = {"date_of_birth": "01/01/2015", "work_situation": "off_sick", "complex_needs": "yes"}
    assert step_problems(ELIGIBILITY, bad, TODAY) == {"complex_needs_reason": "Needs an answer"}


def test_invalid_typed_answers_block_going_on() -> None:
    problems = step_problems(WORK, full_answers(hours="90", off_sick_since="40/10/2026"), TODAY)
    assert problems == {
        "hours": "Between 0 and 80",
        "off_sick_since": "There is no day 40 in that month",
    }


def test_measures_items_required_only_when_taken() -> None:
    assert (
        step_problems(MEASURES, {"phq9.take": "no", "gad7.take": "no", "wsas.take": "no"}, TODAY)
        == {}
    )
    problems = step_problems(
        MEASURES, {"phq9.take": "yes", "gad7.take": "no", "wsas.take": "no"}, TODAY
    )
    assert set(problems) == {f"phq9.{n}" for n in range(1, 10)}


def test_unfinished_steps_name_what_completion_waits_for() -> None:
    answers = full_answers()
    assert unfinished_steps(INITIAL, answers, TODAY) == []
    del answers["own_words"]
    assert unfinished_steps(INITIAL, answers, TODAY) == [GOALS]


# Outcome ------------------------------------------------------------------------------------


def test_measures_taken_scores_complete_questionnaires_only() -> None:
    answers = full_answers(**{"gad7.take": "yes", "gad7.1": 2})
    taken = {measure.instrument: measure for measure in measures_taken(answers)}
    assert taken[Instrument.PHQ9].total == 8 and len(taken[Instrument.PHQ9].items) == 9
    assert Instrument.GAD7 not in taken  # half answered: not a score
    assert taken[Instrument.CONFIDENCE].total == 4
    assert Instrument.SELF_RATED_HEALTH not in taken


def test_severities_come_from_the_needs_step() -> None:
    assert severities(full_answers()) == {
        "physical.pain": 3,
        "psychological.low_mood": 1,
        "social.money": 2,
    }
    assert all(q.kind is Kind.SCALE for q in NEEDS.questions if not q.key.endswith("notes"))


def test_eligible_outcome_makes_a_plan() -> None:
    outcome = build_outcome(INITIAL, full_answers(), TODAY, plan_weeks=12)
    assert outcome.eligible
    assert outcome.goals == ("Less pain at work", "Sleep better")
    domains = [objective.domain for objective in outcome.objectives]
    assert Domain.PHYSICAL in domains and Domain.WORK in domains
    assert all(1 <= objective.target_week <= 12 for objective in outcome.objectives)
    keys = [item.key for item in outcome.adjustments]
    assert keys[:2] == ["phased_return", "altered_hours"]  # the fit note's advice first
    assert outcome.update.date_of_birth == date(1984, 3, 14)
    assert outcome.update.employer_name == "Ribble Care Homes"
    assert outcome.update.consents["consent_share_health_with_employer"] is False


def test_not_eligible_outcome_signposts() -> None:
    answers = eligible_answers(
        wants_work="no", signpost_reason="Not ready", signpost_service="Their GP"
    )
    outcome = build_outcome(INITIAL, answers, TODAY, plan_weeks=12)
    assert not outcome.eligible and outcome.objectives == () and outcome.measures == ()
    assert (outcome.signpost_reason, outcome.signposted_to) == ("Not ready", "Their GP")


def test_out_of_work_outcome_suggests_no_adjustments() -> None:
    answers = full_answers(work_situation="out_of_work_short", wanted_work="Admin")
    kept, _ = prune(answers)
    outcome = build_outcome(INITIAL, kept, TODAY, plan_weeks=12)
    assert outcome.adjustments == ()


def test_review_outcome_is_measures_only() -> None:
    answers: dict[str, Answer] = {
        "phq9.take": "no",
        "gad7.take": "no",
        "wsas.take": "no",
        "confidence": 7,
    }
    outcome = build_outcome(AssessmentKind.REVIEW, answers, TODAY, plan_weeks=12)
    assert [m.instrument for m in outcome.measures] == [Instrument.CONFIDENCE]
    assert outcome.objectives == () and outcome.update.consents == {}


def test_summary_reads_back_every_step_with_scores() -> None:
    sections = summary_sections(INITIAL, full_answers(), TODAY)
    titles = [section.step.key for section in sections]
    assert titles == [
        StepKey.ELIGIBILITY,
        StepKey.WORK,
        StepKey.HEALTH,
        StepKey.NEEDS,
        StepKey.MEASURES,
        StepKey.GOALS,
    ]
    by_step = {section.step.key: dict(section.lines) for section in sections}
    assert by_step[StepKey.MEASURES]["PHQ-9"].startswith("8 of 27")
    assert by_step[StepKey.MEASURES]["GAD-7"] == "not taken"
    assert by_step[StepKey.WORK]["Fit note"] == "may be fit"
    assert "Off sick since" in by_step[StepKey.WORK]
    assert by_step[StepKey.NEEDS]
