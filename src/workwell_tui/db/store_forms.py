"""The Store's methods for forms: drafts of what is typed, a participant's own details and
consents, closing a case without a plan, and reading safeguarding records.

A mixin of `Store` (kept apart so neither file grows past a screenful of methods); each method
is one unit of work or one read, as everywhere in the Store, and returns read models.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING

from workwell_tui import clock

if TYPE_CHECKING:
    from sqlmodel import Session

    from workwell_tui.domain.form_drafts import FormKind, SavedDraft
    from workwell_tui.domain.participant_details import ConsentChange, ParticipantDetails
    from workwell_tui.domain.plan.closure import Closure
    from workwell_tui.domain.plan.views import SafeguardingView
    from workwell_tui.domain.records import ParticipantRecord

__all__ = ["FormStore"]


class FormStore:
    """Form methods of the Store (which gives `actor`, `session` and `unit_of_work`)."""

    actor: str

    def session(self) -> Session:  # pragma: no cover - the Store's own
        """A read session (the Store's)."""
        raise NotImplementedError

    def unit_of_work(self) -> AbstractContextManager[Session]:  # pragma: no cover
        """One transaction (the Store's)."""
        raise NotImplementedError

    def participant(self, participant_id: uuid.UUID | str) -> ParticipantRecord | None:
        """One participant (the Store's)."""
        raise NotImplementedError  # pragma: no cover

    def form_draft(self, form: FormKind, record_key: str) -> SavedDraft | None:
        """The unsaved typing of `form` for `record_key`, if any is waiting."""
        from workwell_tui.db.form_drafts import form_draft

        with self.session() as session:
            return form_draft(session, form, record_key)

    def save_form_draft(
        self, form: FormKind, record_key: str, values: dict[str, object]
    ) -> datetime:
        """Keep what is typed in a form (as the coach types); returns when it was saved."""
        from workwell_tui.db.form_drafts import save_form_draft

        with self.unit_of_work() as session:
            return save_form_draft(session, form, record_key, values, clock.now())

    def discard_form_draft(self, form: FormKind, record_key: str) -> bool:
        """Delete a form's draft (saved, or thrown away on purpose); True if one was there."""
        from workwell_tui.db.form_drafts import discard_form_draft

        with self.unit_of_work() as session:
            return discard_form_draft(session, form, record_key)

    def update_participant(
        self,
        participant_id: uuid.UUID | str,
        details: ParticipantDetails,
        version: int | None = None,
        draft: tuple[FormKind, str] | None = None,
    ) -> tuple[ParticipantRecord, tuple[ConsentChange, ...]]:
        """Save edited details and consents (refused if changed since `version` was read), and
        delete the form's draft in the same transaction; returns the record and consent changes."""
        from workwell_tui.db.form_drafts import discard_form_draft
        from workwell_tui.db.participant_details import update_details
        from workwell_tui.db.participants import get_participant
        from workwell_tui.db.read_models import participant_record

        with self.unit_of_work() as session:
            changes = update_details(
                session, participant_id, details,
                actor=self.actor, today=clock.today(), expected_version=version,
            )  # fmt: skip
            if draft is not None:
                discard_form_draft(session, *draft)
            row = get_participant(session, participant_id)
            assert row is not None  # update_details refused a missing one
            session.flush()
            session.refresh(row)
            return participant_record(row), changes

    def close_without_plan(
        self, participant_id: uuid.UUID | str, closure: Closure
    ) -> ParticipantRecord | None:
        """Close the case of someone with no plan under way (stage closed, bookings cancelled)."""
        from workwell_tui.db.participant_details import close_without_plan

        with self.unit_of_work() as session:
            close_without_plan(
                session, participant_id, closure, actor=self.actor, today=clock.today()
            )
        return self.participant(participant_id)

    def safeguarding_records(self, participant_id: uuid.UUID | str) -> tuple[SafeguardingView, ...]:
        """Every safeguarding record of a participant, oldest first (with or without a plan)."""
        from workwell_tui.db.safeguarding import records_for
        from workwell_tui.domain.plan.views import SafeguardingView
        from workwell_tui.domain.plan.vocabulary import SafeguardingStatus

        with self.session() as session:
            return tuple(
                SafeguardingView(
                    id=row.id,
                    raised_on=row.raised_on,
                    source=row.source,
                    action_taken=row.action_taken,
                    status=(
                        SafeguardingStatus.FOLLOWED_UP
                        if row.status == SafeguardingStatus.FOLLOWED_UP.value
                        else SafeguardingStatus.OPEN
                    ),
                    follow_up=row.follow_up,
                    followed_up_on=row.followed_up_on,
                    version=row.version,
                )
                for row in records_for(session, participant_id)
            )
