"""The small marks the plan is drawn with, shared by the plan screen, its week grid and the
participant screen's plan panel, so an objective looks the same wherever it shows."""

from __future__ import annotations

from workwell_tui.domain.enums import Domain, Instrument, ObjectiveStatus

SUGGESTED_MARK = "?"
STATUS_MARKS = {
    ObjectiveStatus.NOT_STARTED: "○",
    ObjectiveStatus.AGREED: "○",
    ObjectiveStatus.IN_PROGRESS: "●",
    ObjectiveStatus.ACHIEVED: "✓",
    ObjectiveStatus.CHANGED: "↻",
    ObjectiveStatus.DROPPED: "✗",
}
# Short enough for the grid's domain column at 80 columns.
DOMAIN_SHORT = {
    Domain.PHYSICAL: "Physical",
    Domain.PSYCHOLOGICAL: "Psych",
    Domain.SOCIAL: "Social",
    Domain.WORK: "Work",
}
# The 0–10 scales' full titles are too long for a panel's first column.
MEASURE_SHORT = {Instrument.CONFIDENCE: "Confidence", Instrument.SELF_RATED_HEALTH: "Health"}
SAFEGUARDING_MARK = "⚑"
# The arrow says which way the number went; whether that is better depends on the measure.
DOWN, UP = "▼", "▲"


def status_mark(status: ObjectiveStatus, suggested: bool = False) -> str:
    """One character for where an objective stands ("?" while it is still a suggestion)."""
    return SUGGESTED_MARK if suggested else STATUS_MARKS.get(status, "○")


def status_word(status: ObjectiveStatus, suggested: bool = False) -> str:
    """ "suggested", or the status in lower case ("in progress")."""
    return "suggested" if suggested else status.label.lower()


def measure_name(instrument: Instrument, title: str) -> str:
    """The measure's name, short enough for a panel ("Confidence" for "Confidence about work")."""
    return MEASURE_SHORT.get(instrument, title)


def change_arrow(change: int) -> str:
    """ "▼5" for a total 5 lower, "▲2" for 2 higher, "" for no change."""
    if change == 0:
        return ""
    return f"{DOWN if change < 0 else UP}{abs(change)}"
