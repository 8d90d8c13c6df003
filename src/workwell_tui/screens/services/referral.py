"""Refer, or record what happened to a referral: status, the day it was made, outcome notes.

A modal over the directory. It returns a checked `ReferralDraft` (the caller stores it) or None
when the coach leaves; a wrong date shows its message beside the field and keeps what was typed.
Leaving with something typed asks first. (No draft is kept across a crash: the caller saves.)
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static, TextArea

from workwell_tui import clock
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.directory.referrals import (
    OFFERED,
    ReferralDraft,
    ReferralView,
    check_referral_change,
)
from workwell_tui.domain.enums import ReferralStatus
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_problems import show_messages
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.user_text import joined


class ReferralScreen(ModalScreen[ReferralDraft | None]):
    """The referral's status, date made and outcome notes."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    ReferralScreen {
        align: center middle;
    }
    ReferralScreen #form {
        width: 76;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ReferralScreen #referral-about {
        height: auto;
        margin-bottom: 1;
    }
    ReferralScreen TextArea {
        height: 5;
        width: 48;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="referral_change.save"),
        Binding("escape", "cancel", "Cancel", id="referral_change.cancel"),
    ]

    def __init__(self, service_name: str, person: str, current: ReferralView | None = None) -> None:
        super().__init__()
        self.service_name = service_name
        self.person = person
        self.current = current
        self.first_values: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Status, date made, outcome notes."""
        current = self.current
        statuses = list(OFFERED)
        if current is not None and current.status not in statuses:
            statuses.append(current.status)  # an older record's status stays readable
        status = current.status if current else ReferralStatus.SUGGESTED
        with Vertical(id="form"):
            about = Text("Referral: " if current else "Refer: ", style="bold")
            about.append_text(joined(self.service_name, self.person, separator=" · "))
            yield Static(about, id="referral-about")
            yield FormField(
                "Status",
                Select(
                    [(s.label, s.value) for s in statuses],
                    value=status.value,
                    allow_blank=False,
                    compact=True,
                    id="status",
                ),
            )
            made = uk_short(current.made_on, empty="") if current else ""
            yield FormField(
                "Made on",
                Input(made, placeholder="dd/mm/yyyy", compact=True, id="made_on"),
                hint="Empty: today, once it is made",
            )
            notes = current.outcome if current else ""
            yield FormField("Outcome notes", TextArea(notes, id="outcome", soft_wrap=True))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start on the status."""
        self.query_one("#status", Select).focus()
        self.query_one("#form").border_title = "Referral"
        self.first_values = self.values()

    def values(self) -> dict[str, str]:
        """Status, date and outcome notes as they stand."""
        status = self.query_one("#status", Select).value
        return {
            "status": status if isinstance(status, str) else "",
            "made_on": self.query_one("#made_on", Input).value,
            "outcome": self.query_one("#outcome", TextArea).text,
        }

    def action_save(self) -> None:
        """Check; close with the draft when right, otherwise show why beside the field."""
        result = check_referral_change(self.values(), clock.today())
        show_messages(self.query(FormField), result.errors)
        if result.draft is not None:
            self.dismiss(result.draft)

    def action_cancel(self) -> None:
        """Leave without recording anything; ask first when something was typed."""
        leave_asking(
            self,
            changed=self.values() != self.first_values,
            question="Leave without recording this? What you typed here will be lost.",
            yes="Leave",
            no="Keep typing",
            leave=lambda _thrown: self.dismiss(None),
        )
