"""One user action, one transaction: a session that commits once at the end, or not at all.

Query functions in `db/` add, change and flush, but never commit; the Store wraps each action the
coach takes ("save an objective, log a contact and change the stage") in `unit_of_work`, so it
lands whole or not at all. This is also the one place a version clash becomes a coach's message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from workwell_tui.db.errors import StaleRecordError

__all__ = ["check_version", "unit_of_work"]


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
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def check_version(current: int, expected: int | None) -> None:
    """Refuse a change made from a copy read at `expected` when the row is now at `current`."""
    if expected is not None and current != expected:
        raise StaleRecordError()
