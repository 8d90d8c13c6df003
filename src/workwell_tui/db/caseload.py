"""The caseload query: one SQL statement, fast at 100,000 participants.

Each storage backend runs the same SQL (see `db/backends`): a SQLite file through the standard
library's sqlite3 driver (so the first screen does not wait ~0.5 s for SQLAlchemy to import), any
other database through SQLAlchemy. "Now" is a bound parameter, never written into the SQL. Values
come back as driver-native types or SQLite text; `_date`, `_moment` and `_weeks` accept both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from workwell_tui.domain.caseload import CaseloadRow, ParticipantFacts, build_row, next_action_key
from workwell_tui.domain.enums import Stage

if TYPE_CHECKING:
    from sqlalchemy import Engine

CASELOAD_SQL = """
SELECT p.id, p.reference, p.first_name, p.last_name, p.preferred_name, p.district, p.stage,
       p.referral_date, pl.start_date, pl.length_weeks, pl.review_weeks,
       c.last_held, c.last_review, c.next_booked,
       CASE WHEN d.participant_id IS NULL THEN 0 ELSE 1 END,
       CASE WHEN s.participant_id IS NULL THEN 0 ELSE 1 END,
       r.quiet_since, a.waiting_since
FROM participant p
LEFT JOIN plan pl ON pl.id = (
    SELECT latest.id FROM plan latest
    WHERE latest.participant_id = p.id AND latest.status = 'active'
    ORDER BY latest.start_date DESC LIMIT 1)
LEFT JOIN (
    SELECT participant_id,
           MAX(CASE WHEN status = 'held' THEN at END) AS last_held,
           MAX(CASE WHEN status = 'held' AND purpose = 'review' THEN at END) AS last_review,
           MIN(CASE WHEN status = 'booked' AND at >= :now THEN at END) AS next_booked
    FROM contact GROUP BY participant_id) c ON c.participant_id = p.id
LEFT JOIN (SELECT DISTINCT participant_id FROM assessment WHERE status = 'draft') d
    ON d.participant_id = p.id
LEFT JOIN (SELECT DISTINCT participant_id FROM safeguardingrecord WHERE status = 'open') s
    ON s.participant_id = p.id
LEFT JOIN (
    SELECT participant_id,
           MIN(COALESCE(last_update_on, status_changed_on, made_on)) AS quiet_since
    FROM referral WHERE status IN ('suggested', 'made', 'accepted', 'waiting')
    GROUP BY participant_id) r ON r.participant_id = p.id
LEFT JOIN (
    SELECT participant_id, MIN(last_update_on) AS waiting_since
    FROM adjustment WHERE status = 'raised' GROUP BY participant_id) a
    ON a.participant_id = p.id
"""


def caseload_now(now: datetime, sqlite: bool) -> object:
    """The value bound to `:now`: SQLite keeps UTC timestamps as naive text, so it gets that text
    (compared as text, exactly as the rows were written); other databases get an aware datetime."""
    utc = now.astimezone(UTC)
    return utc.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else utc


def read_engine(engine: Engine, now: datetime) -> list[tuple[Any, ...]]:
    """Run the caseload query through SQLAlchemy (PostgreSQL, in-memory SQLite…)."""
    from sqlalchemy import text

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        result = connection.execute(text(CASELOAD_SQL), {"now": caseload_now(now, sqlite)})
        return [tuple(row) for row in result]


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return _date_text(str(value)[:10])


@lru_cache(maxsize=4096)
def _date_text(text: str) -> date:
    # Thousands of people share a few hundred referral and plan dates.
    return date.fromisoformat(text)


_STAGES = {stage.value: stage for stage in Stage}


def _moment(value: object) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _weeks(value: object) -> tuple[int, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return _weeks_text(value)
    return tuple(int(week) for week in value)  # type: ignore[attr-defined]


@lru_cache(maxsize=256)
def _weeks_text(text: str) -> tuple[int, ...]:
    return tuple(int(week) for week in json.loads(text))


def _local_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        # SQLite text "2026-11-12 10:00:00.000000" in UTC: the local date only depends on the
        # hour, so thousands of contacts share a few hundred conversions.
        return _local_date_of_utc_hour(value[:13])
    moment = _moment(value)
    return None if moment is None else moment.astimezone().date()


@lru_cache(maxsize=4096)
def _local_date_of_utc_hour(hour: str) -> date:
    return datetime.fromisoformat(hour + ":00").replace(tzinfo=UTC).astimezone().date()


def facts_from_rows(rows: Iterable[Sequence[Any]]) -> list[ParticipantFacts]:
    """Turn raw caseload rows into `ParticipantFacts`."""
    facts = []
    for (
        pid,
        reference,
        first,
        last,
        preferred,
        district,
        stage,
        referred,
        plan_start,
        plan_length,
        review_weeks,
        last_held,
        last_review,
        next_booked,
        draft,
        safeguarding,
        quiet_since,
        waiting_since,
    ) in rows:
        # Positional: 100,000 of these are built at start, and keywords cost a fifth more.
        facts.append(
            ParticipantFacts(
                str(pid),
                reference,
                first,
                last,
                preferred,
                district,
                _STAGES.get(stage) or Stage(stage),
                _date(referred) or date.min,
                _date(plan_start),
                plan_length,
                _weeks(review_weeks),
                _local_date(last_held),
                _local_date(last_review),
                _moment(next_booked),
                bool(draft),
                bool(safeguarding),
                _date(quiet_since),
                _date(waiting_since),
            )
        )
    return facts


def rows_to_caseload(
    rows: Iterable[Sequence[Any]], now: datetime, no_contact_days: int = 14
) -> list[CaseloadRow]:
    """Caseload rows in next-action order."""
    today = now.date()
    caseload = [build_row(f, today, no_contact_days) for f in facts_from_rows(rows)]
    caseload.sort(key=next_action_key)
    return caseload


def load_caseload(engine: Engine, now: datetime, no_contact_days: int = 14) -> list[CaseloadRow]:
    """The whole caseload through SQLAlchemy, in next-action order."""
    return rows_to_caseload(read_engine(engine, now), now, no_contact_days)
