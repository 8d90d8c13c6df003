"""What could harm someone: crisis contacts, records that stay, cautious health suggestions."""

from __future__ import annotations

from typing import Any

from workwell_tui.domain.assessment.flow import (
    eligibility_of,
    prune,
    step_problems,
    steps_for,
    visible_questions,
)
from workwell_tui.domain.assessment.outcome import build_outcome, summary_sections
from workwell_tui.domain.assessment.questions import Answer
from workwell_tui.domain.assessment.steps import (
    CRISIS_ACTION,
    ELIGIBILITY,
    IN_CRISIS,
    MEASURES,
    RISK_ACTION,
    SIGNPOSTING,
)
from workwell_tui.domain.assessment.suggestions import suggest_objectives
from workwell_tui.domain.enums import AssessmentKind

from .test_assessment_flow import TODAY, eligible_answers, full_answers

INITIAL, REVIEW = AssessmentKind.INITIAL, AssessmentKind.REVIEW


def _keys(answers: dict[str, Any]) -> list[str]:
    return [question.key for question in visible_questions(MEASURES, answers)]


# The "what I did" record is never pruned ---------------------------------------------------


def test_risk_record_stays_when_item_9_goes_back_to_0() -> None:
    answers = full_answers(**{"phq9.9": 2, RISK_ACTION: "Shared Samaritans; told GP"})
    kept, dropped = prune({**answers, "phq9.9": 0})
    assert kept[RISK_ACTION] == "Shared Samaritans; told GP" and dropped == []
    assert RISK_ACTION in _keys(kept)  # still on screen, so the coach sees it is kept


def test_risk_record_stays_when_the_phq9_is_set_to_not_now() -> None:
    answers = full_answers(**{"phq9.9": 2, RISK_ACTION: "Shared Samaritans; told GP"})
    kept, dropped = prune({**answers, "phq9.take": "no"})
    assert kept[RISK_ACTION] == "Shared Samaritans; told GP"
    assert [question.key for question in dropped] == [f"phq9.{n}" for n in range(1, 10)]
    assert RISK_ACTION in _keys(kept)
    assert step_problems(MEASURES, kept, TODAY) == {}


def test_a_blank_record_is_still_tidied_away() -> None:
    kept, _ = prune(full_answers(**{RISK_ACTION: "  "}))
    assert RISK_ACTION not in kept


def test_review_outcome_keeps_the_risk_record() -> None:
    answers: dict[str, Answer] = {"phq9.take": "yes", **{f"phq9.{n}": 1 for n in range(1, 10)}}
    answers[RISK_ACTION] = "Crisis contacts shared; GP told"
    outcome = build_outcome(REVIEW, answers, TODAY, 12)
    assert outcome.risk_action == "Crisis contacts shared; GP told"
    lines = dict(summary_sections(REVIEW, answers, TODAY)[0].lines)
    assert lines["Risk: what I did"] == "Crisis contacts shared; GP told"


# In crisis ---------------------------------------------------------------------------------


def crisis(**changes: Any) -> dict[str, Any]:
    return eligible_answers(complex_needs="yes", complex_needs_reason="Suicidal plans", **changes)


def test_in_crisis_is_asked_whenever_complex_needs_is_yes() -> None:
    shown = [q.key for q in visible_questions(ELIGIBILITY, crisis())]
    assert IN_CRISIS in shown and CRISIS_ACTION not in shown
    shown = [q.key for q in visible_questions(ELIGIBILITY, crisis(in_crisis="yes"))]
    assert CRISIS_ACTION in shown


def test_in_crisis_needs_a_record_of_what_the_coach_did() -> None:
    problems = step_problems(ELIGIBILITY, crisis(in_crisis="yes"), TODAY)
    assert problems == {CRISIS_ACTION: "Needs an answer"}
    done = crisis(in_crisis="yes", **{CRISIS_ACTION: "Called 111 with them"})
    assert step_problems(ELIGIBILITY, done, TODAY) == {}


