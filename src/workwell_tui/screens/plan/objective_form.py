"""Add, edit, reword or drop an objective: domain, what (their words), steps, target week,
status and the reason a dropped or changed objective keeps.

The checks are `domain.plan.objectives.check_objective`; what happens on save (add, edit with
the version read, reword a suggestion) is given by whoever opens the form (`objective_form`,
`reword_form`), and so is the draft key (a new objective's is its plan's; the others' the
objective's), so typing survives a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from textual.widget import Widget
from textual.widgets import Input

from workwell_tui.domain.enums import Domain, ObjectiveStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.objectives import ObjectiveDraft, check_objective
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.domain.plan.vocabulary import SuggestionChoice
from workwell_tui.screens.plan.form import PlanForm, Save
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField

SaveObjective = Callable[[ObjectiveDraft], Save]


class ObjectiveForm(PlanForm):
    """One objective's fields, filled from `objective` when editing."""

    def __init__(
        self,
        title: str,
        length_weeks: int,
        save: SaveObjective,
        objective: ObjectiveView | None = None,
        *,
        status: ObjectiveStatus | None = None,
        show_status: bool = True,
        draft: tuple[FormKind, str] | None = None,
    ) -> None:
        super().__init__(title, draft, "this objective")
        self.length_weeks = length_weeks
        self.save_objective = save
        self.objective = objective
        self.start_status = status or (
            objective.status if objective is not None else ObjectiveStatus.NOT_STARTED
        )
        self.show_status = show_status

    def fields(self) -> Iterable[Widget]:
        """Domain, what, steps, target week, status, reason."""
        objective = self.objective
        yield FormField(
            "Domain",
            Choices(
                tuple((d.value, d.label) for d in Domain),
                value=objective.domain.value if objective else None,
                numbered=True,
                id="domain",
            ),
            required=True,
            hint="1–4 or ←/→",
        )
        yield FormField(
            "What",
            Input(objective.what if objective else "", compact=True, id="what"),
            required=True,
            hint="In their words",
        )
        yield FormField(
            "Steps",
            Input(objective.steps if objective else "", compact=True, id="steps"),
            hint="Who does what",
        )
        week = objective.target_week if objective and objective.target_week else None
        yield FormField(
            "Target week",
            Input(str(week) if week else "", compact=True, id="target_week"),
            required=True,
            hint=f"1 to {self.length_weeks}",
        )
        status = FormField(
            "Status",
            Choices(
                tuple((s.value, s.label) for s in ObjectiveStatus),
                value=self.start_status.value,
                numbered=True,
                id="status",
            ),
        )
        status.display = self.show_status
        yield status
        reason = FormField(
            "Reason",
            Input(objective.status_reason if objective else "", compact=True, id="reason"),
            hint="Why it was dropped, or what it changed to",
        )
        reason.display = self.show_status  # a suggestion being reworded has no status yet
        yield reason

    def first_field(self) -> Widget | None:
        """Dropping goes to the reason, editing to the words; a new objective starts at the top."""
        if self.start_status is ObjectiveStatus.DROPPED:
            return self.query_one("#reason", Input)
        if self.objective is not None:
            return self.query_one("#what", Input)  # editing: the words are what changes most
        return super().first_field()

    def check(self, values: Mapping[str, object]) -> tuple[dict[str, str], Save | None]:
        """The objective's rules; the save the plan screen gave for a good one."""
        result = check_objective(values, self.length_weeks)
        if result.objective is None:
            return result.errors, None
        return {}, self.save_objective(result.objective)


def objective_form(
    title: str,
    view: PlanView,
    objective: ObjectiveView | None,
    kind: FormKind,
    status: ObjectiveStatus | None = None,
) -> ObjectiveForm:
    """The form that adds an objective to `view` (`objective` None) or changes `objective`."""
    # What is typed is kept as a draft under the plan (a new one) or the objective.
    draft = (kind, str(view.id if objective is None else objective.id))
    if objective is None:
        plan_id = view.id

        def save(typed: ObjectiveDraft) -> Save:
            return lambda store: store.add_objective(plan_id, typed)
    else:
        oid, version = objective.id, objective.version

        def save(typed: ObjectiveDraft) -> Save:
            return lambda store: store.edit_objective(oid, typed, version)

    return ObjectiveForm(title, view.length_weeks, save, objective, status=status, draft=draft)


def reword_form(view: PlanView, objective: ObjectiveView) -> ObjectiveForm:
    """The form that rewords a suggestion with them; saving accepts it as reworded."""
    oid = objective.id

    def save(typed: ObjectiveDraft) -> Save:
        return lambda store: store.decide_suggestion(oid, SuggestionChoice.REWORD, typed)

    return ObjectiveForm(
        "Reword suggestion", view.length_weeks, save, objective, show_status=False,
        draft=(FormKind.REWORD_SUGGESTION, str(oid)),
    )  # fmt: skip
