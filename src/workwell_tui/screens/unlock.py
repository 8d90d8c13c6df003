"""Unlocking the encrypted database at start, and setting its passphrase on the first run.

The passphrase is tried in a worker (deriving the key takes a moment); a wrong one is a clear
line beside the field and another try, never a traceback. The screen covers the caseload until
the database is open, then goes; the App reads the caseload when it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Static

from workwell_tui.db.errors import PassphraseNeeded, WrongPassphrase
from workwell_tui.domain.passphrase import passphrase_problem
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.base import WorkwellScreen

__all__ = ["UnlockScreen"]


class UnlockScreen(WorkwellScreen[bool]):
    """Type the passphrase ("unlock"), or choose one, typed twice ("set"); dismissed with True
    once the database is open."""

    DEFAULT_CSS = """
    UnlockScreen {
        align: center middle;
        background: $background;
    }
    UnlockScreen #unlock {
        width: 64;
        height: auto;
        padding: 1 2;
        border: round $primary;
    }
    UnlockScreen #unlock-title {
        text-style: bold;
        color: $primary;
        padding-bottom: 1;
    }
    UnlockScreen .unlock--hint {
        color: $foreground-muted;
    }
    UnlockScreen #unlock-error {
        color: $error;
        height: auto;
    }
    UnlockScreen Input {
        margin-bottom: 1;
    }
    """

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", id="unlock.quit", priority=True)]

    @dataclass
    class Opened(Message):
        """The passphrase opened (or created) the database."""

    @dataclass
    class Refused(Message):
        """The passphrase did not open it; `reason` says so in the coach's words."""

        reason: str
        wrong: bool = True

    def __init__(self, mode: str = "unlock") -> None:
        super().__init__()
        self.mode = mode
        self.failures = 0

    def compose(self) -> ComposeResult:
        """The title, what to do, the field(s), and room for what went wrong."""
        with Vertical(id="unlock"):
            if self.mode == "set":
                yield Static("WorkWell · choose a passphrase", id="unlock-title")
                yield Static(
                    "Your caseload will be encrypted on this laptop. Choose a passphrase of "
                    "12 characters or more (three random words work well) and type it twice. "
                    "It cannot be recovered if forgotten: keep it safe.",
                    classes="unlock--hint",
                )
                yield Input(
                    password=True, placeholder="Passphrase", id="unlock-passphrase", compact=True
                )
                yield Input(
                    password=True, placeholder="Type it again", id="unlock-again", compact=True
                )
            else:
                yield Static("WorkWell · locked", id="unlock-title")
                yield Static(
                    "Your caseload is encrypted. Type the passphrase to open it.",
                    classes="unlock--hint",
                )
                yield Input(
                    password=True, placeholder="Passphrase", id="unlock-passphrase", compact=True
                )
            yield Static("", id="unlock-error", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Ready to type."""
        self.query_one("#unlock-passphrase", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter: move to the second field, or try the passphrase."""
        first = self.query_one("#unlock-passphrase", Input)
        if self.mode == "set":
            again = self.query_one("#unlock-again", Input)
            if event.input is first and not again.value:
                again.focus()
                return
            problem = passphrase_problem(first.value, again.value)
            if problem is not None:
                # Both typed blind: start the pair again rather than guess which one was wrong.
                first.value = again.value = ""
                first.focus()
                self.say(problem)
                return
        if not first.value:
            self.say("Type the passphrase, then press Enter.")
            return
        self.say("Opening…")
        for field in self.query(Input):
            field.disabled = True
        self.try_passphrase(first.value)

    def say(self, words: str) -> None:
        """Show what happened beside the fields."""
        self.query_one("#unlock-error", Static).update(words)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def try_passphrase(self, passphrase: str) -> None:
        """Open the database with it (off the UI thread: the key takes a moment to derive)."""
        services = self.services
        services.passphrase = passphrase
        try:
            store = services.open_store()
        except (WrongPassphrase, PassphraseNeeded) as error:
            services.passphrase = None
            self.post_message(self.Refused(error.message, wrong=True))
            return
        except WorkwellError as error:  # damaged, read-only...: said here, not under a cover
            services.passphrase = None
            self.post_message(self.Refused(error.message, wrong=False))
            return
        from workwell_tui.db.audit import record_event

        detail = f"after {self.failures} failed attempts" if self.failures else ""
        with store.unit_of_work() as session:
            for _ in range(self.failures):
                record_event(session, store.actor, "unlock.failed", "database")
            record_event(session, store.actor, "unlock", "database", detail=detail)
        self.post_message(self.Opened())

    def on_unlock_screen_refused(self, message: Refused) -> None:
        """Wrong: say so, clear the field, try again."""
        self.failures += int(message.wrong)
        for field in self.query(Input):
            field.disabled = False
            field.value = ""
        self.say(message.reason)
        self.query_one("#unlock-passphrase", Input).focus()

    def on_unlock_screen_opened(self, _message: Opened) -> None:
        """Open: show the caseload."""
        self.dismiss(True)

    def worker_failed(self, worker: object) -> None:
        """Another failure (a damaged file...): the App shows it; let the coach try again."""
        del worker
        for field in self.query(Input):
            field.disabled = False
        self.say("")
