"""A virtual table of caseload rows: only the visible lines are drawn, so 100,000 rows are instant.

The header stays in place while rows scroll. Keys move the cursor; Enter or a double click opens
the participant; clicking a column title asks the screen to sort by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workwell_tui import clock
from workwell_tui.domain.caseload import CaseloadRow
from workwell_tui.domain.dates import friendly_when
from workwell_tui.domain.enums import CaseloadFlag, Stage
from workwell_tui.domain.text import clean_line


@dataclass(frozen=True)
class Column:
    """One column: its sort key, title, narrowest width and share of spare width."""

    key: str
    title: str
    width: int
    flex: int = 0


COLUMNS = (
    Column("reference", "Ref", 9),
    Column("name", "Name", 14, flex=3),
    Column("district", "District", 9, flex=1),
    Column("stage", "Stage", 13),
    Column("next_contact", "Next contact", 14),
    Column("flags", "Flags", 12, flex=2),
)
GAP = 1
SHORT_STAGE = {Stage.SIGNPOSTED: "Signposted"}


def fit_cell(cell: str, size: int) -> str:
    """Typed text drawn literally in exactly `size` cells: cut with an ellipsis, or padded."""
    text = clean_line(cell)
    if text.isascii():  # the common case: one character, one cell
        return text.ljust(size) if len(text) <= size else text[: size - 1] + "…"
    # Wide characters (emoji, CJK) take two cells and combining marks none.
    if cell_len(text) <= size:
        return set_cell_size(text, size)
    return set_cell_size(text, size - 1) + "…"


def flag_text(row: CaseloadRow) -> str:
    """The flags cell: symbols a coach learns at a glance, then words."""
    parts = []
    for flag in row.flags:
        if flag is CaseloadFlag.SAFEGUARDING:
            parts.append("▲ safeguarding")
        elif flag is CaseloadFlag.NO_RECENT_CONTACT:
            parts.append(f"● no contact {row.days_since_contact} d")
        elif flag is CaseloadFlag.REVIEW_DUE:
            parts.append("● review due")
        elif flag is CaseloadFlag.REFERRAL_NO_UPDATE:
            parts.append("◐ referral quiet 14 d+")
        elif flag is CaseloadFlag.EMPLOYER_NO_UPDATE:
            parts.append("◷ employer quiet")
        else:
            parts.append("◐ draft saved")
    return "  ".join(parts)


NARROW = 96
"""Below this width the District column gives way to names and flags (it stays a filter)."""


def layout(total: int) -> list[tuple[Column, int]]:
    """The columns that fit in `total` cells, with widths: minimums first, spare by flex."""
    columns = [c for c in COLUMNS if total >= NARROW or c.key != "district"]
    fixed = sum(c.width for c in columns) + GAP * (len(columns) - 1) + 1
    spare = max(0, total - fixed)
    flex_total = sum(c.flex for c in columns)
    return [(c, c.width + spare * c.flex // flex_total) for c in columns]


class CaseloadTable(ScrollView, can_focus=True):
    """The caseload rows with a sticky header and a row cursor."""

    DEFAULT_CSS = """
    CaseloadTable {
        scrollbar-size-vertical: 1;
    }
    CaseloadTable > .caseload--header {
        text-style: bold;
        color: $foreground-muted;
    }
    CaseloadTable > .caseload--cursor {
        background: $panel;
    }
    CaseloadTable:focus > .caseload--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    CaseloadTable > .caseload--urgent {
        color: $warning;
    }
    CaseloadTable > .caseload--gentle {
        color: $secondary;
    }
    CaseloadTable > .caseload--muted {
        color: $foreground-muted;
    }
    """

    COMPONENT_CLASSES = {
        "caseload--header",
        "caseload--cursor",
        "caseload--urgent",
        "caseload--gentle",
        "caseload--muted",
    }
    """
    | Class | Description |
    | :- | :- |
    | `caseload--header` | The column titles (sticky at the top). |
    | `caseload--cursor` | The highlighted row (stronger while the table has focus). |
    | `caseload--urgent` | A flag that needs the coach now ("no contact 9 d", "review due"). |
    | `caseload--gentle` | A quieter flag ("draft saved"). |
    | `caseload--muted` | Text that matters less ("—" for no next contact). |
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Open", id="caseload.open"),
        Binding("escape", "screen.back_to_find", "Find", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row in the rows shown."""

    @dataclass
    class Opened(Message):
        """The coach chose a participant."""

        participant_id: str

    @dataclass
    class SortRequested(Message):
        """The coach clicked a column title."""

        key: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[CaseloadRow] = ()
        self.sort_key = "next_action"
        self.sort_reverse = False
        self.empty_message = "Opening your caseload…"
        self.today: date = clock.today()
        self._styles: dict[str, Style] = {}

    def set_rows(self, rows: Sequence[CaseloadRow], keep: str | None = None) -> None:
        """Show `rows`, keeping the cursor on participant `keep` when it is still there."""
        self.rows = rows
        self.today = clock.today()
        index = 0
        if keep is not None:
            index = next((i for i, row in enumerate(rows) if row.participant_id == keep), 0)
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> CaseloadRow | None:
        """The highlighted row, if any."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def on_focus(self) -> None:
        """The cursor row changes colour with focus."""
        self.refresh()

    def on_blur(self) -> None:
        """The cursor row changes colour with focus."""
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def validate_cursor(self, value: int) -> int:
        """Hold the cursor on a real row."""
        return max(0, min(value, len(self.rows) - 1))

    def watch_cursor(self, value: int) -> None:
        """Scroll so the cursor row is visible below the header."""
        visible = max(1, self.size.height - 1)
        top = round(self.scroll_offset.y)
        if value < top:
            self.scroll_to(y=value, animate=False)
        elif value >= top + visible:
            self.scroll_to(y=value - visible + 1, animate=False)
        self.refresh()

    def action_cursor(self, step: int) -> None:
        """Move the cursor up or down."""
        self.cursor += step

    def action_page(self, direction: int) -> None:
        """Move a screenful."""
        self.cursor += direction * max(1, self.size.height - 2)

    def action_jump(self, index: int) -> None:
        """First or last row."""
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def action_open(self) -> None:
        """Open the highlighted participant."""
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.participant_id))

    def on_click(self, event: events.Click) -> None:
        """Header: sort. Row: highlight; double click: open."""
        if event.y == 0:
            key = self._column_at(event.x)
            if key is not None:
                self.post_message(self.SortRequested(key))
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def _column_at(self, x: int) -> str | None:
        left = 1
        for column, width in layout(self.size.width):
            if left <= x < left + width + GAP:
                return column.key
            left += width + GAP
        return None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work out the styles once for all the lines drawn in this pass."""
        self._styles = self._compute_styles()
        return super().render_lines(crop)

    def _compute_styles(self) -> dict[str, Style]:
        base = self.rich_style
        cursor = base + self.get_component_rich_style("caseload--cursor")
        return {
            "base": base,
            "cursor": cursor,
            "header": base + self.get_component_rich_style("caseload--header"),
            "urgent": self._foreground("caseload--urgent"),
            "gentle": self._foreground("caseload--gentle"),
            "muted": self._foreground("caseload--muted"),
        }

    def render_line(self, y: int) -> Strip:
        """Draw the header (line 0) or one row."""
        width = self.size.width
        styles = self._styles or self._compute_styles()
        base = styles["base"]
        if y == 0:
            return self._header(width, styles)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            if not self.rows and y == 2:
                text = f" {self.empty_message}"
                style = base + styles["muted"]
                return Strip([Segment(text[:width].ljust(width), style)], width)
            return Strip.blank(width, base)
        return self._row(self.rows[index], index == self.cursor, width, styles)

    def _header(self, width: int, styles: dict[str, Style]) -> Strip:
        style = styles["header"]
        cells = {}
        for column in COLUMNS:
            title = column.title
            if column.key == self.sort_key:
                title += " ▼" if self.sort_reverse else " ▲"
            cells[column.key] = (title, style)
        return self._strip(cells, style, width)

    def _row(
        self, row: CaseloadRow, highlighted: bool, width: int, styles: dict[str, Style]
    ) -> Strip:
        base = styles["cursor"] if highlighted else styles["base"]
        flags = flag_text(row)
        urgent = not {
            CaseloadFlag.SAFEGUARDING,
            CaseloadFlag.REVIEW_DUE,
            CaseloadFlag.NO_RECENT_CONTACT,
        }.isdisjoint(row.flags)
        flag_style = styles["urgent" if urgent else "gentle"]
        muted = base + styles["muted"]
        quiet = row.stage in (Stage.CLOSED, Stage.SIGNPOSTED)
        if highlighted and self.has_focus:
            # The cursor's own colours win, so the row stays readable in every theme.
            muted = flag_style = base
        plain = muted if quiet else base
        cells = {
            "reference": (row.reference, muted),
            "name": (row.name, plain),
            "district": (row.district, plain),
            "stage": (SHORT_STAGE.get(row.stage, row.stage_text), plain),
            "next_contact": (friendly_when(row.next_contact, self.today), plain),
            "flags": (flags, muted if quiet else base + flag_style),
        }
        return self._strip(cells, base, width)

    def _foreground(self, component: str) -> Style:
        """A component's colour and weight without its background, so the cursor shows through."""
        style = self.get_component_rich_style(component)
        return Style(color=style.color, bold=style.bold)

    def _strip(self, cells: dict[str, tuple[str, Style]], fill: Style, width: int) -> Strip:
        segments = [Segment(" ", fill)]
        for column, size in layout(width):
            cell, style = cells[column.key]
            segments.append(Segment(fit_cell(cell, size), style))
            segments.append(Segment(" " * GAP, fill))
        used = sum(segment.cell_length for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), fill))
        return Strip(segments).crop(0, width)
