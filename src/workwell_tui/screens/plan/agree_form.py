"""Agree and start: the plan becomes active, week 1 beginning on the start date (default today),
for the plan length the area uses (a setting: 8, 12 and 16 are common)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.widget import Widget
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.dates import parse_uk_date, uk_short
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.domain.plan.weeks import check_plan_length
from workwell_tui.domain.text import clean_line
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
            Input(uk_short(clock.today()), placeholder="dd/mm/yyyy", compact=True, id="start"),
            required=True,
            hint="Week 1 begins on this day",
        )
        yield FormField(
            "Weeks",
            Input(str(self.length_weeks), compact=True, id="length"),
            required=True,
            hint="How long the plan runs (your area's usual length is filled in)",
        )

    def check(self, values: Mapping[str, object]) -> tuple[dict[str, str], Save | None]:
        """A real date; a length that holds every objective's target week."""
        errors: dict[str, str] = {}
        start = None
        try:
            start = parse_uk_date(clean_line(str(values.get("start") or "")))
        except ValueError as error:
            errors["start"] = str(error)
        raw = clean_line(str(values.get("length") or "")).strip()
        message = check_plan_length(raw)
        weeks = int(raw) if not message else 0
        latest = max((o.target_week or 0 for o in self.view.objectives), default=0)
        if message:
            errors["length"] = message
        elif latest > weeks:
            errors["length"] = f"An objective's target is week {latest}: give {latest} or more"
        if errors or start is None:
            return errors, None
        plan_id, begins = self.view.id, start
        return {}, lambda store: store.agree_and_start(plan_id, begins, weeks)
