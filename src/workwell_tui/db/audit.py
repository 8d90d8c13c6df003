"""The append-only audit log: who did what to which record, never health content.

Each event is chained to the one before by a hash (`audit_chain.py`). Taking the next number
bumps a counter row first, which takes the database's write lock, so two writers can never chain
to the same row; the counter also shows when rows were cut off the end. The database refuses
UPDATE, DELETE, REPLACE (and TRUNCATE on PostgreSQL) on the log (migrations 0002 and 0008).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlmodel import Session, col

from workwell_tui.config import default_actor
from workwell_tui.db.audit_chain import GENESIS, ChainRow, first_break, row_hash
from workwell_tui.db.models import AuditEvent, ReferenceCounter, utcnow

__all__ = [
    "AUDIT_COUNTER",
    "AUDIT_TRIGGERS",
    "default_actor",
    "recent_events",
    "record_event",
    "verify_chain",
]

AUDIT_COUNTER = "audit"
# The triggers that keep the log append-only, by dialect; `verify_chain` checks they are there.
AUDIT_TRIGGERS = {
    "sqlite": ("auditevent_no_update", "auditevent_no_delete", "auditevent_no_replace"),
    "postgresql": ("auditevent_no_change", "auditevent_no_truncate"),
}
_LAST = "workwell_audit_last"  # session.info key: the link just written in this session


def _next_seq(session: Session) -> int:
    counter: Any = ReferenceCounter.__table__  # type: ignore[attr-defined]
    bumped = session.execute(
        update(counter)
        .where(counter.c.name == AUDIT_COUNTER)
        .values(value=counter.c.value + 1, version=counter.c.version + 1, updated_at=utcnow())
        .returning(counter.c.value)
    ).first()
    if bumped is not None:
        return int(bumped[0])
    now = utcnow()
    session.execute(
        insert(counter).values(
            id=uuid.uuid4(), name=AUDIT_COUNTER, value=1, created_at=now, updated_at=now, version=1
        )
    )
    return 1


def record_event(
    session: Session,
    actor: str,
    action: str,
    record_type: str,
    record_id: uuid.UUID | str = "",
    detail: str = "",
) -> AuditEvent:
    """Add one audit event to the session (the caller commits with the change it describes)."""
    seq = _next_seq(session)
    last = session.info.get(_LAST)
    if seq == 1:
        previous = GENESIS
    elif last is not None and last[0] == seq - 1:
        previous = last[1]
    else:
        found = session.execute(
            select(col(AuditEvent.row_hash)).where(col(AuditEvent.seq) == seq - 1)
        )
        previous = found.scalar() or ""  # a missing row stays a break for `verify` to report
    event = AuditEvent(
        actor=actor[:100] or default_actor(),
        action=action[:60],
        record_type=record_type[:40],
        record_id=str(record_id)[:40],
        detail=detail[:200],
        at=utcnow(),
        seq=seq,
        prev_hash=previous,
    )
    event.row_hash = row_hash(
        previous, seq, str(event.id), event.at, event.actor, event.action,
        event.record_type, event.record_id, event.detail,
    )  # fmt: skip
    session.add(event)
    session.info[_LAST] = (seq, event.row_hash)
    return event


def recent_events(session: Session, limit: int = 100) -> list[AuditEvent]:
    """The newest audit events first."""
    statement = select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(limit)
    return list(session.scalars(statement))


def verify_chain(session: Session) -> str | None:
    """The first broken link of the audit log, or a missing guard trigger; None when intact."""
    dialect = session.get_bind().dialect.name
    missing = [name for name in AUDIT_TRIGGERS.get(dialect, ()) if not _has_trigger(session, name)]
    if missing:
        return f"the audit log's guard {missing[0]} has been removed"
    rows = session.execute(
        select(AuditEvent).order_by(col(AuditEvent.seq).asc().nulls_last())
    ).scalars()
    chain = (
        ChainRow(
            seq=event.seq if event.seq is not None else -1,
            id=str(event.id),
            at=event.at,
            actor=event.actor,
            action=event.action,
            record_type=event.record_type,
            record_id=event.record_id,
            detail=event.detail,
            prev_hash=event.prev_hash,
            row_hash=event.row_hash,
        )
        for event in rows
    )
    counter = session.execute(
        select(col(ReferenceCounter.value)).where(col(ReferenceCounter.name) == AUDIT_COUNTER)
    ).scalar()
    return first_break(chain, counter)


def _has_trigger(session: Session, name: str) -> bool:
    if session.get_bind().dialect.name == "sqlite":
        query = "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = :name"
    else:
        query = "SELECT 1 FROM pg_trigger WHERE tgname = :name"
    return session.execute(text(query), {"name": name}).first() is not None
