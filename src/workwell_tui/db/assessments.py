"""Assessments in the database: start, autosave the draft, complete into measures and a plan.

Nothing here commits: the Store runs each call in a unit of work, so completion is one
transaction: the assessment, its measures, the participant's stage and consents, and the draft
plan with its objectives and suggested adjustments all land together or not at all. Audit events
name the records, never what was said.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from workwell_tui import clock
from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import (
    Adjustment,
    Assessment,
    Contact,
    MeasureResult,
    Objective,
    Participant,
    Plan,
)
from workwell_tui.domain.adjustments.suggested import Suggestion, suggestions_from_assessment
from workwell_tui.domain.assessment.area_rules import AreaRule, rule_answers
from workwell_tui.domain.assessment.flow import first_step, step_number
from workwell_tui.domain.assessment.outcome import AssessmentOutcome, severities
from workwell_tui.domain.assessment.questions import YES, as_list, is_blank
from workwell_tui.domain.caseload import plan_week
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.enums import (
    AssessmentKind,
    AssessmentStatus,
    ContactMode,
    ContactPurpose,
    ContactStatus,
    PlanStatus,
    Stage,
    Timepoint,
    WorkSituation,
)
from workwell_tui.errors import WorkwellError


class AssessmentGone(WorkwellError):
    """The draft was completed, abandoned or removed elsewhere; the message is safe to show."""

    default_title = "Assessment not available"


def _now() -> datetime:
    # From the app's clock, so "saved 14:32" and test snapshots agree with the frozen day.
    return clock.now().astimezone(UTC)


def open_draft(
    session: Session, participant_id: uuid.UUID | str, kind: AssessmentKind | None = None
) -> Assessment | None:
    """The participant's newest draft assessment (of `kind`, if given)."""
    statement = select(Assessment).where(
        Assessment.participant_id == as_uuid(participant_id),
        Assessment.status == AssessmentStatus.DRAFT.value,
    )
    if kind is not None:
        statement = statement.where(Assessment.kind == kind.value)
    return session.exec(statement.order_by(col(Assessment.saved_at).desc())).first()


def latest_completed(session: Session, participant_id: uuid.UUID | str) -> Assessment | None:
    """The participant's most recently completed assessment."""
    statement = (
        select(Assessment)
        .where(
            Assessment.participant_id == as_uuid(participant_id),
            Assessment.status == AssessmentStatus.COMPLETED.value,
        )
        .order_by(col(Assessment.completed_at).desc())
    )
    return session.exec(statement).first()


def prefill(participant: Participant) -> dict[str, Any]:
    """Answers already known from the referral, so nobody is asked twice."""
    answers: dict[str, Any] = {}
    if participant.date_of_birth is not None:
        answers["date_of_birth"] = uk_short(participant.date_of_birth)
    if participant.work_situation in {s.value for s in WorkSituation} - {"other"}:
        answers["work_situation"] = participant.work_situation
    if participant.employer_name:
        answers["employer"] = participant.employer_name
    if participant.consent_processing:
        answers["consent_processing"] = YES
    return answers


def start_assessment(
    session: Session,
    participant_id: uuid.UUID | str,
    kind: AssessmentKind,
    actor: str,
    today: date,
    rule: AreaRule | None = None,
) -> Assessment:
    """The open draft of `kind`, or a new one (prefilled, with the area's eligibility `rule`
    recorded in it); a referral moves to assessing."""
    existing = open_draft(session, participant_id, kind)
    if existing is not None:
        return existing
    participant = session.get(Participant, as_uuid(participant_id))
    if participant is None:
        raise AssessmentGone("This participant is no longer in the database.")
    now = _now()
    assessment = Assessment(
        participant_id=participant.id,
        started_at=now,
        saved_at=now,
        kind=kind.value,
        step=step_number(first_step(kind).key),
        answers=(
            {**prefill(participant), **(rule_answers(rule) if rule is not None else {})}
            if kind is AssessmentKind.INITIAL
            else {}
        ),
    )
    session.add(assessment)
    if kind is AssessmentKind.INITIAL and participant.stage == Stage.REFERRED.value:
        participant.stage = Stage.ASSESSING.value
        participant.stage_changed_on = today
        session.add(participant)
    record_event(session, actor, "assessment.start", "assessment", assessment.id, kind.value)
    session.flush()
    return assessment


