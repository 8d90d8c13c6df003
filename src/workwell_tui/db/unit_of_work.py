"""One user action, one transaction: a session that commits once at the end, or not at all.

Query functions in `db/` add, change and flush, but never commit; the Store wraps each action the
coach takes ("save an objective, log a contact and change the stage") in `unit_of_work`, so it
lands whole or not at all. This is also the one place a version clash, a busy file or a database
server that has gone away becomes a coach's message (a `StoreError`), never a driver's traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from workwell_tui.db.errors import StaleRecordError, StoreError

__all__ = ["check_version", "not_reached_message", "unit_of_work"]


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session for one action: commit on leaving, roll back on any error.

    Objects stay readable after the commit (`expire_on_commit=False`) so callers can build read
    models from them. A stale write (someone saved the row since it was read) rolls back and
    raises `StaleRecordError`.
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except StaleDataError:
        session.rollback()
        raise StaleRecordError() from None
    except (OperationalError, InterfaceError) as error:
        # The driver's text can quote the SQL and its values: it goes no further than here.
        _roll_back_quietly(session)
        raise StoreError(not_reached_message(engine.dialect.name, error)) from None
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def not_reached_message(dialect: str, error: OperationalError | InterfaceError) -> str:
    """What to tell the coach when the database could not take a change."""
    if dialect == "sqlite":
        if "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower():
            return (
                "The database is busy (locked by another program), so this was not saved. "
                "Nothing you saved before has changed. Try again in a moment."
            )
        return (
            "The database file could not be written, so this was not saved. Nothing you saved "
            "before has changed. Check the disk has space, then try again."
        )
    return (
        "The database server cannot be reached, so this was not saved. Nothing you saved "
        "before has changed. Check the network or ask whoever runs the server, then try again."
    )


def _roll_back_quietly(session: Session) -> None:
    # With the connection gone, rolling back can fail too; the server drops the transaction.
    with suppress(OperationalError, InterfaceError):
        session.rollback()


def check_version(current: int, expected: int | None) -> None:
    """Refuse a change made from a copy read at `expected` when the row is now at `current`."""
    if expected is not None and current != expected:
        raise StaleRecordError()
