"""Agree and start: the plan becomes active, week 1 beginning on the start date (default today),
for the plan length the area uses (a setting: 8, 12 and 16 are common). The rules are
`domain.plan.closure.check_agreement`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.widget import Widget
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.plan.closure import check_agreement
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.screens.plan.form import PlanForm, Save
from workwell_tui.widgets.form_field import FormField


class AgreeForm(PlanForm):
    """Start date and plan length."""

    def __init__(self, title: str, view: PlanView, length_weeks: int) -> None:
        super().__init__(title)
        self.view = view
        self.length_weeks = length_weeks

    def fields(self) -> Iterable[Widget]:
        """Start date (today), then the length."""
        yield FormField(
            "Starts on",
            Input(uk_short(clock.today()), placeholder="dd/mm/yyyy", compact=True, id="start_date"),
            required=True,
            hint="Week 1 begins on this day",
        )
        yield FormField(
            "Weeks",
            Input(str(self.length_weeks), compact=True, id="length_weeks"),
            required=True,
            hint="How long the plan runs (your area's usual length is filled in)",
        )

    def check(self, values: Mapping[str, object]) -> tuple[dict[str, str], Save | None]:
        """The agreement's rules, and a length that holds every objective's target week."""
        view = self.view
        result = check_agreement(
            values,
            clock.today(),
            length_weeks=self.length_weeks,
            objectives=len(view.objectives),
            pending_suggestions=len(view.pending_suggestions),
        )
        errors = dict(result.errors)
        if "objectives" in errors:
            # Not a field of this form: said beside the start date, where the eye is.
            errors.setdefault("start_date", errors.pop("objectives"))
        latest = max((o.target_week or 0 for o in view.objectives), default=0)
        weeks = result.length_weeks
        if weeks is not None and latest > weeks:
            errors["length_weeks"] = f"An objective's target is week {latest}: give at least that"
        start = result.start_date
        if errors or start is None or weeks is None:
            return errors, None
        plan_id, length = view.id, weeks
        return {}, lambda store: store.agree_and_start(plan_id, start, length)
