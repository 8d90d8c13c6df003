"""The plan's week grid (WIREFRAMES.md "Plan, week grid"): one row per objective, one column per
week, then a row of contacts held, a row of review weeks and a mark under the current week.

Objectives come grouped by domain (physical, psychological, social, work), each group's name on
its first row. ↑/↓ move the highlighted objective; ←/→ ask to move its target week (the screen
saves it and hands back the plan). Weeks are three cells wide when the objective's words still
get enough room, else two (so 16 weeks fit in 80 columns), with every week number that fits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.domain.plan.grid import CONTACT, EMPTY, NOW, WeekGrid
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.widgets.plan_marks import DOMAIN_SHORT, status_word
from workwell_tui.widgets.user_text import user_text

DOMAIN_WIDTH = 8
STATUS_WIDTH = 11
# The objective's words keep at least this many cells before the weeks narrow to two cells.
MIN_WHAT = 24
HEADER_ROWS = 1
REVIEW, REVIEW_HELD = "R", "✓"
QUIET = {ObjectiveStatus.DROPPED, ObjectiveStatus.CHANGED, ObjectiveStatus.ACHIEVED}

__all__ = ["WeekGridView", "grouped", "week_labels"]


def grouped(view: PlanView) -> tuple[ObjectiveView, ...]:
    """The objectives in the grid's order: by domain, then their own order within it."""
    return tuple(o for group in view.objectives_by_domain().values() for o in group)


def week_labels(weeks: int, cell: int) -> str:
    """The header's week numbers, each at the start of its column, left out where it would
    touch the one before ("1 2 … 9 10  12  14  16" at two cells a week)."""
    line = [" "] * (weeks * cell)
    end = -2
    for week in range(1, weeks + 1):
        label = str(week)
        start = (week - 1) * cell + (1 if cell >= 3 and len(label) == 1 else 0)
        if start <= end:
            continue
        line[start : start + len(label)] = label
        end = start + len(label)
    return "".join(line)


