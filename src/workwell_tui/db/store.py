"""The Store: the one door screens and commands use to reach the database.

Every method opens its own short session, so it is safe to call from a worker thread. Returned
records are detached copies; screens never hold sessions or build SQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlmodel import Session

from workwell_tui import clock
from workwell_tui.config import Paths, Settings
from workwell_tui.db import participants
from workwell_tui.db.audit import default_actor
from workwell_tui.db.caseload import load_caseload
from workwell_tui.db.engine import make_engine
from workwell_tui.db.models import Participant
from workwell_tui.db.schema import SchemaError, ensure_schema
from workwell_tui.domain.caseload import CaseloadRow
from workwell_tui.domain.referral import NewReferral


class StoreError(Exception):
    """The database cannot be opened or used; the message is safe to show a coach."""


@dataclass
class Store:
    """An open database with the coach's settings."""

    engine: Engine
    settings: Settings
    actor: str

    @classmethod
    def open(cls, paths: Paths, settings: Settings, fill_demo: bool = False) -> Store:
        """Open (creating or upgrading) the database at `paths`; StoreError says what is wrong."""
        engine = make_engine(paths.database_url)
        try:
            ensure_schema(engine, backup_dir=paths.data_dir / "backups")
        except SchemaError as error:
            engine.dispose()
            raise StoreError(str(error)) from None
        except DatabaseError:
            engine.dispose()
            raise StoreError(corrupt_message(paths.database_file)) from None
        store = cls(engine=engine, settings=settings, actor=settings.coach_name or default_actor())
        if fill_demo:
            from workwell_tui.demo_data import ensure_demo

            ensure_demo(engine, today=clock.now(), settings=settings)
        return store

    def session(self) -> Session:
        """A new session whose objects stay readable after commit."""
        return Session(self.engine, expire_on_commit=False)

    def caseload(self, now: datetime | None = None) -> list[CaseloadRow]:
        """Every participant as a caseload row, in next-action order."""
        return load_caseload(self.engine, now or clock.now(), self.settings.no_contact_days)

    def participant(self, participant_id: uuid.UUID | str) -> Participant | None:
        """One participant, detached."""
        with self.session() as session:
            return participants.get_participant(session, participant_id)

    def add_referral(self, referral: NewReferral) -> Participant:
        """Store a checked referral; returns the new participant with its reference."""
        with self.session() as session:
            return participants.add_participant(session, referral, self.actor, clock.today())

    def close(self) -> None:
        """Release connections (the WAL is checkpointed by SQLite on last close)."""
        self.engine.dispose()


def corrupt_message(path: Path | None) -> str:
    """What to tell a coach when the database file is damaged or not a database."""
    where = f" ({path.name} in the data folder)" if path is not None else ""
    return (
        f"The database{where} cannot be read: it looks damaged or is not a workwell-tui database. "
        "Nothing has been changed. Restore it from a backup, or start with --data-dir to use "
        "another folder."
    )
