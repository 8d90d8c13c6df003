"""The database engine for a URL, made by the URL's storage backend (see `db/backends`).

SQLite gets WAL, synchronous=FULL, foreign keys, a busy timeout and private files; any other
SQLAlchemy URL goes through the generic backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workwell_tui.db.backends import backend_for
from workwell_tui.db.backends.sqlite import BUSY_TIMEOUT_MS, prepare_sqlite_file
from workwell_tui.db.paths import sqlite_file

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["BUSY_TIMEOUT_MS", "make_engine", "memory_engine", "prepare_sqlite_file", "sqlite_file"]


def make_engine(url: str) -> Engine:
    """An engine for `url`, with its backend's connection settings."""
    return backend_for(url).create_engine()


def memory_engine() -> Engine:
    """A fresh in-memory SQLite engine with every table created (tests, benchmarks)."""
    from sqlmodel import SQLModel

    from workwell_tui.db import models  # noqa: F401  (registers the tables)

    engine = make_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    return engine
