"""Read models of the adjustment checklist: what the Store hands to screens, as frozen values.

Field names match the database columns. `ChecklistData` is everything the checklist screen needs
in one read (the participant's consents, the items, the fit note, and what an item can link to).
`AdjustmentSummary` is the one line the participant screen shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.adjustments.consent import Consents
from workwell_tui.domain.adjustments.status import OPEN, status_of, waiting_too_long
from workwell_tui.domain.enums import AdjustmentStatus
from workwell_tui.domain.words import plural


@dataclass(frozen=True, slots=True)
class AdjustmentRecord:
    """One adjustment as stored, at `version`."""

    id: uuid.UUID
    participant_id: uuid.UUID
    catalogue_key: str
    label: str
    status: str
    owner: str
    reason: str
    raised_on: date | None
    agreed_on: date | None
    due_on: date | None
    in_place_on: date | None
    notes: str
    employer_note: str
    employer_note_health: bool
    employer_shareable: bool
    objective_id: uuid.UUID | None
    referral_id: uuid.UUID | None
    last_update_on: date | None
    version: int


@dataclass(frozen=True, slots=True)
class FitNoteRecord:
    """The participant's current fit note, as stored (id None: not recorded yet)."""

    id: uuid.UUID | None
    issued_by: str
    issued_on: date | None
    review_on: date | None
    advice: tuple[str, ...]
    comments: str
    version: int | None


@dataclass(frozen=True, slots=True)
class Link:
    """Something an adjustment can be linked to: a plan objective or a referral."""

    id: uuid.UUID
    text: str


@dataclass(frozen=True)
class ChecklistData:
    """One participant's adjustments and everything around them, read together."""

    participant_id: uuid.UUID
    reference: str
    first_name: str
    last_name: str
    employer_name: str
    work_situation: str
    consents: Consents
    items: tuple[AdjustmentRecord, ...]
    fit_note: FitNoteRecord | None
    objectives: tuple[Link, ...]
    referrals: tuple[Link, ...]

    @property
    def name(self) -> str:
        """ "Last, First" as coaches file people."""
        return f"{self.last_name}, {self.first_name}"

    def record(self, adjustment_id: uuid.UUID) -> AdjustmentRecord | None:
        """One of the items, by id."""
        return next((item for item in self.items if item.id == adjustment_id), None)


@dataclass(frozen=True)
class AdjustmentSummary:
    """How a participant's adjustments stand, in numbers and in one line."""

    total: int
    in_place: int
    with_employer: int
    open: int
    waiting_too_long: int

    @property
    def line(self) -> str:
        """ "6 adjustments: 2 in place, 3 waiting on employer" (and any waiting too long)."""
        if not self.total:
            return "No adjustments yet"
        parts = [f"{self.in_place} in place", f"{self.with_employer} waiting on employer"]
        if self.waiting_too_long:
            parts.append(f"{self.waiting_too_long} with no update for 21 days")
        return f"{plural(self.total, 'adjustment')}: {', '.join(parts)}"


def summarise(statuses: list[tuple[str, date | None]], today: date) -> AdjustmentSummary:
    """Count (status, last update) pairs; not-applicable items are not counted at all."""
    counted = [(status_of(value), last) for value, last in statuses]
    counted = [(s, last) for s, last in counted if s is not AdjustmentStatus.NOT_APPLICABLE]
    return AdjustmentSummary(
        total=len(counted),
        in_place=sum(s is AdjustmentStatus.IN_PLACE for s, _ in counted),
        with_employer=sum(s is AdjustmentStatus.RAISED for s, _ in counted),
        open=sum(s in OPEN for s, _ in counted),
        waiting_too_long=sum(waiting_too_long(s, last, today) for s, last in counted),
    )
