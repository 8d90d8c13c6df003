"""The details of one service: everything a coach needs to phone it or refer to it.

Description, phones, address, website, opening times, who can refer and how, who it is for,
cost, and where the entry came from. All of it is literal text (`user_text`): a published file
or a typed entry may hold `[bold]` or an ESC sequence, and either shows as the characters.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.directory.service import ServiceView, routes_text
from workwell_tui.widgets.user_text import joined, user_text

DESCRIPTION_SHOWN = 400
SOURCES = {"local": "added by hand", "national": "national contact", "demo": "fictional (demo)"}


def _ages(service: ServiceView) -> str:
    low, high = service.draft.min_age, service.draft.max_age
    if low is not None and high is not None:
        return f"aged {low} to {high}"
    if low is not None:
        return f"aged {low} and over"
    return f"aged up to {high}" if high is not None else ""


class ServiceDetails(Static):
    """One service in full, in a bordered pane titled with its name."""

    DEFAULT_CSS = """
    ServiceDetails {
        height: auto;
        max-height: 45%;
        border: round $primary 60%;
        padding: 0 1;
        overflow-y: auto;
    }
    ServiceDetails > .service-details--label {
        color: $foreground-muted;
    }
    """

    COMPONENT_CLASSES = {"service-details--label"}
    """
    | Class | Description |
    | :- | :- |
    | `service-details--label` | The labels in front of phone, address, referral and so on. |
    """

    service: reactive[ServiceView | None] = reactive(None)
    """The service shown; None shows a line saying nothing matches."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_service(self, service: ServiceView | None) -> None:
        """Show the new service (or say there is none)."""
        if service is None:
            self.border_title = "No service"
            self.update("Nothing matches. Clear the find box or a filter to see more.")
            return
        # A Text, not a string: a border title given as a string is read as markup.
        title = user_text(service.name)
        title.truncate(60, overflow="ellipsis")
        self.border_title = title
        draft = service.draft
        label = self.get_component_rich_style("service-details--label", partial=True)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style=label)
        grid.add_column(ratio=1)

        def row(name: str, value: str | Text) -> None:
            if value:
                grid.add_row(name, value if isinstance(value, Text) else user_text(value))

        row("Phone", joined(*draft.phones, separator="  ·  "))
        row("Offers", joined(*draft.categories, separator=", "))
        row("Address", joined(draft.address, draft.postcode, separator=" "))
        row("Web", joined(draft.website, draft.email))
        row("Open", draft.schedule)
        refer = routes_text(draft.routes)
        row("Referral", joined(refer if refer != "—" else "", draft.how_to_refer))
        row("For", joined(_ages(service), draft.eligibility))
        row("Cost", draft.cost)
        source = SOURCES.get(service.source, f"imported ({service.source})")
        row("From", joined(draft.organisation, source))
        checked = f"checked {uk_date(draft.last_verified)}" if draft.last_verified else ""
        edited = "edited by hand" if service.edited_by_hand else ""
        row("Checked", joined(checked or "not checked", edited))
        # The first lines: the pane is for phoning and referring, not for reading brochures.
        description = user_text(draft.description, note=True, empty="")
        description.truncate(DESCRIPTION_SHOWN, overflow="ellipsis")
        self.update(Group(description, grid) if draft.description else grid)
