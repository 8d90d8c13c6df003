"""The audit log as read back: which record views are audited, and how a long list stays readable.

Opening a record is audited as well as changing it (UK GDPR Article 30 and the NHS Data Security
and Protection Toolkit expect access to health records to be logged), but only by record id and
kind of screen, never a name or anything the coach read. A participant seen twice a week for
twelve weeks would fill their subject access export with openings, so `fold_views` counts the
openings of one kind by one coach on one day as a single line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

__all__ = ["AuditEntry", "Viewed", "fold_views", "is_view"]


class Viewed(StrEnum):
    """The screens whose opening is audited, as the action written to the log."""

    PARTICIPANT = "participant.view"
    PLAN = "plan.view"
    ADJUSTMENTS = "adjustments.view"
    REFERRALS = "referrals.view"
    EXPORT_PREVIEW = "export.preview"
    ASSESSMENT = "assessment.view"

    @property
    def record_type(self) -> str:
        """The kind of record whose id is logged: the plan's or the assessment's own for those,
        else the participant's (the checklist, referrals and export belong to the person)."""
        if self is Viewed.PLAN:
            return "plan"
        return "assessment" if self is Viewed.ASSESSMENT else "participant"


_VIEWS = frozenset(kind.value for kind in Viewed)


def is_view(action: str) -> bool:
    """Whether an audit action records an opening rather than a change."""
    return action in _VIEWS


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit event as read back (ids, kinds and counts only: never content)."""

    seq: int | None
    at: datetime
    actor: str
    action: str
    record_type: str
    record_id: str
    detail: str


def fold_views(entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """`entries` (oldest first) with each day's openings of one kind by one coach as one line,
    at the first of them, its detail saying how many ("3 times"); changes are kept as they are.
    """
    folded: list[AuditEntry] = []
    counts: dict[tuple[date, str, str, str], int] = {}
    where: dict[tuple[date, str, str, str], int] = {}
    for entry in entries:
        if not is_view(entry.action):
            folded.append(entry)
            continue
        key = (_local_day(entry.at), entry.actor, entry.action, entry.record_id)
        if key in where:
            counts[key] += 1
            folded[where[key]] = replace(folded[where[key]], detail=f"{counts[key]} times")
            continue
        where[key] = len(folded)
        counts[key] = 1
        folded.append(entry)
    return folded


def _local_day(moment: datetime) -> date:
    # As `domain.plan.weeks.local_day`, kept here: screens/base imports this module at start-up.
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()
