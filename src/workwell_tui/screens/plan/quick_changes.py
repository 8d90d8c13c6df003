"""What the plan screen's quick keys change, apart from the screen: the plan to show at once and
the one Store call that saves it.

A `Change` pairs the two; the screen draws the plan and queues the save (saved in order, see
`ordered_saves.py`). Nothing here draws or touches the database.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.domain.plan.objectives import move_target
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.domain.plan.vocabulary import SuggestionChoice
from workwell_tui.screens.plan.form import Save
from workwell_tui.widgets.week_grid import grouped

# `s` steps through these; a changed or dropped objective taken up again goes to "in progress".
STATUS_CYCLE = (ObjectiveStatus.NOT_STARTED, ObjectiveStatus.IN_PROGRESS, ObjectiveStatus.ACHIEVED)

Change = tuple[Save, PlanView]
"""How to save a change, and the plan as it looks once saved (shown until the save is back)."""


def next_status(status: ObjectiveStatus) -> ObjectiveStatus:
    """The status `s` moves to."""
    if status in STATUS_CYCLE:
        return STATUS_CYCLE[(STATUS_CYCLE.index(status) + 1) % len(STATUS_CYCLE)]
    return ObjectiveStatus.IN_PROGRESS


def with_objective(view: PlanView, changed: ObjectiveView) -> PlanView:
    """The plan with one objective replaced (what is shown until the save comes back)."""
    objectives = tuple(changed if o.id == changed.id else o for o in view.objectives)
    return dataclasses.replace(view, objectives=objectives)


def reordered(view: PlanView, objective: ObjectiveView, step: int) -> tuple[PlanView, int]:
    """The plan with `objective` swapped with its neighbour in the same domain, and the step in
    the plan's whole order that does it (0 when it is already first or last of its domain)."""
    same = [o for o in grouped(view) if o.domain is objective.domain]
    index = same.index(objective)
    if not 0 <= index + step < len(same):
        return view, 0
    neighbour = same[index + step]
    order = list(view.objectives)
    here, there = order.index(objective), order.index(neighbour)
    order.insert(there, order.pop(here))
    objectives = tuple(dataclasses.replace(o, position=n) for n, o in enumerate(order))
    return dataclasses.replace(view, objectives=objectives), there - here


def accepted(view: PlanView, objective: ObjectiveView, today: date) -> Change:
    """A suggestion accepted as it is."""
    oid = objective.id
    shown = with_objective(view, dataclasses.replace(objective, accepted_on=today))
    return (lambda store: store.decide_suggestion(oid, SuggestionChoice.ACCEPT)), shown


def discarded(view: PlanView, objective: ObjectiveView) -> Change:
    """A suggestion discarded (it was never agreed; the audit keeps the event)."""
    oid = objective.id
    kept = tuple(o for o in view.objectives if o.id != oid)
    return (
        lambda store: store.decide_suggestion(oid, SuggestionChoice.DISCARD),
        dataclasses.replace(view, objectives=kept),
    )


def status_moved(view: PlanView, objective: ObjectiveView) -> Change:
    """The objective's status moved on: not started, in progress, achieved."""
    oid, status = objective.id, next_status(objective.status)
    shown = dataclasses.replace(objective, status=status, status_reason="")
    return (lambda store: store.set_objective_status(oid, status)), with_objective(view, shown)


def target_moved(view: PlanView, objective: ObjectiveView, step: int) -> Change | None:
    """The target week one week earlier or later (None when it cannot move that way)."""
    start = objective.target_week or view.current_week or 1
    week = move_target(start, step, view.length_weeks)
    if week == objective.target_week:
        return None
    oid = objective.id
    shown = with_objective(view, dataclasses.replace(objective, target_week=week))
    return (lambda store: store.move_target_week(oid, week)), shown


def order_moved(view: PlanView, objective: ObjectiveView, step: int) -> Change | None:
    """The objective up or down within its domain (None when it is already at that end)."""
    shown, places = reordered(view, objective, step)
    if not places:
        return None
    oid = objective.id
    return (lambda store: store.move_objective(oid, places)), shown