class WeekGridView(Widget, can_focus=True):
    """The week grid of one plan, with a highlighted objective."""

    DEFAULT_CSS = """
    WeekGridView {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    WeekGridView > .week-grid--header {
        color: $foreground-muted;
        text-style: bold;
    }
    WeekGridView > .week-grid--cursor {
        background: $primary 25%;
    }
    WeekGridView:focus > .week-grid--cursor {
        background: $primary 45%;
    }
    WeekGridView > .week-grid--now {
        background: $accent 15%;
    }
    WeekGridView > .week-grid--target {
        color: $accent;
        text-style: bold;
    }
    WeekGridView > .week-grid--quiet {
        color: $foreground-muted;
    }
    WeekGridView > .week-grid--suggested {
        color: $warning;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES = {
        "week-grid--header",
        "week-grid--cursor",
        "week-grid--now",
        "week-grid--target",
        "week-grid--quiet",
        "week-grid--suggested",
    }
    """
    | Class | Description |
    | :- | :- |
    | `week-grid--header` | The header row and the row names under the objectives. |
    | `week-grid--cursor` | The highlighted objective's row. |
    | `week-grid--now` | The current week's column. |
    | `week-grid--target` | An objective's target week (◆). |
    | `week-grid--quiet` | Achieved, changed and dropped objectives. |
    | `week-grid--suggested` | A suggestion still to accept, reword or discard. |
    """

    BINDINGS = [
        Binding("up", "move_cursor(-1)", "Up", show=False),
        Binding("down", "move_cursor(1)", "Down", show=False),
        Binding("home", "cursor_to(0)", "First", show=False),
        Binding("end", "cursor_to(-1)", "Last", show=False),
    ]

    plan: reactive[PlanView | None] = reactive(None, layout=True)
    """The plan drawn; a new one keeps the same objective highlighted."""

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted objective in the grid's order."""

    @dataclass
    class Highlighted(Message):
        """Another objective is highlighted (or None when the plan has none)."""

        grid: WeekGridView
        objective: ObjectiveView | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[ObjectiveView, ...] = ()
        self.grid: WeekGrid | None = None

    # State ----------------------------------------------------------------------------------

    @property
    def objective(self) -> ObjectiveView | None:
        """The highlighted objective."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def validate_cursor(self, cursor: int) -> int:
        """Held on an objective (0 when there are none)."""
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_plan(self, old: PlanView | None, new: PlanView | None) -> None:
        """Rebuild the rows, keeping the highlighted objective where it still exists."""
        was = self.objective.id if self.objective else None
        self.rows = grouped(new) if new is not None else ()
        self.grid = new.week_grid() if new is not None else None
        ids = [o.id for o in self.rows]
        self.cursor = ids.index(was) if was in ids else self.cursor
        self.post_message(self.Highlighted(self, self.objective))
        self.refresh(layout=True)

    def watch_cursor(self, old: int, new: int) -> None:
        """Tell the screen, and keep the row in view."""
        if old != new:
            self.post_message(self.Highlighted(self, self.objective))
        self.refresh()
        self.call_after_refresh(self._keep_in_view)

    def select(self, objective_id: uuid.UUID) -> None:
        """Highlight this objective."""
        ids = [o.id for o in self.rows]
        if objective_id in ids:
            self.cursor = ids.index(objective_id)

    def _keep_in_view(self) -> None:
        if isinstance(self.parent, Widget):
            row = self.virtual_region.y + HEADER_ROWS + self.cursor
            self.parent.scroll_to_region(Region(0, row, 1, 1), animate=False)

    def action_move_cursor(self, step: int) -> None:
        """Highlight the objective above or below."""
        self.cursor = self.validate_cursor(self.cursor + step)

    def action_cursor_to(self, index: int) -> None:
        """Highlight the first or last objective."""
        self.cursor = self.validate_cursor(index if index >= 0 else len(self.rows) - 1)

    # Drawing --------------------------------------------------------------------------------

    def cell_width(self, width: int) -> int:
        """Three cells a week when the objective's words keep room, else two."""
        weeks = self.plan.length_weeks if self.plan is not None else 12
        fixed = 1 + DOMAIN_WIDTH + 1 + 1 + 1 + STATUS_WIDTH
        return 3 if width - fixed - 3 * weeks >= MIN_WHAT else 2

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """A header, a row per objective, then contacts, reviews and the now mark."""
        return HEADER_ROWS + max(1, len(self.rows)) + 3

    def render(self) -> Text:
        """The whole grid as text (a dozen rows: cheap to draw again on every change)."""
        width = max(self.content_size.width, 40)
        view, grid = self.plan, self.grid
        if view is None or grid is None:
            return Text("Reading the plan…")
        cell = self.cell_width(width)
        weeks = view.length_weeks
        what_width = max(8, width - (1 + DOMAIN_WIDTH + 1 + 1 + cell * weeks + 1 + STATUS_WIDTH))
        style = self.get_component_rich_style
        header, now_style = style("week-grid--header"), style("week-grid--now")
        lines: list[Text] = []
        head = Text(" " + "Objective".ljust(DOMAIN_WIDTH + 1 + what_width + 1), style=header)
        head.append(week_labels(weeks, cell), style=header)
        head.append(" " + "Status", style=header)
        lines.append(head)
        if not self.rows:
            lines.append(Text(" No objectives yet: press a to add one.", style=header))
        previous_domain = None
        for index, objective in enumerate(self.rows):
            row = grid.row_of(objective.id)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("▶" if index == self.cursor and self.has_focus else " ")
            domain = DOMAIN_SHORT[objective.domain] if objective.domain != previous_domain else ""
            previous_domain = objective.domain
            line.append(domain.ljust(DOMAIN_WIDTH + 1), style=header)
            what = user_text(objective.what)
            what.truncate(what_width, overflow="ellipsis", pad=True)
            line.append_text(what)
            line.append(" ")
            for cell_info in row.cells if row is not None else ():
                mark = cell_info.symbol
                text = mark.center(cell) if cell >= 3 else mark.ljust(cell)
                mark_style = style("week-grid--target") if cell_info.target else Style()
                if cell_info.week == grid.current_week:
                    mark_style = now_style + mark_style
                line.append(text, style=mark_style)
            word = status_word(objective.status, objective.suggested)
            line.append(" " + word.ljust(STATUS_WIDTH))
            if objective.suggested:
                line.stylize(style("week-grid--suggested"), 1 + DOMAIN_WIDTH + 1)
            elif objective.status in QUIET:
                line.stylize(style("week-grid--quiet"), 1 + DOMAIN_WIDTH + 1)
            if index == self.cursor:
                line.stylize(style("week-grid--cursor"))
            lines.append(line)
        lines.extend(self._footer_rows(grid, cell, what_width, header, now_style))
        return Text("\n").join(lines)

    def _footer_rows(
        self, grid: WeekGrid, cell: int, what_width: int, header: Style, now_style: Style
    ) -> list[Text]:
        indent = 1 + DOMAIN_WIDTH + 1 + what_width + 1

        def row(name: str, marks: list[str]) -> Text:
            line = Text(" " + name.ljust(indent - 1), style=header, no_wrap=True)
            for column, mark in zip(grid.columns, marks, strict=True):
                text = mark.center(cell) if cell >= 3 else mark.ljust(cell)
                line.append(text, style=now_style if column.current else Style())
            return line

        contacts = [
            (str(c.contacts) if c.contacts > 1 else CONTACT) if c.contacts else EMPTY
            for c in grid.columns
        ]
        reviews = [
            REVIEW_HELD if c.review_held else REVIEW if c.review_week else " " for c in grid.columns
        ]
        rows = [row("Contacts held", contacts), row("Reviews", reviews)]
        now = Text("", no_wrap=True)
        if grid.current_week is not None:
            offset = (grid.current_week - 1) * cell + (1 if cell >= 3 else 0)
            now.append(" " * (indent + offset) + f"{NOW} now", style=header)
        rows.append(now)
        return rows
