"""Reading the record at a glance (see `domain/summary.py`): adjustments, referrals, contacts.

Three small queries by participant id (each table is indexed on it). An adjustment's name is its
own label, else the catalogue's (the caller passes the area's, read from its file), else its key
tidied into words.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from workwell_tui.db.models import Adjustment, Contact, Referral
from workwell_tui.domain.adjustments.catalogue import Catalogue
from workwell_tui.domain.adjustments.names import adjustment_name
from workwell_tui.domain.enums import AdjustmentStatus, ContactMode, ContactStatus, ReferralStatus
from workwell_tui.domain.summary import AdjustmentLine, ContactLine, RecordSummary, ReferralLine

__all__ = ["RECENT_CONTACTS", "record_summary"]

RECENT_CONTACTS = 3

_E = TypeVar("_E", bound=StrEnum)


def _enum(kind: type[_E], value: str, fallback: _E) -> _E:
    try:
        return kind(value)
    except ValueError:
        return fallback


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def record_summary(
    session: Session, participant_id: uuid.UUID | str, catalogue: Catalogue | None = None
) -> RecordSummary:
    """The participant's adjustments, referrals (newest first) and last few contacts held."""
    pid = participant_id if isinstance(participant_id, uuid.UUID) else uuid.UUID(participant_id)
    adjustments = tuple(
        AdjustmentLine(
            adjustment_name(row.catalogue_key, row.label, catalogue).label,
            _enum(AdjustmentStatus, row.status, AdjustmentStatus.SUGGESTED),
        )
        for row in session.exec(
            select(Adjustment)
            .where(Adjustment.participant_id == pid)
            .order_by(col(Adjustment.created_at))
        )
    )
    referrals = tuple(
        ReferralLine(
            row.service_name,
            _enum(ReferralStatus, row.status, ReferralStatus.SUGGESTED),
            row.status_changed_on or row.made_on,
        )
        for row in session.exec(
            select(Referral)
            .where(Referral.participant_id == pid)
            .order_by(col(Referral.created_at).desc())
        )
    )
    held = (Contact.participant_id == pid, Contact.status == ContactStatus.HELD.value)
    recent = tuple(
        ContactLine(
            _aware(row.at),
            _enum(ContactMode, row.mode, ContactMode.IN_PERSON),
            row.duration_minutes,
        )
        for row in session.exec(
            select(Contact).where(*held).order_by(col(Contact.at).desc()).limit(RECENT_CONTACTS)
        )
    )
    count = session.exec(select(func.count()).select_from(Contact).where(*held)).one()
    return RecordSummary(adjustments, referrals, recent, int(count))
