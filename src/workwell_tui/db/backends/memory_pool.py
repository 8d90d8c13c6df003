"""The in-memory database's one connection, lent to one thread at a time (tests, benchmarks).

An in-memory SQLite database lives inside its connection, so every thread must share that one
connection (SQLAlchemy's StaticPool). But a connection has one transaction: when a worker
reading the record closes its session, the rollback that closing does would undo, half-way, the
transaction of a worker writing at the same moment (an audit row written without its counter,
then two rows with one number). A file database has a connection per thread and SQLite's own
locks; here the pool takes turns instead: a thread holds the connection from checkout to
checkin, the same thread may check out again inside (nested sessions), and others wait.

A session left open and never closed would hold its turn until the garbage collector returns
the connection; so a long wait collects garbage once, and after `PATIENCE` seconds the waiter
goes ahead (as before this pool) rather than hang.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

__all__ = ["PATIENCE", "TakingTurnsPool"]

PATIENCE = 10.0


class _Turns:
    """A reentrant turn whose end may be signalled from another thread (a connection collected
    by the garbage collector is checked in on whichever thread collects it)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._owner: int | None = None
        self._depth = 0

    def take(self) -> None:
        """Wait for the turn (or take it again, on the thread that has it)."""
        me = threading.get_ident()
        with self._changed:
            if self._owner == me:
                self._depth += 1
                return
            start = time.monotonic()
            collected = False
            while self._owner is not None:
                waited = time.monotonic() - start
                if waited >= PATIENCE:
                    break  # an unclosed session somewhere: share, as StaticPool always did
                if waited >= 1.0 and not collected:
                    collected = True
                    self._changed.release()
                    try:
                        gc.collect()  # returns connections of sessions dropped unclosed
                    finally:
                        self._changed.acquire()
                    continue
                self._changed.wait(timeout=0.1)
            self._owner = me
            self._depth += 1

    def give(self) -> None:
        """End one turn; the last one lets the next thread in."""
        with self._changed:
            self._depth = max(0, self._depth - 1)
            if self._depth == 0:
                self._owner = None
                self._changed.notify_all()


class TakingTurnsPool(StaticPool):
    """StaticPool, one thread at a time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turns = _Turns()

    def _do_get(self) -> ConnectionPoolEntry:
        self._turns.take()
        try:
            return super()._do_get()
        except BaseException:
            self._turns.give()
            raise

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        super()._do_return_conn(record)
        self._turns.give()
