"""The in-memory database (every Pilot test's) lends its one connection to one thread at a time:
a worker reading while another writes never rolls the writer back half-way."""

from __future__ import annotations

import threading

from sqlalchemy import text

from workwell_tui.db.engine import memory_engine
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import Viewed

from .test_db import referral

WRITES = 150


def test_a_reader_never_undoes_a_writer(store: Store) -> None:
    person = store.add_referral(referral())
    failures: list[str] = []
    writing = threading.Event()
    writing.set()

    def write() -> None:
        for _ in range(WRITES):
            try:
                store.record_view(Viewed.PARTICIPANT, person.id)
            except Exception as error:  # what the screen would report
                failures.append(type(error).__name__)
        writing.clear()

    def read() -> None:
        while writing.is_set():
            try:
                store.participant(person.id)
            except Exception as error:
                failures.append(type(error).__name__)

    threads = [threading.Thread(target=read), threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    with store.engine.connect() as connection:
        rows, numbers, last = connection.execute(
            text("SELECT count(*), count(DISTINCT seq), max(seq) FROM auditevent")
        ).one()
        counter = connection.execute(
            text("SELECT value FROM referencecounter WHERE name = 'audit'")
        ).scalar()
    assert rows == numbers == last == counter == WRITES + 1


def test_the_same_thread_may_nest_sessions() -> None:
    engine = memory_engine()
    try:
        with engine.connect() as outer, engine.connect() as inner:
            assert outer.execute(text("SELECT 1")).scalar() == 1
            assert inner.execute(text("SELECT 2")).scalar() == 2
    finally:
        engine.dispose()
