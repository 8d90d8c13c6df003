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
from typing import TYPE_CHECKING

from workwell_tui import clock
from workwell_tui.config import Paths, Settings, default_actor
from workwell_tui.db.adjustment_store import AdjustmentMethods
from workwell_tui.db.backends import Backend, backend_for
from workwell_tui.db.caseload import rows_to_caseload
from workwell_tui.db.errors import StoreError, corrupt_message
from workwell_tui.db.store_assessments import AssessmentMethods
from workwell_tui.db.store_audit import AuditMethods
from workwell_tui.db.store_directory import DirectoryMethods
from workwell_tui.db.store_forms import FormStore
from workwell_tui.db.store_plans import PlanMethods
from workwell_tui.domain.caseload import CaseloadRow

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from workwell_tui.domain.adjustments.catalogue import Catalogue
    from workwell_tui.domain.export import ExportView
    from workwell_tui.domain.records import ParticipantRecord
    from workwell_tui.domain.referral import NewReferral

__all__ = ["Store", "StoreError", "corrupt_message", "damaged_message", "database_url"]


def database_url(url: str, passphrase: str | None) -> str:
    """The URL to open: a SQLite file that is encrypted (or new, with a passphrase) goes to the
    SQLCipher backend; everything else as given."""
    from workwell_tui.db.backends import url_scheme
    from workwell_tui.db.paths import encrypted_url, file_state, sqlite_file

    path = sqlite_file(url)
    if path is None or url_scheme(url) not in ("sqlite", "sqlite+pysqlite"):
        return url
    state = file_state(path)
    if state == "encrypted" or (passphrase is not None and state == "missing"):
        return encrypted_url(path)
    return url


def damaged_message(path: Path | None, backup_dir: Path | None) -> str:
    """What to say when quick_check finds damage: which backup `workwell restore` would use."""
    from workwell_tui.db.backup import newest_backup

    newest = newest_backup(backup_dir) if backup_dir is not None else None
    where = f" ({path.name})" if path is not None else ""
    offer = (
        f"Run `workwell restore` to put back the newest backup ({newest.name}); the damaged "
        "file is kept aside."
        if newest is not None
        else "There is no backup in the data folder to restore from."
    )
    return (
        f"The database{where} is damaged: SQLite's check found broken pages. Nothing has been "
        f"changed. {offer}"
    )


