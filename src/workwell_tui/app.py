"""The App: opens the database in a worker, shows the caseload, global keys, the idle lock.

Only what the first frame needs is imported at the top; the covers, the problem screen and
the database come when first used, so the app appears as quickly as a bare Textual app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from workwell_tui.app_navigation import Navigation
from workwell_tui.compat import CrashReportWithoutLocals
from workwell_tui.config import Settings
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.navigation import (
    CaseloadStale,
    ShowCrisisContacts,
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


class WorkwellApp(CrashReportWithoutLocals, Navigation):
    """WorkWell coach."""

    TITLE = "WorkWell"
    # The caseload is the default screen, whose own CSS_PATH Textual does not load: it lives here.
    CSS_PATH = [style("app.tcss"), style("caseload.tcss")]
    COMMANDS = App.COMMANDS | {lambda: _participant_commands()}
    # Toasts stay under the covers: nothing shows through a hidden or locked screen. (Textual
    # sets the rack's own `display` as toasts come and go, so the toasts in it are hidden.)
    CSS = """
    PrivacyScreen Toast, LockScreen Toast, UnlockScreen Toast {
        display: none;
    }
    """
    BINDINGS = [
        Binding("f2", "privacy", "Hide", priority=True, id="app.privacy"),
        Binding("ctrl+l", "lock", "Lock now", show=False, priority=True, id="app.lock"),
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
        access = self.services.access_needed()
        if access is not None:
            # Encrypted (or first run): the passphrase first, then the caseload.
            from workwell_tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(access), self.unlocked)
        else:
            # Paint the first frame before the worker starts competing for the interpreter.
            self.call_after_refresh(self.load_caseload)
        if self.settings.idle_lock_minutes:
            self.set_interval(IDLE_CHECK_SECONDS, self.lock_if_idle)

    def unlocked(self, _opened: bool | None) -> None:
        """The passphrase opened the database: read the caseload."""
        self.load_caseload()

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
        first = self.caseload_rows is None
        self.caseload_rows = message.rows
        self.set_timer(1.0, self.warm_store)
        paths = self.services.paths
        if first and paths is not None:
            from workwell_tui.db.paths import cloud_synced

            synced = cloud_synced(paths.data_dir)
            if synced is not None:
                self.notify(
                    escape(
                        f"The data folder is inside {synced}, a cloud-synced folder: copies of "
                        "the database may leave this laptop, and a sync can damage it. Move it "
                        "with --data-dir to a folder that is not synced."
                    ),
                    title="Data folder is synced",
                    severity="warning",
                    timeout=20,
                )

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_store(self) -> None:
        """Once the caseload is on screen: look for damage (the problem screen, offering the
        newest backup), import SQLAlchemy and open the engine, then today's backup (once a day,
        the newest 7 kept), which never stops the app if it cannot run."""
        if self.services.is_open:
            store = self.services.store
            try:
                store.check_damage()  # quick_check: after the rows, so they come quickly
            except WorkwellError as error:
                self.call_from_thread(self.show_problem, error.message)
                return
            store.warm()
            from workwell_tui import clock
            from workwell_tui.db.backup import daily_backup

            try:
                daily_backup(self.services.store, clock.today())
            except WorkwellError as error:
                self.call_from_thread(
                    self.notify, escape(error.message), title="No backup today", severity="warning"
                )

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

    # Crisis contacts, covers and the lock -------------------------------------------------------

    def on_show_crisis_contacts(self, _message: ShowCrisisContacts) -> None:
        """Show the crisis contacts."""
        self.action_crisis_contacts()

    def action_crisis_contacts(self) -> None:
        """The crisis contacts over the current screen (not over a cover, not twice)."""
        from workwell_tui.screens.crisis import CrisisContactsScreen

        if not self._covered() and not isinstance(self.screen, CrisisContactsScreen):
            # Over a participant's screens, the box lists Childline only if they are under 19.
            about = (getattr(s, "participant_id", None) for s in reversed(self.screen_stack))
            participant_id = next((found for found in about if isinstance(found, str)), None)
            self.push_screen(CrisisContactsScreen(participant_id))

    async def on_event(self, event: events.Event) -> None:
        """Note input for the idle lock."""
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown):
            self.last_input_at = time.monotonic()
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        from workwell_tui.screens.cover import LockScreen

        idle_minutes = (time.monotonic() - self.last_input_at) / 60
        if idle_minutes >= self.settings.idle_lock_minutes and not self._covered():
            self.push_screen(LockScreen(self.settings.idle_lock_minutes, self.lock_check()))

    def action_lock(self) -> None:
        """Lock now: the cover that needs the passphrase."""
        from workwell_tui.screens.cover import LockScreen

        if not self._covered():
            self.push_screen(LockScreen(0, self.lock_check()))

    def lock_check(self) -> Callable[[str], bool] | None:
        """How the lock checks a passphrase (None when the database has none)."""
        if self.services.passphrase is None:
            return None
        return self.check_lock_passphrase

    def check_lock_passphrase(self, typed: str) -> bool:
        """Right or wrong; a wrong one is audited (in a worker: the UI never waits)."""
        right = bool(self.services.check_passphrase(typed))
        self.audit_unlock(right)
        return right

    @work(thread=True, group="audit", exit_on_error=False)
    def audit_unlock(self, right: bool) -> None:
        """Record an unlock or a failed unlock of the lock."""
        if not self.services.is_open:
            return
        from workwell_tui.db.audit import record_event

        store = self.services.store
        with store.unit_of_work() as session:
            record_event(session, store.actor, "unlock" if right else "unlock.failed", "lock")

    def _covered(self) -> bool:
        from workwell_tui.screens.cover import LockScreen, PrivacyScreen
        from workwell_tui.screens.unlock import UnlockScreen

        return isinstance(self.screen, PrivacyScreen | LockScreen | UnlockScreen)

    def action_privacy(self) -> None:
        """Hide everything behind a neutral cover, or show it again."""
        from workwell_tui.screens.cover import PrivacyScreen

        if isinstance(self.screen, PrivacyScreen):
            self.screen.dismiss()
        elif not self._covered():
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
        """The app's own actions in the command palette (listed in commands.py)."""
        from workwell_tui.commands import app_commands

        return app_commands(self, screen)
