"""Storage backends: the registry, SQLite's connect / fast read / backup, the generic fallback."""

from __future__ import annotations

import ast
import re
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.db.backends import backend_for
from workwell_tui.db.backends.generic import SqlAlchemyBackend
from workwell_tui.db.backends.sqlite import BUSY_TIMEOUT_MS, SqliteBackend, sqlite_pragma
from workwell_tui.db.caseload import CASELOAD_SQL, caseload_now
from workwell_tui.db.errors import BackupNotSupported, StoreError
from workwell_tui.db.schema import HEAD_REVISION, ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.errors import WorkwellError

from .test_db import referral

DB_SOURCES = Path(__file__).parents[2] / "src" / "workwell_tui" / "db"


def made_file(tmp_path: Path, people: int = 2) -> tuple[str, Path]:
    """A SQLite file at the current schema with `people` participants."""
    path = tmp_path / "data" / "workwell.sqlite3"
    url = f"sqlite:///{path}"
    engine = backend_for(url).create_engine()
    ensure_schema(engine)
    engine.dispose()
    store = Store(Settings(), "test-coach", url=url)
    for number in range(people):
        store.add_referral(referral(last=f"Khan{number}"))
    store.close()
    return url, path


# --- the registry ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///:memory:", "sqlite:////tmp/a.db", "sqlite+pysqlite:///a.db"]
)
def test_sqlite_urls_get_the_sqlite_backend(url: str) -> None:
    assert type(backend_for(url)) is SqliteBackend


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://coach@127.0.0.1:5433/workwell",
        "postgresql://coach@server/workwell",
        # An unknown driver for a known dialect must not be read as a plain SQLite file.
        "sqlite+aiosqlite:///cases.db",
    ],
)
def test_other_urls_get_the_generic_backend(url: str) -> None:
    backend = backend_for(url)
    assert type(backend) is SqlAlchemyBackend
    assert backend.read_caseload_fast(clock.now()) is None
    assert not backend.ready_for_fast_read()
    assert not backend.can_backup
    assert backend.database_file is None


def test_generic_backend_refuses_backup_with_a_clear_message(tmp_path: Path) -> None:
    backend = backend_for("postgresql+psycopg://coach@127.0.0.1/workwell")
    with pytest.raises(BackupNotSupported) as caught:
        backend.backup(None, tmp_path, "before")  # type: ignore[arg-type]
    assert isinstance(caught.value, WorkwellError)
    assert "postgresql" in caught.value.message
    assert "server's own backups" in caught.value.message
    assert not list(tmp_path.iterdir())


def test_generic_backend_reads_and_writes_through_sqlalchemy(tmp_path: Path) -> None:
    """The path a PostgreSQL URL takes, run against a SQLite file through SQLAlchemy alone."""
    url = f"sqlite:///{tmp_path / 'generic.sqlite3'}"
    backend = SqlAlchemyBackend(url)
    engine = backend.create_engine()
    assert ensure_schema(engine, backend=backend) == "created"
    store = Store(Settings(), "test-coach", engine=engine)
    store.backend = backend
    store.add_referral(referral())
    [row] = store.caseload()
    assert row.reference == "WW-000001"
    assert backend.read_caseload(engine, clock.now())[0][1] == "WW-000001"
    engine.dispose()


def test_caseload_now_is_bound_not_written_into_the_sql() -> None:
    assert ":now" in CASELOAD_SQL and "{" not in CASELOAD_SQL
    moment = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)
    assert caseload_now(moment, sqlite=True) == "2026-11-22 14:05:00.000000"
    assert caseload_now(moment, sqlite=False) == moment


# --- SQLite: connect -------------------------------------------------------------------------


def test_sqlite_engine_has_every_pragma(tmp_path: Path) -> None:
    engine = SqliteBackend(f"sqlite:///{tmp_path / 'x' / 'db.sqlite3'}").create_engine()
    with engine.connect() as connection:
        run = connection.exec_driver_sql
        assert run("PRAGMA journal_mode").scalar() == "wal"
        assert run("PRAGMA synchronous").scalar() == 2  # FULL
        assert run("PRAGMA foreign_keys").scalar() == 1
        assert run("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    engine.dispose()
    assert stat.S_IMODE((tmp_path / "x").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "x" / "db.sqlite3").stat().st_mode) == 0o600


def test_sqlite_pragma_takes_only_known_names_and_ints() -> None:
    assert sqlite_pragma("cache_size", -2000) == "PRAGMA cache_size = -2000"
    with pytest.raises(ValueError):
        sqlite_pragma("cache_size", "1; DROP TABLE participant")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        sqlite_pragma("journal_mode", 1)


# --- SQLite: the fast read -------------------------------------------------------------------


