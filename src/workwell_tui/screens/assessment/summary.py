"""The assessment read back on one page, with a way back to change any step."""

from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Static

from workwell_tui.domain.assessment.outcome import summary_sections
from workwell_tui.domain.assessment.questions import Answers
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.widgets.user_text import user_text

LABEL_WIDTH = 32


class SummarySection(Vertical):
    """One step read back: its title and an Edit button, then its answers in two columns.

    Parts, each a child widget with its class:

    | Class | Description |
    | :- | :- |
    | `summary-head` | The title and the Edit button, on one line. |
    | `summary-title` | The step's title. |
    | `summary-lines` | The answers. |
    """

    DEFAULT_CSS = """
    SummarySection {
        height: auto;
        padding-top: 1;
    }
    SummarySection > .summary-head {
        height: 1;
    }
    SummarySection .summary-title {
        width: 1fr;
        text-style: bold;
        color: $primary;
    }
    SummarySection > .summary-lines {
        padding-left: 2;
    }
    """


def summary_widgets(kind: AssessmentKind, answers: Answers, today: date) -> list[Widget]:
    """One block per step (its answers and an Edit button), then the button that finishes."""
    widgets: list[Widget] = []
    sections = summary_sections(kind, answers, today)
    # One label column for the page, as wide as its longest label (within reason).
    labels = [len(label) for section in sections for label, _ in section.lines]
    width = min(LABEL_WIDTH, max(labels, default=8))
    for section in sections:
        # A grid, so long answers wrap in their own column instead of being cut.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(width=width, style="dim", overflow="fold")
        grid.add_column(ratio=1, overflow="fold")
        for label, value in section.lines:
            grid.add_row(Text(label), user_text(value, note=True))
        edit = Button(
            f"Edit {section.step.title.lower()}",
            name=section.step.key.value,
            classes="edit-step",
            compact=True,
        )
        block = SummarySection(
            Horizontal(
                Static(section.step.title, classes="summary-title", markup=False),
                edit,
                classes="summary-head",
            ),
            Static(grid, classes="summary-lines"),
        )
        widgets.append(block)
    finish = "Store review measures" if kind is AssessmentKind.REVIEW else "Confirm and make plan"
    widgets.append(Button(finish, id="finish", variant="primary", compact=True))
    return widgets
