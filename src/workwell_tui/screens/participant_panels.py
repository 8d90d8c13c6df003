"""What the participant screen's glance panels say: the plan, measures, adjustments, referrals
and recent contacts, each as a Rich renderable made from a read model.

Pure functions of `PlanView` and `RecordSummary` (no widgets, no database), so the screen only
places them. Every piece of typed text goes through `user_text`.
"""

from __future__ import annotations

from collections import Counter

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.domain.summary import RecordSummary
from workwell_tui.domain.words import plural
from workwell_tui.widgets.plan_marks import change_arrow, measure_name, status_mark
from workwell_tui.widgets.user_text import user_text

# How many objectives the panel lists; the rest are one key (p) away.
SHOWN_OBJECTIVES = 4
# Settled objectives go to the end of the panel's short list: what is still open matters now.
_SETTLED = {ObjectiveStatus.ACHIEVED, ObjectiveStatus.DROPPED, ObjectiveStatus.CHANGED}
_COUNT_ORDER = (
    ObjectiveStatus.ACHIEVED,
    ObjectiveStatus.IN_PROGRESS,
    ObjectiveStatus.NOT_STARTED,
    ObjectiveStatus.AGREED,
    ObjectiveStatus.CHANGED,
    ObjectiveStatus.DROPPED,
)


def objective_counts(objectives: tuple[ObjectiveView, ...]) -> str:
    """ "4 objectives: 1 achieved, 2 in progress, 1 not started"."""
    if not objectives:
        return "No objectives yet"
    counts = Counter(o.status for o in objectives if not o.suggested)
    suggested = sum(1 for o in objectives if o.suggested)
    parts = [f"{counts[s]} {s.label.lower()}" for s in _COUNT_ORDER if counts[s]]
    if suggested:
        parts.insert(0, f"{suggested} suggested")
    return f"{plural(len(objectives), 'objective')}: {', '.join(parts)}"


def plan_panel(view: PlanView | None) -> RenderableType:
    """The plan in a few lines: counts, then the open objectives with their target weeks."""
    if view is None:
        return Text("No plan yet: it is drafted when the assessment is confirmed.")
    head = Text(objective_counts(view.objectives))
    if view.is_draft and view.pending_suggestions:
        head = Text(
            f"Draft: {plural(len(view.pending_suggestions), 'suggestion')} to decide with them"
        )
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, justify="right")
    ordered = sorted(view.objectives, key=lambda o: (o.status in _SETTLED, o.position))
    for objective in ordered[:SHOWN_OBJECTIVES]:
        week = f"wk {objective.target_week}" if objective.target_week else ""
        grid.add_row(
            status_mark(objective.status, objective.suggested), user_text(objective.what), week
        )
    outer = Table.grid(expand=True)
    outer.add_column(ratio=1)
    outer.add_row(head)
    if view.objectives:
        outer.add_row(grid)
    return outer


def measures_panel(view: PlanView | None) -> RenderableType:
    """Each measure's baseline against the latest reading, with bands and the change."""
    changes = view.distance if view is not None else ()
    if not changes:
        return Text("No measures taken yet.")
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, justify="right")
    for change in changes:
        reading = f"{change.baseline.total} {change.baseline.band}".strip()
        if change.reviews:
            reading += f" → {change.latest.total} {change.latest.band}".rstrip()
        name = measure_name(change.instrument, change.title)
        grid.add_row(name, reading, change_arrow(change.change))
    return grid


def measures_title(view: PlanView | None) -> str:
    """ "Measures · baseline → latest", or "· baseline" before any review."""
    reviewed = view is not None and any(change.reviews for change in view.distance)
    return f"Measures · baseline{' → latest' if reviewed else ''}"


def adjustments_panel(summary: RecordSummary | None) -> RenderableType:
    """Where the adjustments stand, then each with its mark (on one line, cut if it must be)."""
    if summary is None or not summary.adjustments:
        return Text("None yet.")
    items = Text()
    for index, line in enumerate(summary.adjustments):
        if index:
            items.append("   ")
        items.append(f"{line.mark} ")
        items.append_text(user_text(line.label))
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(summary.adjustment_counts.partition(": ")[2])
    grid.add_row(items)
    return grid


def referrals_panel(summary: RecordSummary | None) -> RenderableType:
    """The newest referral: the service and where it stands."""
    latest = summary.latest_referral if summary is not None else None
    if latest is None:
        return Text("None yet.")
    return Text.assemble(user_text(latest.service_name), f": {latest.status_text}")


def contacts_line(summary: RecordSummary | None) -> Text:
    """ "Contacts (12 held): 19 Nov phone 20 min · 12 Nov in person 50 min"."""
    if summary is None or not summary.recent_contacts:
        return Text("Contacts: none held yet")
    shown = " · ".join(line.text for line in summary.recent_contacts)
    line = f"Contacts ({summary.contacts_held} held): {shown}"
    return Text(line, no_wrap=True, overflow="ellipsis")
