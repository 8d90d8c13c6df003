"""Reading a participant's plan into a `PlanView` (see `domain/plan/views.py`).

A handful of small queries by participant or plan id (each uses an index), so a plan with a
dozen objectives and thirty contacts reads in a few milliseconds. Rows become frozen values here
and never leave this module.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from sqlmodel import Session, col, select

from workwell_tui.db.models import (
    Contact,
    MeasureResult,
    Objective,
    Participant,
    Plan,
    PlanReview,
    ProgressNote,
)
from workwell_tui.db.participants import find_by_reference
from workwell_tui.db.plans import plan_for_participant
from workwell_tui.db.safeguarding import records_for
from workwell_tui.domain.enums import (
    ContactMode,
    ContactPurpose,
    ContactStatus,
    Domain,
    Instrument,
    ObjectiveStatus,
    PlanStatus,
    Timepoint,
)
from workwell_tui.domain.plan.distance import MeasurePoint, distance_travelled
from workwell_tui.domain.plan.views import (
    ContactView,
    ObjectiveView,
    PlanView,
    ProgressNoteView,
    ReviewView,
    SafeguardingView,
)
from workwell_tui.domain.plan.vocabulary import ClosureOutcome, SafeguardingStatus
from workwell_tui.domain.plan.weeks import (
    current_week,
    local_day,
    review_due,
    review_schedule,
    week_of,
    weeks_over,
)

__all__ = ["plan_view", "plan_view_by_reference"]


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; other databases aware times.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


_E = TypeVar("_E", bound=StrEnum)


def _enum(kind: type[_E], value: str, fallback: _E) -> _E:
    # A value an older or newer version wrote is shown as the nearest safe one, never a crash.
    try:
        return kind(value)
    except ValueError:
        return fallback


def _outcome(value: str) -> ClosureOutcome | None:
    try:
        return ClosureOutcome(value) if value else None
    except ValueError:
        return None


def plan_view_by_reference(session: Session, reference: str, now: datetime) -> PlanView | None:
    """The plan of the participant with this reference (WW-000123), or None."""
    participant = find_by_reference(session, reference)
    return None if participant is None else plan_view(session, participant.id, now)


def plan_view(session: Session, participant_id: uuid.UUID | str, now: datetime) -> PlanView | None:
    """The participant's current plan as of `now`, or None when they have none."""
    plan = plan_for_participant(session, participant_id)
    if plan is None:
        return None
    participant = session.get(Participant, plan.participant_id)
    if participant is None:
        return None
    return _build(session, participant, plan, now)


def _objectives(session: Session, plan: Plan) -> tuple[ObjectiveView, ...]:
    rows = list(
        session.exec(
            select(Objective)
            .where(Objective.plan_id == plan.id)
            .order_by(col(Objective.position), col(Objective.created_at))
        )
    )
    notes: dict[uuid.UUID, list[ProgressNoteView]] = {}
    if rows:
        found = session.exec(
            select(ProgressNote)
            .where(col(ProgressNote.objective_id).in_([row.id for row in rows]))
            .order_by(col(ProgressNote.written_on), col(ProgressNote.created_at))
        )
        for note in found:
            notes.setdefault(note.objective_id, []).append(
                ProgressNoteView(note.id, note.written_on, note.note)
            )
    return tuple(
        ObjectiveView(
            id=row.id,
            domain=_enum(Domain, row.domain, Domain.WORK),
            what=row.what,
            steps=row.steps,
            target_week=row.target_week,
            status=_enum(ObjectiveStatus, row.status, ObjectiveStatus.NOT_STARTED),
            status_reason=row.status_reason,
            position=row.position,
            accepted_on=row.accepted_on,
            notes=tuple(notes.get(row.id, ())),
            version=row.version,
        )
        for row in rows
    )


def _uuids(values: list[str]) -> tuple[uuid.UUID, ...]:
    found = []
    for value in values or ():
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue  # a damaged id is left out, never shown as something else
    return tuple(found)


