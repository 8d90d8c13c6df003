"""The Store's adjustment methods: each change is one unit of work and returns the checklist.

Kept apart from `store.py` so that file stays small; `Store` inherits these. Each change hands
back the participant's checklist as stored after it (`ChecklistData`), so the screen redraws
from what was saved, never from what it hoped was saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from workwell_tui import clock

if TYPE_CHECKING:
    from sqlmodel import Session

    from workwell_tui.domain.adjustments.details import AdjustmentDraft, FitNoteDraft
    from workwell_tui.domain.adjustments.records import AdjustmentSummary, ChecklistData
    from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus


class AdjustmentMethods:
    """Adjustment reads and changes; mixed into `Store`, which gives the sessions and actor."""

    actor: str

    def session(self) -> Session:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def unit_of_work(self) -> AbstractContextManager[Session]:  # pragma: no cover - Store's
        raise NotImplementedError

    def adjustment_checklist(self, participant_id: uuid.UUID | str) -> ChecklistData | None:
        """The participant's checklist: items, fit note, consents and links; None if gone."""
        from workwell_tui.db.adjustments import checklist_data

        with self.session() as session:
            return checklist_data(session, participant_id)

    def adjustment_summary(self, participant_id: uuid.UUID | str) -> AdjustmentSummary:
        """How their adjustments stand ("6 adjustments: 2 in place, 3 waiting on employer")."""
        from workwell_tui.db.adjustments import summary

        with self.session() as session:
            return summary(session, participant_id, clock.today())

    def _adjustment_change(
        self, action: Callable[..., uuid.UUID], *args: Any, **kw: Any
    ) -> ChecklistData:
        from workwell_tui.db.adjustments import AdjustmentError, checklist_data

        with self.unit_of_work() as session:
            participant_id = action(session, *args, actor=self.actor, **kw)
            data = checklist_data(session, participant_id)
        if data is None:  # only if the participant went while this ran
            raise AdjustmentError("This participant is no longer in the database.")
        return data

    def add_adjustment(
        self, participant_id: uuid.UUID | str, key: str, owner: AdjustmentOwner, label: str = ""
    ) -> ChecklistData:
        """Add a catalogue item as suggested, not shared."""
        from workwell_tui.db import adjustments

        def add(session: Session, *, actor: str, today: Any) -> uuid.UUID:
            adjustments.add_adjustment(
                session, participant_id, key, owner, label, actor=actor, today=today
            )
            return uuid.UUID(str(participant_id))

        return self._adjustment_change(add, today=clock.today())

    def set_adjustment_status(
        self, adjustment_id: uuid.UUID | str, status: AdjustmentStatus, version: int | None = None
    ) -> ChecklistData:
        """Move an item to `status` (refused if it changed since `version` was read)."""
        from workwell_tui.db import adjustments

        return self._adjustment_change(
            adjustments.set_status,
            adjustment_id,
            status,
            today=clock.today(),
            expected_version=version,
        )

    def share_adjustment(
        self, adjustment_id: uuid.UUID | str, share: bool, version: int | None = None
    ) -> ChecklistData:
        """Share with the employer (only under consent), or stop sharing."""
        from workwell_tui.db import adjustments

        return self._adjustment_change(
            adjustments.set_shared,
            adjustment_id,
            share,
            today=clock.today(),
            expected_version=version,
        )

    def save_adjustment(
        self, adjustment_id: uuid.UUID | str, draft: AdjustmentDraft, version: int | None = None
    ) -> ChecklistData:
        """Save an item's checked details."""
        from workwell_tui.db import adjustments

        return self._adjustment_change(
            adjustments.save_details,
            adjustment_id,
            draft,
            today=clock.today(),
            expected_version=version,
        )

    def save_fit_note(
        self, participant_id: uuid.UUID | str, draft: FitNoteDraft, version: int | None = None
    ) -> ChecklistData:
        """Record or update the participant's fit note."""
        from workwell_tui.db import adjustments

        return self._adjustment_change(
            adjustments.save_fit_note, participant_id, draft, expected_version=version
        )
