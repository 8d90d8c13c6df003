"""The Store: the one door screens and commands use to reach the database.

Every method opens its own short session, so it is safe to call from a worker thread. Returned
records are detached copies; screens never hold sessions or build SQL.

Opening is quick on purpose: for a SQLite file whose schema is current, the caseload is read with
the standard library's sqlite3 driver and SQLAlchemy (with SQLModel) is only imported when the
first write or detail read needs it, after the caseload is on screen.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workwell_tui import clock
from workwell_tui.config import Paths, Settings, default_actor
from workwell_tui.db.caseload import read_engine, read_sqlite_file, rows_to_caseload
from workwell_tui.db.paths import sqlite_file
from workwell_tui.db.revisions import HEAD_REVISION
from workwell_tui.domain.caseload import CaseloadRow

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from workwell_tui.db.assessments import Completed
    from workwell_tui.db.models import Assessment, Participant
    from workwell_tui.domain.enums import AssessmentKind
    from workwell_tui.domain.referral import NewReferral


class StoreError(Exception):
    """The database cannot be opened or used; the message is safe to show a coach."""


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
        self._engine = engine
        self._engine_lock = threading.Lock()
        # Read the caseload straight from the file until the engine exists.
        self._fast_path = sqlite_file(self.url) if engine is None else None

    @classmethod
    def open(cls, paths: Paths, settings: Settings, fill_demo: bool = False) -> Store:
        """Open (creating or upgrading) the database at `paths`; StoreError says what is wrong."""
        store = cls(
            settings=settings,
            actor=settings.coach_name or default_actor(),
            url=paths.database_url,
            backup_dir=paths.data_dir / "backups",
        )
        path = store._fast_path
        if path is not None and _ready_sqlite_file(path, store_needs_people=fill_demo):
            return store
        store.engine  # noqa: B018 - create, migrate and (for the demo) fill now
        if fill_demo:
            from workwell_tui.demo_data import ensure_demo

            ensure_demo(store.engine, today=clock.now(), settings=settings)
        return store

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and the schema checked) on first use."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = _open_engine(self.url, self.backup_dir)
                self._fast_path = None
            return self._engine

    def warm(self) -> None:
        """Make the engine now (in a worker) so the first save does not wait for imports."""
        self.engine  # noqa: B018

    def session(self) -> Session:
        """A new session whose objects stay readable after commit."""
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    def caseload(self, now: datetime | None = None) -> list[CaseloadRow]:
        """Every participant as a caseload row, in next-action order."""
        moment = now or clock.now()
        path = self._fast_path
        try:
            raw = read_sqlite_file(path, moment) if path is not None else None
        except sqlite3.DatabaseError:
            raise StoreError(corrupt_message(path)) from None
        if raw is None:
            raw = read_engine(self.engine, moment)
        return rows_to_caseload(raw, moment, self.settings.no_contact_days)

    def participant(self, participant_id: uuid.UUID | str) -> Participant | None:
        """One participant, detached."""
        from workwell_tui.db import participants

        with self.session() as session:
            return participants.get_participant(session, participant_id)

    def add_referral(self, referral: NewReferral) -> Participant:
        """Store a checked referral; returns the new participant with its reference."""
        from workwell_tui.db import participants

        with self.session() as session:
            return participants.add_participant(session, referral, self.actor, clock.today())

    def assessment_draft(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind | None = None
    ) -> Assessment | None:
        """The participant's open draft assessment, if there is one."""
        from workwell_tui.db import assessments

        with self.session() as session:
            return assessments.open_draft(session, participant_id, kind)

    def start_assessment(self, participant_id: uuid.UUID | str, kind: AssessmentKind) -> Assessment:
        """Resume the open draft of `kind`, or start one."""
        from workwell_tui.db import assessments

        with self.session() as session:
            return assessments.start_assessment(
                session,
                participant_id,
                kind,
                self.actor,
                clock.today(),
                self.settings.eligibility_rule,
            )

    def save_assessment(
        self, assessment_id: uuid.UUID | str, step: int, answers: dict[str, Any]
    ) -> datetime:
        """Autosave a draft; returns when it was saved."""
        from workwell_tui.db import assessments

        with self.session() as session:
            return assessments.save_draft(session, assessment_id, step, answers)

    def complete_assessment(
        self, assessment_id: uuid.UUID | str, kind: AssessmentKind, answers: dict[str, Any]
    ) -> Completed:
        """Finish an assessment: measures, stage, and (when eligible) a draft plan."""
        from workwell_tui.db import assessments
        from workwell_tui.domain.assessment_outcome import build_outcome

        today = clock.today()
        weeks = self.settings.plan_length_weeks
        outcome = build_outcome(kind, answers, today, weeks)
        with self.session() as session:
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


def _ready_sqlite_file(path: Path, store_needs_people: bool) -> bool:
    """True when the file exists, is a database at the current schema (and has people if asked)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None or row[0] != HEAD_REVISION:
                return False
            if store_needs_people:
                found = connection.execute("SELECT EXISTS(SELECT 1 FROM participant)").fetchone()
                return bool(found[0])
            return True
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return False  # no alembic_version table: the full path explains or creates
    except sqlite3.DatabaseError:
        raise StoreError(corrupt_message(path)) from None


def _open_engine(url: str, backup_dir: Path | None) -> Engine:
    from sqlalchemy.exc import DatabaseError

    from workwell_tui.db.engine import make_engine
    from workwell_tui.db.schema import SchemaError, ensure_schema

    engine = make_engine(url)
    try:
        ensure_schema(engine, backup_dir=backup_dir)
    except SchemaError as error:
        engine.dispose()
        raise StoreError(str(error)) from None
    except DatabaseError:
        engine.dispose()
        raise StoreError(corrupt_message(sqlite_file(url))) from None
    return engine


def corrupt_message(path: Path | None) -> str:
    """What to tell a coach when the database file is damaged or not a database."""
    where = f" ({path.name} in the data folder)" if path is not None else ""
    return (
        f"The database{where} cannot be read: it looks damaged or is not a workwell-tui database. "
        "Nothing has been changed. Restore it from a backup, or start with --data-dir to use "
        "another folder."
    )
