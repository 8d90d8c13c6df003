"""Contacts and reviews in the database: log one held, book the next, record a review.

Nothing here commits (the Store's unit of work does). The caseload reads these rows directly:
the next booked contact is its "Next contact" column, and the last held review contact clears
"review due", so a review is always stored with a held contact whose purpose is review.
Audit events name the records and the kind of contact, never the notes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import Assessment, Contact, Objective, Plan, PlanReview, utcnow
from workwell_tui.db.plans import PlanError, get_plan
from workwell_tui.domain.enums import (
    AssessmentKind,
    AssessmentStatus,
    ContactPurpose,
    ContactStatus,
    PlanStatus,
)
from workwell_tui.domain.plan.contacts import ContactDraft
from workwell_tui.domain.plan.weeks import local_day, review_schedule, week_of
from workwell_tui.domain.text import clean_note

__all__ = [
    "book_contact",
    "log_and_book",
    "log_contact",
    "record_review",
    "set_contact_status",
]


def _open_plan(session: Session, participant_id: uuid.UUID) -> Plan | None:
    return session.exec(
        select(Plan)
        .where(
            Plan.participant_id == participant_id,
            col(Plan.status).in_([PlanStatus.ACTIVE.value, PlanStatus.DRAFT.value]),
        )
        .order_by(col(Plan.created_at).desc())
    ).first()


def _discussed(session: Session, participant_id: uuid.UUID, draft: ContactDraft) -> list[str]:
    """The objective ids discussed, kept only when they belong to the participant's open plan."""
    if not draft.objectives_discussed:
        return []
    plan = _open_plan(session, participant_id)
    if plan is None:
        raise PlanError("There is no open plan to discuss objectives from.")
    ids = set(session.exec(select(Objective.id).where(Objective.plan_id == plan.id)))
    wanted = [as_uuid(item) for item in draft.objectives_discussed]
    if any(item not in ids for item in wanted):
        raise PlanError("Choose objectives from this participant's plan.")
    return [str(item) for item in wanted]


def _fill(contact: Contact, draft: ContactDraft, discussed: list[str]) -> None:
    contact.at = draft.at.astimezone(UTC)
    contact.status = draft.status.value
    contact.mode = draft.mode.value
    contact.purpose = draft.purpose.value
    contact.duration_minutes = draft.duration_minutes
    contact.notes = clean_note(draft.notes).strip()
    contact.objectives_discussed = discussed


def log_contact(
    session: Session,
    participant_id: uuid.UUID | str,
    draft: ContactDraft,
    *,
    actor: str,
    now: datetime,
    booked_id: uuid.UUID | str | None = None,
) -> Contact:
    """Store a held contact; when it was the booked one (`booked_id`), that booking becomes it."""
    pid = as_uuid(participant_id)
    if draft.status is not ContactStatus.HELD:
        raise PlanError("Only a contact that was held can be logged; book the next one instead.")
    if draft.at > now and local_day(draft.at) > local_day(now):
        raise PlanError("A contact that was held cannot be in the future.")
    discussed = _discussed(session, pid, draft)
    contact: Contact | None = None
    if booked_id is not None:
        contact = session.get(Contact, as_uuid(booked_id))
        if contact is None or contact.participant_id != pid:
            raise PlanError("That booking is no longer there; log the contact on its own.")
        contact.updated_at = utcnow()
    if contact is None:
        contact = Contact(participant_id=pid, at=draft.at)
    _fill(contact, draft, discussed)
    session.add(contact)
    record_event(session, actor, "contact.log", "contact", contact.id, draft.mode.value)
    session.flush()
    return contact


def book_contact(
    session: Session,
    participant_id: uuid.UUID | str,
    draft: ContactDraft,
    *,
    actor: str,
    now: datetime,
) -> Contact:
    """Book the next contact (it feeds the caseload's next-contact column)."""
    pid = as_uuid(participant_id)
    if draft.status is not ContactStatus.BOOKED:
        raise PlanError("A booking is for a contact still to come.")
    if draft.at <= now:
        raise PlanError("A booked contact must be in the future.")
    contact = Contact(participant_id=pid, at=draft.at)
    _fill(contact, draft, _discussed(session, pid, draft))
    session.add(contact)
    record_event(session, actor, "contact.book", "contact", contact.id, draft.mode.value)
    session.flush()
    return contact