def save_draft(
    session: Session, assessment_id: uuid.UUID | str, step: int, answers: dict[str, Any]
) -> datetime:
    """Overwrite the draft's answers and step; returns when it was saved."""
    assessment = session.get(Assessment, as_uuid(assessment_id))
    if assessment is None or assessment.status != AssessmentStatus.DRAFT.value:
        raise AssessmentGone("This assessment is no longer a draft; nothing was changed.")
    saved = _now()
    assessment.answers = dict(answers)
    assessment.step = step
    assessment.saved_at = saved
    session.add(assessment)
    session.flush()
    return saved


def discard_untouched(session: Session, assessment_id: uuid.UUID | str, actor: str) -> bool:
    """Delete a draft nobody has answered anything in (opened by mistake); True if it went
    (the caller commits).

    Otherwise the caseload would flag a "draft saved" that holds nothing. A draft with any
    answer is kept: only the coach's own Esc on an empty draft removes one.
    """
    assessment = session.get(Assessment, as_uuid(assessment_id))
    if assessment is None or assessment.status != AssessmentStatus.DRAFT.value:
        return False
    if any(not is_blank(value) for value in assessment.answers.values()):
        return False
    session.delete(assessment)
    record_event(session, actor, "assessment.discard", "assessment", assessment.id, assessment.kind)
    return True


@dataclass(frozen=True)
class Completed:
    """What completing stored: the participant's new stage and the plan made, if any."""

    stage: Stage
    plan_id: uuid.UUID | None
    objectives: int
    adjustments: int
    measures: int


def complete(
    session: Session,
    assessment_id: uuid.UUID | str,
    answers: dict[str, Any],
    outcome: AssessmentOutcome,
    *,
    actor: str,
    today: date,
    plan_weeks: int,
    review_weeks: list[int],
) -> Completed:
    """Store a finished assessment and everything that follows from it, in one transaction."""
    assessment = session.get(Assessment, as_uuid(assessment_id))
    if assessment is None or assessment.status != AssessmentStatus.DRAFT.value:
        raise AssessmentGone("This assessment was already completed; nothing was changed.")
    participant = session.get(Participant, assessment.participant_id)
    if participant is None:
        raise AssessmentGone("This participant is no longer in the database.")
    now = _now()
    kind = AssessmentKind(assessment.kind)
    assessment.answers = dict(answers)
    assessment.status = AssessmentStatus.COMPLETED.value
    assessment.completed_at = now
    assessment.saved_at = now
    session.add(assessment)

    _record_meeting(session, participant.id, now, kind)
    review_week = None
    if kind is AssessmentKind.REVIEW:
        plan = _current_plan(session, participant.id)
        if plan is not None and plan.start_date is not None:
            review_week = plan_week(plan.start_date, today, plan.length_weeks)
    for measure in outcome.measures:
        session.add(
            MeasureResult(
                participant_id=participant.id,
                assessment_id=assessment.id,
                instrument=measure.instrument.value,
                item_answers=list(measure.items),
                total=measure.total,
                taken_at=now,
                timepoint=(
                    Timepoint.REVIEW if kind is AssessmentKind.REVIEW else Timepoint.BASELINE
                ).value,
                review_week=review_week,
            )
        )
    if kind is AssessmentKind.REVIEW:
        record_event(session, actor, "assessment.complete", "assessment", assessment.id, "review")
        session.flush()
        return Completed(Stage(participant.stage), None, 0, 0, len(outcome.measures))

    _update_participant(participant, outcome, today)
    plan_id = None
    if outcome.eligible:
        reviews = [week for week in review_weeks if week <= plan_weeks]
        plan_id = _create_plan(
            session, participant, assessment, outcome, today, plan_weeks, reviews
        )
        stage = Stage.ON_PLAN
        reason, signposted = "", ""
    else:
        stage = Stage.SIGNPOSTED
        reason = outcome.signpost_reason
        signposted = outcome.signposted_to
    participant.stage = stage.value
    participant.stage_reason = reason
    participant.signposted_to = signposted
    participant.stage_changed_on = today
    participant.updated_at = now
    session.add(participant)
    record_event(session, actor, "assessment.complete", "assessment", assessment.id, "initial")
    record_event(session, actor, f"participant.stage.{stage.value}", "participant", participant.id)
    if plan_id is not None:
        record_event(session, actor, "plan.create", "plan", plan_id, "draft")
    session.flush()
    return Completed(
        stage,
        plan_id,
        len(outcome.objectives) if outcome.eligible else 0,
        len(_suggestions(outcome, assessment, participant)) if outcome.eligible else 0,
        len(outcome.measures),
    )


