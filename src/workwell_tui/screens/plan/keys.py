"""Which of the plan screen's keys apply, read from the plan and the highlighted objective.

A draft's suggestions take accept, reword and discard; a running plan's agreed objectives take
edit, status, drop, note, order and target; the keys to other screens about the participant
need a plan (a review one that is running). A closed plan only reads.
"""

from __future__ import annotations

from workwell_tui.domain.enums import PlanStatus
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.screens.navigation import (
    ClosePlan,
    ExportPlan,
    ExtendPlan,
    LogContact,
    ParticipantDestination,
    StartReview,
)

DESTINATIONS: dict[str, type[ParticipantDestination]] = {
    kind.__name__: kind for kind in (LogContact, StartReview, ExportPlan, ClosePlan, ExtendPlan)
}
# What each action needs of the highlighted objective: a suggestion, or an agreed objective.
ON_SUGGESTION = {"accept", "reword", "discard"}
ON_AGREED = {"edit", "status", "drop", "note", "reorder", "target"}
OFFERED: tuple[tuple[str, tuple[object, ...]], ...] = (
    *((action, ()) for action in ("accept", "reword", "discard", "agree", "add")),
    *((action, ()) for action in sorted(ON_AGREED)),
    *(("go", (kind,)) for kind in DESTINATIONS),
)
"""Every action the footer may show: the screen redraws it only when one of these changes."""


def allowed(
    action: str,
    parameters: tuple[object, ...],
    view: PlanView | None,
    objective: ObjectiveView | None,
) -> bool | None:
    """Whether `action` applies (None: shown, but not yet: suggestions still to decide)."""
    if action == "go":
        if view is None:
            return False
        if parameters and parameters[0] == "StartReview":
            return view.status is PlanStatus.ACTIVE
        if parameters and parameters[0] in ("LogContact", "ClosePlan", "ExtendPlan"):
            return not view.read_only
        return True
    editable = view is not None and not view.read_only
    if action == "agree":
        if not editable or view is None or not view.is_draft:
            return False
        return None if view.pending_suggestions or not view.objectives else True
    if action == "add":
        return editable
    if action in ON_SUGGESTION:
        return editable and objective is not None and objective.suggested
    if action in ON_AGREED:
        return editable and objective is not None and not objective.suggested
    return True
