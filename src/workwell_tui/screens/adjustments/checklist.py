"""The checklist itself: headings, and one line per adjustment in columns, keyboard first.

An `OptionList` whose headings are disabled options (the cursor skips them). Each line is a
`rich.text.Text` built from the row's plain strings, so typed text (a free-text item's name)
is never read as markup. A status change redraws one line, not the list.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workwell_tui.domain.adjustments.checklist import Heading, Row
from workwell_tui.domain.enums import AdjustmentStatus
from workwell_tui.widgets.user_text import user_text

STATUS_WIDTH = 13
WHO_WIDTH = 12
WHEN_WIDTH = 16
SHARE_WIDTH = 11
NARROW = 72
"""Below this width the who column gives way to the name."""

_DONE = {AdjustmentStatus.IN_PLACE}
_QUIET = {AdjustmentStatus.DECLINED, AdjustmentStatus.NOT_APPLICABLE}


def _cell(text: Text, width: int) -> Text:
    """`text` cut or padded to `width` cells, the last one a gap (an ellipsis where cut)."""
    text = text.copy()
    text.truncate(width - 1, overflow="ellipsis", pad=True)
    text.append(" ")
    return text


class Checklist(OptionList):
    """Adjustments under their headings; the highlighted line is the one keys act on."""

    DEFAULT_CSS = """
    Checklist {
        height: 1fr;
        border: none;
        padding: 0;
        &:focus { border: none; }
    }
    Checklist > .option-list--option-disabled {
        color: $primary;
        text-style: bold;
    }
    Checklist > .checklist--done { color: $success; }
    Checklist > .checklist--waiting { color: $warning; }
    Checklist > .checklist--stale { color: $error; text-style: bold; }
    Checklist > .checklist--quiet { color: $foreground-muted; }
    Checklist > .checklist--shared { color: $accent; }
    """

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {
        "checklist--done",
        "checklist--waiting",
        "checklist--stale",
        "checklist--quiet",
        "checklist--shared",
    }
    """
    | Class | Description |
    | :- | :- |
    | `checklist--done` | The status of an item in place (or done). |
    | `checklist--waiting` | The status of an item raised and waiting on someone. |
    | `checklist--stale` | The date of an item raised with no update for 21 days. |
    | `checklist--quiet` | Declined and not-applicable items. |
    | `checklist--shared` | "shared": the employer may see it. |
    """

    BINDINGS = [Binding("enter", "select", "Details", id="checklist.details")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.rows: dict[str, Row] = {}

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def line(self, row: Row) -> Text:
        """One adjustment as a line of columns, fitted to the list's width."""
        width = max(40, self.scrollable_content_region.width or self.size.width or 80)
        show_who = width >= NARROW
        fixed = 2 + STATUS_WIDTH + (WHO_WIDTH if show_who else 0) + WHEN_WIDTH + SHARE_WIDTH
        status_style = (
            "checklist--done"
            if row.status in _DONE
            else "checklist--quiet"
            if row.status in _QUIET
            else "checklist--waiting"
            if row.status is AdjustmentStatus.RAISED
            else ""
        )
        status = Text(f"{row.symbol} {row.status_word}")
        if status_style:
            status.stylize(self._style(status_style))
        name = user_text(row.label)
        if status_style == "checklist--quiet":
            name.stylize(self._style("checklist--quiet"))
        when = Text(("⚑ " if row.stale else "") + row.when)
        if row.stale:
            when.stylize(self._style("checklist--stale"))
        share = Text(row.share)
        if row.shared:
            share.stylize(self._style("checklist--shared"))
        parts = [
            Text("  "),
            _cell(status, STATUS_WIDTH),
            _cell(name, max(8, width - fixed) - 1),
            Text(" "),
        ]
        if show_who:
            parts.append(_cell(Text(row.who), WHO_WIDTH))
        parts += [_cell(when, WHEN_WIDTH), _cell(share, SHARE_WIDTH)]
        return Text.assemble(*parts, no_wrap=True, end="")

    def heading(self, item: Heading) -> Text:
        """A heading line: the title and how many items are under it."""
        title = Text(item.group.title)
        count = f"  {item.count}"
        return Text.assemble(title, (count, self._style("checklist--quiet")), no_wrap=True)

    def show(self, lines: Sequence[Heading | Row]) -> None:
        """Show these lines, keeping the cursor on the same item when it is still there."""
        keep = self.current_id
        self.rows = {str(line.id): line for line in lines if isinstance(line, Row)}
        options = [
            Option(self.heading(line), id=f"heading-{line.group.key}", disabled=True)
            if isinstance(line, Heading)
            else Option(self.line(line), id=str(line.id))
            for line in lines
        ]
        self.set_options(options)
        if keep is not None and str(keep) in self.rows:
            self.highlighted = self.get_option_index(str(keep))
        else:
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            self.highlighted = first

    def update_row(self, row: Row) -> None:
        """Redraw one item's line (a status or sharing change)."""
        key = str(row.id)
        if key in self.rows:
            self.rows[key] = row
            self.replace_option_prompt(key, self.line(row))

    def select(self, adjustment_id: uuid.UUID) -> None:
        """Highlight one item (when it is in the list as shown)."""
        if str(adjustment_id) in self.rows:
            self.highlighted = self.get_option_index(str(adjustment_id))

    @property
    def current_id(self) -> uuid.UUID | None:
        """The highlighted item's id, or None (no items, or on a heading)."""
        option = self.highlighted_option
        if option is None or option.id is None or option.id not in self.rows:
            return None
        return uuid.UUID(option.id)

    def on_resize(self, _event: Resize) -> None:
        """Columns depend on the width: lay the lines out again."""
        for key, row in self.rows.items():
            self.replace_option_prompt(key, self.line(row))
