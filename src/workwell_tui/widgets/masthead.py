"""The caseload's top line: the service and area on the left, the date and time on the right.

One widget rather than a row of three: it is part of the app's first frame, where every widget
costs a little layout and styling time.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from workwell_tui.domain.text import clean_line


class Masthead(Widget):
    """Service and area, then the time, pushed to the right edge."""

    DEFAULT_CSS = """
    Masthead {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    Masthead > .masthead--title {
        text-style: bold;
        color: $primary;
    }
    Masthead > .masthead--time {
        color: $foreground-muted;
    }
    """

    COMPONENT_CLASSES = {"masthead--title", "masthead--time"}
    """
    | Class | Description |
    | :- | :- |
    | `masthead--title` | The service and area, on the left. |
    | `masthead--time` | The date and time, on the right. |
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = clean_line(title)  # the area name comes from a settings file
        self.when = ""

    def show_time(self, when: str) -> None:
        """Put a new date and time on the right."""
        if when != self.when:
            self.when = when
            self.refresh()

    def render(self) -> Content:
        """The title, a gap, the time; the title gives way first when the line is short."""
        width = self.content_region.width
        room = max(0, width - len(self.when) - 1) if self.when else width
        title = self.title if len(self.title) <= room else self.title[: max(0, room - 1)] + "…"
        gap = " " * max(1, width - len(title) - len(self.when))
        return Content.assemble(
            (title, self.get_visual_style("masthead--title", partial=True)),
            gap,
            (self.when, self.get_visual_style("masthead--time", partial=True)),
        )
