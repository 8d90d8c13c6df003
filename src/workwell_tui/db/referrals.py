"""Referrals of participants to local services in the database: refer, record a change, read.

Every change the coach records is an update (`last_update_on` today), which is what the caseload's
"no update for 14 days" flag looks at. The service's name is copied onto the referral so it still
reads right if the service is later edited or removed.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.directory import get_service
from workwell_tui.db.errors import StoreError
from workwell_tui.db.models import Referral
from workwell_tui.db.participants import get_participant
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.directory.referrals import ReferralDraft, ReferralView
from workwell_tui.domain.enums import ReferralStatus

__all__ = ["participant_referrals", "refer", "referral_view", "update_referral"]


class ReferralGone(StoreError):
    """The referral (or its participant) is no longer in the database."""

    default_title = "Referral not found"
    default_message = "This referral is no longer in the database."


def _key(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def referral_view(row: Referral) -> ReferralView:
    """The read model of a stored referral."""
    try:
        status = ReferralStatus(row.status)
    except ValueError:
        status = ReferralStatus.SUGGESTED
    suggested = row.created_at.date()
    return ReferralView(
        id=str(row.id),
        version=row.version,
        participant_id=str(row.participant_id),
        service_id=str(row.service_id) if row.service_id else None,
        service_name=row.service_name,
        status=status,
        suggested_on=suggested,
        made_on=row.made_on,
        status_changed_on=row.status_changed_on,
        last_update_on=row.last_update_on or row.status_changed_on or row.made_on or suggested,
        outcome=row.outcome,
    )


def refer(
    session: Session, participant_id: uuid.UUID | str, service_id: uuid.UUID | str,
    draft: ReferralDraft, actor: str, today: date,
) -> Referral:  # fmt: skip
    """Refer a participant to a service."""
    if get_participant(session, participant_id) is None:
        raise ReferralGone("This participant is no longer in the database.")
    service = get_service(session, service_id)
    referral = Referral(
        participant_id=_key(participant_id),
        service_id=service.id,
        service_name=service.name,
        status=draft.status.value,
        made_on=draft.made_on,
        status_changed_on=today,
        outcome=draft.outcome,
        last_update_on=today,
    )
    session.add(referral)
    session.flush()
    # The status only: a referral's notes can carry health details, the audit log never does.
    record_event(session, actor, "referral.create", "referral", referral.id, draft.status.value)
    return referral


def update_referral(
    session: Session, referral_id: uuid.UUID | str, draft: ReferralDraft, actor: str,
    today: date, expected_version: int | None = None,
) -> Referral:  # fmt: skip
    """Record a change of status, date made or outcome notes (refused if it changed since read)."""
    referral = session.get(Referral, _key(referral_id))
    if referral is None:
        raise ReferralGone()
    check_version(referral.version, expected_version)
    if referral.status != draft.status.value:
        referral.status_changed_on = today
    referral.status = draft.status.value
    referral.made_on = draft.made_on
    referral.outcome = draft.outcome
    referral.last_update_on = today
    session.flush()
    record_event(session, actor, "referral.update", "referral", referral.id, draft.status.value)
    return referral


def participant_referrals(session: Session, participant_id: uuid.UUID | str) -> list[ReferralView]:
    """A participant's referrals, open ones first, newest first within each."""
    statement = (
        select(Referral)
        .where(Referral.participant_id == _key(participant_id))
        .order_by(col(Referral.created_at).desc())
    )
    views = [referral_view(row) for row in session.exec(statement)]
    return sorted(views, key=lambda view: not view.is_open)
