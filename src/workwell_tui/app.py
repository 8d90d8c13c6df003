"""The App: opens the database in a worker, shows the caseload, global keys, the idle lock.

Only what the first frame needs is imported at the top; the covers, the problem screen and
the database come when first used, so the app appears as quickly as a bare Textual app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from workwell_tui.compat import CrashReportWithoutLocals
from workwell_tui.config import Settings
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.navigation import (
    CaseloadStale,
    NewReferral,
    OpenParticipant,
    OpenPlan,
    ParticipantDestination,
    ShowCrisisContacts,
    StartAssessment,
    WorkFailed,
)
from workwell_tui.services import Services
from workwell_tui.styles import style
from workwell_tui.themes import THEMES

if TYPE_CHECKING:
    from textual.command import Provider

    from workwell_tui.domain.caseload import CaseloadRow

IDLE_CHECK_SECONDS = 15


def _participant_commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from workwell_tui.commands import ParticipantCommands

    return ParticipantCommands


class WorkwellApp(CrashReportWithoutLocals):
    """WorkWell coach."""

    TITLE = "WorkWell"
    # The caseload is the default screen, whose own CSS_PATH Textual does not load: it lives here.
    CSS_PATH = [style("app.tcss"), style("caseload.tcss")]
    COMMANDS = App.COMMANDS | {lambda: _participant_commands()}
    BINDINGS = [
        Binding("f2", "privacy", "Hide", priority=True, id="app.privacy"),
        Binding("h", "privacy", "Hide screen", show=False, id="app.privacy.h"),
        Binding("q", "quit", "Quit", show=False, id="app.quit"),
        # One key from anywhere (a field being typed in keeps its "!").
        Binding("exclamation_mark", "crisis_contacts", "Crisis", show=False, id="app.crisis"),
    ]

    caseload_rows: reactive[list[CaseloadRow] | None] = reactive(None, always_update=True)
    """Every participant as a caseload row; None until the database has been read.

    The caseload screen watches it; the command palette searches it."""

    @dataclass
    class CaseloadRead(Message):
        """The caseload worker read the rows."""

        rows: list[CaseloadRow]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.last_input_at = time.monotonic()
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = services.settings.theme

    @property
    def settings(self) -> Settings:
        """The coach's settings."""
        return self.services.settings

    def on_mount(self) -> None:
        """Show the caseload straight away; the database opens behind it."""
        # Paint the first frame before the worker starts competing for the interpreter.
        self.call_after_refresh(self.load_caseload)
        if self.settings.idle_lock_minutes:
            self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A steady text cursor: calmer beside a participant, and easier for some to follow."""
        widget = event.widget
        if isinstance(widget, Input) and widget.cursor_blink:
            widget.cursor_blink = False

    def get_default_screen(self) -> Screen[Any]:
        """The caseload is home: the screen under every other one."""
        return CaseloadScreen()

    # Reading the caseload ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="caseload", exit_on_error=False)
    def load_caseload(self) -> None:
        """Open the database if needed, then read the caseload (off the UI thread)."""
        rows = self.services.open_store().caseload()
        self.post_message(self.CaseloadRead(rows))

    def on_workwell_app_caseload_read(self, message: CaseloadRead) -> None:
        """New rows: every screen watching the caseload sees them."""
        self.caseload_rows = message.rows
        self.set_timer(1.0, self.warm_store)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_store(self) -> None:
        """Import SQLAlchemy and open the engine once the caseload is on screen."""
        if self.services.is_open:
            self.services.store.warm()

    # Failures: one place ------------------------------------------------------------------------

    def on_caseload_stale(self, _message: CaseloadStale) -> None:
        """Read the caseload again (a screen changed something it shows)."""
        if self.services.is_open:
            self.load_caseload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The App's own workers: a database that cannot be opened gets the problem screen."""
        if event.state is WorkerState.ERROR:
            self.report_failure(event.worker.error, whole_screen=True)

    def on_work_failed(self, message: WorkFailed) -> None:
        """A screen's worker failed: say what went wrong, keep the app running."""
        self.report_failure(message.error)

    def report_failure(self, error: BaseException | None, whole_screen: bool = False) -> None:
        """Show a failure in the coach's words: the error's own, or a safe general message."""
        problem = error if isinstance(error, WorkwellError) else WorkwellError()
        if whole_screen:
            self.show_problem(problem.message)
        else:
            self.notify(escape(problem.message), title=problem.title, severity="error", timeout=8)

    def show_problem(self, message: str) -> None:
        """Replace everything with a clear message and a way out; never a traceback."""
        from workwell_tui.screens.problem import ProblemScreen

        self.push_screen(ProblemScreen(message))

    # Navigation: screens say where to go, the App takes them there -----------------------------

    def on_open_participant(self, message: OpenParticipant) -> None:
        """Show one participant's record."""
        self.open_participant(message.participant_id)

    def open_participant(self, participant_id: str) -> None:
        """Show one participant's record."""
        from workwell_tui.screens.participant import ParticipantScreen

        self.push_screen(ParticipantScreen(participant_id))

    def on_new_referral(self, _message: NewReferral) -> None:
        """Open the form for a new referral."""
        self.new_referral()

    def new_referral(self) -> None:
        """Open the form for a new referral."""
        from workwell_tui.screens.referral_form import ReferralFormScreen

        self.push_screen(ReferralFormScreen())

    def on_start_assessment(self, message: StartAssessment) -> None:
        """Start or resume an assessment."""
        from workwell_tui.screens.assessment.screen import AssessmentScreen

        self.push_screen(AssessmentScreen(message.participant_id, message.kind))

    @on(ParticipantDestination)
    def go_to(self, message: ParticipantDestination) -> None:
        """Open the screen a participant's record or plan asked for, or say it is coming."""
        message.stop()
        # Each destination the app can show; the others are still being built.
        openers: dict[type[ParticipantDestination], Callable[[str], None]] = {
            OpenPlan: self.open_plan,
        }
        opener = openers.get(type(message))
        if opener is None:
            # Another part of the app still being built: a calm note, never a crash.
            self.notify("This part of the record is coming soon.", title="Not ready yet", timeout=4)
            return
        opener(message.participant_id)

    def open_plan(self, participant_id: str) -> None:
        """Show the participant's plan."""
        from workwell_tui.screens.plan.screen import PlanScreen

        self.push_screen(PlanScreen(participant_id))

    def on_show_crisis_contacts(self, _message: ShowCrisisContacts) -> None:
        """Show the crisis contacts."""
        self.action_crisis_contacts()

    def action_crisis_contacts(self) -> None:
        """The crisis contacts over the current screen (not over a cover, not twice)."""
        from workwell_tui.screens.crisis import CrisisContactsScreen

        if not self._covered() and not isinstance(self.screen, CrisisContactsScreen):
            self.push_screen(CrisisContactsScreen())

    async def on_event(self, event: events.Event) -> None:
        """Note input for the idle lock."""
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self.last_input_at = time.monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        from workwell_tui.screens.cover import LockScreen

        idle_minutes = (time.monotonic() - self.last_input_at) / 60
        if idle_minutes >= self.settings.idle_lock_minutes and not self._covered():
            self.push_screen(LockScreen(self.settings.idle_lock_minutes))

    def _covered(self) -> bool:
        from workwell_tui.screens.cover import LockScreen, PrivacyScreen

        return isinstance(self.screen, PrivacyScreen | LockScreen)

    def action_privacy(self) -> None:
        """Hide everything behind a neutral cover, or show it again."""
        from workwell_tui.screens.cover import LockScreen, PrivacyScreen

        if isinstance(self.screen, PrivacyScreen):
            self.screen.dismiss()
        elif not isinstance(self.screen, LockScreen):
            self.push_screen(PrivacyScreen())

    def action_command_palette(self) -> None:
        """The command palette, except while the screen is covered."""
        if not self._covered():
            super().action_command_palette()

    def action_toggle_high_contrast(self) -> None:
        """Switch between the calm and the high-contrast colours."""
        self.theme = (
            "workwell" if self.theme == "workwell-high-contrast" else "workwell-high-contrast"
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app's own actions in the command palette."""
        from workwell_tui.screens.cover import LockScreen, PrivacyScreen

        if isinstance(screen, PrivacyScreen | LockScreen):
            return
        yield SystemCommand("New referral", "Add a new participant", self.new_referral)
        yield SystemCommand(
            "Crisis contacts",
            "999, NHS 111 option 2, Samaritans, Shout, Childline (!)",
            self.action_crisis_contacts,
        )
        yield SystemCommand("Hide screen", "Cover all participant data (h)", self.action_privacy)
        yield SystemCommand(
            "High-contrast colours",
            "Switch between the calm and the high-contrast theme",
            self.action_toggle_high_contrast,
        )
        yield SystemCommand("Quit", "Close WorkWell (everything is saved)", self.exit)
