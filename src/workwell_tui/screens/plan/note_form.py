"""A dated progress note on one objective: what happened, and when (default today, never in the
future). Checked by `domain.plan.objectives.check_progress_note`; kept as a draft (keyed by the
objective) while it is typed."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from textual.widget import Widget
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.objectives import check_progress_note
from workwell_tui.screens.plan.form import PlanForm, Save
from workwell_tui.widgets.form_field import FormField


class NoteForm(PlanForm):
    """Note and date."""

    def __init__(self, title: str, objective_id: uuid.UUID) -> None:
        super().__init__(title, (FormKind.PROGRESS_NOTE, str(objective_id)), "a progress note")
        self.objective_id = objective_id

    def fields(self) -> Iterable[Widget]:
        """The note first (the date is usually today)."""
        yield FormField("Progress", Input(compact=True, id="note"), required=True)
        yield FormField(
            "Date",
            Input(uk_short(clock.today()), placeholder="dd/mm/yyyy", compact=True, id="date"),
        )

    def check(self, values: Mapping[str, object]) -> tuple[dict[str, str], Save | None]:
        """Some words and a date not in the future."""
        result = check_progress_note(values, clock.today())
        written_on = result.written_on
        if not result.ok or written_on is None:
            return result.errors, None
        objective_id, note = self.objective_id, result.note
        return {}, lambda store: store.add_progress_note(objective_id, written_on, note)
