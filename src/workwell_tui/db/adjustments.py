"""Adjustments and the fit note in the database: read the checklist, add, move on, share, edit.

Nothing here commits: the Store runs each call in one unit of work. Values arrive checked by
`domain/adjustments`; consent is checked again here against the participant as stored now,
because it may have been withdrawn since the screen read it. Every change is audited with the
record id and the kind of change, never the words typed or the health detail.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import Adjustment, FitNote, Objective, Participant, Plan, Referral
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.adjustments.consent import Consents, share_problem
from workwell_tui.domain.adjustments.details import AdjustmentDraft, FitNoteDraft
from workwell_tui.domain.adjustments.records import (
    AdjustmentRecord,
    AdjustmentSummary,
    ChecklistData,
    FitNoteRecord,
    Link,
    summarise,
)
from workwell_tui.domain.adjustments.status import StatusDates, dates_after
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus, PlanStatus
from workwell_tui.domain.text import clean_line
from workwell_tui.errors import WorkwellError

__all__ = [
    "AdjustmentError",
    "add_adjustment",
    "checklist_data",
    "save_details",
    "save_fit_note",
    "set_shared",
    "set_status",
    "summary",
]


class AdjustmentError(WorkwellError):
    """An adjustment change that cannot be made; the message is safe to show."""

    default_title = "Adjustment not changed"


def consents_of(person: Participant) -> Consents:
    """The participant's consents about their employer, as stored now."""
    return Consents(person.consent_contact_employer, person.consent_share_health_with_employer)


def _record(row: Adjustment) -> AdjustmentRecord:
    return AdjustmentRecord(
        row.id,
        row.participant_id,
        row.catalogue_key,
        row.label,
        row.status,
        row.owner,
        row.reason,
        row.raised_on,
        row.agreed_on,
        row.due_on,
        row.in_place_on,
        row.notes,
        row.employer_note,
        row.employer_note_health,
        row.employer_shareable,
        row.objective_id,
        row.referral_id,
        row.last_update_on,
        row.version,
    )


def _fit_note(row: FitNote | None) -> FitNoteRecord | None:
    if row is None:
        return None
    return FitNoteRecord(
        row.id,
        row.issued_by,
        row.issued_on,
        row.review_on,
        tuple(row.advice),
        row.comments,
        row.version,
    )


def _latest_fit_note(session: Session, pid: uuid.UUID) -> FitNote | None:
    statement = (
        select(FitNote)
        .where(FitNote.participant_id == pid)
        .order_by(col(FitNote.created_at).desc())
    )
    return session.exec(statement).first()


def _current_plan(session: Session, pid: uuid.UUID) -> Plan | None:
    statement = (
        select(Plan)
        .where(Plan.participant_id == pid, Plan.status != PlanStatus.CLOSED.value)
        .order_by(col(Plan.created_at).desc())
    )
    return session.exec(statement).first()


def _links(session: Session, pid: uuid.UUID) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    plan = _current_plan(session, pid)
    objectives: tuple[Link, ...] = ()
    if plan is not None:
        found = session.exec(
            select(Objective.id, Objective.what)
            .where(Objective.plan_id == plan.id)
            .order_by(col(Objective.position))
        )
        objectives = tuple(Link(oid, what) for oid, what in found)
    referrals = session.exec(
        select(Referral.id, Referral.service_name)
        .where(Referral.participant_id == pid)
        .order_by(col(Referral.created_at))
    )
    return objectives, tuple(Link(rid, name or "Referral") for rid, name in referrals)


def checklist_data(session: Session, participant_id: uuid.UUID | str) -> ChecklistData | None:
    """One participant's adjustments, fit note, consents and links; None when they are gone."""
    pid = as_uuid(participant_id)
    person = session.get(Participant, pid)
    if person is None:
        return None
    rows = session.exec(
        select(Adjustment)
        .where(Adjustment.participant_id == pid)
        .order_by(col(Adjustment.created_at), col(Adjustment.id))
    )
    objectives, referrals = _links(session, pid)
    return ChecklistData(
        pid,
        person.reference,
        person.first_name,
        person.last_name,
        person.employer_name,
        person.work_situation,
        consents_of(person),
        tuple(_record(row) for row in rows),
        _fit_note(_latest_fit_note(session, pid)),
        objectives,
        referrals,
    )


def _adjustment(
    session: Session, adjustment_id: uuid.UUID | str, expected: int | None = None
) -> tuple[Adjustment, Participant]:
    row = session.get(Adjustment, as_uuid(adjustment_id))
    if row is None:
        raise AdjustmentError("This adjustment is no longer in the checklist.")
    check_version(row.version, expected)
    person = session.get(Participant, row.participant_id)
    if person is None:
        raise AdjustmentError("This participant is no longer in the database.")
    return row, person


