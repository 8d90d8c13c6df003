"""The Store's audit methods: recording that a record was opened, and reading the log back.

A mixin of `Store`. Changes write their own audit events inside the unit of work that makes them
(`db/audit.record_event`); a view changes nothing, so it is its own small unit of work here.

Why a method the screens call, rather than an event written by the read methods themselves: the
same reads run on every refresh (back from a form, after each save, on every autosave of the
plan), from the palette and the command line, and in the export preview for every audience.
Only the screen knows when the coach *opened* a record, so each screen calls `record_view` once
when its first read has been shown, from a worker (`screens/base.audit_view`): the record is on
screen before the write starts, and a busy database delays only the audit line, never the read.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import UTC
from typing import TYPE_CHECKING

from workwell_tui.domain.audit import AuditEntry, Viewed

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["AuditMethods"]


class AuditMethods:
    """Audit methods of the Store (which gives `actor`, `session`, `unit_of_work`)."""

    actor: str

    def session(self) -> Session:  # pragma: no cover - the Store's own
        """A read session (the Store's)."""
        raise NotImplementedError

    def unit_of_work(self) -> AbstractContextManager[Session]:  # pragma: no cover
        """One transaction (the Store's)."""
        raise NotImplementedError

    def record_view(self, kind: Viewed, record_id: uuid.UUID | str, detail: str = "") -> None:
        """Audit that the coach opened a record: its kind and id, never what it holds."""
        from workwell_tui.db.audit import record_event

        # One spelling of an id (screens may hold it as 32 hex digits): the participant's
        # export finds their events by it.
        ident = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
        with self.unit_of_work() as session:
            record_event(session, self.actor, kind.value, kind.record_type, ident, detail)

    def audit_entries(self, limit: int = 50) -> list[AuditEntry]:
        """The newest `limit` audit events, newest first."""
        from workwell_tui.db.audit import recent_events

        with self.session() as session:
            return [
                AuditEntry(
                    seq=event.seq,
                    # SQLite gives back a naive UTC time; PostgreSQL an aware one.
                    at=event.at if event.at.tzinfo else event.at.replace(tzinfo=UTC),
                    actor=event.actor,
                    action=event.action,
                    record_type=event.record_type,
                    record_id=event.record_id,
                    detail=event.detail,
                )
                for event in recent_events(session, limit)
            ]
