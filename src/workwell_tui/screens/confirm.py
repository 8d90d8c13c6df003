"""A small yes/no question that never loses what is behind it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from workwell_tui.styles import style


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; y answers yes, n or Esc answers no."""

    CSS_PATH = style("confirm.tcss")
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        """The question and the two keys."""
        with Vertical(id="confirm"):
            yield Static(self.question, id="question", markup=False)
            yield Static(f"y  {self.yes}     n  {self.no}", id="answers", markup=False)
        yield Footer(compact=True)

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)