def _record_meeting(
    session: Session, participant_id: uuid.UUID, now: datetime, kind: AssessmentKind
) -> None:
    """An assessment is done together: it counts as a contact held, once a day."""
    start_of_day = now.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    held_today = session.exec(
        select(Contact.id).where(
            Contact.participant_id == participant_id,
            Contact.status == ContactStatus.HELD.value,
            col(Contact.at) >= start_of_day.astimezone(UTC),
        )
    ).first()
    if held_today is None:
        purpose = (
            ContactPurpose.REVIEW if kind is AssessmentKind.REVIEW else ContactPurpose.ASSESSMENT
        )
        session.add(
            Contact(
                participant_id=participant_id,
                at=now,
                status=ContactStatus.HELD.value,
                purpose=purpose.value,
                mode=ContactMode.IN_PERSON.value,
            )
        )


def _update_participant(participant: Participant, outcome: AssessmentOutcome, today: date) -> None:
    update = outcome.update
    if update.date_of_birth is not None:
        participant.date_of_birth = update.date_of_birth
    if update.work_situation:
        participant.work_situation = update.work_situation
    if update.employer_name:
        participant.employer_name = update.employer_name
    for key, given in update.consents.items():
        was = bool(getattr(participant, key))
        setattr(participant, key, given)
        if given and not was:
            setattr(participant, f"{key}_on", today)
        elif not given:
            setattr(participant, f"{key}_on", None)


def _create_plan(
    session: Session,
    participant: Participant,
    assessment: Assessment,
    outcome: AssessmentOutcome,
    today: date,
    plan_weeks: int,
    review_weeks: list[int],
) -> uuid.UUID:
    plan = Plan(
        participant_id=participant.id,
        assessment_id=assessment.id,
        status=PlanStatus.DRAFT.value,
        start_date=today,
        length_weeks=plan_weeks,
        review_weeks=review_weeks,
        goals=list(outcome.goals),
    )
    session.add(plan)
    session.flush()  # the plan row first: objectives and adjustments point at it
    for position, objective in enumerate(outcome.objectives):
        session.add(
            Objective(
                plan_id=plan.id,
                domain=objective.domain.value,
                what=objective.what,
                steps=objective.steps,
                target_week=objective.target_week,
                position=position,
            )
        )
    # Suggested with the reason why, and never shared until agreed under the participant's
    # consent (see domain/adjustments/consent.py).
    for suggestion in _suggestions(outcome, assessment, participant):
        session.add(
            Adjustment(
                participant_id=participant.id,
                plan_id=plan.id,
                catalogue_key=suggestion.key,
                owner=suggestion.owner,
                reason=suggestion.reason,
                employer_shareable=False,
                last_update_on=today,
            )
        )
    return plan.id


def _suggestions(
    outcome: AssessmentOutcome, assessment: Assessment, participant: Participant
) -> list[Suggestion]:
    answers = assessment.answers
    return suggestions_from_assessment(
        outcome.adjustments,
        severities(answers),
        as_list(answers.get("fit_note_advice")),
        participant.work_situation,
    )


def _current_plan(session: Session, participant_id: uuid.UUID) -> Plan | None:
    statement = (
        select(Plan)
        .where(
            Plan.participant_id == participant_id,
            col(Plan.status).in_([PlanStatus.ACTIVE.value, PlanStatus.DRAFT.value]),
        )
        .order_by(col(Plan.start_date).desc())
    )
    return session.exec(statement).first()


def current_plan(session: Session, participant_id: uuid.UUID | str) -> Plan | None:
    """The participant's active (or draft) plan, newest first."""
    return _current_plan(session, as_uuid(participant_id))