def test_fast_read_only_when_the_schema_is_current(tmp_path: Path) -> None:
    missing = SqliteBackend(f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert not missing.ready_for_fast_read()
    assert not (tmp_path / "none.sqlite3").exists()  # looking never creates the file
    old_url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = SqliteBackend(old_url)
    engine = old.create_engine()
    upgrade(engine, "0002")
    engine.dispose()
    assert not old.ready_for_fast_read()
    url, _ = made_file(tmp_path, people=0)
    assert SqliteBackend(url).ready_for_fast_read()
    assert not SqliteBackend(url).ready_for_fast_read(needs_people=True)


def test_fast_read_matches_the_engine_read(tmp_path: Path) -> None:
    url, _ = made_file(tmp_path, people=3)
    backend = SqliteBackend(url)
    fast = backend.read_caseload_fast(clock.now())
    engine = backend.create_engine()
    through_engine = backend.read_caseload(engine, clock.now())
    engine.dispose()
    assert fast is not None and len(fast) == 3
    assert sorted(row[1] for row in fast) == sorted(row[1] for row in through_engine)


def test_a_damaged_file_is_a_coach_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    backend = SqliteBackend(f"sqlite:///{path}")
    with pytest.raises(StoreError, match="damaged"):
        backend.ready_for_fast_read()
    with pytest.raises(StoreError, match=r"broken\.sqlite3"):
        backend.read_caseload_fast(clock.now())


def test_opening_a_ready_file_reads_rows_without_sqlalchemy(tmp_path: Path) -> None:
    url, _ = made_file(tmp_path, people=2)
    check = (
        "import sys\n"
        "from workwell_tui.config import Settings, resolve_paths\n"
        "from workwell_tui.db.store import Store\n"
        f"store = Store.open(resolve_paths(database_url={url!r}), Settings())\n"
        "rows = store.caseload()\n"
        "print(len(rows), 'sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "False"]


# --- SQLite: backup --------------------------------------------------------------------------


def test_backup_is_private_checked_and_one_file(tmp_path: Path) -> None:
    url, _ = made_file(tmp_path, people=2)
    backend = SqliteBackend(url)
    engine = backend.create_engine()
    copy = backend.backup(engine, tmp_path / "backups", "before-test")
    engine.dispose()
    assert copy.name == "workwell-before-test.sqlite3"
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [copy.name]  # no -wal/-shm
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("SELECT count(*) FROM participant").fetchone() == (2,)
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (HEAD_REVISION,)
    finally:
        connection.close()


def test_memory_database_cannot_be_backed_up(tmp_path: Path) -> None:
    backend = SqliteBackend("sqlite://")
    assert not backend.can_backup
    with pytest.raises(BackupNotSupported):
        backend.backup(backend.create_engine(), tmp_path, "x")


def test_unlock_is_a_hook_that_plain_files_do_not_need() -> None:
    backend = SqliteBackend("sqlite://")
    assert backend.needs_unlock is False
    backend.unlock("anything")  # nothing to unlock: no error
    engine = backend.create_engine()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1


# --- no SQL built from values ----------------------------------------------------------------

SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|WITH)\b", re.I)


def sql_built_from_values(source: str) -> list[int]:
    """Lines where an f-string, `.format` or `%` builds text that starts like SQL."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            head = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if SQL_START.match(head):
                found.append(node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant | ast.Name)
        ):
            target = node.func.value
            # A constant that reads like SQL, or a module constant named like one (CASELOAD_SQL).
            if isinstance(target, ast.Name):
                sql_like = target.id.isupper() and "SQL" in target.id
            else:
                sql_like = isinstance(target.value, str) and bool(SQL_START.match(target.value))
            if sql_like:
                found.append(node.lineno)
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mod)
            and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)
            and SQL_START.match(node.left.value)
        ):
            found.append(node.lineno)
    return found


def test_the_check_sees_sql_built_from_values() -> None:
    assert sql_built_from_values('x = f"SELECT * FROM t WHERE id = {v}"') == [1]
    assert sql_built_from_values('x = "DELETE FROM t WHERE a = {}".format(v)') == [1]
    assert sql_built_from_values("x = CASELOAD_SQL.format(now=v)") == [1]
    assert sql_built_from_values('x = "UPDATE t SET a = %s" % v') == [1]
    assert sql_built_from_values('x = text("SELECT 1 WHERE a = :a")') == []


@pytest.mark.parametrize(
    "path", sorted(DB_SOURCES.rglob("*.py")), ids=lambda p: str(p.relative_to(DB_SOURCES))
)
def test_no_sql_is_built_from_values(path: Path) -> None:
    assert sql_built_from_values(path.read_text()) == []
