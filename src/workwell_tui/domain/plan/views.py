"""Read models of a plan: what the plan screen, the participant screen and `workwell plan` show.

Frozen values built by `db/plan_view.py`; nothing here touches the database. Text fields hold
what was stored; screens still show them through the one text helper, and the CLI through
`clean_line`/`clean_note`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import (
    ContactMode,
    ContactPurpose,
    ContactStatus,
    Domain,
    ObjectiveStatus,
    PlanStatus,
)
from workwell_tui.domain.plan.distance import MeasureChange, MeasurePoint
from workwell_tui.domain.plan.grid import WeekGrid, build_week_grid
from workwell_tui.domain.plan.vocabulary import ClosureOutcome, SafeguardingStatus
from workwell_tui.domain.plan.weeks import ReviewSlot, week_text

__all__ = [
    "ContactView",
    "ObjectiveView",
    "PlanView",
    "ProgressNoteView",
    "ReviewView",
    "SafeguardingView",
]


@dataclass(frozen=True, slots=True)
class ProgressNoteView:
    """One dated progress note on an objective."""

    id: uuid.UUID
    written_on: date
    note: str


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    """One objective as stored, at `version`."""

    id: uuid.UUID
    domain: Domain
    what: str
    steps: str
    target_week: int | None
    status: ObjectiveStatus
    status_reason: str
    position: int
    accepted_on: date | None
    notes: tuple[ProgressNoteView, ...]
    version: int

    @property
    def suggested(self) -> bool:
        """Still a suggestion from the assessment: not yet accepted, reworded or discarded."""
        return self.accepted_on is None


@dataclass(frozen=True, slots=True)
class ContactView:
    """One contact, held or booked (or missed or cancelled)."""

    id: uuid.UUID
    at: datetime
    status: ContactStatus
    mode: ContactMode
    purpose: ContactPurpose
    duration_minutes: int | None
    notes: str
    objectives_discussed: tuple[uuid.UUID, ...]
    week: int | None
    version: int


@dataclass(frozen=True, slots=True)
class ReviewView:
    """One review held: its week, what changed, and the measures taken then."""

    id: uuid.UUID
    week: int
    held_on: date
    what_changed: str
    measures: tuple[MeasurePoint, ...]


@dataclass(frozen=True, slots=True)
class SafeguardingView:
    """A safeguarding record: never dropped; open until followed up."""

    id: uuid.UUID
    raised_on: date
    source: str
    action_taken: str
    status: SafeguardingStatus
    follow_up: str
    followed_up_on: date | None
    version: int

    @property
    def open(self) -> bool:
        """True while the follow-up is still to be recorded (the marker and flag show)."""
        return self.status is SafeguardingStatus.OPEN


@dataclass(frozen=True, slots=True)
class PlanView:
    """Everything the plan screen shows about one participant's plan, as of `today`."""

    id: uuid.UUID
    participant_id: uuid.UUID
    reference: str
    first_name: str
    last_name: str
    status: PlanStatus
    start_date: date | None
    agreed_on: date | None
    length_weeks: int
    review_weeks: tuple[int, ...]
    today: date
    current_week: int | None
    weeks_over: int
    goals: tuple[str, ...]
    objectives: tuple[ObjectiveView, ...]
    contacts: tuple[ContactView, ...]
    next_contact: ContactView | None
    reviews: tuple[ReviewView, ...]
    review_slots: tuple[ReviewSlot, ...]
    review_due_week: int | None
    distance: tuple[MeasureChange, ...]
    safeguarding: tuple[SafeguardingView, ...]
    extension_reason: str
    extended_from_weeks: int | None
    closed_on: date | None
    closure_outcome: ClosureOutcome | None
    closing_summary: str
    overrun_reason: str
    version: int

    @property
    def name(self) -> str:
        """ "Last, First", as on the caseload."""
        return f"{self.last_name}, {self.first_name}"

    @property
    def read_only(self) -> bool:
        """A closed plan is kept as it was: nothing on it can change."""
        return self.status is PlanStatus.CLOSED

    @property
    def is_draft(self) -> bool:
        """Not agreed yet: suggestions to decide, then "Agree and start"."""
        return self.status is PlanStatus.DRAFT

    @property
    def pending_suggestions(self) -> tuple[ObjectiveView, ...]:
        """Suggested objectives still to accept, reword or discard."""
        return tuple(o for o in self.objectives if o.suggested)

    @property
    def week_text(self) -> str:
        """ "Week 5 of 12", "Week 14 (12 planned)", "Draft plan" or "Closed 3 Mar 2027"."""
        if self.status is PlanStatus.DRAFT:
            return "Draft plan"
        if self.status is PlanStatus.CLOSED:
            return f"Closed {uk_date(self.closed_on)}" if self.closed_on else "Closed"
        return week_text(self.start_date, self.today, self.length_weeks)

    @property
    def open_safeguarding(self) -> tuple[SafeguardingView, ...]:
        """Safeguarding records still waiting for a follow-up."""
        return tuple(record for record in self.safeguarding if record.open)

    def objectives_by_domain(self) -> dict[Domain, tuple[ObjectiveView, ...]]:
        """Objectives grouped physical, psychological, social, work; in their order within."""
        return {
            domain: found
            for domain in Domain
            if (found := tuple(o for o in self.objectives if o.domain is domain))
        }

    def week_grid(self) -> WeekGrid:
        """Rows of objectives by columns of weeks, with targets, contacts and reviews marked."""
        return build_week_grid(
            length_weeks=self.length_weeks,
            current_week=self.current_week if self.status is PlanStatus.ACTIVE else None,
            objectives=self.objectives,
            contacts=self.contacts,
            review_weeks=self.review_weeks,
            reviews_held=tuple(review.week for review in self.reviews),
        )
