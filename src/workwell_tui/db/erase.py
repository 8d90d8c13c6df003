"""Erasure: a participant and everything linked to them, gone from the file and its WAL.

Which rows are linked is worked out from the tables' foreign keys (anything that points at the
participant, or at a row that does, and so on), so a table added later is erased too. The audit
log keeps one event naming the participant's random id and how many records went: no name, no
reference. After the delete the WAL is checkpointed and the file rebuilt (VACUUM) with
secure_delete on, so no page still holds what was removed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, delete, select, text
from sqlmodel import Session, SQLModel

from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import AuditEvent, Participant
from workwell_tui.errors import WorkwellError

__all__ = ["erase_participant", "scrub_file"]


def erase_participant(session: Session, participant_id: uuid.UUID | str, actor: str) -> int:
    """Delete the participant and every row linked to them; returns how many rows went."""
    pid = as_uuid(participant_id)
    if session.get(Participant, pid) is None:
        raise WorkwellError("This participant is no longer in the database.", "Not found")
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name != AuditEvent.__tablename__]
    linked: dict[str, set[Any]] = {"participant": {pid}}
    changed = True
    while changed:  # follow foreign keys until no new rows are reached
        changed = False
        for table in tables:
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent not in linked or not linked[parent] or fk.parent.table is not table:
                    continue
                found = set(
                    session.execute(
                        select(table.c.id).where(fk.parent.in_(linked[parent]))
                    ).scalars()
                )
                new = found - linked.setdefault(table.name, set())
                if new:
                    linked[table.name] |= new
                    changed = True
    removed = 0
    for table in reversed(tables):  # children before parents
        ids = linked.get(table.name)
        if ids:
            result: Any = session.execute(delete(table).where(table.c.id.in_(ids)))
            removed += result.rowcount or 0
    record_event(session, actor, "erase", "participant", pid, f"{removed} records")
    return removed


def scrub_file(engine: Engine) -> None:
    """Leave no trace of deleted rows: checkpoint the WAL into the file, rebuild it, empty the
    WAL (SQLite only; a server keeps its own storage)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.execute(text("PRAGMA secure_delete=ON"))
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        connection.commit()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
