"""Read models: what screens are given about a participant or a draft, as frozen values.

Screens never hold ORM rows (they would be tied to a session, lazily load, and could be changed
and flushed by accident). The field names match the database columns, so a screen reads
`person.first_name` whichever it is given. Nothing here imports the database layer.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["DraftAssessment", "ParticipantRecord"]


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    """One participant as stored, at `version`."""

    id: uuid.UUID
    reference: str
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date | None
    email: str
    phone: str
    address: str
    postcode: str
    district: str
    referral_source: str
    referral_date: date
    work_situation: str
    employer_name: str
    consent_processing: bool
    consent_processing_on: date | None
    consent_share_gp: bool
    consent_share_gp_on: date | None
    consent_contact_employer: bool
    consent_contact_employer_on: date | None
    consent_share_health_with_employer: bool
    consent_share_health_with_employer_on: date | None
    stage: str
    stage_reason: str
    signposted_to: str
    stage_changed_on: date | None
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class DraftAssessment:
    """An assessment (usually an open draft) as stored, at `version`.

    `answers` is the caller's own copy: changing it changes nothing stored.
    """

    id: uuid.UUID
    participant_id: uuid.UUID
    kind: str
    status: str
    step: int
    answers: Mapping[str, Any]
    started_at: datetime
    saved_at: datetime
    completed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
