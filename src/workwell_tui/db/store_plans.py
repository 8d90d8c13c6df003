"""The Store's methods for the plan: reading it, and every change the plan screen makes.

A mixin of `Store` (kept apart so neither file grows past a screenful of methods). Each change is
one unit of work and returns the plan as it now is, so the screen redraws from what was stored;
checks come first from `domain/plan`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Any

from workwell_tui import clock
from workwell_tui.config import Settings

if TYPE_CHECKING:
    from sqlmodel import Session

    from workwell_tui.domain.adjustments.catalogue import Catalogue
    from workwell_tui.domain.enums import ObjectiveStatus
    from workwell_tui.domain.plan.closure import Closure
    from workwell_tui.domain.plan.contacts import ContactDraft
    from workwell_tui.domain.plan.objectives import ObjectiveDraft
    from workwell_tui.domain.plan.views import PlanView
    from workwell_tui.domain.plan.vocabulary import SuggestionChoice
    from workwell_tui.domain.summary import RecordSummary

__all__ = ["PlanMethods"]


class PlanMethods:
    """Plan methods of the Store (which gives `actor`, `settings`, `session`, `unit_of_work`)."""

    actor: str
    settings: Settings

    def session(self) -> Session:  # pragma: no cover - the Store's own
        """A read session (the Store's)."""
        raise NotImplementedError

    def unit_of_work(self) -> AbstractContextManager[Session]:  # pragma: no cover
        """One transaction (the Store's)."""
        raise NotImplementedError

    def adjustment_catalogue(self) -> Catalogue:  # pragma: no cover - the Store's own
        """The adjustment catalogue with the area's additions (the Store's)."""
        raise NotImplementedError

    def plan_view(self, participant_id: uuid.UUID | str) -> PlanView | None:
        """The participant's current plan (active or draft, else the last closed), or None."""
        from workwell_tui.db.plan_view import plan_view

        with self.session() as session:
            return plan_view(session, participant_id, clock.now())

    def record_summary(self, participant_id: uuid.UUID | str) -> RecordSummary:
        """Adjustments, referrals and recent contacts, as the participant screen counts them."""
        from workwell_tui.db.record_summary import record_summary

        catalogue = self.adjustment_catalogue()
        with self.session() as session:
            return record_summary(session, participant_id, catalogue)

    def plan_view_by_reference(self, reference: str) -> PlanView | None:
        """The plan of the participant with this reference, or None."""
        from workwell_tui.db.plan_view import plan_view_by_reference

        with self.session() as session:
            return plan_view_by_reference(session, reference, clock.now())

    def _plan_change(self, action: Callable[..., uuid.UUID], *args: Any, **kw: Any) -> PlanView:
        """Run one plan command in a unit of work; the plan as stored comes back."""
        from workwell_tui.db.plan_view import plan_view

        with self.unit_of_work() as session:
            participant_id = action(session, *args, actor=self.actor, today=clock.today(), **kw)
            view = plan_view(session, participant_id, clock.now())
        if view is None:  # only if the participant went while this ran
            from workwell_tui.db.plans import PlanError

            raise PlanError("This plan is no longer in the database.")
        return view

    def decide_suggestion(
        self, objective_id: uuid.UUID | str, choice: SuggestionChoice,
        reworded: ObjectiveDraft | None = None,
    ) -> PlanView:  # fmt: skip
        """Accept, reword or discard a suggested objective."""
        from workwell_tui.db import plans

        return self._plan_change(plans.decide_suggestion, objective_id, choice, reworded=reworded)

    def agree_and_start(
        self, plan_id: uuid.UUID | str, start: date, length_weeks: int | None = None
    ) -> PlanView:
        """Agree the plan and start it: week 1 begins on `start`."""
        from workwell_tui.db import plans

        weeks = length_weeks or self.settings.plan_length_weeks
        reviews = tuple(self.settings.review_weeks)
        return self._plan_change(
            plans.agree_and_start, plan_id, start=start, length_weeks=weeks, review_weeks=reviews
        )

    def add_objective(self, plan_id: uuid.UUID | str, draft: ObjectiveDraft) -> PlanView:
        """Add a checked objective at the end of the plan."""
        from workwell_tui.db import plans

        return self._plan_change(plans.add_objective, plan_id, draft)

    def edit_objective(
        self, objective_id: uuid.UUID | str, draft: ObjectiveDraft, version: int | None = None
    ) -> PlanView:
        """Save an edited objective (refused if it changed since `version` was read)."""
        from workwell_tui.db import plans

        return self._plan_change(
            plans.edit_objective, objective_id, draft, expected_version=version
        )

    def set_objective_status(
        self, objective_id: uuid.UUID | str, status: ObjectiveStatus, reason: str = ""
    ) -> PlanView:
        """Change an objective's status; dropped and changed need a reason."""
        from workwell_tui.db import plans

        return self._plan_change(plans.set_objective_status, objective_id, status, reason=reason)

    def move_objective(self, objective_id: uuid.UUID | str, step: int) -> PlanView:
        """Move an objective up (negative step) or down the plan."""
        from workwell_tui.db import plans

        return self._plan_change(plans.move_objective, objective_id, step)

    def move_target_week(self, objective_id: uuid.UUID | str, week: int) -> PlanView:
        """Set an objective's target week."""
        from workwell_tui.db import plans

        return self._plan_change(plans.move_target_week, objective_id, week)

    def add_progress_note(
        self, objective_id: uuid.UUID | str, written_on: date, note: str
    ) -> PlanView:
        """Add a dated progress note to an objective."""
        from workwell_tui.db import plans

        return self._plan_change(plans.add_progress_note, objective_id, written_on, note)

    def extend_plan(self, plan_id: uuid.UUID | str, length_weeks: int, reason: str) -> PlanView:
        """Make the plan longer, with the reason."""
        from workwell_tui.db import plans

        return self._plan_change(plans.extend_plan, plan_id, length_weeks, reason)

    def close_plan(self, plan_id: uuid.UUID | str, closure: Closure) -> PlanView:
        """Close the plan with a checked outcome, date and summary."""
        from workwell_tui.db import plans

        return self._plan_change(plans.close_plan, plan_id, closure)

    def log_contact(
        self, participant_id: uuid.UUID | str, held: ContactDraft | None,
        next_booking: ContactDraft | None = None, booked_id: uuid.UUID | str | None = None,
    ) -> PlanView | None:  # fmt: skip
        """Log a held contact and/or book the next one, together."""
        from workwell_tui.db.contacts import log_and_book
        from workwell_tui.db.plan_view import plan_view

        with self.unit_of_work() as session:
            log_and_book(
                session, participant_id, held, next_booking,
                actor=self.actor, now=clock.now(), booked_id=booked_id,
            )  # fmt: skip
            return plan_view(session, participant_id, clock.now())

    def record_review(
        self, plan_id: uuid.UUID | str, held: ContactDraft, what_changed: str
    ) -> PlanView:
        """Record a review held now (its measures come from the review assessment)."""
        from workwell_tui.db import contacts

        return self._plan_change(
            contacts.record_review, plan_id, held, what_changed, now=clock.now()
        )

    def follow_up_safeguarding(
        self, record_id: uuid.UUID | str, follow_up: str, on: date, version: int | None = None
    ) -> PlanView | None:
        """Record the follow-up of a safeguarding record (it stays, no longer flagged)."""
        from workwell_tui.db.plan_view import plan_view
        from workwell_tui.db.safeguarding import record_follow_up

        with self.unit_of_work() as session:
            pid = record_follow_up(
                session, record_id, follow_up, on,
                actor=self.actor, today=clock.today(), expected_version=version,
            )  # fmt: skip
            return plan_view(session, pid, clock.now())
