"""Reading and writing participants. Nothing here commits: the caller's unit of work does."""

from __future__ import annotations

import re
import uuid
from datetime import date

from sqlalchemy import func, insert, update
from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.models import Participant, ReferenceCounter, utcnow
from workwell_tui.domain.enums import Stage
from workwell_tui.domain.referral import NewReferral, clean_referral

_REFERENCE = re.compile(r"^WW-(\d+)$")


def format_reference(number: int) -> str:
    """WW-000123."""
    return f"WW-{number:06d}"


def _highest_reference_number(session: Session) -> int:
    # Longest first: text order would put WW-999999 above WW-1000000.
    highest = session.exec(
        select(Participant.reference)
        .order_by(func.length(Participant.reference).desc(), col(Participant.reference).desc())
        .limit(1)
    ).first()
    match = _REFERENCE.match(highest or "")
    return int(match.group(1)) if match else 0


def next_reference(session: Session) -> str:
    """The next free participant reference, reserved in the session's transaction.

    The counter row is bumped first: that write takes SQLite's write lock (or the row's lock on a
    server), so a second writer waits here until the first commits and then counts on from its
    number. Two people added at once never share a reference.
    """
    counter = ReferenceCounter.__table__  # type: ignore[attr-defined]
    now = utcnow()
    bumped = session.execute(
        update(counter)
        .where(counter.c.name == "participant")
        .values(value=counter.c.value + 1, version=counter.c.version + 1, updated_at=now)
    )
    if bumped.rowcount == 0:  # type: ignore[attr-defined]
        # A database made without the migrations (tests, benchmarks): start the counter now.
        session.execute(
            insert(counter).values(
                id=uuid.uuid4(), created_at=now, updated_at=now, name="participant", value=1
            )
        )
    counted = session.execute(
        select(counter.c.value).where(counter.c.name == "participant")
    ).scalar_one()
    # Rows stored without the counter (the demo's bulk fill, a hand-made record) still count.
    number = max(int(counted), _highest_reference_number(session) + 1)
    if number != counted:
        session.execute(update(counter).where(counter.c.name == "participant").values(value=number))
    return format_reference(number)


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
    """Add a checked referral as a new participant, audited (the caller commits)."""
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
    session.flush()
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
    """Move a participant to a stage, with the reason, audited (the caller commits)."""
    participant.stage = stage.value
    participant.stage_reason = reason
    participant.signposted_to = signposted_to
    participant.stage_changed_on = today
    participant.updated_at = utcnow()
    session.add(participant)
    record_event(session, actor, f"participant.stage.{stage.value}", "participant", participant.id)
    session.flush()


def count_participants(session: Session) -> int:
    """How many participants the database holds."""
    return int(session.exec(select(func.count(col(Participant.id)))).one())
