"""Closing a plan: how it ended, the date, a closing summary; read-only from then on.

The outcome is what the service reports on (stayed in work, returned to the same employer,
started new work, still off sick, moved to other support, withdrew, lost contact). A plan that
ran past its planned length needs a reason, unless an extension already gave one. Closing sets
the stage to closed and cancels bookings still to come. Someone with no plan under way (referred,
assessing, or a draft plan never agreed) is closed the same way, without a plan.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date, uk_short
from workwell_tui.domain.enums import PlanStatus, Stage
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.closure import Closure, check_closure
from workwell_tui.domain.plan.vocabulary import ClosureOutcome
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.note_area import NoteArea
from workwell_tui.widgets.user_text import user_text

OUTCOMES = tuple((outcome.value, outcome.label) for outcome in ClosureOutcome)


class ClosureScreen(RecordFormScreen):
    """Close one participant's plan (or their case, when there is no plan under way)."""

    FORM = FormKind.CLOSURE
    HEADING = "Close"
    WHAT = "this closure"

    def __init__(self, participant_id: str, consent_withdrawn: bool = False) -> None:
        super().__init__(participant_id)
        self.consent_withdrawn = consent_withdrawn

    def fields(self) -> ComposeResult:
        """Outcome, date, summary, and (when it ran over) why."""
        yield FormField("Outcome", Choices(OUTCOMES, numbered=True, id="outcome"), required=True)
        yield FormField(
            "Closed on", Input(placeholder="dd/mm/yyyy", compact=True, id="closed_on"),
            required=True,
        )  # fmt: skip
        yield FormField(
            "Summary",
            NoteArea(compact=True, id="summary"),
            required=True,
            hint="Where they are now and what helped; it goes on the closed plan",
        )
        yield FormField(
            "Why it ran over",
            Input(compact=True, id="overrun_reason"),
            hint="The plan went past its planned length: say why",
        )

    @property
    def open_plan(self) -> bool:
        """True when there is an agreed plan under way to close."""
        return self.plan is not None and self.plan.status is PlanStatus.ACTIVE

    def cannot_save(self) -> str | None:
        """A closed plan, or a closed case, stays as it was."""
        if self.plan is not None and not self.plan.read_only:
            return None
        if self.person is not None and self.person.stage == Stage.CLOSED.value:
            if self.plan is not None:
                return "This plan is closed: it is kept as it was and cannot be changed."
            return "This participant's case is already closed."
        return None

    def fill(self) -> None:
        """Today's date; what is being closed; a closed plan shown as it was."""
        self.query_one("#closed_on", Input).value = uk_short(clock.today())
        if self.consent_withdrawn:
            self.query_one("#outcome", Choices).value = ClosureOutcome.WITHDREW.value
        plan = self.plan
        ran_over = plan is not None and plan.weeks_over > 0 and not plan.extension_reason
        self.query_one("#field-overrun_reason").display = self.open_plan and ran_over
        lines = Text()
        if self.consent_withdrawn:
            lines.append(
                "They have taken back consent to keep their details: close their time with "
                "WorkWell now.\n",
                style="bold",
            )
        if plan is not None and plan.status is PlanStatus.CLOSED and not self.can_save:
            self.show_closed(plan.closure_outcome, plan.closed_on, plan.closing_summary)
            return
        if self.open_plan and plan is not None:
            lines.append(f"The plan is in {plan.week_text.lower()}")
            if plan.weeks_over > 0:
                lines.append(f", {plan.weeks_over} past its planned end")
            if plan.extension_reason:
                lines.append(". Extended: ")
                lines.append_text(user_text(plan.extension_reason))
            lines.append(".\n")
        else:
            lines.append("No plan is under way: this closes their time with WorkWell.\n")
        lines.append("Once closed, the plan is kept as it was and cannot be changed.", style="dim")
        self.show_context(lines)

    def show_closed(self, outcome: ClosureOutcome | None, closed_on: object, summary: str) -> None:
        """A closed plan: how it ended, shown read-only; the fields are hidden."""
        for field in self.query(FormField):
            field.display = False
        lines = Text(f"Closed {uk_date(closed_on)}", style="bold")  # type: ignore[arg-type]
        lines.append(f": {outcome.label}\n" if outcome else "\n")
        lines.append_text(user_text(summary, note=True))
        self.show_context(lines)

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """Outcome, date, summary; a reason when it ran over."""
        plan = self.plan if self.open_plan else None
        closure = check_closure(
            values,
            clock.today(),
            start=plan.start_date if plan is not None else None,
            length_weeks=plan.length_weeks if plan is not None else 0,
            extension_reason=plan.extension_reason if plan is not None else "",
        )
        if "overrun_reason" in closure.errors:
            self.query_one("#field-overrun_reason").display = True
        return closure.errors, closure

    def store_change(self, checked: object) -> Saved:
        """Close the plan (or the case), then drop the draft."""
        assert isinstance(checked, Closure) and checked.outcome is not None
        store = self.services.store
        if self.plan is not None and not self.plan.read_only:
            store.close_plan(self.plan.id, checked)
            what = "Plan closed"
        else:
            store.close_without_plan(self.participant_id, checked)
            what = "Case closed"
        self.discard_draft_now()
        return Saved(f"{what}: {checked.outcome.label}.")
