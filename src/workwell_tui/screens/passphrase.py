"""Encrypting an unencrypted caseload, and changing the passphrase of an encrypted one.

Both open from the command palette and look like the first-run "choose a passphrase" screen.
The new passphrase is typed twice and checked as it is on first run; the work (deriving a key,
copying or re-keying the file) runs in a worker. A refusal is a line beside the field it is
about; on success the app carries on with the encrypted database and says so in a toast.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Footer, Input, Static

from workwell_tui.domain.passphrase import passphrase_problem
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale

__all__ = ["ChangePassphraseScreen", "EncryptScreen", "PassphraseScreen"]

OLD_BACKUPS = "Backups made before now keep the old passphrase."
WRONG_CURRENT = (
    "That is not the current passphrase. Check it and try again (capital letters count). "
    "Nothing has been changed."
)


class PassphraseScreen(WorkwellScreen[bool]):
    """A new passphrase typed twice (and, to change one, the current one first); dismissed
    with True once the work is done, False when cancelled."""

    DEFAULT_CSS = """
    PassphraseScreen {
        align: center middle;
        background: $background;
    }
    PassphraseScreen #passphrase-box {
        width: 64;
        height: auto;
        padding: 1 2;
        border: round $primary;
    }
    PassphraseScreen #passphrase-title {
        text-style: bold;
        color: $primary;
        padding-bottom: 1;
    }
    PassphraseScreen .passphrase--hint {
        color: $foreground-muted;
        padding-bottom: 1;
    }
    PassphraseScreen .passphrase--label {
        color: $foreground-muted;
    }
    PassphraseScreen .passphrase--message {
        color: $error;
        height: auto;
        margin-bottom: 1;
        display: none;
    }
    PassphraseScreen #passphrase-status {
        color: $foreground-muted;
        height: auto;
        display: none;
    }
    PassphraseScreen Input {
        margin-bottom: 1;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="passphrase.cancel")]

    heading = ""
    hint = ""
    asks_current = False
    working_words = "Working…"

    busy: reactive[bool] = reactive(False)
    """True while the worker runs: the fields are disabled and Escape waits."""

    @dataclass
    class Done(Message):
        """The work is done; `summary` is the toast."""

        summary: str

    @dataclass
    class Refused(Message):
        """It was not done; `reason` goes beside `field` ("current" or "new")."""

        reason: str
        field: str = "new"

    def compose(self) -> ComposeResult:
        """Title, what will happen, the fields with a line for each one's problem."""
        with Vertical(id="passphrase-box"):
            yield Static(self.heading, id="passphrase-title")
            yield Static(self.hint, classes="passphrase--hint")
            if self.asks_current:
                yield Static("Current passphrase", classes="passphrase--label")
                yield Input(password=True, id="passphrase-current", compact=True)
                yield Static("", id="current-message", classes="passphrase--message", markup=False)
            yield Static("New passphrase (12 characters or more)", classes="passphrase--label")
            yield Input(password=True, id="passphrase-new", compact=True)
            yield Static("New passphrase again", classes="passphrase--label")
            yield Input(password=True, id="passphrase-again", compact=True)
            yield Static("", id="new-message", classes="passphrase--message", markup=False)
            yield Static("", id="passphrase-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Ready to type in the first field."""
        self.query(Input).first().focus()

    def watch_busy(self, busy: bool) -> None:
        """Fields off while working; the status line says what is happening."""
        for field in self.query(Input):
            field.disabled = busy
        status = self.query_one("#passphrase-status", Static)
        status.update(self.working_words if busy else "")
        status.display = busy

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No cancelling half-way: the work finishes (or fails) as a whole."""
        if action == "cancel":
            return not self.busy
        return True

    def action_cancel(self) -> None:
        """Leave without changing anything."""
        self.dismiss(False)

    def field(self, name: str) -> Input:
        """One of the fields: "current", "new" or "again"."""
        return self.query_one(f"#passphrase-{name}", Input)

    def say(self, words: str, beside: str = "new") -> None:
        """Show `words` beside a field ("current" or "new"), and clear the other line."""
        for name in ("current", "new"):
            for line in self.query(f"#{name}-message").results(Static):
                line.update(words if name == beside else "")
                line.display = bool(words) and name == beside

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter: on to the next empty field, else check everything and start."""
        fields = list(self.query(Input))
        for later in fields[fields.index(event.input) + 1 :]:
            if not later.value:
                later.focus()
                return
        current = self.field("current").value if self.asks_current else None
        if current is not None and not current:
            self.say("Type the current passphrase first.", "current")
            self.field("current").focus()
            return
        new, again = self.field("new"), self.field("again")
        problem = passphrase_problem(new.value, again.value)
        if problem is None and current is not None and new.value == current:
            problem = "The new passphrase is the same as the current one. Choose another."
        if problem is not None:
            # Both typed blind: start the pair again rather than guess which one was wrong.
            new.value = again.value = ""
            new.focus()
            self.say(problem)
            return
        self.say("")
        self.busy = True
        self.start(current, new.value)

    def start(self, current: str | None, new: str) -> None:
        """Begin the work in a worker (each screen its own)."""
        raise NotImplementedError

    def on_passphrase_screen_refused(self, message: Refused) -> None:
        """Not done: say why beside the field, and let the coach type it again."""
        self.busy = False
        cleared = ("current",) if message.field == "current" else ("new", "again")
        for name in cleared:
            self.field(name).value = ""
        self.say(message.reason, message.field)
        self.field(cleared[0]).focus()

    def on_passphrase_screen_done(self, message: Done) -> None:
        """Done: a toast, the caseload read again through the new store, and back."""
        self.app.notify(message.summary, title=self.heading, timeout=10, markup=False)
        self.app.post_message(CaseloadStale())
        self.dismiss(True)

    def worker_failed(self, worker: object) -> None:
        """Something unexpected (the App shows it): the fields come back."""
        del worker
        self.busy = False


class EncryptScreen(PassphraseScreen):
    """Encrypt the caseload that is open now, unencrypted, with a new passphrase."""

    heading = "Encrypt this caseload"
    hint = (
        "The database on this laptop will be encrypted with SQLCipher: without the passphrase "
        "nobody can read it. Its backups are encrypted too. The passphrase cannot be recovered "
        "if forgotten: keep it safe. Close WorkWell in any other window first."
    )
    working_words = "Encrypting and checking the copy… (the unencrypted file is kept until it is)"

    def start(self, current: str | None, new: str) -> None:
        """Encrypt in a worker."""
        del current
        self.encrypt(new)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def encrypt(self, passphrase: str) -> None:
        """Close the store, encrypt the file, open it again with the passphrase, audit."""
        from workwell_tui import clock
        from workwell_tui.db.audit import record_event
        from workwell_tui.db.encryption import encrypt_database, reopen_encrypted

        services = self.services
        store = services.store
        path = store.backend.database_file
        if path is None:
            self.post_message(self.Refused("Only a database file can be encrypted."))
            return
        store.close()  # no pooled connection may hold the plain file while it is swapped
        try:
            outcome = encrypt_database(path, passphrase, clock.now(), store.backup_dir)
        except WorkwellError as error:
            self.post_message(self.Refused(error.message))
            return
        opened = reopen_encrypted(store, passphrase)
        services.passphrase = passphrase
        services.opened = opened
        with opened.unit_of_work() as session:
            detail = f"backups encrypted: {outcome.backups}" if outcome.backups else ""
            record_event(session, opened.actor, "database.encrypt", "database", detail=detail)
        self.post_message(self.Done(outcome.summary()))


class ChangePassphraseScreen(PassphraseScreen):
    """Change the passphrase of the encrypted caseload: the current one, then the new twice."""

    heading = "Change passphrase"
    hint = (
        "Type the current passphrase, then the new one twice. The database is re-encrypted "
        f"with the new one. {OLD_BACKUPS}"
    )
    asks_current = True
    working_words = "Re-encrypting the database…"

    def start(self, current: str | None, new: str) -> None:
        """Re-key in a worker."""
        self.change(current or "", new)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def change(self, current: str, new: str) -> None:
        """Check the current passphrase, re-key, and audit (a refusal is audited too)."""
        from workwell_tui.db.audit import record_event
        from workwell_tui.db.encryption import change_passphrase
        from workwell_tui.db.errors import WrongPassphrase

        services = self.services
        store = services.store
        try:
            change_passphrase(store, current, new)
        except WrongPassphrase:
            with store.unit_of_work() as session:
                record_event(session, store.actor, "database.rekey.refused", "database")
            self.post_message(self.Refused(WRONG_CURRENT, "current"))
            return
        except WorkwellError as error:
            self.post_message(self.Refused(error.message))
            return
        services.passphrase = new
        with store.unit_of_work() as session:
            record_event(session, store.actor, "database.rekey", "database")
        self.post_message(self.Done(f"The passphrase is changed. {OLD_BACKUPS}"))
