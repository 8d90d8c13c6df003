"""Bulk inserts for large fills (the demo's 100,000 participants): complete rows, one
executemany each, inside one transaction with a big SQLite page cache."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Engine, Table

from workwell_tui.db.backends.sqlite import sqlite_pragma

SQLITE_CACHE_KIB = 131072  # random UUID keys touch index pages everywhere: keep them in memory


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert complete rows with one executemany of SQLAlchemy's compiled INSERT.

    Each value goes through its column's own SQLAlchemy type, as `connection.execute` would do,
    but column by column, once per distinct date or time (they repeat), and without Core's
    per-row parameter handling, which is most of the time at 100,000 participants.
    """
    dialect = connection.dialect
    compiled = table.insert().compile(dialect=dialect)
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    columns = [list(values) for values in zip(*map(itemgetter(*names), rows), strict=True)]
    for index, name in enumerate(names):
        kind = table.c[name].type
        process = kind.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            continue
        if isinstance(getattr(kind, "impl_instance", kind), Date | DateTime):
            done = {value: process(value) for value in set(columns[index])}
            columns[index] = list(map(done.__getitem__, columns[index]))
        else:
            columns[index] = list(map(process, columns[index]))
    params = list(zip(*columns, strict=True))
    if compiled.positional:
        connection.exec_driver_sql(compiled.string, params)
    else:
        named = [dict(zip(names, values, strict=True)) for values in params]
        connection.exec_driver_sql(compiled.string, named)


@contextmanager
def bulk_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction, with a big SQLite page cache and the garbage collector paused."""
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived rows without cycles: collections would only cost time
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
                connection.exec_driver_sql(sqlite_pragma("cache_size", -SQLITE_CACHE_KIB))
                connection.commit()
            try:
                with connection.begin():
                    yield connection
            finally:
                if sqlite:
                    connection.exec_driver_sql(sqlite_pragma("cache_size", int(cache or 0)))
                    connection.commit()
    finally:
        if collecting:
            gc.enable()
