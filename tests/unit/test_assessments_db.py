"""Assessments in the database: start with the referral prefilled, autosave, complete into
baseline measures, the participant's record and a draft plan, all in one transaction."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.config_adjustments import built_in_catalogue
from workwell_tui.db import assessments
from workwell_tui.db.assessments import AssessmentGone
from workwell_tui.db.models import (
    Adjustment,
    Assessment,
    AuditEvent,
    MeasureResult,
    Objective,
    Participant,
    Plan,
)
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.outcome import build_outcome
from workwell_tui.domain.assessment.steps import RISK_ACTION, StepKey
from workwell_tui.domain.enums import (
    AssessmentKind,
    ReferralSource,
    Stage,
    WorkSituation,
)
from workwell_tui.domain.records import ParticipantRecord
from workwell_tui.domain.referral import NewReferral

from .test_assessment_flow import eligible_answers, full_answers

INITIAL = AssessmentKind.INITIAL
REVIEW = AssessmentKind.REVIEW


def referral(**changes: Any) -> NewReferral:
    values: dict[str, Any] = {
        "first_name": "Jordan",
        "last_name": "Psmith",
        "preferred_name": "",
        "date_of_birth": date(1984, 3, 15),
        "email": "",
        "phone": "",
        "postcode": "PR1 2AB",
        "district": "Preston",
        "referral_source": ReferralSource.GP,
        "referral_date": date(2026, 11, 9),
        "work_situation": WorkSituation.OFF_SICK,
        "employer_name": "Ribble Care",
        "consent_processing": True,
    }
    values.update(changes)
    return NewReferral(**values)


def refer(store: Store, **changes: Any) -> ParticipantRecord:
    return store.add_referral(referral(**changes))


def person(engine: Engine, participant_id: uuid.UUID) -> Participant:
    with Session(engine) as session:
        found = session.get(Participant, participant_id)
        assert found is not None
        return found


def rows(engine: Engine, table: Any, **where: Any) -> list[Any]:
    with Session(engine) as session:
        statement = select(table)
        for name, value in where.items():
            statement = statement.where(getattr(table, name) == value)
        return list(session.exec(statement))


def events(engine: Engine) -> list[AuditEvent]:
    return rows(engine, AuditEvent)


def actions(engine: Engine) -> list[str]:
    return [event.action for event in events(engine)]


# Starting and resuming ----------------------------------------------------------------------


# The area's eligibility rule is recorded in every new initial assessment.
AREA_RULE = {
    "rule.area": "Lancashire and South Cumbria",
    "rule.minimum_age": 16,
    "rule.out_of_work": "under_6_months",
    "rule.local_to": "",
}


def test_start_prefills_from_the_referral_and_moves_a_referral_to_assessing(
    store: Store, engine: Engine
) -> None:
    jordan = refer(store)
    assert jordan.stage == Stage.REFERRED.value
    draft = store.start_assessment(jordan.id, INITIAL)
    assert (draft.status, draft.kind) == ("draft", "initial")
    assert draft.step == step_number(StepKey.ELIGIBILITY)
    assert draft.answers == {
        "date_of_birth": "15/03/1984",
        "work_situation": "off_sick",
        "employer": "Ribble Care",
        "consent_processing": "yes",
        **AREA_RULE,
    }
    after = person(engine, jordan.id)
    assert after.stage == Stage.ASSESSING.value
    assert after.stage_changed_on == clock.today()
    [start] = [event for event in events(engine) if event.action == "assessment.start"]
    assert (start.record_type, start.record_id, start.detail) == (
        "assessment",
        str(draft.id),
        "initial",
    )


def test_prefill_leaves_out_what_the_referral_does_not_know(store: Store) -> None:
    sam = refer(
        store, work_situation=WorkSituation.OTHER, employer_name="", consent_processing=False
    )
    draft = store.start_assessment(sam.id, INITIAL)
    assert draft.answers == {"date_of_birth": "15/03/1984", **AREA_RULE}


def test_resuming_returns_the_same_draft(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    first = store.start_assessment(jordan.id, INITIAL)
    store.save_assessment(first.id, step_number(StepKey.WORK), {"job_title": "Porter"})
    again = store.start_assessment(jordan.id, INITIAL)
    assert again.id == first.id
    assert again.step == step_number(StepKey.WORK) and again.answers == {"job_title": "Porter"}
    assert len(rows(engine, Assessment)) == 1
    assert actions(engine).count("assessment.start") == 1
    draft = store.assessment_draft(jordan.id)
    assert draft is not None and draft.id == first.id


def test_a_review_is_its_own_draft_and_leaves_the_stage_alone(store: Store, engine: Engine) -> None:
    alex = refer(store, stage=Stage.ON_PLAN)
    review = store.start_assessment(alex.id, REVIEW)
    assert review.kind == "review" and review.answers == {}
    assert review.step == step_number(StepKey.MEASURES)
    assert person(engine, alex.id).stage == Stage.ON_PLAN.value
    initial = store.start_assessment(alex.id, INITIAL)
    assert initial.id != review.id
    assert person(engine, alex.id).stage == Stage.ON_PLAN.value  # only a referral moves on
    resumed = store.assessment_draft(alex.id, REVIEW)
    assert resumed is not None and resumed.id == review.id


def test_starting_for_someone_who_is_gone_refuses(store: Store) -> None:
    with pytest.raises(AssessmentGone):
        store.start_assessment(uuid.uuid4(), INITIAL)


# Autosave -----------------------------------------------------------------------------------


def test_save_draft_overwrites_answers_and_step(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    saved = store.save_assessment(draft.id, step_number(StepKey.WORK), {"job_title": "Por"})
    assert saved == clock.now()  # the app's clock, so "saved 14:05" matches the frozen day
    saved = store.save_assessment(
        draft.id, step_number(StepKey.HEALTH), {"job_title": "Porter", "conditions": "Back"}
    )
    [stored] = rows(engine, Assessment)
    # Overwritten, not merged: the prefilled answers the coach cleared are gone.
    assert stored.answers == {"job_title": "Porter", "conditions": "Back"}
    assert stored.step == step_number(StepKey.HEALTH)
    assert stored.saved_at == saved and stored.status == "draft"


def test_save_draft_refuses_a_completed_assessment(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    store.complete_assessment(draft.id, INITIAL, full_answers())
    with pytest.raises(AssessmentGone):
        store.save_assessment(draft.id, 0, {"job_title": "Changed afterwards"})
    [stored] = rows(engine, Assessment)
    assert stored.status == "completed" and stored.answers["job_title"] == "Care assistant"
    with pytest.raises(AssessmentGone):
        store.save_assessment(uuid.uuid4(), 0, {})


# Completing ---------------------------------------------------------------------------------


@pytest.fixture
def eight_weeks(engine: Engine) -> Store:
    """A service with 8-week plans reviewed at weeks 4 and 8 (and a stray week 12)."""
    settings = Settings(plan_length_weeks=8, review_weeks=(4, 8, 12))
    return Store(engine=engine, settings=settings, actor="test-coach")


def test_completing_an_eligible_assessment_stores_everything(
    eight_weeks: Store, engine: Engine
) -> None:
    store = eight_weeks
    jordan = refer(store)
    with Session(engine) as session:  # they agreed to processing at referral, a while ago
        record = session.get(Participant, jordan.id)
        assert record is not None
        record.consent_processing_on = date(2026, 11, 9)
        session.add(record)
        session.commit()
    draft = store.start_assessment(jordan.id, INITIAL)
    answers = full_answers()
    today = clock.today()

    done = store.complete_assessment(draft.id, INITIAL, answers)

    assert done.stage is Stage.ON_PLAN and done.plan_id is not None
    assert done.measures == 2  # PHQ-9 and confidence; GAD-7 and WSAS not taken
    [stored] = rows(engine, Assessment)
    assert stored.status == "completed" and stored.answers == answers
    assert stored.completed_at == clock.now() and stored.saved_at == clock.now()

    measures = {m.instrument: m for m in rows(engine, MeasureResult)}
    assert set(measures) == {"phq9", "confidence"}
    assert measures["phq9"].item_answers == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert measures["phq9"].total == 8
    assert measures["confidence"].item_answers == [4] and measures["confidence"].total == 4
    for measure in measures.values():
        assert measure.timepoint == "baseline" and measure.review_week is None
        assert measure.assessment_id == draft.id and measure.participant_id == jordan.id

    after = person(engine, jordan.id)
    assert after.stage == "on_plan" and after.stage_changed_on == today
    assert (after.stage_reason, after.signposted_to) == ("", "")
    assert after.date_of_birth == date(1984, 3, 14)  # corrected at assessment
    assert after.employer_name == "Ribble Care Homes"
    assert after.work_situation == "off_sick"
    assert after.consent_processing and after.consent_processing_on == date(2026, 11, 9)
    assert after.consent_share_gp and after.consent_share_gp_on == today
    assert after.consent_contact_employer and after.consent_contact_employer_on == today
    assert not after.consent_share_health_with_employer
    assert after.consent_share_health_with_employer_on is None

    [plan] = rows(engine, Plan)
    assert plan.id == done.plan_id and plan.assessment_id == draft.id
    assert (plan.status, plan.start_date, plan.length_weeks) == ("draft", today, 8)
    assert plan.review_weeks == [4, 8]  # weeks past the end of the plan are left out
    assert plan.goals == ["Less pain at work", "Sleep better"]

    expected = build_outcome(INITIAL, answers, today, plan_weeks=8)
    objectives = sorted(rows(engine, Objective, plan_id=plan.id), key=lambda o: o.position)
    assert len(objectives) == done.objectives == len(expected.objectives) > 0
    assert [(o.domain, o.what, o.steps, o.target_week) for o in objectives] == [
        (o.domain.value, o.what, o.steps, o.target_week) for o in expected.objectives
    ]
    assert [o.position for o in objectives] == list(range(len(objectives)))
    assert {"physical", "social", "work"} <= {o.domain for o in objectives}
    assert all(o.target_week is not None and 1 <= o.target_week <= 8 for o in objectives)

    adjustments = rows(engine, Adjustment, participant_id=jordan.id)
    keys = [item.catalogue_key for item in adjustments]
    # The assessment's adjustments, then the conversation the work situation calls for.
    conversation = {"off_sick": "return_to_work_meeting", "struggling": "line_manager_conversation"}
    extra = [conversation[after.work_situation]] if after.work_situation in conversation else []
    assert len(adjustments) == done.adjustments == len(expected.adjustments) + len(extra) > 0
    assert sorted(keys) == sorted([item.key for item in expected.adjustments] + extra)
    assert {"phased_return", "altered_hours"} <= set(keys)  # from the fit note's advice
    for item in adjustments:
        assert built_in_catalogue().item(item.catalogue_key) is not None  # a real catalogue key
        assert item.plan_id == plan.id and item.status == "suggested"
        assert item.employer_shareable is False and item.reason  # not shared, and says why
    reasons = {item.catalogue_key: item.reason for item in adjustments}
    assert reasons["altered_hours"] == "fit note: altered hours"

    done_events = {(e.action, e.record_type, e.detail) for e in events(engine)}
    assert {
        ("assessment.complete", "assessment", "initial"),
        ("participant.stage.on_plan", "participant", ""),
        ("plan.create", "plan", "draft"),
    } <= done_events
    assert store.assessment_draft(jordan.id) is None


def test_completion_is_one_transaction(
    store: Store, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    before = len(events(engine))

    def broken(*args: Any, **kwargs: Any) -> uuid.UUID:
        raise RuntimeError("disk full")

    monkeypatch.setattr(assessments, "_create_plan", broken)
    with pytest.raises(RuntimeError):
        store.complete_assessment(draft.id, INITIAL, full_answers())
    [stored] = rows(engine, Assessment)
    assert stored.status == "draft" and stored.completed_at is None
    assert rows(engine, MeasureResult) == [] and rows(engine, Plan) == []
    after = person(engine, jordan.id)
    assert after.stage == "assessing" and not after.consent_share_gp
    assert len(events(engine)) == before
    monkeypatch.undo()
    assert store.complete_assessment(draft.id, INITIAL, full_answers()).plan_id is not None


def test_completing_as_not_eligible_signposts_without_a_plan(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    answers = eligible_answers(
        wants_work="no",
        signpost_reason="Does not want to work at the moment",
        signpost_service="Their GP",
        confidence=5,
    )
    done = store.complete_assessment(draft.id, INITIAL, answers)
    assert done.stage is Stage.SIGNPOSTED and done.plan_id is None
    assert (done.objectives, done.adjustments, done.measures) == (0, 0, 0)
    after = person(engine, jordan.id)
    assert after.stage == "signposted" and after.stage_changed_on == clock.today()
    assert after.stage_reason == "Does not want to work at the moment"
    assert after.signposted_to == "Their GP"
    assert after.consent_share_gp and after.consent_share_gp_on == clock.today()
    [stored] = rows(engine, Assessment)
    assert stored.status == "completed"
    assert rows(engine, Plan) == [] and rows(engine, Objective) == []
    assert rows(engine, Adjustment) == [] and rows(engine, MeasureResult) == []
    done_actions = actions(engine)
    assert "participant.stage.signposted" in done_actions and "plan.create" not in done_actions


def test_completing_a_review_stores_review_measures_in_the_plan_week(
    store: Store, engine: Engine
) -> None:
    alex = refer(store, stage=Stage.ON_PLAN)
    today = clock.today()
    with Session(engine) as session:
        session.add(
            Plan(
                participant_id=alex.id,
                status="active",
                start_date=today - timedelta(weeks=5, days=3),
                length_weeks=12,
                review_weeks=[6, 12],
            )
        )
        session.commit()
    review = store.start_assessment(alex.id, REVIEW)
    answers: dict[str, Any] = {
        "phq9.take": "no",
        "gad7.take": "yes",
        **{f"gad7.{n}": 2 for n in range(1, 8)},
        "wsas.take": "no",
        "confidence": 7,
    }
    done = store.complete_assessment(review.id, REVIEW, answers)
    assert done.stage is Stage.ON_PLAN and done.plan_id is None
    assert (done.objectives, done.adjustments, done.measures) == (0, 0, 2)
    measures = {m.instrument: m for m in rows(engine, MeasureResult)}
    assert set(measures) == {"gad7", "confidence"}
    assert measures["gad7"].total == 14 and measures["confidence"].total == 7
    for measure in measures.values():
        assert measure.timepoint == "review" and measure.review_week == 6
        assert measure.assessment_id == review.id
    assert len(rows(engine, Plan)) == 1  # no new plan
    after = person(engine, alex.id)
    assert after.stage == "on_plan" and after.stage_changed_on == alex.stage_changed_on
    completes = [e for e in events(engine) if e.action == "assessment.complete"]
    assert [(e.record_id, e.detail) for e in completes] == [(str(review.id), "review")]
    assert not any(a.startswith("participant.stage.") for a in actions(engine))


def test_a_review_without_a_plan_has_no_review_week(store: Store, engine: Engine) -> None:
    alex = refer(store, stage=Stage.ON_PLAN)
    review = store.start_assessment(alex.id, REVIEW)
    store.complete_assessment(review.id, REVIEW, {"confidence": 3})
    [measure] = rows(engine, MeasureResult)
    assert measure.timepoint == "review" and measure.review_week is None


def test_completing_twice_refuses_and_changes_nothing(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    store.complete_assessment(draft.id, INITIAL, full_answers())
    counts = [len(rows(engine, table)) for table in (MeasureResult, Plan, Objective, Adjustment)]
    before = len(events(engine))
    with pytest.raises(AssessmentGone):
        store.complete_assessment(draft.id, INITIAL, full_answers(priority_1="Something else"))
    assert [
        len(rows(engine, table)) for table in (MeasureResult, Plan, Objective, Adjustment)
    ] == counts
    assert len(events(engine)) == before
    [plan] = rows(engine, Plan)
    assert plan.goals[0] == "Less pain at work"


def test_audit_events_name_records_never_answers(store: Store, engine: Engine) -> None:
    jordan = refer(store)
    draft = store.start_assessment(jordan.id, INITIAL)
    answers = full_answers(
        **{
            "phq9.9": 1,
            RISK_ACTION: "Shared Samaritans number and told the GP",
            "conditions": "Lower back pain after a fall",
            "need.physical.notes": "Cannot lift residents",
        }
    )
    store.save_assessment(draft.id, step_number(StepKey.GOALS), answers)
    store.complete_assessment(draft.id, INITIAL, answers)
    said = {
        value.lower()
        for value in answers.values()
        if isinstance(value, str) and len(value) > 3 and value not in ("yes", "no")
    }
    said |= {"samaritans", "back pain", "lift residents", "care assistant"}
    logged = events(engine)
    assert {"assessment.start", "assessment.complete", "plan.create"} <= {e.action for e in logged}
    for event in logged:
        text = " ".join(
            (event.actor, event.action, event.record_type, event.record_id, event.detail)
        ).lower()
        assert not [phrase for phrase in said if phrase in text], event
