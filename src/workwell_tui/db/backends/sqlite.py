"""SQLite: a private file in the coach's data folder (or memory, for tests and benchmarks).

Every connection gets WAL, synchronous=FULL, foreign keys and a busy timeout; the data folder is
0700 and the file 0600 before SQLite first opens it. At start-up the caseload is read with the
standard library's sqlite3 driver, read-only, so rows appear without waiting for SQLAlchemy to
import. Backups use SQLite's online backup API and are checked with integrity_check.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workwell_tui.config import ensure_private_dir
from workwell_tui.db.backends.base import Backend
from workwell_tui.db.caseload import CASELOAD_SQL, caseload_now
from workwell_tui.db.errors import StoreError, corrupt_message
from workwell_tui.db.paths import sqlite_file
from workwell_tui.db.revisions import HEAD_REVISION

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection, Engine

__all__ = ["BUSY_TIMEOUT_MS", "SqliteBackend", "prepare_sqlite_file", "sqlite_pragma"]

BUSY_TIMEOUT_MS = 5000
# PRAGMA takes no bound parameters, so these are written out in full; keep 5000 = BUSY_TIMEOUT_MS.
_FILE_PRAGMAS = ("PRAGMA journal_mode=WAL",)
_PRAGMAS = ("PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000")
_SETTABLE = frozenset({"cache_size"})


def sqlite_pragma(name: str, value: int) -> str:
    """A `PRAGMA name = value` statement. PRAGMA cannot take a bound parameter, so this is the
    one place one is built: only known names and a real int get through."""
    if name not in _SETTABLE or type(value) is not int:
        raise ValueError(f"refusing PRAGMA {name!r} = {value!r}")
    return "PRAGMA " + name + " = " + str(value)


def prepare_sqlite_file(path: Path) -> None:
    """Create the data dir 0700 and the database file 0600 before SQLite opens it."""
    ensure_private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if os.name == "posix":
        os.chmod(path, 0o600)


def _read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: the start-up read can never create, change or lock out the file.
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.execute("PRAGMA busy_timeout=5000")
    return connection


class SqliteBackend(Backend):
    """A SQLite file (or an in-memory database when the URL names no file)."""

    label = "SQLite file"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.path = sqlite_file(url)

    @property
    def database_file(self) -> Path | None:
        """The SQLite file, or None in memory."""
        return self.path

    def create_engine(self) -> Engine:
        """An engine whose every connection has the reliability pragmas applied."""
        from sqlalchemy import create_engine, event
        from sqlalchemy.pool import StaticPool

        memory = self.path is None
        if self.path is not None:
            prepare_sqlite_file(self.path)
            engine = create_engine(
                self.url,
                connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            )
        else:
            # One shared connection so every thread sees the same in-memory database.
            engine = create_engine(
                self.url, connect_args={"check_same_thread": False}, poolclass=StaticPool
            )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                for statement in (() if memory else _FILE_PRAGMAS) + _PRAGMAS:
                    cursor.execute(statement)
            finally:
                cursor.close()

        return engine

    def ready_for_fast_read(self, needs_people: bool = False) -> bool:
        """True when the file exists at the current schema (with people, if asked)."""
        path = self.path
        if path is None or not path.exists() or path.stat().st_size == 0:
            return False
        try:
            connection = _read_only(path)
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if row is None or row[0] != HEAD_REVISION:
                    return False
                if needs_people:
                    found = connection.execute("SELECT EXISTS(SELECT 1 FROM participant)")
                    return bool(found.fetchone()[0])
                return True
            finally:
                connection.close()
        except sqlite3.OperationalError:
            return False  # no alembic_version table: the full path explains or creates
        except sqlite3.DatabaseError:
            raise StoreError(corrupt_message(path)) from None

    def read_caseload_fast(self, now: datetime) -> list[tuple[Any, ...]] | None:
        """The caseload query on the file with the stdlib driver, read-only."""
        if self.path is None:
            return None
        try:
            connection = _read_only(self.path)
            try:
                connection.execute("PRAGMA query_only=ON")
                cursor = connection.execute(CASELOAD_SQL, {"now": caseload_now(now, sqlite=True)})
                return cursor.fetchall()
            finally:
                connection.close()
        except sqlite3.DatabaseError:
            raise StoreError(corrupt_message(self.path)) from None

    def search_service_ids(
        self, connection: Connection, words: Sequence[str], limit: int
    ) -> list[str] | None:
        """The directory's FTS5 index (see `sqlite_search`); None if this file has none."""
        from workwell_tui.db.backends.sqlite_search import search_ids

        return search_ids(connection.connection.dbapi_connection, words, limit)

    @property
    def can_backup(self) -> bool:
        """A file can be backed up; memory cannot."""
        return self.path is not None

    def backup(self, engine: Engine, backup_dir: Path, label: str) -> Path:
        """Copy the file with SQLite's backup API into `backup_dir`, 0600, and check the copy."""
        if self.path is None:
            return super().backup(engine, backup_dir, label)
        target = backup_dir / f"{self.path.stem}-{label}.sqlite3"
        prepare_sqlite_file(target)  # private (0700 folder, 0600 file) before a byte is copied
        engine.dispose()  # let the backup see every committed page, with no pooled reader left
        try:
            problems = _copy_and_check(self.path, target)
        except sqlite3.DatabaseError:
            target.unlink(missing_ok=True)
            raise StoreError(corrupt_message(self.path)) from None
        if problems:
            target.unlink(missing_ok=True)
            raise StoreError(
                f"The backup of the database ({self.path.name}) did not pass SQLite's integrity "
                "check, so nothing has been changed. Restore the database from an earlier backup."
            )
        return target


def _copy_and_check(source_path: Path, target: Path) -> list[str]:
    """Copy the file with the backup API; returns what integrity_check finds wrong with the copy."""
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
            # One self-contained file: a WAL copy would leave -wal and -shm files beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
            found = [str(row[0]) for row in destination.execute("PRAGMA integrity_check")]
        finally:
            destination.close()
    finally:
        source.close()
    return [] if found == ["ok"] else found
