"""The plan's week grid (see WIREFRAMES.md): one row per objective, one column per week.

Each cell says what happened in that week for that objective: its target week, a contact that
discussed it, and for the whole column a contact of any kind, a review week, a review held and
the current week. The screen chooses how to draw it; `symbol` gives the wireframe's marks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workwell_tui.domain.enums import ContactStatus, Domain, ObjectiveStatus

if TYPE_CHECKING:
    from workwell_tui.domain.plan.views import ContactView, ObjectiveView

TARGET, CONTACT, EMPTY, NOW = "◆", "●", "·", "▲"

__all__ = ["GridCell", "GridColumn", "GridRow", "WeekGrid", "build_week_grid"]


@dataclass(frozen=True, slots=True)
class GridCell:
    """One objective in one week."""

    week: int
    target: bool
    discussed: bool

    @property
    def symbol(self) -> str:
        """◆ target week (it wins), ● discussed at a contact, · nothing."""
        return TARGET if self.target else CONTACT if self.discussed else EMPTY


@dataclass(frozen=True, slots=True)
class GridColumn:
    """One week of the plan, across every objective."""

    week: int
    contacts: int
    review_week: bool
    review_held: bool
    current: bool


@dataclass(frozen=True, slots=True)
class GridRow:
    """One objective across the plan's weeks."""

    objective_id: uuid.UUID
    domain: Domain
    what: str
    status: ObjectiveStatus
    target_week: int | None
    suggested: bool
    cells: tuple[GridCell, ...]


@dataclass(frozen=True, slots=True)
class WeekGrid:
    """Rows of objectives by columns of weeks."""

    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    current_week: int | None

    @property
    def weeks(self) -> tuple[int, ...]:
        """The week numbers, 1..length."""
        return tuple(column.week for column in self.columns)

    def row_of(self, objective_id: uuid.UUID) -> GridRow | None:
        """The row of one objective."""
        return next((row for row in self.rows if row.objective_id == objective_id), None)


def build_week_grid(
    *,
    length_weeks: int,
    current_week: int | None,
    objectives: Sequence[ObjectiveView],
    contacts: Iterable[ContactView],
    review_weeks: Iterable[int],
    reviews_held: Iterable[int],
) -> WeekGrid:
    """The grid for a plan; dropped objectives stay (the record keeps them), shown by status."""
    weeks = range(1, length_weeks + 1)
    held_per_week: dict[int, int] = {}
    discussed: set[tuple[uuid.UUID, int]] = set()
    for contact in contacts:
        if contact.status is not ContactStatus.HELD or contact.week is None:
            continue
        held_per_week[contact.week] = held_per_week.get(contact.week, 0) + 1
        for objective_id in contact.objectives_discussed:
            discussed.add((objective_id, contact.week))
    planned, held = set(review_weeks), set(reviews_held)
    columns = tuple(
        GridColumn(
            week, held_per_week.get(week, 0), week in planned, week in held, week == current_week
        )
        for week in weeks
    )
    rows = tuple(
        GridRow(
            objective.id,
            objective.domain,
            objective.what,
            objective.status,
            objective.target_week,
            objective.suggested,
            tuple(
                GridCell(week, objective.target_week == week, (objective.id, week) in discussed)
                for week in weeks
            ),
        )
        for objective in objectives
    )
    return WeekGrid(columns, rows, current_week)