def log_and_book(
    session: Session,
    participant_id: uuid.UUID | str,
    held: ContactDraft | None,
    next_booking: ContactDraft | None,
    *,
    actor: str,
    now: datetime,
    booked_id: uuid.UUID | str | None = None,
) -> uuid.UUID:
    """Log the contact just held and book the next one, in the caller's one transaction."""
    if held is None and next_booking is None:
        raise PlanError("Nothing to save: log a contact or book one.")
    if held is not None:
        log_contact(session, participant_id, held, actor=actor, now=now, booked_id=booked_id)
    if next_booking is not None:
        book_contact(session, participant_id, next_booking, actor=actor, now=now)
    return as_uuid(participant_id)


def set_contact_status(
    session: Session, contact_id: uuid.UUID | str, status: ContactStatus, *, actor: str
) -> uuid.UUID:
    """Mark a booking missed or cancelled; returns the participant's id."""
    contact = session.get(Contact, as_uuid(contact_id))
    if contact is None:
        raise PlanError("This contact is no longer in the database.")
    if status not in (ContactStatus.MISSED, ContactStatus.CANCELLED):
        raise PlanError("Log a held contact with its date, mode and length instead.")
    contact.status = status.value
    contact.updated_at = utcnow()
    session.add(contact)
    record_event(session, actor, f"contact.{status.value}", "contact", contact.id)
    session.flush()
    return contact.participant_id


def _review_assessment(session: Session, participant_id: uuid.UUID, day: date) -> uuid.UUID | None:
    """The review assessment completed that day (its measures belong to this review)."""
    start = datetime.combine(day, time()).astimezone().astimezone(UTC)
    found = session.exec(
        select(Assessment.id)
        .where(
            Assessment.participant_id == participant_id,
            Assessment.kind == AssessmentKind.REVIEW.value,
            Assessment.status == AssessmentStatus.COMPLETED.value,
            col(Assessment.completed_at) >= start,
            col(Assessment.completed_at) < start + timedelta(days=1, hours=1),
        )
        .order_by(col(Assessment.completed_at).desc())
    ).first()
    return found


def record_review(
    session: Session,
    plan_id: uuid.UUID | str,
    held: ContactDraft,
    what_changed: str,
    *,
    actor: str,
    today: date,
    now: datetime,
    assessment_id: uuid.UUID | str | None = None,
) -> uuid.UUID:
    """A review held now: its contact (the one the review assessment made that day, or a new
    one), what changed, and the link to the review assessment whose measures it shows."""
    plan = get_plan(session, plan_id)
    if plan.status != PlanStatus.ACTIVE.value or plan.start_date is None:
        raise PlanError("Only an agreed plan that is still open can be reviewed.")
    text = clean_note(what_changed).strip()
    if not text:
        raise PlanError("Say what has changed since the plan started.")
    day = local_day(held.at)
    if day > today:
        raise PlanError("A review that was held cannot be in the future.")
    pid = plan.participant_id
    same_day = session.exec(
        select(Contact).where(
            Contact.participant_id == pid,
            Contact.status == ContactStatus.HELD.value,
            Contact.purpose == ContactPurpose.REVIEW.value,
        )
    ).all()
    existing = next((c for c in same_day if local_day(_aware(c.at)) == day), None)
    review_contact = ContactDraft(
        held.at,
        ContactStatus.HELD,
        held.mode,
        ContactPurpose.REVIEW,
        held.duration_minutes,
        held.notes,
        held.objectives_discussed,
    )
    contact = log_contact(
        session,
        pid,
        review_contact,
        actor=actor,
        now=now,
        booked_id=existing.id if existing is not None else None,
    )
    linked = as_uuid(assessment_id) if assessment_id else _review_assessment(session, pid, day)
    review = PlanReview(
        plan_id=plan.id,
        participant_id=pid,
        contact_id=contact.id,
        assessment_id=linked,
        week=_review_week(plan.start_date, day, plan.review_weeks),
        held_on=day,
        what_changed=text,
    )
    session.add(review)
    record_event(session, actor, "plan.review", "plan", plan.id, f"week {review.week}")
    session.flush()
    return pid


def _review_week(start: date, day: date, review_weeks: list[int]) -> int:
    """The review week a review held on `day` counts for (held up to a week early counts, as
    on the caseload); its own plan week when it covers none."""
    for slot in review_schedule(start, day, review_weeks, [day]):
        if slot.held_on == day:
            return slot.week
    return max(1, week_of(start, day))


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; other databases aware times.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
