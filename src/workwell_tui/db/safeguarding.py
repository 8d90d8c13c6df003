"""Safeguarding records in the database: made from an assessment's risk, then followed up.

A record is only ever added or followed up: nothing here deletes one or overwrites what the
coach did at the time, and a second completion of the same assessment adds nothing (one record
per assessment). Creation and follow-up are audited by id only, never with the words.
See `domain/plan/safeguarding.py` for the rule and its public sources.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import Assessment, SafeguardingRecord, utcnow
from workwell_tui.db.plans import PlanError
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.enums import AssessmentStatus
from workwell_tui.domain.plan.safeguarding import risk_in_answers
from workwell_tui.domain.plan.vocabulary import SafeguardingStatus
from workwell_tui.domain.text import clean_note

__all__ = [
    "participants_with_open_records",
    "record_follow_up",
    "record_risk_from_assessment",
    "records_for",
]


def record_risk_from_assessment(
    session: Session, assessment_id: uuid.UUID | str, *, actor: str, today: date
) -> SafeguardingRecord | None:
    """The safeguarding record for a completed assessment's risk (made once), or None."""
    assessment = session.get(Assessment, as_uuid(assessment_id))
    if assessment is None or assessment.status != AssessmentStatus.COMPLETED.value:
        return None
    risk = risk_in_answers(assessment.answers)
    if risk is None:
        return None
    existing = session.exec(
        select(SafeguardingRecord).where(
            SafeguardingRecord.assessment_id == assessment.id,
            SafeguardingRecord.source == risk.source,
        )
    ).first()
    if existing is not None:
        return existing
    record = SafeguardingRecord(
        participant_id=assessment.participant_id,
        assessment_id=assessment.id,
        raised_on=today,
        source=risk.source,
        action_taken=risk.action_taken,
    )
    session.add(record)
    record_event(session, actor, "safeguarding.create", "safeguardingrecord", record.id)
    session.flush()
    return record


def record_follow_up(
    session: Session,
    record_id: uuid.UUID | str,
    follow_up: str,
    followed_up_on: date,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Record what was done to follow the risk up; the record stays, no longer flagged.
    Returns the participant's id."""
    record = session.get(SafeguardingRecord, as_uuid(record_id))
    if record is None:
        raise PlanError("This safeguarding record is no longer in the database.")
    check_version(record.version, expected_version)
    text = clean_note(follow_up).strip()
    if not text:
        raise PlanError("Say what was done to follow this up.")
    if followed_up_on > today:
        raise PlanError("A follow-up cannot be dated in the future.")
    # A later follow-up adds to the earlier one rather than replacing it.
    record.follow_up = f"{record.follow_up}\n{text}".strip() if record.follow_up else text
    record.followed_up_on = followed_up_on
    record.status = SafeguardingStatus.FOLLOWED_UP.value
    record.updated_at = utcnow()
    session.add(record)
    record_event(session, actor, "safeguarding.follow_up", "safeguardingrecord", record.id)
    session.flush()
    return record.participant_id


def records_for(session: Session, participant_id: uuid.UUID | str) -> list[SafeguardingRecord]:
    """Every safeguarding record of a participant, oldest first."""
    statement = (
        select(SafeguardingRecord)
        .where(SafeguardingRecord.participant_id == as_uuid(participant_id))
        .order_by(col(SafeguardingRecord.raised_on), col(SafeguardingRecord.created_at))
    )
    return list(session.exec(statement))


def participants_with_open_records(session: Session) -> set[uuid.UUID]:
    """Who has a safeguarding record still waiting for a follow-up (for a caseload flag)."""
    statement = select(SafeguardingRecord.participant_id).where(
        SafeguardingRecord.status == SafeguardingStatus.OPEN.value
    )
    return set(session.exec(statement))
