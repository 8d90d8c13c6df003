"""Refer, or record what happened to a referral: status, the day it was made, outcome notes.

A modal over the directory. It returns a checked `ReferralDraft` (the caller stores it) or None
when the coach leaves; a wrong date shows its message beside the field and keeps what was typed.
Leaving with something typed asks first. What is typed is kept as a draft (see `form_draft`), keyed
by the referral (or, for a new one, by the participant and service), and offered back when the same
form opens again. The caller saves, so it also drops the draft: inside `keeper.saving()`, after
its own save (see `saved_with_draft_dropped`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import events, on
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
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values, when_saved
from workwell_tui.screens.form_problems import show_messages
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.db.store import Store

T = TypeVar("T")


def new_referral_key(participant_id: str, service_id: str) -> str:
    """The draft key of a referral not stored yet: one per participant and service (hashed
    to fit the 40 characters a key may have; it names nobody)."""
    digest = hashlib.blake2b(f"{participant_id}:{service_id}".encode(), digest_size=16)
    return f"new-{digest.hexdigest()}"


def saved_with_draft_dropped(keeper: DraftKeeper, store: Store, save: Callable[[], T]) -> T:
    """Run the caller's `save` (worker thread), then drop the form's draft; no draft write can
    slip in between, and a failed save keeps the draft. (The caller's `store`: the form has
    been dismissed by now, so it is not asked for one.)"""
    with keeper.saving():
        result = save()
        store.discard_form_draft(keeper.form, keeper.record_key)
    return result


# ModalScreen first: Textual takes a screen's inherited CSS (the dimmed see-through background)
# from the first base only; WorkwellScreen brings the services and the worker-failure messages.
class ReferralScreen(ModalScreen[ReferralDraft | None], WorkwellScreen[ReferralDraft | None]):
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

    def __init__(
        self,
        service_name: str,
        person: str,
        current: ReferralView | None = None,
        *,
        draft_key: str,
    ) -> None:
        super().__init__()
        self.service_name = service_name
        self.person = person
        self.current = current
        self.first_values: dict[str, str] = {}
        self.keeper = DraftKeeper(
            self, FormKind.REFERRAL_OUTCOME, draft_key, lambda: dict(self.values()), self.kept
        )

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
        self.keeper.defaults = dict(self.first_values)
        self.keeper.offer(self.restore, "this referral")

    def kept(self, saved_at: datetime) -> None:
        """When the draft was last kept, quietly under the form."""
        self.query_one("#form").border_subtitle = f"draft {when_saved(saved_at)}"

    def restore(self, values: Mapping[str, object]) -> None:
        """Put a kept draft back into the fields."""
        restore_values((field.control for field in self.query(FormField)), values)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.keeper.changed()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving a field writes the draft at once."""
        self.keeper.left_field()

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
            # The caller saves and then drops the draft (`saved_with_draft_dropped`).
            self.dismiss(result.draft)

    def action_cancel(self) -> None:
        """Leave without recording anything; ask first when something was typed."""
        leave_asking(
            self,
            changed=self.values() != self.first_values,
            question="Leave without recording this? What you typed here will be lost.",
            yes="Leave",
            no="Keep typing",
            leave=lambda thrown: self.keeper.leave(lambda: self.dismiss(None), thrown_away=thrown),
        )
