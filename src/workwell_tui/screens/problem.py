"""A clear message when the app cannot go on (damaged database, newer schema), never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from workwell_tui.styles import style


class ProblemScreen(Screen[None]):
    """Explains what is wrong and what the coach can do; q quits."""

    CSS_PATH = style("problem.tcss")
    BINDINGS = [Binding("q", "app.quit", "Quit", id="problem.quit", priority=True)]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        """Title, the message, and the footer."""
        with Vertical(id="problem"):
            yield Static("WorkWell cannot open your data", id="problem-title")
            yield Static(self.message, id="problem-message", markup=False)
        yield Footer(compact=True)