def add_adjustment(
    session: Session,
    participant_id: uuid.UUID | str,
    key: str,
    owner: AdjustmentOwner,
    label: str = "",
    *,
    actor: str,
    today: date,
) -> uuid.UUID:
    """Add a catalogue item (checked by the caller) as suggested and not shared; returns its id."""
    pid = as_uuid(participant_id)
    if session.get(Participant, pid) is None:
        raise AdjustmentError("This participant is no longer in the database.")
    plan = _current_plan(session, pid)
    row = Adjustment(
        participant_id=pid,
        plan_id=plan.id if plan is not None else None,
        catalogue_key=key,
        label=clean_line(label).strip()[:80],
        owner=owner.value,
        employer_shareable=False,
        last_update_on=today,
    )
    session.add(row)
    session.flush()
    record_event(session, actor, "adjustment.add", "adjustment", row.id, key)
    return row.id


def set_status(
    session: Session,
    adjustment_id: uuid.UUID | str,
    status: AdjustmentStatus,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Move an item to `status`, filling the date it was reached; returns the participant's id."""
    row, person = _adjustment(session, adjustment_id, expected_version)
    dates = dates_after(status, StatusDates(row.agreed_on, row.raised_on, row.in_place_on), today)
    row.status = status.value
    row.agreed_on, row.raised_on, row.in_place_on = (
        dates.agreed_on,
        dates.raised_on,
        dates.in_place_on,
    )
    row.last_update_on = today
    session.add(row)
    record_event(session, actor, f"adjustment.status.{status.value}", "adjustment", row.id)
    return person.id


def set_shared(
    session: Session,
    adjustment_id: uuid.UUID | str,
    share: bool,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Share with the employer (only under consent) or stop sharing; returns the participant id."""
    row, person = _adjustment(session, adjustment_id, expected_version)
    if share:
        problem = share_problem(consents_of(person), note_has_health=row.employer_note_health)
        if problem is not None:
            raise AdjustmentError(problem, "Not shared")
    row.employer_shareable = share
    row.last_update_on = today
    session.add(row)
    record_event(
        session, actor, "adjustment.share" if share else "adjustment.unshare", "adjustment", row.id
    )
    return person.id


def _check_link(session: Session, row: Adjustment, draft: AdjustmentDraft) -> None:
    if draft.objective_id is not None:
        objective = session.get(Objective, draft.objective_id)
        plan = session.get(Plan, objective.plan_id) if objective is not None else None
        if plan is None or plan.participant_id != row.participant_id:
            raise AdjustmentError("That objective is no longer in their plan: choose again.")
    if draft.referral_id is not None:
        referral = session.get(Referral, draft.referral_id)
        if referral is None or referral.participant_id != row.participant_id:
            raise AdjustmentError("That referral is no longer on their record: choose again.")


def save_details(
    session: Session,
    adjustment_id: uuid.UUID | str,
    draft: AdjustmentDraft,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Save checked details; sharing is refused without consent as it stands now."""
    row, person = _adjustment(session, adjustment_id, expected_version)
    if draft.share:
        problem = share_problem(consents_of(person), note_has_health=draft.employer_note_health)
        if problem is not None:
            raise AdjustmentError(problem, "Not saved")
    _check_link(session, row, draft)
    changed_status = row.status != draft.status.value
    row.status = draft.status.value
    row.owner = draft.owner.value
    row.raised_on, row.due_on, row.in_place_on = draft.raised_on, draft.due_on, draft.in_place_on
    if changed_status:
        dates = dates_after(
            draft.status, StatusDates(row.agreed_on, row.raised_on, row.in_place_on), today
        )
        row.agreed_on, row.raised_on, row.in_place_on = (
            dates.agreed_on,
            dates.raised_on,
            dates.in_place_on,
        )
    row.notes = draft.notes
    row.employer_note = draft.employer_note
    row.employer_note_health = draft.employer_note_health
    row.employer_shareable = draft.share
    row.objective_id, row.referral_id = draft.objective_id, draft.referral_id
    if draft.label:
        row.label = draft.label
    row.last_update_on = today
    session.add(row)
    record_event(session, actor, "adjustment.edit", "adjustment", row.id)
    return person.id


def save_fit_note(
    session: Session,
    participant_id: uuid.UUID | str,
    draft: FitNoteDraft,
    *,
    actor: str,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Record or update the participant's fit note; returns the participant's id."""
    pid = as_uuid(participant_id)
    if session.get(Participant, pid) is None:
        raise AdjustmentError("This participant is no longer in the database.")
    row = _latest_fit_note(session, pid)
    if row is None:
        row = FitNote(participant_id=pid)
    else:
        check_version(row.version, expected_version)
    row.issued_by, row.issued_on, row.review_on = draft.issued_by, draft.issued_on, draft.review_on
    row.advice = list(draft.advice)
    row.comments = draft.comments
    session.add(row)
    session.flush()
    record_event(session, actor, "fitnote.save", "fitnote", row.id)
    return pid


def summary(session: Session, participant_id: uuid.UUID | str, today: date) -> AdjustmentSummary:
    """The participant's adjustments in numbers, for their record's panel."""
    found = session.exec(
        select(Adjustment).where(Adjustment.participant_id == as_uuid(participant_id))
    )
    return summarise([(row.status, row.last_update_on) for row in found], today)
