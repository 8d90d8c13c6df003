"""Changing a participant's details and consents, and closing a case that has no plan.

Nothing here commits (the Store's unit of work does). Each consent change is dated on the
participant (`consent_..._on` is the day it was last given or taken back) and audited with the
consent's name and whether it was given or withdrawn, never with anything the person said.
The details change is audited with the names of the fields changed, never their values.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date

from sqlmodel import Session, col, select

from workwell_tui import clock
from workwell_tui.db.audit import record_event
from workwell_tui.db.models import Contact, Participant, Plan, utcnow
from workwell_tui.db.participants import get_participant, set_stage
from workwell_tui.db.plans import PlanError
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.enums import ContactStatus, PlanStatus, Stage
from workwell_tui.domain.participant_details import (
    CONSENTS,
    ConsentChange,
    ParticipantDetails,
    consent_changes,
)
from workwell_tui.domain.plan.closure import Closure

__all__ = ["close_without_plan", "update_details"]

_PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "postcode",
    "district",
    "employer_name",
)


def _participant(session: Session, participant_id: uuid.UUID | str) -> Participant:
    found = get_participant(session, participant_id)
    if found is None:
        raise PlanError("This participant is no longer in the database.")
    return found


def update_details(
    session: Session,
    participant_id: uuid.UUID | str,
    details: ParticipantDetails,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> tuple[ConsentChange, ...]:
    """Store checked details and consents; returns the consents that changed."""
    person = _participant(session, participant_id)
    check_version(person.version, expected_version)
    changed = [name for name in _PLAIN_FIELDS if getattr(person, name) != getattr(details, name)]
    for name in _PLAIN_FIELDS:
        setattr(person, name, getattr(details, name))
    if person.work_situation != details.work_situation.value:
        changed.append("work_situation")
        person.work_situation = details.work_situation.value
    before = {name: bool(getattr(person, name)) for name in CONSENTS}
    changes = consent_changes(before, dict(details.consents))
    for change in changes:
        setattr(person, change.name, change.given)
        setattr(person, f"{change.name}_on", today)
        action = "consent.given" if change.given else "consent.withdrawn"
        record_event(session, actor, action, "participant", person.id, change.name)
    if changed:
        # Field names only: the values are personal data and stay out of the audit log.
        detail = ",".join(changed)
        record_event(session, actor, "participant.edit", "participant", person.id, detail)
    if changed or changes:
        person.updated_at = utcnow()
        session.add(person)
    session.flush()
    return changes


def close_without_plan(
    session: Session, participant_id: uuid.UUID | str, closure: Closure, *, actor: str, today: date
) -> uuid.UUID:
    """Close the case of someone with no open plan (referred, assessing, or a draft plan never
    agreed): the stage becomes closed with the outcome as its reason, a draft plan is closed with
    them, and bookings still to come are cancelled."""
    if not closure.ok or closure.outcome is None or closure.closed_on is None:
        raise PlanError("Choose an outcome and write a closing summary first.")
    person = _participant(session, participant_id)
    if person.stage == Stage.CLOSED.value:
        raise PlanError("This participant's case is already closed.")
    active = session.exec(
        select(Plan).where(Plan.participant_id == person.id, Plan.status == PlanStatus.ACTIVE.value)
    ).first()
    if active is not None:
        raise PlanError("Close the plan itself: this participant has one under way.")
    for plan in session.exec(
        select(Plan).where(Plan.participant_id == person.id, Plan.status == PlanStatus.DRAFT.value)
    ):
        plan.status = PlanStatus.CLOSED.value
        plan.closed_on = closure.closed_on
        plan.closure_outcome = closure.outcome.value
        plan.closing_note = closure.summary
        plan.updated_at = utcnow()
        session.add(plan)
        record_event(session, actor, "plan.close", "plan", plan.id, closure.outcome.value)
    booked = session.exec(
        select(Contact).where(
            Contact.participant_id == person.id,
            Contact.status == ContactStatus.BOOKED.value,
            col(Contact.at) >= clock.now().astimezone(UTC),
        )
    )
    for contact in booked:
        contact.status = ContactStatus.CANCELLED.value
        session.add(contact)
        record_event(session, actor, "contact.cancel", "contact", contact.id, "case closed")
    reason = f"{closure.outcome.label}: {closure.summary}"[:1000]
    set_stage(session, person, Stage.CLOSED, actor, today, reason=reason)
    outcome = closure.outcome.value
    record_event(session, actor, "participant.close", "participant", person.id, outcome)
    session.flush()
    return person.id
