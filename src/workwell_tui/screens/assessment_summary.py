"""The assessment read back on one page, with a way back to change any step."""

from __future__ import annotations

from datetime import date

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Static

from workwell_tui.domain.assessment_outcome import summary_sections
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.questions import Answers

LABEL_WIDTH = 28


def summary_widgets(kind: AssessmentKind, answers: Answers, today: date) -> list[Widget]:
    """One block per step (its answers and an Edit button), then the button that finishes."""
    widgets: list[Widget] = []
    for section in summary_sections(kind, answers, today):
        lines = "\n".join(
            f"{label[: LABEL_WIDTH - 1]:<{LABEL_WIDTH}}{value}" for label, value in section.lines
        )
        body = Static(lines, classes="summary-lines", markup=False)
        edit = Button(
            f"Edit {section.step.title.lower()}",
            name=section.step.key.value,
            classes="edit-step",
            compact=True,
        )
        block = Vertical(
            Horizontal(
                Static(section.step.title, classes="summary-title", markup=False),
                edit,
                classes="summary-head",
            ),
            body,
            classes="summary-section",
        )
        widgets.append(block)
    finish = "Store review measures" if kind is AssessmentKind.REVIEW else "Confirm and make plan"
    widgets.append(Button(finish, id="finish", variant="primary", compact=True))
    return widgets
