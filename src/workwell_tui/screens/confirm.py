"""A small yes/no question that never loses what is behind it, and the two ways screens ask it.

`ask` runs something only on a yes. `leave_asking` is Esc on a form: it leaves at once when
nothing was changed, and otherwise asks before throwing the changes away (every form asks this
way, in its own words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
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


def ask(
    screen: Screen[Any], question: str, *, yes: str, no: str, then: Callable[[], object]
) -> None:
    """Ask `question` over `screen`; `then` runs only on a yes (a no leaves all as it was)."""

    def answered(answer: bool | None) -> None:
        if answer:
            then()

    screen.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answered)


def leave_asking(
    screen: Screen[Any],
    *,
    changed: bool,
    question: str,
    yes: str,
    no: str,
    leave: Callable[[bool], object],
) -> None:
    """Esc on a form: `leave(False)` at once when nothing was `changed`; otherwise ask
    `question`, and on a yes `leave(True)` (the changes thrown away)."""
    if not changed:
        leave(False)
        return
    ask(screen, question, yes=yes, no=no, then=lambda: leave(True))
