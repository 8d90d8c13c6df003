"""The directory's results: one line a service (name, districts, who can refer, when checked).

Names and districts come from published files or were typed, so every cell is literal text
(`user_text`), never markup. The columns fit the width the list has; at most `SHOWN` services
are listed (the title bar says how many match), which keeps each keystroke quick.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workwell_tui.domain.directory.service import (
    ServiceView,
    checked_text,
    districts_text,
    routes_text,
)
from workwell_tui.widgets.user_text import user_text

SHOWN = 200


def _cell(text: Text, width: int) -> Text:
    """`text` cut (with an ellipsis) or padded to exactly `width` cells."""
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


class ServiceList(OptionList):
    """The services that match, best first; highlighting one shows its details.

    Enter is left to the screen (its binding says what Enter does there, such as "Refer");
    the list only moves the highlight.
    """

    inherit_bindings = False
    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    DEFAULT_CSS = """
    ServiceList {
        height: 1fr;
        border: none;
        padding: 0;
        background: $surface;
    }
    ServiceList:focus {
        border: none;
    }
    ServiceList > .service-list--quiet {
        color: $foreground-muted;
    }
    ServiceList > .service-list--edited {
        color: $accent;
    }
    """

    COMPONENT_CLASSES = {"service-list--quiet", "service-list--edited"}
    """
    | Class | Description |
    | :- | :- |
    | `service-list--quiet` | The districts, referral and checked columns. |
    | `service-list--edited` | The mark on a service the coach added or edited by hand. |
    """

    def __init__(self, area_short: str, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.area_short = area_short
        self.services: list[ServiceView] = []

    def show(self, services: Sequence[ServiceView], keep_highlight: bool = False) -> None:
        """List `services` (the first `SHOWN`) with the best match highlighted, or (when
        `keep_highlight`, after a save) the service that was highlighted, if still listed."""
        was = self.highlighted_service if keep_highlight else None
        self.services = list(services[:SHOWN])
        self._fill(was.id if was else None)

    @property
    def highlighted_service(self) -> ServiceView | None:
        """The service under the cursor."""
        index = self.highlighted
        return self.services[index] if index is not None and index < len(self.services) else None

    def _fill(self, keep: str | None) -> None:
        width = max(40, self.scrollable_content_region.width or self.size.width or 80)
        quiet = self.get_component_rich_style("service-list--quiet", partial=True)
        edited = self.get_component_rich_style("service-list--edited", partial=True)
        side = 14 if width < 100 else 18
        # Name, edited mark (2), districts, referral (two spaces), "checked 30 Nov 2026" (19).
        name_width = max(12, width - 2 - side - 1 - side - 1 - 19)
        options = []
        for service in self.services:
            line = Text(no_wrap=True, end="")
            line.append_text(_cell(user_text(service.name), name_width))
            line.append("✎ " if service.edited_by_hand else "  ", style=edited)
            rest = Text(no_wrap=True, end="", style=quiet)
            rest.append_text(_cell(user_text(districts_text(service, self.area_short)), side))
            rest.append(" ")
            rest.append_text(_cell(Text(routes_text(service.draft.routes)), side))
            rest.append(" ")
            rest.append(checked_text(service.draft.last_verified))
            line.append_text(rest)
            options.append(Option(line, id=service.id))
        self.set_options(options)
        if options:
            ids = [service.id for service in self.services]
            self.highlighted = ids.index(keep) if keep in ids else 0

    def on_resize(self, _event: events.Resize) -> None:
        """Fit the columns to the new width."""
        was = self.highlighted_service
        if self.services:
            self._fill(was.id if was else None)
