"""Reading and writing participants."""

from __future__ import annotations

import re
import uuid
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.models import Participant, utcnow
from workwell_tui.domain.enums import Stage
from workwell_tui.domain.referral import NewReferral, clean_referral

_REFERENCE = re.compile(r"^WW-(\d+)$")


def format_reference(number: int) -> str:
    """WW-000123."""
    return f"WW-{number:06d}"


def next_reference(session: Session) -> str:
    """The next free participant reference."""
    # Longest first: text order would put WW-999999 above WW-1000000.
    highest = session.exec(
        select(Participant.reference)
        .order_by(func.length(Participant.reference).desc(), col(Participant.reference).desc())
        .limit(1)
    ).first()
    match = _REFERENCE.match(highest or "")
    return format_reference(int(match.group(1)) + 1 if match else 1)


def get_participant(session: Session, participant_id: uuid.UUID | str) -> Participant | None:
    """One participant by id."""
    key = participant_id if isinstance(participant_id, uuid.UUID) else uuid.UUID(participant_id)
    return session.get(Participant, key)


def find_by_reference(session: Session, reference: str) -> Participant | None:
    """One participant by reference, like WW-000123."""
    statement = select(Participant).where(Participant.reference == reference.strip().upper())
    return session.exec(statement).first()


def add_participant(
    session: Session, referral: NewReferral, actor: str, today: date
) -> Participant:
    """Store a checked referral as a new participant, audited, and commit."""
    referral = clean_referral(referral)
    participant = Participant(
        reference=next_reference(session),
        first_name=referral.first_name,
        last_name=referral.last_name,
        preferred_name=referral.preferred_name,
        date_of_birth=referral.date_of_birth,
        email=referral.email,
        phone=referral.phone,
        postcode=referral.postcode,
        district=referral.district,
        referral_source=referral.referral_source.value,
        referral_date=referral.referral_date,
        work_situation=referral.work_situation.value,
        employer_name=referral.employer_name,
        consent_processing=referral.consent_processing,
        consent_processing_on=today if referral.consent_processing else None,
        stage=referral.stage.value,
        stage_reason=referral.stage_reason,
        signposted_to=referral.signposted_to,
        stage_changed_on=today,
    )
    session.add(participant)
    record_event(session, actor, "participant.create", "participant", participant.id)
    if referral.stage is Stage.SIGNPOSTED:
        record_event(session, actor, "participant.signpost", "participant", participant.id)
    session.commit()
    session.refresh(participant)
    return participant


def set_stage(
    session: Session,
    participant: Participant,
    stage: Stage,
    actor: str,
    today: date,
    reason: str = "",
    signposted_to: str = "",
) -> None:
    """Move a participant to a stage, with the reason, audited, and commit."""
    participant.stage = stage.value
    participant.stage_reason = reason
    participant.signposted_to = signposted_to
    participant.stage_changed_on = today
    participant.updated_at = utcnow()
    session.add(participant)
    record_event(session, actor, f"participant.stage.{stage.value}", "participant", participant.id)
    session.commit()


def count_participants(session: Session) -> int:
    """How many participants the database holds."""
    return int(session.exec(select(func.count(col(Participant.id)))).one())