def test_in_crisis_signposts_to_urgent_help_first() -> None:
    eligibility = eligibility_of(crisis(in_crisis="yes"), TODAY)
    assert eligibility.blockers[0] == "in crisis now"
    assert eligibility.signposts[0].startswith("NHS 111 option 2 now (999 or A&E")
    assert "specialist team" not in " ".join(eligibility.signposts)


def test_crisis_record_survives_later_answers_and_reaches_the_outcome() -> None:
    answers = crisis(in_crisis="yes", **{CRISIS_ACTION: "Called 111 with them"})
    kept, dropped = prune({**answers, "complex_needs": "no"})
    assert kept[CRISIS_ACTION] == "Called 111 with them"
    assert sorted(q.key for q in dropped) == ["complex_needs_reason", IN_CRISIS]
    signposted = crisis(in_crisis="yes", **{CRISIS_ACTION: "Called 111 with them"})
    assert steps_for(INITIAL, signposted, TODAY) == (ELIGIBILITY, SIGNPOSTING)
    outcome = build_outcome(INITIAL, signposted, TODAY, 12)
    assert outcome.crisis_action == "Called 111 with them"


# Cautious suggestions ----------------------------------------------------------------------


def _steps(severities: dict[str, int], **flags: bool) -> dict[str, str]:
    objectives = suggest_objectives(severities, plan_weeks=12, in_work=True, **flags)
    return {objective.barrier_key: objective.steps for objective in objectives}


def test_activity_never_escalates_by_default() -> None:
    steps = _steps({"physical.activity": 3})["physical.activity"]
    assert "a little longer each week" not in steps
    assert (
        steps
        == "Agree a safe level with the GP or physiotherapist; increase only if symptoms allow"
    )


def test_with_moderate_or_severe_fatigue_activity_does_not_increase_at_all() -> None:
    for fatigue in (2, 3):
        steps = _steps({"physical.activity": 3, "physical.fatigue": fatigue})
        assert (
            "do not increase it while fatigue is moderate or severe" in steps["physical.activity"]
        )
        assert "increase only" not in steps["physical.activity"]
    mild = _steps({"physical.activity": 3, "physical.fatigue": 1})["physical.activity"]
    assert mild.startswith("Agree a safe level")


def test_talking_therapies_for_adults_without_risk() -> None:
    assert (
        "NHS Talking Therapies" in _steps({"psychological.low_mood": 3})["psychological.low_mood"]
    )


def test_under_18s_go_to_the_gp_and_camhs_not_talking_therapies() -> None:
    steps = _steps({"psychological.anxiety": 3}, under_18=True)["psychological.anxiety"]
    assert "Talking Therapies" not in steps and "CAMHS" in steps and "GP" in steps


def test_risk_goes_to_the_gp_and_nhs_111_not_talking_therapies() -> None:
    steps = _steps({"psychological.low_mood": 3}, at_risk=True)["psychological.low_mood"]
    assert "Talking Therapies" not in steps and "NHS 111 option 2" in steps


def test_outcome_routes_item_9_and_17_year_olds_away_from_talking_therapies() -> None:
    answers = full_answers(**{"need.psychological.low_mood": 3, "phq9.9": 1})
    answers[RISK_ACTION] = "Shared contacts"
    [mood] = [
        o
        for o in build_outcome(INITIAL, answers, TODAY, 12).objectives
        if o.barrier_key == "psychological.low_mood"
    ]
    assert "Talking Therapies" not in mood.steps and "NHS 111" in mood.steps
    young = full_answers(**{"need.psychological.low_mood": 3, "date_of_birth": "01/01/2009"})
    [mood] = [
        o
        for o in build_outcome(INITIAL, young, TODAY, 12).objectives
        if o.barrier_key == "psychological.low_mood"
    ]
    assert "Talking Therapies" not in mood.steps and "CAMHS" in mood.steps
