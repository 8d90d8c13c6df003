"""The record at a glance: adjustments, referrals and recent contacts, as the participant screen
summarises them ("6: 2 in place, 3 requested"; "MSK physio: attended 12 Nov").

Frozen values built by `db/record_summary.py`. The adjustments and services screens show the
full lists; this only counts and names the latest, so it reads a few small rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from workwell_tui.domain.enums import AdjustmentStatus, ContactMode, ReferralStatus

__all__ = [
    "ADJUSTMENT_MARKS",
    "AdjustmentLine",
    "ContactLine",
    "RecordSummary",
    "ReferralLine",
]

# The adjustments checklist's marks (WIREFRAMES.md): done, waiting on someone, not yet, refused.
ADJUSTMENT_MARKS = {
    AdjustmentStatus.IN_PLACE: "✓",
    AdjustmentStatus.AGREED: "◷",
    AdjustmentStatus.RAISED: "◷",
    AdjustmentStatus.DISCUSSED: "·",
    AdjustmentStatus.SUGGESTED: "·",
    AdjustmentStatus.DECLINED: "✗",
    AdjustmentStatus.NOT_APPLICABLE: "✗",
}
# Most settled first, so the count reads "2 in place, 3 raised, 1 suggested".
_ADJUSTMENT_ORDER = (
    AdjustmentStatus.IN_PLACE,
    AdjustmentStatus.AGREED,
    AdjustmentStatus.RAISED,
    AdjustmentStatus.DISCUSSED,
    AdjustmentStatus.SUGGESTED,
    AdjustmentStatus.DECLINED,
    AdjustmentStatus.NOT_APPLICABLE,
)


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    """One workplace adjustment: its name in the catalogue's words, and where it stands."""

    label: str
    status: AdjustmentStatus

    @property
    def mark(self) -> str:
        """✓ in place, ◷ agreed or requested, · suggested, ✗ declined."""
        return ADJUSTMENT_MARKS[self.status]


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """One referral to a local service: the service (as typed or imported), status and date."""

    service_name: str
    status: ReferralStatus
    on: date | None

    @property
    def status_text(self) -> str:
        """ "attended 12 Nov", or the status alone when no date was kept."""
        label = self.status.label.lower()
        return f"{label} {self.on.day} {self.on:%b}" if self.on else label


@dataclass(frozen=True, slots=True)
class ContactLine:
    """One contact held: when, how, how long."""

    at: datetime
    mode: ContactMode
    duration_minutes: int | None

    @property
    def text(self) -> str:
        """ "19 Nov phone 20 min"."""
        local = self.at.astimezone() if self.at.tzinfo is not None else self.at
        minutes = f" {self.duration_minutes} min" if self.duration_minutes else ""
        return f"{local.day} {local:%b} {self.mode.label.lower()}{minutes}"


@dataclass(frozen=True, slots=True)
class RecordSummary:
    """Counts and the latest few of what the participant screen summarises."""

    adjustments: tuple[AdjustmentLine, ...]
    referrals: tuple[ReferralLine, ...]
    """Newest first."""
    recent_contacts: tuple[ContactLine, ...]
    """Held contacts, newest first (a few)."""
    contacts_held: int

    @property
    def adjustment_counts(self) -> str:
        """ "6: 2 in place, 3 requested, 1 suggested", or "none yet"."""
        if not self.adjustments:
            return "none yet"
        counts = Counter(line.status for line in self.adjustments)
        parts = [
            f"{counts[status]} {status.label.lower()}"
            for status in _ADJUSTMENT_ORDER
            if counts[status]
        ]
        return f"{len(self.adjustments)}: {', '.join(parts)}"

    @property
    def latest_referral(self) -> ReferralLine | None:
        """The newest referral, or None."""
        return self.referrals[0] if self.referrals else None
