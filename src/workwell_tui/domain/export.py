"""The export read model: everything a printed document may say about one participant.

Built by `db/export_read.py` in one read; the renderers in `workwell_tui.export` choose from it
what each audience (participant, employer, GP, subject access request) is allowed to see.
Frozen values only; nothing here touches the database or the screen. Text fields hold what was
stored; the renderers clean and escape every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from workwell_tui.domain.plan.distance import MeasureChange, MeasurePoint
from workwell_tui.domain.plan.views import PlanView, SafeguardingView
from workwell_tui.domain.records import ParticipantRecord

__all__ = [
    "AdjustmentLine",
    "AssessmentSummary",
    "Audience",
    "AuditLine",
    "ExportView",
    "FitNote",
    "ReferralLine",
]


class Audience(StrEnum):
    """Who a document is for; each sees a different part of the record."""

    PARTICIPANT = "participant"
    EMPLOYER = "employer"
    GP = "gp"
    RECORD = "record"

    @property
    def label(self) -> str:
        """What the coach reads when choosing."""
        return _AUDIENCE_LABELS[self]


_AUDIENCE_LABELS = {
    Audience.PARTICIPANT: "participant",
    Audience.EMPLOYER: "employer",
    Audience.GP: "GP",
    Audience.RECORD: "full record",
}


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    """One workplace adjustment, with its catalogue wording."""

    label: str
    description: str
    status: str  # the stored value of `AdjustmentStatus`
    status_label: str
    owner_label: str
    requested_on: date | None
    agreed_on: date | None
    review_on: date | None
    notes: str  # the coach's own: never in an employer copy
    shared_with_employer: bool
    employer_note: str = ""
    """The words the participant agreed the employer may read about it."""
    employer_note_health: bool = False
    """The employer note has health detail (it goes only with the health-detail consent)."""

    @property
    def agreed(self) -> bool:
        """Agreed with the participant: agreed, raised with the employer, or in place."""
        return self.status in ("agreed", "raised", "in_place")


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """One referral to a local service, with how to reach the service."""

    service_name: str
    organisation: str
    status: str  # the stored value of `ReferralStatus`
    status_label: str
    made_on: date | None
    phone: str
    email: str
    website: str
    address: str
    schedule: str
    outcome: str
    notes: str

    @property
    def current(self) -> bool:
        """Still something the participant may use (not declined or closed)."""
        return self.status not in ("declined", "closed")


@dataclass(frozen=True, slots=True)
class FitNote:
    """The fit note as recorded at assessment: its kind, the advice ticked, when it ends."""

    kind: str  # "none", "not_fit" or "may_be_fit"
    kind_label: str
    advice: tuple[str, ...]
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    """The latest completed assessment, read back as sections of label and answer lines."""

    completed_on: date | None
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    fit_note: FitNote | None
    job_title: str
    conditions: str
    daily_effects: str
    hard_at_work: str
    gp_practice: str
    own_words: str

    def section(self, title: str) -> tuple[tuple[str, str], ...]:
        """The lines of one section by its step title ("Health"), or none."""
        return next((lines for name, lines in self.sections if name == title), ())


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One audit event about this participant's records (never content)."""

    at: datetime
    actor: str
    action: str
    record_type: str
    detail: str


@dataclass(frozen=True, slots=True)
class ExportView:
    """One participant's record as of `today`, for the export renderers to choose from."""

    participant: ParticipantRecord
    plan: PlanView | None
    assessment: AssessmentSummary | None
    measures: tuple[MeasurePoint, ...]
    distance: tuple[MeasureChange, ...]
    adjustments: tuple[AdjustmentLine, ...]
    referrals: tuple[ReferralLine, ...]
    # Read for the participant, not the plan: a risk recorded by someone signposted is kept too.
    safeguarding: tuple[SafeguardingView, ...]
    audit: tuple[AuditLine, ...]
    today: date
    coach_name: str
    area: str
