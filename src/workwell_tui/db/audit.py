"""The append-only audit log: who did what to which record, never health content."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from workwell_tui.config import default_actor
from workwell_tui.db.models import AuditEvent

__all__ = ["default_actor", "recent_events", "record_event"]


def record_event(
    session: Session,
    actor: str,
    action: str,
    record_type: str,
    record_id: uuid.UUID | str = "",
    detail: str = "",
) -> AuditEvent:
    """Add one audit event to the session (the caller commits with the change it describes)."""
    event = AuditEvent(
        actor=actor[:100] or default_actor(),
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        detail=detail[:200],
    )
    session.add(event)
    return event


def recent_events(session: Session, limit: int = 100) -> list[AuditEvent]:
    """The newest audit events first."""
    statement = select(AuditEvent).order_by(col(AuditEvent.at).desc()).limit(limit)
    return list(session.exec(statement))
