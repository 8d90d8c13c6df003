"""The database engine: SQLite pragmas on every connection, private files, any SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from workwell_tui.config import ensure_private_dir
from workwell_tui.db.paths import sqlite_file

__all__ = ["make_engine", "memory_engine", "prepare_sqlite_file", "sqlite_file"]

BUSY_TIMEOUT_MS = 5000


def prepare_sqlite_file(path: Path) -> None:
    """Create the data dir 0700 and the database file 0600 before SQLite opens it."""
    ensure_private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if os.name == "posix":
        os.chmod(path, 0o600)


def _apply_pragmas(dbapi_connection: Any, _record: Any, *, memory: bool) -> None:
    cursor = dbapi_connection.cursor()
    try:
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = sqlite_file(url)
    memory = path is None
    if path is not None:
        prepare_sqlite_file(path)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        )
    else:
        # One shared connection so every thread sees the same in-memory database.
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        _apply_pragmas(dbapi_connection, record, memory=memory)

    return engine


def memory_engine() -> Engine:
    """A fresh in-memory SQLite engine with every table created (tests, benchmarks)."""
    from sqlmodel import SQLModel

    from workwell_tui.db import models  # noqa: F401  (registers the tables)

    engine = make_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    return engine
