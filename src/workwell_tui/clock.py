"""The one source of "now" and "today", so tests and demo data can freeze time.

`WORKWELL_TODAY=2026-11-22` (or `2026-11-22T14:05`) pins the clock for demos, snapshots and
benchmarks; tests may also call `freeze()`.
"""

from __future__ import annotations

import os
from datetime import date, datetime

_frozen: datetime | None = None


def freeze(moment: datetime | None) -> None:
    """Pin the clock to `moment` (naive means local time); `None` lets it run again."""
    global _frozen
    _frozen = moment.astimezone() if moment is not None and moment.tzinfo is None else moment


def now() -> datetime:
    """The current local time, timezone-aware, to the second."""
    if _frozen is not None:
        return _frozen
    pinned = os.environ.get("WORKWELL_TODAY")
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            moment = None
        if moment is not None:
            if "T" not in pinned and " " not in pinned:
                moment = moment.replace(hour=9, minute=30)
            return moment.astimezone() if moment.tzinfo is None else moment
    return datetime.now().astimezone().replace(microsecond=0)


def today() -> date:
    """Today's date from `now()`."""
    return now().date()
