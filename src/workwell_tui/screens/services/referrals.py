"""A participant's referrals to services: open first, quiet ones marked; Enter records a change.

Opened from the directory (key v) for the participant being referred; the participant screen can
open it too. Each change is stored in a worker and the list is read again from the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from workwell_tui import clock
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.directory.referrals import STALE_DAYS, ReferralDraft, ReferralView
from workwell_tui.screens.base import audit_view
from workwell_tui.screens.form_draft import DraftKeeper
from workwell_tui.screens.navigation import CaseloadStale, WorkFailed
from workwell_tui.screens.services.referral import ReferralScreen, saved_with_draft_dropped
from workwell_tui.services import Services
from workwell_tui.widgets.user_text import user_text


def referral_line(view: ReferralView) -> Text:
    """One referral: service, status and date, and how long it has been quiet if it has."""
    line = user_text(view.line())
    days = view.quiet_days(clock.today())
    if days is not None and days >= STALE_DAYS:
        line.append(f" · ● no update for {days} days", style="bold")
    if view.outcome:
        line.append(" · ")
        line.append_text(user_text(view.outcome.splitlines()[0][:60]))
    return line


class ReferralsScreen(ModalScreen[None]):
    """The referrals of one participant."""

    DEFAULT_CSS = """
    ReferralsScreen {
        align: center middle;
    }
    ReferralsScreen #referrals-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ReferralsScreen #referrals-hint {
        color: $foreground-muted;
    }
    ReferralsScreen OptionList {
        height: auto;
        max-height: 16;
        border: none;
    }
    """
    BINDINGS = [
        Binding("escape", "dismiss_screen", "Back", id="referrals.back"),
        Binding("enter", "change", "Record a change", id="referrals.change"),
    ]

    @dataclass
    class Read(Message):
        """The referrals were read (again)."""

        referrals: list[ReferralView]

    def __init__(self, services: Services, participant_id: str, person: str) -> None:
        super().__init__()
        self.services = services
        self.participant_id = participant_id
        self.person = person
        self.referrals: list[ReferralView] = []

    def compose(self) -> ComposeResult:
        """The list, filled once read."""
        with Vertical(id="referrals-box"):
            yield Static("Reading…", id="referrals-empty", markup=False)
            yield OptionList(id="referrals-list", compact=True)
            # The list takes Enter itself, so the footer cannot show it: say it here.
            yield Static(
                "⏎ record what happened (status, date, outcome notes)",
                id="referrals-hint",
                markup=False,
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Title, then read."""
        box = self.query_one("#referrals-box")
        title = Text("Referrals · ")
        title.append_text(user_text(self.person[:50]))  # a Text: a string would be markup
        box.border_title = title
        self.read()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read(self) -> None:
        """Read the referrals off the UI thread."""
        self.post_message(self.Read(self.services.store.participant_referrals(self.participant_id)))

    def on_referrals_screen_read(self, message: Read) -> None:
        """Show them."""
        self.referrals = message.referrals
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.set_options([Option(referral_line(v), id=v.id) for v in self.referrals])
        if self.referrals:
            listing.highlighted = min(highlighted or 0, len(self.referrals) - 1)
            listing.focus()
        empty = self.query_one("#referrals-empty", Static)
        empty.update("No referrals yet: choose a service and press Enter to refer.")
        empty.display = not self.referrals
        self.query_one("#referrals-hint").display = bool(self.referrals)
        audit_view(self, self.services, Viewed.REFERRALS, self.participant_id)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_change()

    def action_change(self) -> None:
        """Record a change to the highlighted referral."""
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.referrals):
            return
        view = self.referrals[index]

        form = ReferralScreen(view.service_name, self.person, view, draft_key=view.id)

        def changed(draft: ReferralDraft | None) -> None:
            if draft is not None:
                self.save(view, draft, form.keeper)

        self.app.push_screen(form, changed)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, view: ReferralView, draft: ReferralDraft, keeper: DraftKeeper) -> None:
        """Store the change (dropping its draft), then read the list again."""
        store = self.services.store
        saved_with_draft_dropped(
            keeper, store, lambda: store.update_referral(view.id, draft, view.version)
        )
        self.post_message(CaseloadStale())
        self.post_message(self.Read(self.services.store.participant_referrals(self.participant_id)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed read or save: say so (the App shows the error's own words)."""
        if event.state is WorkerState.ERROR:
            self.post_message(WorkFailed(event.worker.error))

    def action_dismiss_screen(self) -> None:
        """Back to the directory."""
        self.dismiss(None)
