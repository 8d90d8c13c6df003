"""Add a service by hand, or edit one: every field, with its message beside it.

Returns a checked `ServiceDraft` (the directory screen stores it) or None. A service edited here
is marked as edited by hand, so a later import never overwrites it. Nothing typed is lost when a
field is wrong; leaving with changes asks first.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, TextArea

from workwell_tui import clock
from workwell_tui.domain.directory.form import TEXT_FIELDS, check_service, form_values
from workwell_tui.domain.directory.service import ROUTE_LABELS, ROUTES, ServiceDraft
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_problems import show_problems
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar

LABELS = {
    "name": ("Name", "", True),
    "organisation": ("Organisation", "", False),
    "categories": ("Categories", "Separate with commas: counselling, debt advice", False),
    "areas": ("Areas served", "Districts or places, with commas; empty for the whole area", False),
    "phones": ("Phones", "With commas if more than one", False),
    "email": ("Email", "", False),
    "website": ("Website", "", False),
    "address": ("Address", "", False),
    "postcode": ("Postcode", "", False),
    "schedule": ("Opening times", "", False),
    "how_to_refer": ("How to refer", "", False),
    "eligibility": ("Who it is for", "", False),
    "min_age": ("Youngest age", "", False),
    "max_age": ("Oldest age", "", False),
    "cost": ("Cost", "", False),
    "last_verified": ("Last checked", "dd/mm/yyyy", False),
}


class ServiceFormScreen(Screen[ServiceDraft | None]):
    """The fields of one service."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    ServiceFormScreen #description {
        height: 5;
        width: 48;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="service_form.save"),
        Binding("escape", "cancel", "Cancel", id="service_form.cancel"),
    ]

    def __init__(self, current: ServiceDraft | None = None) -> None:
        super().__init__()
        self.current = current
        self.start: dict[str, str | bool] = {}

    def compose(self) -> ComposeResult:
        """Every field, the description and who can refer."""
        values = form_values(self.current) if self.current else {}
        yield TitleBar("Edit service" if self.current else "Add a service")
        with VerticalScroll(id="form"):
            for name in TEXT_FIELDS[:2]:
                yield self._field(name, values)
            description = self.current.description if self.current else ""
            yield FormField("Description", TextArea(description, id="description", soft_wrap=True))
            for name in TEXT_FIELDS[2:]:
                yield self._field(name, values)
            for route in ROUTES:
                label = "Self-referral" if route == "self" else f"Referral by {ROUTE_LABELS[route]}"
                box = TickBox(label, bool(values.get(f"route_{route}")), compact=True,
                              id=f"route_{route}")  # fmt: skip
                yield FormField("Who can refer" if route == "self" else "", box)
        yield Footer(compact=True)

    def _field(self, name: str, values: dict[str, str | bool]) -> FormField:
        label, hint, required = LABELS[name]
        value = values.get(name, "")
        control = Input(str(value), placeholder=hint if len(hint) < 20 else "", compact=True,
                        id=name)  # fmt: skip
        return FormField(label, control, required=required, hint=hint if len(hint) >= 20 else "")

    def on_mount(self) -> None:
        """Start on the name; remember the values to know later whether anything changed."""
        self.query_one("#name", Input).focus()
        self.start = self.values()

    def values(self) -> dict[str, str | bool]:
        """Everything as typed."""
        values: dict[str, str | bool] = {
            name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS
        }
        for route in ROUTES:
            values[f"route_{route}"] = self.query_one(f"#route_{route}", TickBox).value
        values["description"] = self.query_one("#description", TextArea).text
        return values

    def action_save(self) -> None:
        """Check; close with the draft, or show each message beside its field."""
        values = self.values()
        description = str(values.pop("description"))
        source_id = self.current.source_id if self.current else None
        result = check_service(values, description, clock.today(), source_id)
        show_problems(self, result.errors)
        if result.draft is not None:
            self.dismiss(result.draft)
            return
        first = next((f for f in self.query(FormField) if f.has_class("-invalid")), None)
        if first is not None:
            first.control.focus()

    def action_cancel(self) -> None:
        """Leave; ask first when something was changed."""
        leave_asking(
            self,
            changed=self.values() != self.start,
            question="Leave without saving? Your changes will be lost.",
            yes="Leave",
            no="Keep editing",
            leave=lambda _thrown: self.dismiss(None),
        )
