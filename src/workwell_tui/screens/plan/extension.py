"""Extending a plan past its planned length: the new length and the reason, which then shows.

Support lasts up to the plan's length (12 weeks usually; areas use 8 and 16 too). Going on
longer is allowed, but only with a reason (`domain/plan/closure.py`), kept on the plan.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input

from workwell_tui.domain.enums import PlanStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.closure import Extension, check_extension
from workwell_tui.domain.plan.weeks import MAX_LENGTH_WEEKS
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.note_area import NoteArea
from workwell_tui.widgets.user_text import user_text

EXTRA_WEEKS = 4
"""The new length first offered: a month more, the usual ask."""


class ExtensionScreen(RecordFormScreen):
    """Make one participant's plan longer, with the reason."""

    FORM = FormKind.EXTENSION
    HEADING = "Extend the plan"
    WHAT = "this extension"
    NEEDS_PLAN = True

    def fields(self) -> ComposeResult:
        """New length and why."""
        yield FormField(
            "New length",
            Input(placeholder="16", compact=True, id="length_weeks"),
            required=True,
            hint=f"In weeks, up to {MAX_LENGTH_WEEKS}",
        )
        yield FormField(
            "Reason",
            NoteArea(compact=True, id="reason"),
            required=True,
            hint="Why support goes on past the planned length; it shows on the plan",
        )

    def cannot_save(self) -> str | None:
        """Only an agreed plan still open can be extended."""
        problem = super().cannot_save()
        if problem or self.plan is None:
            return problem
        if self.plan.status is PlanStatus.DRAFT:
            return "The plan is still a draft: its length is set when it is agreed."
        if self.plan.status is PlanStatus.CLOSED:
            return "This plan is closed: it is kept as it was."
        return None

    def fill(self) -> None:
        """The length now, and a month more offered."""
        plan = self.plan
        if plan is None:
            return
        if self.can_save:
            self.query_one("#length_weeks", Input).value = str(
                min(plan.length_weeks + EXTRA_WEEKS, MAX_LENGTH_WEEKS)
            )
        lines = Text(f"The plan is {plan.length_weeks} weeks; it is in {plan.week_text.lower()}")
        if plan.weeks_over > 0:
            lines.append(f", {plan.weeks_over} past its planned end")
        lines.append(".")
        if plan.extension_reason:
            lines.append(f"\nExtended before (from {plan.extended_from_weeks} weeks): ")
            lines.append_text(user_text(plan.extension_reason))
        self.show_context(lines)

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """A longer length, and a reason."""
        assert self.plan is not None
        extension = check_extension(values, self.plan.length_weeks)
        return extension.errors, extension

    def store_change(self, checked: object) -> Saved:
        """Extend the plan, then drop the draft."""
        assert isinstance(checked, Extension) and checked.length_weeks is not None
        assert self.plan is not None
        self.services.store.extend_plan(self.plan.id, checked.length_weeks, checked.reason)
        self.discard_draft_now()
        return Saved(f"Plan extended to {checked.length_weeks} weeks.")
