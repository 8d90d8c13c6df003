"""A labelled form control with its message right beside it, as every form in the app uses."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FormField(Vertical):
    """Label, control, and a line for the error or hint under the control."""

    DEFAULT_CLASSES = "form-field"

    def __init__(
        self, label: str, control: Widget, *, required: bool = False, hint: str = ""
    ) -> None:
        super().__init__(id=f"field-{control.id}")
        self.label = label + (" *" if required else "")
        self.control = control
        self.hint = hint

    def compose(self) -> ComposeResult:
        """The label beside the control, the message underneath."""
        with Horizontal(classes="field-row"):
            yield Label(self.label, classes="field-label")
            yield self.control
        message = Static(self.hint, classes="field-message", markup=False)
        message.display = bool(self.hint)
        yield message

    def set_message(self, error: str | None, hint: str | None = None) -> None:
        """Show an error (in the error colour) or a hint; None clears back to the hint."""
        message = self.query_one(".field-message", Static)
        text = error or (hint if hint is not None else self.hint)
        message.update(text)
        message.display = bool(text)
        self.set_class(bool(error), "-invalid")
