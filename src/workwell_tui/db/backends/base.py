"""The one seam between the app and a kind of database: what every storage backend provides.

A backend owns how to connect (engine, pragmas, file permissions), the fast caseload read at
start-up, the backup taken before a schema change, and unlocking (for an encrypted file). The
Store and the schema code talk only to this interface, so adding SQLCipher or PostgreSQL is a new
module here plus one line in the registry (`backends/__init__.py`), not edits across `db/`.

Nothing here imports SQLAlchemy at module level: the backend is chosen on the start-up path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workwell_tui.db.errors import BackupNotSupported

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection, Engine

__all__ = ["Backend"]


class Backend(ABC):
    """How the app reaches one kind of database, named by a SQLAlchemy URL."""

    #: A short name for messages and logs ("SQLite file", "PostgreSQL"...).
    label = "database"
    #: True when a secret must be given to `unlock` before `create_engine` (SQLCipher, later).
    needs_unlock = False

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def database_file(self) -> Path | None:
        """The file holding the data, when there is one (named in messages to the coach)."""
        return None

    @abstractmethod
    def create_engine(self) -> Engine:
        """A SQLAlchemy engine with this backend's connection settings."""

    def unlock(self, secret: str) -> None:
        """Remember the secret that opens the database; nothing to do unless `needs_unlock`."""
        del secret  # a plain database has nothing to unlock

    def check_place(self) -> None:
        """Refuse, untouched, a database place that cannot be used; nothing to check here."""
        return  # a server's place is its own business

    def check_key(self) -> None:
        """Raise WrongPassphrase unless the secret opens the database; nothing to check here."""
        return  # no secret, nothing to check

    def quick_check(self) -> list[str]:
        """What a quick check of the database finds wrong (a server checks itself: nothing)."""
        return []

    def ready_for_fast_read(self, needs_people: bool = False) -> bool:
        """True when `read_caseload_fast` can run now: the schema is current (and, if asked,
        there are participants). False sends the Store down the full path (engine, migrations)."""
        del needs_people
        return False

    def read_caseload_fast(self, now: datetime) -> list[tuple[Any, ...]] | None:
        """The raw caseload rows without importing SQLAlchemy, or None if this backend cannot."""
        del now
        return None

    def read_caseload(self, engine: Engine, now: datetime) -> list[tuple[Any, ...]]:
        """The raw caseload rows through the engine (see `db/caseload.py` for the query)."""
        from workwell_tui.db.caseload import read_engine

        return read_engine(engine, now)

    def search_service_ids(
        self, connection: Connection, words: Sequence[str], limit: int
    ) -> list[str] | None:
        """Service ids matching every word (as prefixes), best first, through this database's
        own full-text search; None when it has none (the directory then uses LIKE)."""
        del connection, words, limit
        return None

    @property
    def can_backup(self) -> bool:
        """Whether `backup` can copy this database aside."""
        return False

    def backup(self, engine: Engine, backup_dir: Path, label: str) -> Path:
        """Copy the database into `backup_dir` (named with `label`), checked; returns the copy."""
        del engine, backup_dir, label
        raise BackupNotSupported(
            f"workwell-tui cannot back up this kind of database ({self.label}) itself. "
            "Use the database server's own backups. Nothing has been changed."
        )