class Store(
    AssessmentMethods, PlanMethods, FormStore, DirectoryMethods, AdjustmentMethods, AuditMethods
):
    """An open database with the coach's settings (more methods: `store_plans`, `store_forms`,
    `store_directory`, `adjustment_store`, `store_audit`)."""

    def __init__(
        self,
        settings: Settings,
        actor: str,
        engine: Engine | None = None,
        url: str = "",
        backup_dir: Path | None = None,
        config_dir: Path | None = None,
    ) -> None:
        self.settings = settings
        # Where the area's adjustment catalogue may be; None: the built-in catalogue only.
        self.config_dir = config_dir
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
        passphrase: str | None = None,
        check_later: bool = False,
    ) -> Store:
        """Open (creating or upgrading) the database at `paths`; StoreError says what is wrong.

        `fill` (the demo's, given by the command line) runs when the database has nobody in it;
        storage itself knows nothing of demo data. An encrypted file needs `passphrase`; a new
        file is created encrypted when one is given. Damage is looked for (quick_check) first,
        unless `check_later` (the app: it calls `check_damage` once the caseload is on screen,
        as quick_check reads every page and would hold up the first rows).
        """
        store = cls(
            settings=settings,
            actor=settings.coach_name or default_actor(),
            url=database_url(paths.database_url, passphrase),
            backup_dir=paths.data_dir / "backups",
            config_dir=paths.config_dir,
        )
        store.backend.check_place()
        if store.backend.needs_unlock:
            if passphrase is None:
                from workwell_tui.db.errors import PassphraseNeeded

                raise PassphraseNeeded()
            store.backend.unlock(passphrase)
            store.backend.check_key()
        if not check_later:
            store.check_damage()
        if store.backend.ready_for_fast_read(needs_people=fill is not None):
            store._fast_read = True
            return store
        store.engine  # noqa: B018 - create and migrate now
        if fill is not None:
            fill(store)
        return store

    def check_damage(self) -> None:
        """Raise StoreError (offering the newest backup) when quick_check finds damage."""
        if self.backend.quick_check():
            raise StoreError(damaged_message(self.backend.database_file, self.backup_dir))

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

    def participant_by_reference(self, reference: str) -> ParticipantRecord | None:
        """One participant by reference (WW-000123), as a read model."""
        from workwell_tui.db import participants
        from workwell_tui.db.read_models import participant_record

        with self.session() as session:
            found = participants.find_by_reference(session, reference)
            return None if found is None else participant_record(found)

    def add_referral(self, referral: NewReferral) -> ParticipantRecord:
        """Store a checked referral; returns the new participant with its reference."""
        from workwell_tui.db import participants
        from workwell_tui.db.read_models import participant_record

        with self.unit_of_work() as session:
            added = participants.add_participant(session, referral, self.actor, clock.today())
        return participant_record(added)

    def backup(self, target: Path | None = None) -> Path:
        """Copy the database (checked, atomic, encrypted if it is) to `target`, or into the
        backup folder named by the time; audited."""
        from workwell_tui.db.audit import record_event
        from workwell_tui.db.backends.sqlite import SqliteBackend

        backend = self.backend
        if not isinstance(backend, SqliteBackend) or backend.path is None:
            return backend.backup(self.engine, self.backup_dir or Path("."), "manual")
        if target is None:
            folder = self.backup_dir or backend.path.parent
            target = folder / f"{backend.path.stem}-{clock.now():%Y-%m-%d-%H%M%S}.sqlite3"
        made = backend.backup_to(self._engine, target)
        with self.unit_of_work() as session:
            record_event(session, self.actor, "backup", "database", detail=made.name)
        return made

    def erase_participant(self, participant_id: uuid.UUID | str) -> int:
        """Remove a participant and everything linked, leaving no trace in the file or its WAL
        (secure_delete, checkpoint, VACUUM); audited without personal data. Rows removed."""
        from workwell_tui.db.erase import erase_participant, scrub_file

        with self.unit_of_work() as session:
            removed = erase_participant(session, participant_id, self.actor)
        scrub_file(self.engine)
        return removed

    def verify_audit(self) -> str | None:
        """The audit log's first broken link, or None when it is intact."""
        from workwell_tui.db.audit import verify_chain

        with self.session() as session:
            return verify_chain(session)

    def adjustment_catalogue(self) -> Catalogue:
        """The built-in adjustment catalogue plus the area's additions when they can be read (the
        checklist screen says what is wrong with a bad file; here its items just go unnamed)."""
        from workwell_tui.config_adjustments import load_catalogue

        return load_catalogue(self.config_dir).catalogue

    # Exports: one read for the document, one audit entry for each file written.

    def export_view(self, participant_id: uuid.UUID | str) -> ExportView | None:
        """Everything an export may show about one participant, or None."""
        from workwell_tui.db.export_read import export_view

        catalogue = self.adjustment_catalogue()
        with self.session() as session:
            return export_view(
                session,
                participant_id,
                clock.now(),
                self.settings.coach_name,
                self.settings.area,
                catalogue,
            )

    def export_view_by_reference(self, reference: str) -> ExportView | None:
        """The export view of the participant with this reference (WW-000123), or None."""
        from workwell_tui.db.export_read import export_view_by_reference

        catalogue = self.adjustment_catalogue()
        with self.session() as session:
            return export_view_by_reference(
                session,
                reference,
                clock.now(),
                self.settings.coach_name,
                self.settings.area,
                catalogue,
            )

    def record_export(self, participant_id: uuid.UUID | str, audience: str, pdf: bool) -> None:
        """Audit one export: who, which audience, which participant; never the content."""
        from workwell_tui.db.audit import record_event

        with self.unit_of_work() as session:
            detail = f"{audience}, markdown and pdf" if pdf else f"{audience}, markdown"
            record_event(
                session, self.actor, "participant.export", "participant", participant_id, detail
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

    def forget_engine(self) -> None:
        """Close and drop the engine; the next use makes a new one (after a rekey: the old
        engine's URL carries the old key)."""
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()
            self._engine = None


def _open_engine(backend: Backend, backup_dir: Path | None) -> Engine:
    from sqlalchemy.exc import DatabaseError, NoSuchModuleError

    from workwell_tui.db.errors import SchemaError
    from workwell_tui.db.schema import ensure_schema

    try:
        engine = backend.create_engine()
    except ImportError as error:
        raise StoreError(driver_missing_message(backend.url, error.name)) from None
    except NoSuchModuleError:
        raise StoreError(driver_missing_message(backend.url, None)) from None
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


def driver_missing_message(url: str, module: str | None) -> str:
    """What to say when the database driver a URL needs is not installed (psycopg...)."""
    from workwell_tui.db.backends import url_scheme

    package = (module or "").split(".")[0] or "its driver"
    hint = "psycopg[binary]" if package.startswith("psycopg") else package
    return (
        f"The database driver for {url_scheme(url)} ({package}) is not installed, so WorkWell "
        f"cannot reach that database. Nothing has been changed. Install it with "
        f"`pip install '{hint}'`, or check --database-url / WORKWELL_DATABASE_URL."
    )
