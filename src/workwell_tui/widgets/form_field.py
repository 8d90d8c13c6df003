"""One form field: a label, its control, and the message right beside it; every form uses it.

The referral form gives it an `Input`, `Select` or `TickBox`; the assessment wizard gives it the
control a question needs (see `answer_controls`). Either way the message under the control is
the hint, a note, or (in the error colour, with the label) what to put right.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static


class FormField(Vertical):
    """A heading (optional), the label beside (or above) the control, and the message line.

    Parts, each a child widget with its class (restyle them in `FormField > .form-field--…`):

    | Class | Description |
    | :- | :- |
    | `form-field--heading` | A heading over a group of fields (the wizard's "PHQ-9"). |
    | `form-field--row` | The label and the control side by side. |
    | `form-field--label` | The label (" *" when required). |
    | `form-field--message` | The hint, a note, or what to put right. |

    Variants: `-wide` for long questions (a wider label column, controls that grow),
    `-stacked` for the label above the control, and `-invalid` (set from `invalid`).
    """

    # Forms find their fields (and style what they put in them) by this class.
    DEFAULT_CLASSES = "form-field"

    DEFAULT_CSS = """
    FormField {
        height: auto;
    }
    FormField > .form-field--heading {
        padding-top: 1;
        text-style: bold;
        color: $primary;
    }
    FormField > .form-field--row {
        height: auto;
    }
    FormField .form-field--label {
        width: 18;
        padding-right: 1;
        text-align: right;
        color: $foreground-muted;
    }
    FormField > .form-field--message {
        height: auto;
        padding-left: 18;
        color: $foreground-muted;
    }
    FormField Input, FormField Select {
        width: 48;
    }
    FormField Input, FormField SelectCurrent {
        background: $panel;
    }
    FormField Input:focus, FormField Select:focus SelectCurrent {
        background: $primary 30%;
    }

    FormField.-wide .form-field--label {
        width: 29;
        text-align: left;
    }
    FormField.-wide > .form-field--message {
        padding-left: 29;
    }
    FormField.-wide Input {
        width: 1fr;
        max-width: 60;
    }
    FormField.-wide Input.-date {
        width: 14;
    }
    FormField.-wide Input.-number {
        width: 8;
    }

    FormField.-stacked .form-field--label {
        width: 1fr;
        padding-top: 1;
        color: $foreground;
    }
    FormField.-stacked Choices {
        padding-left: 2;
    }
    FormField.-stacked Input {
        margin-left: 2;
    }
    FormField.-stacked > .form-field--message {
        padding-left: 2;
    }

    FormField.-invalid .form-field--label, FormField.-invalid > .form-field--message {
        color: $error;
    }
    """

    message: reactive[str] = reactive("", init=False)
    """The line under the control: the hint, a note or a problem (hidden when empty)."""

    invalid: reactive[bool] = reactive(False, init=False)
    """Whether `message` says what to put right (label and message in the error colour)."""

    def __init__(
        self,
        label: str,
        control: Widget,
        *,
        required: bool = False,
        hint: str = "",
        heading: str = "",
        stacked: bool = False,
        wide: bool = False,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id or (f"field-{control.id}" if control.id else None))
        self.label = label + (" *" if required else "")
        self.control = control
        self.hint = hint
        self.heading = heading
        self.set_reactive(FormField.message, hint)
        self.set_class(stacked, "-stacked")
        self.set_class(wide, "-wide")

    def compose(self) -> ComposeResult:
        """The heading, the label beside the control (or above it), the message underneath."""
        if self.heading:
            yield Static(self.heading, classes="form-field--heading", markup=False)
        label = Label(self.label, classes="form-field--label", markup=False)
        if self.has_class("-stacked"):
            yield label
            yield self.control
        else:
            with Horizontal(classes="form-field--row"):
                yield label
                yield self.control
        message = Static(self.message, classes="form-field--message", markup=False)
        message.display = bool(self.message)
        yield message

    @property
    def value(self) -> object:
        """What the control holds (an Input's text, a Select's choice, a box's tick, …)."""
        control = self.control
        if isinstance(control, Input | Select | Checkbox):
            return control.value
        return getattr(control, "value", None)

    def set_message(self, error: str | None = None, note: str | None = None) -> None:
        """Show `error` (in the error colour), else `note`, else the hint ("" shows nothing)."""
        self.message = error or (note if note is not None else self.hint)
        self.invalid = bool(error)

    def watch_message(self, message: str) -> None:
        """Show the new message; an empty one takes no line."""
        for line in self.query_children(".form-field--message").results(Static):
            line.update(message)
            line.display = bool(message)

    def watch_invalid(self, invalid: bool) -> None:
        """Label and message in the error colour while there is something to put right."""
        self.set_class(invalid, "-invalid")
