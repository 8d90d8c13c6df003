"""Import Open Referral UK files from the directory screen: a path, then what happened.

The file is read and stored in a worker (one transaction), so the screen never freezes; the
summary (created, updated, unchanged, skipped) and every problem, with file and record, show
here as plain text. Closing returns the summary so the directory reads itself again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from workwell_tui import clock
from workwell_tui.db.store_directory import ImportSummary
from workwell_tui.directory import read_services
from workwell_tui.errors import WorkwellError, in_coach_words
from workwell_tui.screens.navigation import WorkFailed
from workwell_tui.services import Services
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.user_text import user_text

SHOWN_PROBLEMS = 100


class ImportFailed(WorkwellError):
    """The import could not be stored."""

    default_title = "Not imported"
    default_message = "The import could not be stored. The directory is as it was."


class ImportScreen(ModalScreen[ImportSummary | None]):
    """Ask for a path, import it, show the summary."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    ImportScreen {
        align: center middle;
    }
    ImportScreen #import-box {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ImportScreen #import-result {
        height: auto;
        max-height: 14;
    }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="import.close")]

    @dataclass
    class Done(Message):
        """The import was stored."""

        summary: ImportSummary

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.summary: ImportSummary | None = None
        self.running = False

    def compose(self) -> ComposeResult:
        """Path and publisher, then the result."""
        with Vertical(id="import-box"):
            yield FormField(
                "File or folder",
                Input(placeholder="~/Downloads/services.json", compact=True, id="import-path"),
                hint="A .json file or page, a folder of them, or a datapackage.json",
            )
            yield FormField("Publisher", Input("oruk", compact=True, id="import-source"),
                            hint="The same name each time, so a re-import updates")  # fmt: skip
            with VerticalScroll(id="import-result"):
                yield Static("", id="import-summary", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Title and focus."""
        self.query_one("#import-box").border_title = "Import services (Open Referral UK)"
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._start()

    def _start(self) -> None:
        if self.running:
            return
        typed = self.query_one("#import-path", Input).value.strip()
        field = self.query_one("#field-import-path", FormField)
        path = Path(typed).expanduser() if typed else None
        if path is None or not path.exists():
            field.set_message("Type the path of a file or folder that exists" if not typed
                              else "Nothing at that path")  # fmt: skip
            return
        field.set_message(None)
        source = " ".join(self.query_one("#import-source", Input).value.split())[:40] or "oruk"
        self.running = True
        self.query_one("#import-summary", Static).update("Importing…")
        self.run_import(path, source)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def run_import(self, path: Path, source: str) -> None:
        """Read and store off the UI thread."""
        batch = read_services(path, clock.today())
        with in_coach_words(ImportFailed):
            summary = self.services.store.import_services(batch, source=source)
        self.post_message(self.Done(summary))

    def on_import_screen_done(self, message: Done) -> None:
        """Show what happened."""
        self.running = False
        self.summary = message.summary
        text = Text()
        text.append(message.summary.line(), style="bold")
        for problem in message.summary.problems[:SHOWN_PROBLEMS]:
            text.append("\n")
            text.append_text(user_text(problem.line()))
        hidden = len(message.summary.problems) - SHOWN_PROBLEMS
        if hidden > 0:
            text.append(f"\n… and {hidden:,} more (workwell import-services lists them all)")
        self.query_one("#import-summary", Static).update(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed import: say so; the directory is as it was."""
        if event.state is WorkerState.ERROR:
            self.running = False
            self.query_one("#import-summary", Static).update("Not imported.")
            self.post_message(WorkFailed(event.worker.error))

    def action_close(self) -> None:
        """Back to the directory (which reads itself again if anything was imported)."""
        self.dismiss(self.summary)
