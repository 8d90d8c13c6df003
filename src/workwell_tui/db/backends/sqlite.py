"""SQLite: a private file in the coach's data folder (or memory, for tests and benchmarks).

Every connection gets WAL, synchronous=FULL, foreign keys, secure_delete and a busy timeout; a
data folder the app creates is 0700 and a database file it creates is 0600 before SQLite first
opens it. At start-up the caseload is read with the DB-API driver directly, read-only, so rows
appear without waiting for SQLAlchemy to import. Backups use SQLite's online backup API, are
checked with integrity_check and appear under their name only once complete.

A file or folder the app did not make is never changed: a foreign SQLite file is not switched to
WAL, a shared folder keeps its mode, a folder given as the database is refused untouched. The
SQLCipher backend (`sqlcipher.py`) is this one with another driver and a key.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from workwell_tui.config import ensure_private_dir
from workwell_tui.db.backends.base import Backend
from workwell_tui.db.caseload import CASELOAD_SQL, caseload_now
from workwell_tui.db.errors import StoreError, corrupt_message
from workwell_tui.db.paths import file_state, sqlite_file
from workwell_tui.db.revisions import HEAD_REVISION

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection, Engine

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SqliteBackend",
    "place_problem",
    "prepare_sqlite_file",
    "sqlite_pragma",
]

BUSY_TIMEOUT_MS = 5000
# PRAGMA takes no bound parameters, so these are written out in full; keep 5000 = BUSY_TIMEOUT_MS.
_FILE_PRAGMAS = ("PRAGMA journal_mode=WAL",)
# secure_delete: a deleted or overwritten value is zeroed in the page, not left for `strings`.
_PRAGMAS = (
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA secure_delete=ON",
)
_SETTABLE = frozenset({"cache_size"})


def sqlite_pragma(name: str, value: int) -> str:
    """A `PRAGMA name = value` statement. PRAGMA cannot take a bound parameter, so this is the
    one place one is built: only known names and a real int get through."""
    if name not in _SETTABLE or type(value) is not int:
        raise ValueError(f"refusing PRAGMA {name!r} = {value!r}")
    return "PRAGMA " + name + " = " + str(value)


def place_problem(path: Path) -> str | None:
    """Why the database cannot live at `path` (a folder, or a folder that cannot be written),
    in words a coach can act on; None when it can. Looks only: nothing is created or changed."""
    if path.is_dir():
        return (
            f"The database path ({path}) is a folder, not a file. Nothing has been changed. "
            "Give the path of a database file, or use --data-dir to choose a folder."
        )
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the nearest folder that exists is where one would be made
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"WorkWell cannot write in the data folder ({folder}): it is read-only for you. "
            "Nothing has been changed. Make it writable, or start with --data-dir pointing at "
            "a folder you can write to."
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return (
            f"WorkWell cannot read and write the database file ({path.name}). Nothing has been "
            "changed. Check who owns it, or use --data-dir to choose another folder."
        )
    return None


def prepare_sqlite_file(path: Path) -> None:
    """Create the data dir 0700 and the database file 0600 before SQLite opens it.

    Only what this creates is given those modes: an existing folder keeps its own.
    """
    problem = place_problem(path)
    if problem is not None:
        raise StoreError(problem)
    try:
        ensure_private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            if os.name == "posix":
                os.chmod(path, 0o600)  # whatever the umask
    except OSError as error:
        raise StoreError(
            f"WorkWell cannot create its database in {path.parent} ({error.strerror}). Nothing "
            "has been changed. Use --data-dir to choose a folder you can write to."
        ) from None


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

    # The DB-API side, overridden by the SQLCipher backend ---------------------------------------

    def driver(self) -> ModuleType:
        """The DB-API module that opens the file."""
        return sqlite3

    def key_statements(self, path: Path, new: bool = False) -> tuple[str, ...]:
        """Statements run first on every connection to `path` (a key, for SQLCipher)."""
        del path, new
        return ()

    def connect_file(self, path: Path, read_only: bool = False, new: bool = False) -> Any:
        """A DB-API connection to `path` (mode=ro when `read_only`: it can never change it)."""
        driver = self.driver()
        timeout = BUSY_TIMEOUT_MS / 1000
        if read_only:
            connection = driver.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        else:
            connection = driver.connect(str(path), timeout=timeout)
        for statement in self.key_statements(path, new=new):
            connection.execute(statement)
        connection.execute("PRAGMA busy_timeout=5000")
        return connection

    def _errors(self) -> type[Exception]:
        error: type[Exception] = self.driver().DatabaseError
        return error

    # Before opening ---------------------------------------------------------------------------

    def check_place(self) -> None:
        """Refuse, untouched, a database path that cannot be used (folder, read-only, 0 bytes)."""
        path = self.path
        if path is None:
            return
        problem = place_problem(path)
        if problem is not None:
            raise StoreError(problem)
        state = file_state(path)
        if state == "damaged":
            raise StoreError(corrupt_message(path))
        if state == "empty":
            raise StoreError(
                f"The database file ({path.name} in the data folder) is empty (0 bytes): a copy "
                "or a sync may have failed. Nothing has been changed. Run `workwell restore` to "
                "put back the newest good backup; if this is a new installation with no data "
                "yet, delete the empty file and start again."
            )

    def is_ours(self, path: Path) -> bool:
        """True when `path` is new, empty, or a workwell-tui database (it has a schema version or
        no tables at all): only then may the app change its journal mode or file mode."""
        if file_state(path) in ("missing", "empty"):
            return True
        try:
            connection = self.connect_file(path, read_only=True)
            try:
                names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            finally:
                connection.close()
        except self._errors():
            return False
        return not names or "alembic_version" in names

    def create_engine(self) -> Engine:
        """An engine whose every connection has the reliability pragmas applied."""
        from sqlalchemy import create_engine

        if self.path is None:
            from workwell_tui.db.backends.memory_pool import TakingTurnsPool

            # One shared connection so every thread sees the same in-memory database, lent to
            # one thread at a time so a reader never rolls back a writer's transaction.
            engine = create_engine(
                self.url, connect_args={"check_same_thread": False}, poolclass=TakingTurnsPool
            )
            self.on_connect(engine, ())
            return engine
        problem = place_problem(self.path)
        if problem is not None:
            raise StoreError(problem)
        ours = self.is_ours(self.path)
        if ours:
            prepare_sqlite_file(self.path)
            if os.name == "posix":
                os.chmod(self.path, 0o600)
        engine = create_engine(
            self.engine_url(),
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            **self.engine_options(),
        )
        # A file that is not ours keeps its journal mode; ensure_schema then refuses it.
        self.on_connect(engine, _FILE_PRAGMAS if ours else ())
        return engine

    def engine_url(self) -> Any:
        """The URL SQLAlchemy connects with (SQLCipher adds its key here)."""
        return self.url

    def engine_options(self) -> dict[str, Any]:
        """Extra `create_engine` arguments (SQLCipher names its DB-API module)."""
        return {}

    def on_connect(self, engine: Engine, file_pragmas: tuple[str, ...]) -> None:
        """Run the pragmas on every new connection."""
        from sqlalchemy import event

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                for statement in file_pragmas + _PRAGMAS:
                    cursor.execute(statement)
            finally:
                cursor.close()

    # The fast caseload read -------------------------------------------------------------------

    def ready_for_fast_read(self, needs_people: bool = False) -> bool:
        """True when the file exists at the current schema (with people, if asked)."""
        path = self.path
        state = "memory" if path is None else file_state(path)
        if state == "damaged":
            raise StoreError(corrupt_message(path))
        if path is None or state not in ("plain", "encrypted"):
            return False
        try:
            connection = self.connect_file(path, read_only=True)
            try:
                names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
                if "alembic_version" not in names:
                    return False  # the full path explains or creates
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if row is None or row[0] != HEAD_REVISION:
                    return False
                if needs_people:
                    found = connection.execute("SELECT EXISTS(SELECT 1 FROM participant)")
                    return bool(found.fetchone()[0])
                return True
            finally:
                connection.close()
        except self._errors():
            raise StoreError(corrupt_message(path)) from None

    def read_caseload_fast(self, now: datetime) -> list[tuple[Any, ...]] | None:
        """The caseload query on the file with the DB-API driver, read-only."""
        if self.path is None:
            return None
        try:
            connection = self.connect_file(self.path, read_only=True)
            try:
                connection.execute("PRAGMA query_only=ON")
                cursor = connection.execute(CASELOAD_SQL, {"now": caseload_now(now, sqlite=True)})
                rows: list[tuple[Any, ...]] = cursor.fetchall()
                return rows
            finally:
                connection.close()
        except self._errors():
            raise StoreError(corrupt_message(self.path)) from None

    def quick_check(self) -> list[str]:
        """What SQLite's quick_check finds wrong with the file (empty when it is sound)."""
        if self.path is None or file_state(self.path) not in ("plain", "encrypted"):
            return []
        try:
            connection = self.connect_file(self.path, read_only=True)
            try:
                found = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
            finally:
                connection.close()
        except self._errors() as error:
            return [type(error).__name__]
        return [] if found == ["ok"] else found

    def search_service_ids(
        self, connection: Connection, words: Sequence[str], limit: int
    ) -> list[str] | None:
        """The directory's FTS5 index (see `sqlite_search`); None if this file has none."""
        from workwell_tui.db.backends.sqlite_search import search_ids

        return search_ids(connection.connection.dbapi_connection, words, limit)

    # Backups ----------------------------------------------------------------------------------

    @property
    def can_backup(self) -> bool:
        """A file can be backed up; memory cannot."""
        return self.path is not None

    def backup(self, engine: Engine, backup_dir: Path, label: str) -> Path:
        """Copy the file with SQLite's backup API into `backup_dir`, 0600, and check the copy."""
        if self.path is None:
            return super().backup(engine, backup_dir, label)
        return self.backup_to(engine, backup_dir / f"{self.path.stem}-{label}.sqlite3")

    def backup_to(self, engine: Engine | None, target: Path) -> Path:
        """Copy the database to `target` (checked, 0600), which appears only when complete."""
        if self.path is None:
            raise StoreError("An in-memory database cannot be backed up.")
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        prepare_sqlite_file(partial)  # private (0700 folder, 0600 file) before a byte is copied
        if engine is not None:
            engine.dispose()  # let the backup see every committed page, with no pooled reader
        try:
            problems = self._copy_and_check(self.path, partial)
        except self._errors():
            partial.unlink(missing_ok=True)
            raise StoreError(corrupt_message(self.path)) from None
        if problems:
            partial.unlink(missing_ok=True)
            raise StoreError(
                f"The backup of the database ({self.path.name}) did not pass SQLite's integrity "
                "check, so nothing has been changed. Restore the database from an earlier backup."
            )
        os.replace(partial, target)  # atomic: a half-written backup never carries the name
        return target

    def check_copy(self, path: Path) -> list[str]:
        """What integrity_check finds wrong with a database file (a backup before restoring)."""
        try:
            connection = self.connect_file(path, read_only=True)
            try:
                found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                connection.close()
        except self._errors() as error:
            return [type(error).__name__]
        return [] if found == ["ok"] else found

    def _copy_and_check(self, source_path: Path, target: Path) -> list[str]:
        """Copy with the backup API; returns what integrity_check finds wrong with the copy."""
        source = self.connect_file(source_path)
        try:
            destination = self.connect_file(target, new=True)
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
