"""The Store: the one door screens and commands use to reach the database.

Every method opens its own short session, so it is safe to call from a worker thread. Each
change the coach makes is one unit of work (one transaction); what comes back is a read model
(`domain/records.py`, `CaseloadRow`), never an ORM row. Screens never hold sessions or build SQL.

How the database is reached belongs to its backend (`db/backends`), chosen from the URL. Opening
is quick on purpose: when the backend can read the caseload without SQLAlchemy (a SQLite file at
the current schema), it does, and SQLAlchemy (with SQLModel) is only imported when the first write
or detail read needs it, after the caseload is on screen.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workwell_tui import clock
from workwell_tui.config import Paths, Settings, default_actor
from workwell_tui.db.backends import Backend, backend_for
from workwell_tui.db.caseload import rows_to_caseload
from workwell_tui.db.errors import StoreError, corrupt_message
from workwell_tui.domain.caseload import CaseloadRow

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from workwell_tui.db.assessments import Completed
    from workwell_tui.domain.enums import AssessmentKind
    from workwell_tui.domain.records import DraftAssessment, ParticipantRecord
    from workwell_tui.domain.referral import NewReferral

__all__ = ["Store", "StoreError", "corrupt_message"]


class Store:
    """An open database with the coach's settings."""

    def __init__(
        self,
        settings: Settings,
        actor: str,
        engine: Engine | None = None,
        url: str = "",
        backup_dir: Path | None = None,
    ) -> None:
        self.settings = settings
        self.actor = actor
        self.url = url or (engine.url.render_as_string(hide_password=False) if engine else "")
        self.backup_dir = backup_dir
        self.backend: Backend = backend_for(self.url or "sqlite://")
        self._engine = engine
        self._engine_lock = threading.Lock()
        # Read the caseload without SQLAlchemy (when the backend can) until the engine exists.
        self._fast_read = False

    @classmethod
    def open(
        cls,
        paths: Paths,
        settings: Settings,
        fill: Callable[[Store], None] | None = None,
    ) -> Store:
        """Open (creating or upgrading) the database at `paths`; StoreError says what is wrong.

        `fill` (the demo's, given by the command line) runs when the database has nobody in it;
        storage itself knows nothing of demo data.
        """
        store = cls(
            settings=settings,
            actor=settings.coach_name or default_actor(),
            url=paths.database_url,
            backup_dir=paths.data_dir / "backups",
        )
        if store.backend.ready_for_fast_read(needs_people=fill is not None):
            store._fast_read = True
            return store
        store.engine  # noqa: B018 - create and migrate now
        if fill is not None:
            fill(store)
        return store

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the schema checked) on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = _open_engine(self.backend, self.backup_dir)
                self._fast_read = False
            return self._engine

    def warm(self) -> None:
        """Make the engine now (in a worker) so the first save does not wait for imports."""
        self.engine  # noqa: B018

    def session(self) -> Session:
        """A new session whose objects stay readable after commit (reads, tests)."""
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    def unit_of_work(self) -> AbstractContextManager[Session]:
        """One transaction for one action: commits at the end, rolls back on any error."""
        from workwell_tui.db.unit_of_work import unit_of_work

        return unit_of_work(self.engine)

    def caseload(self, now: datetime | None = None) -> list[CaseloadRow]:
        """Every participant as a caseload row, in next-action order."""
        moment = now or clock.now()
        raw = self.backend.read_caseload_fast(moment) if self._fast_read else None
        if raw is None:
            raw = self.backend.read_caseload(self.engine, moment)
        return rows_to_caseload(raw, moment, self.settings.no_contact_days)

    def participant(self, participant_id: uuid.UUID | str) -> ParticipantRecord | None:
        """One participant, as a read model."""
        from workwell_tui.db import participants
        from workwell_tui.db.read_models import participant_record

        with self.session() as session:
            found = participants.get_participant(session, participant_id)
            return None if found is None else participant_record(found)

    def add_referral(self, referral: NewReferral) -> ParticipantRecord:
        """Store a checked referral; returns the new participant with its reference."""
        from workwell_tui.db import participants
        from workwell_tui.db.read_models import participant_record

        with self.unit_of_work() as session:
            added = participants.add_participant(session, referral, self.actor, clock.today())
        return participant_record(added)

    def assessment_draft(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind | None = None
    ) -> DraftAssessment | None:
        """The participant's open draft assessment, if there is one."""
        from workwell_tui.db import assessments
        from workwell_tui.db.read_models import draft_assessment

        with self.session() as session:
            found = assessments.open_draft(session, participant_id, kind)
            return None if found is None else draft_assessment(found)

    def assessed(self, participant_id: uuid.UUID | str) -> bool:
        """Whether the participant has a completed assessment (signposting at referral has none)."""
        from workwell_tui.db import assessments

        with self.session() as session:
            return assessments.latest_completed(session, participant_id) is not None

    def start_assessment(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind
    ) -> DraftAssessment:
        """Resume the open draft of `kind`, or start one."""
        from workwell_tui.db import assessments
        from workwell_tui.db.read_models import draft_assessment

        with self.unit_of_work() as session:
            started = assessments.start_assessment(
                session,
                participant_id,
                kind,
                self.actor,
                clock.today(),
                self.settings.eligibility_rule,
            )
        return draft_assessment(started)

    def save_assessment(
        self, assessment_id: uuid.UUID | str, step: int, answers: dict[str, Any]
    ) -> datetime:
        """Autosave a draft; returns when it was saved."""
        from workwell_tui.db import assessments

        with self.unit_of_work() as session:
            return assessments.save_draft(session, assessment_id, step, answers)

    def discard_untouched_draft(self, assessment_id: uuid.UUID | str) -> bool:
        """Delete a draft with no answers at all (opened by mistake); True if it went."""
        from workwell_tui.db import assessments

        with self.unit_of_work() as session:
            return assessments.discard_untouched(session, assessment_id, self.actor)

    def complete_assessment(
        self, assessment_id: uuid.UUID | str, kind: AssessmentKind, answers: dict[str, Any]
    ) -> Completed:
        """Finish an assessment: measures, stage, and (when eligible) a draft plan."""
        from workwell_tui.db import assessments
        from workwell_tui.domain.assessment.outcome import build_outcome

        today = clock.today()
        weeks = self.settings.plan_length_weeks
        outcome = build_outcome(kind, answers, today, weeks)
        with self.unit_of_work() as session:
            return assessments.complete(
                session,
                assessment_id,
                answers,
                outcome,
                actor=self.actor,
                today=today,
                plan_weeks=weeks,
                review_weeks=list(self.settings.review_weeks),
            )

    def service_names(self) -> list[str]:
        """Names of the services in the local directory, for signposting suggestions."""
        from sqlmodel import col, select

        from workwell_tui.db.models import Service

        with self.session() as session:
            return list(session.exec(select(Service.name).order_by(col(Service.name))))

    def close(self) -> None:
        """Release connections (SQLite checkpoints the WAL on last close)."""
        if self._engine is not None:
            self._engine.dispose()


def _open_engine(backend: Backend, backup_dir: Path | None) -> Engine:
    from sqlalchemy.exc import DatabaseError

    from workwell_tui.db.errors import SchemaError
    from workwell_tui.db.schema import ensure_schema

    engine = backend.create_engine()
    try:
        ensure_schema(engine, backup_dir=backup_dir, backend=backend)
    except SchemaError as error:
        engine.dispose()
        raise StoreError(error.message) from None
    except StoreError:
        engine.dispose()
        raise
    except DatabaseError:
        engine.dispose()
        raise StoreError(corrupt_message(backend.database_file)) from None
    return engine
