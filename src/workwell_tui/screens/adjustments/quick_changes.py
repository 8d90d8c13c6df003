"""What the checklist's quick keys change, apart from the screen: an item as it is drawn at once
(its new status and dates, or its sharing), before the save behind it comes back.

Each change bumps the version by one, as the stored update will, so the next change queued
behind it expects that version. Nothing here draws or touches the database.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from workwell_tui.domain.adjustments.consent import Consents, share_problem
from workwell_tui.domain.adjustments.records import AdjustmentRecord, ChecklistData
from workwell_tui.domain.adjustments.status import (
    StatusDates,
    cannot_move_on,
    dates_after,
    next_status,
    previous_status,
    status_of,
)
from workwell_tui.domain.enums import AdjustmentStatus


def status_step(record: AdjustmentRecord, *, forward: bool, today: date) -> AdjustmentRecord | str:
    """The item one status along the path (or back), or the words that say why it cannot."""
    status = status_of(record.status)
    new = next_status(status) if forward else previous_status(status)
    if new is None:
        return cannot_move_on(status) if forward else "Already at the start: suggested."
    return with_status(record, new, today)


def shared_or_why(
    record: AdjustmentRecord, consents: Consents, today: date
) -> AdjustmentRecord | str:
    """The item shared with the employer (or no longer), or why it may not be: sharing needs
    the participant's consent (stopping never does)."""
    share = not record.employer_shareable
    if share:
        problem = share_problem(consents, note_has_health=record.employer_note_health)
        if problem is not None:
            return problem
    return with_sharing(record, share, today)


def with_status(
    record: AdjustmentRecord, status: AdjustmentStatus, today: date
) -> AdjustmentRecord:
    """The item at `status`, with the dates that status sets."""
    dates = dates_after(
        status, StatusDates(record.agreed_on, record.raised_on, record.in_place_on), today
    )
    # One update bumps the stored version by one: the next queued change expects that.
    return replace(
        record,
        status=status.value,
        agreed_on=dates.agreed_on,
        raised_on=dates.raised_on,
        in_place_on=dates.in_place_on,
        last_update_on=today,
        version=record.version + 1,
    )


def with_sharing(record: AdjustmentRecord, share: bool, today: date) -> AdjustmentRecord:
    """The item shared with the employer, or no longer."""
    return replace(
        record, employer_shareable=share, last_update_on=today, version=record.version + 1
    )


def with_item(data: ChecklistData, record: AdjustmentRecord) -> ChecklistData:
    """The checklist with one item replaced."""
    items = tuple(record if item.id == record.id else item for item in data.items)
    return replace(data, items=items)
