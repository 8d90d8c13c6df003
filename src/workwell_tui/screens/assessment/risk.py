"""The risk prompt: PHQ-9 item 9 answered above 0, or "in crisis now", stops the flow until the
coach records what they did, with the crisis contacts in front of both of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workwell_tui.domain.crisis import crisis_contacts
from workwell_tui.styles import style


class RiskScreen(ModalScreen[str]):
    """Crisis contacts and a required "what I did" record."""

    CSS_PATH = style("risk.tcss")
    BINDINGS = [Binding("escape", "refuse", show=False)]

    ITEM_9 = (
        "They said they have had thoughts that they would be better off dead or of "
        "hurting themselves. Ask about it directly and follow your safeguarding procedure."
    )
    IN_CRISIS = (
        "You recorded that they are in crisis now. Make sure they are safe, share these "
        "contacts and follow your safeguarding procedure."
    )

    def __init__(self, action: str = "", *, why: str = ITEM_9, age: int | None = None) -> None:
        super().__init__()
        self.action = action
        self.why = why
        self.age = age
        """Their age (None: not known yet), which decides whether Childline is listed."""

    def compose(self) -> ComposeResult:
        """Why the flow stopped, who to contact, and the record."""
        contacts = "\n".join(f"  {c.who:<12}{c.how}" for c in crisis_contacts(self.age))
        with Vertical(id="risk"):
            yield Static("Check on their safety now", id="risk-title", markup=False)
            yield Static(self.why, id="risk-why", markup=False)
            yield Static(contacts, id="risk-contacts", markup=False)
            yield Static("What I did *", id="risk-label", markup=False)
            yield Input(
                self.action,
                compact=True,
                id="risk-action",
                placeholder="e.g. shared contacts, agreed safety plan, told GP",
            )
            yield Static(
                "Enter records it and goes back to the questions.", id="risk-message", markup=False
            )

    def on_mount(self) -> None:
        """Ready to type the record."""
        self.query_one("#risk-action", Input).focus()

    @on(Input.Submitted, "#risk-action")
    def _record(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if len(text) < 3:
            self._ask()
            return
        self.dismiss(text)

    def _ask(self) -> None:
        message = self.query_one("#risk-message", Static)
        message.update("Write what you did before going on, then Enter.")
        message.add_class("-needed")

    def action_refuse(self) -> None:
        """Esc does not skip the record."""
        self._ask()
