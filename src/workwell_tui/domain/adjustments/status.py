"""How an adjustment moves on: suggested, discussed, agreed, raised with the employer, in place.

Space on the checklist moves an item one step along that path (backspace one step back); declined
and not applicable are chosen in the details, because they end the item and need a word of why.
Moving on fills the date the step was reached, when the coach has not typed one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from workwell_tui.domain.enums import AdjustmentStatus

S = AdjustmentStatus
PATH: tuple[AdjustmentStatus, ...] = (S.SUGGESTED, S.DISCUSSED, S.AGREED, S.RAISED, S.IN_PLACE)
CLOSED: frozenset[AdjustmentStatus] = frozenset({S.IN_PLACE, S.DECLINED, S.NOT_APPLICABLE})
# Still to be settled: the "open" filter shows these.
OPEN: frozenset[AdjustmentStatus] = frozenset(set(S) - CLOSED)
# Waiting on the employer (or Access to Work) after being raised with them.
NO_UPDATE_DAYS = 21

# One symbol per status, different in shape (not only colour), as the wireframe draws them.
SYMBOLS: dict[AdjustmentStatus, str] = {
    S.SUGGESTED: "·",
    S.DISCUSSED: "○",
    S.AGREED: "●",
    S.RAISED: "◷",
    S.IN_PLACE: "✓",
    S.DECLINED: "✗",
    S.NOT_APPLICABLE: "–",
}
SHORT_WORDS: dict[AdjustmentStatus, str] = {
    S.SUGGESTED: "suggested",
    S.DISCUSSED: "discussed",
    S.AGREED: "agreed",
    S.RAISED: "raised",
    S.IN_PLACE: "in place",
    S.DECLINED: "declined",
    S.NOT_APPLICABLE: "n/a",
}


def status_of(value: str) -> AdjustmentStatus:
    """The stored value as a status; an unknown value (a newer app's) reads as suggested."""
    try:
        return AdjustmentStatus(value)
    except ValueError:
        return S.SUGGESTED


def next_status(status: AdjustmentStatus) -> AdjustmentStatus | None:
    """One step on along the path; None at the end of it, or when declined or not applicable."""
    if status not in PATH or status is PATH[-1]:
        return None
    return PATH[PATH.index(status) + 1]


def previous_status(status: AdjustmentStatus) -> AdjustmentStatus | None:
    """One step back; declined and not applicable go back to suggested; None at the start."""
    if status not in PATH:
        return S.SUGGESTED
    index = PATH.index(status)
    return PATH[index - 1] if index else None


def cannot_move_on(status: AdjustmentStatus) -> str:
    """Why space did nothing, in the coach's words."""
    if status is S.IN_PLACE:
        return "Already in place. Press ⏎ for the details to change it."
    return f"{status.label}: press ⏎ for the details to open it again."


@dataclass(frozen=True)
class StatusDates:
    """The dates a status change may fill in."""

    agreed_on: date | None
    raised_on: date | None
    in_place_on: date | None


def dates_after(status: AdjustmentStatus, dates: StatusDates, today: date) -> StatusDates:
    """Fill the date the new status was reached (typed dates are kept); going back keeps them."""
    if status is S.AGREED and dates.agreed_on is None:
        return replace(dates, agreed_on=today)
    if status is S.RAISED and dates.raised_on is None:
        return replace(dates, raised_on=today)
    if status is S.IN_PLACE and dates.in_place_on is None:
        return replace(dates, in_place_on=today)
    return dates


def waiting_too_long(status: AdjustmentStatus, last_update: date | None, today: date) -> bool:
    """Raised with the employer and nothing recorded for `NO_UPDATE_DAYS` days or more."""
    return (
        status is S.RAISED
        and last_update is not None
        and (today - last_update).days >= NO_UPDATE_DAYS
    )