def _contacts(session: Session, plan: Plan) -> tuple[ContactView, ...]:
    rows = session.exec(
        select(Contact)
        .where(Contact.participant_id == plan.participant_id)
        .order_by(col(Contact.at))
    )
    views = []
    for row in rows:
        at = _aware(row.at)
        week = week_of(plan.start_date, local_day(at)) if plan.start_date is not None else None
        views.append(
            ContactView(
                id=row.id,
                at=at,
                status=_enum(ContactStatus, row.status, ContactStatus.HELD),
                mode=_enum(ContactMode, row.mode, ContactMode.IN_PERSON),
                purpose=_enum(ContactPurpose, row.purpose, ContactPurpose.OTHER),
                duration_minutes=row.duration_minutes,
                notes=row.notes,
                objectives_discussed=_uuids(row.objectives_discussed),
                week=week if week is not None and week >= 1 else None,
                version=row.version,
            )
        )
    return tuple(views)


def _measures(
    session: Session, participant_id: uuid.UUID
) -> list[tuple[MeasurePoint, uuid.UUID | None]]:
    rows = session.exec(
        select(MeasureResult)
        .where(MeasureResult.participant_id == participant_id)
        .order_by(col(MeasureResult.taken_at))
    )
    points = []
    for row in rows:
        if row.total is None:
            continue
        try:
            instrument, timepoint = Instrument(row.instrument), Timepoint(row.timepoint)
        except ValueError:
            continue
        point = MeasurePoint(
            instrument, row.total, local_day(_aware(row.taken_at)), timepoint, row.review_week
        )
        points.append((point, row.assessment_id))
    return points


def _build(session: Session, participant: Participant, plan: Plan, now: datetime) -> PlanView:
    today = local_day(now)
    status = _enum(PlanStatus, plan.status, PlanStatus.DRAFT)
    objectives = _objectives(session, plan)
    contacts = _contacts(session, plan)
    measures = _measures(session, participant.id)
    reviews = tuple(
        ReviewView(
            id=row.id,
            week=row.week,
            held_on=row.held_on,
            what_changed=row.what_changed,
            measures=tuple(
                point
                for point, assessment_id in measures
                if point.timepoint is Timepoint.REVIEW
                and (
                    assessment_id == row.assessment_id
                    if row.assessment_id is not None
                    else point.taken_on == row.held_on
                )
            ),
        )
        for row in session.exec(
            select(PlanReview)
            .where(PlanReview.plan_id == plan.id)
            .order_by(col(PlanReview.held_on))
        )
    )
    # The caseload counts held review contacts; the plan counts the same, so they agree.
    held_reviews = [
        local_day(c.at)
        for c in contacts
        if c.status is ContactStatus.HELD and c.purpose is ContactPurpose.REVIEW
    ]
    active = status is PlanStatus.ACTIVE and plan.start_date is not None
    start = plan.start_date
    upcoming = [c for c in contacts if c.status is ContactStatus.BOOKED and c.at >= now]
    safeguarding = tuple(
        SafeguardingView(
            id=row.id,
            raised_on=row.raised_on,
            source=row.source,
            action_taken=row.action_taken,
            status=_enum(SafeguardingStatus, row.status, SafeguardingStatus.OPEN),
            follow_up=row.follow_up,
            followed_up_on=row.followed_up_on,
            version=row.version,
        )
        for row in records_for(session, participant.id)
    )
    return PlanView(
        id=plan.id,
        participant_id=participant.id,
        reference=participant.reference,
        first_name=participant.first_name,
        last_name=participant.last_name,
        status=status,
        start_date=start,
        agreed_on=plan.agreed_on,
        length_weeks=plan.length_weeks,
        review_weeks=tuple(plan.review_weeks),
        today=today,
        current_week=current_week(start, today, plan.length_weeks) if active and start else None,
        weeks_over=weeks_over(start, today, plan.length_weeks) if active and start else 0,
        goals=tuple(plan.goals),
        objectives=objectives,
        contacts=contacts,
        next_contact=upcoming[0] if upcoming else None,
        reviews=reviews,
        review_slots=review_schedule(start, today, plan.review_weeks, held_reviews)
        if active and start
        else (),
        review_due_week=review_due(start, today, plan.review_weeks, held_reviews)
        if active and start
        else None,
        distance=distance_travelled(point for point, _ in measures),
        safeguarding=safeguarding,
        extension_reason=plan.extension_reason,
        extended_from_weeks=plan.extended_from_weeks,
        closed_on=plan.closed_on,
        closure_outcome=_outcome(plan.closure_outcome),
        closing_summary=plan.closing_note,
        overrun_reason=plan.overrun_reason,
        version=plan.version,
    )
