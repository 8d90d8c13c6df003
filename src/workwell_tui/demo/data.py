"""Seeded, fictional demo data: a plausible caseload for demos, screenshots and benchmarks.

Everything is relative to the `today` passed in (from `clock.now()`) and comes from one
`random.Random(seed)`, so the same seed and day give the same people, UUIDs included. Names are
random pairings from a diverse UK list; emails use example.org/.com and phones only the Ofcom drama
ranges. Rows are built in batches and inserted in bulk, in one transaction.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import Connection, Engine, func, select
from sqlmodel import SQLModel

from workwell_tui.config import Settings
from workwell_tui.db import models  # noqa: F401  (registers the tables in the metadata)
from workwell_tui.db.bulk import bulk_transaction
from workwell_tui.demo.builder import BATCH, Builder
from workwell_tui.demo.catalogue import stage_list


def highest_reference(connection: Connection) -> int:
    """The highest number in a WW-000123 style reference, 0 when there is none."""
    column = SQLModel.metadata.tables["participant"].c.reference
    best = 0
    for (reference,) in connection.execute(select(column).where(column.like("WW-%"))):
        tail = reference[3:]
        if tail.isascii() and tail.isdigit():
            best = max(best, int(tail))
    return best


def fill_demo(
    engine: Engine,
    participants: int,
    *,
    today: datetime,
    settings: Settings,
    seed: int = 2026,
    start_number: int | None = None,
) -> int:
    """Add `participants` fictional people with their records; returns how many were added."""
    if participants < 0:
        raise ValueError("participants must be 0 or more")
    if today.tzinfo is None:
        raise ValueError("today must be timezone-aware (use clock.now())")
    if participants == 0:
        return 0
    rng = random.Random(seed)
    builder = Builder(rng, today, settings)
    stages = stage_list(participants)
    rng.shuffle(stages)
    with bulk_transaction(engine) as connection:
        highest = highest_reference(connection)
        if start_number is not None and start_number <= highest:
            raise ValueError(f"start_number must be above {highest}, the highest reference")
        first = highest + 1 if start_number is None else start_number
        builder.load_services(connection)
        for offset, stage in enumerate(stages):
            builder.person(first + offset, stage)
            if (offset + 1) % BATCH == 0:
                builder.flush(connection)
        builder.flush(connection)
    return participants


def ensure_demo(
    engine: Engine, *, today: datetime, settings: Settings, participants: int = 40
) -> bool:
    """Fill the demo caseload only when there are no participants yet; returns whether it did."""
    table = SQLModel.metadata.tables["participant"]
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(table)).scalar():
            return False
    fill_demo(engine, participants, today=today, settings=settings)
    return True
