"""One assessment question on screen: its label, the right control for its kind, its message.

The control is chosen from the question's kind, so the wizard is a list of these and nothing
else; the answer goes in and comes out exactly as typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from workwell_tui.domain.assessment.questions import Answer, Kind, Question
from workwell_tui.widgets.choices import Choices

_TYPED = (Kind.TEXT, Kind.NOTE, Kind.DATE, Kind.NUMBER)


def control_id(key: str) -> str:
    """A widget id for an answer key (ids cannot hold dots)."""
    return "q-" + key.replace(".", "-")


def make_control(question: Question, value: Answer, suggestions: list[str] | None = None) -> Widget:
    """The widget that answers `question`, holding `value` (typed ones may offer suggestions)."""
    ident = control_id(question.key)
    if question.kind in _TYPED:
        text = value if isinstance(value, str) else "" if value is None else str(value)
        restrict = {Kind.DATE: r"[0-9/.\- ]*", Kind.NUMBER: r"[0-9]*"}.get(question.kind)
        placeholder = {Kind.DATE: "dd/mm/yyyy"}.get(question.kind, "")
        control = Input(
            text,
            id=ident,
            restrict=restrict,
            placeholder=placeholder,
            max_length=question.max_length + 50,
            compact=True,
            suggester=SuggestFromList(suggestions, case_sensitive=False) if suggestions else None,
        )
        control.add_class(f"-{question.kind.value}")
        return control
    if question.kind is Kind.SCALE:
        chosen = str(value) if isinstance(value, int) and not isinstance(value, bool) else None
        return Choices(
            question.options, value=chosen, numbered=True, first_digit=question.low, id=ident
        )
    if question.kind is Kind.MULTI:
        ticked = (
            [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
        )
        return Choices(question.options, value=ticked, multi=True, numbered=True, id=ident)
    numbered = question.kind is Kind.CHOICE
    return Choices(
        question.options,
        value=value if isinstance(value, str) else None,
        numbered=numbered,
        id=ident,
    )


def read_control(question: Question, control: Widget) -> Answer:
    """The answer a control holds, in the form the answers dictionary keeps."""
    if isinstance(control, Input):
        return control.value
    assert isinstance(control, Choices)
    value = control.value
    if question.kind is Kind.SCALE:
        return int(value) if isinstance(value, str) else None
    return value


def write_control(question: Question, control: Widget, value: Answer) -> None:
    """Put `value` into a control (used when an answer is dropped or filled in elsewhere)."""
    if isinstance(control, Input):
        control.value = value if isinstance(value, str) else ""
        return
    assert isinstance(control, Choices)
    if question.kind is Kind.SCALE:
        control.value = str(value) if isinstance(value, int) else None
    elif isinstance(value, list):
        control.value = [item for item in value if isinstance(item, str)]
    else:
        control.value = value if isinstance(value, str) else None


class QuestionField(Vertical):
    """Heading (if any), label and control, and the line for the hint or the problem."""

    DEFAULT_CLASSES = "question"

    def __init__(
        self, question: Question, value: Answer, suggestions: list[str] | None = None
    ) -> None:
        super().__init__(id="field-" + control_id(question.key))
        self.question = question
        self.control = make_control(question, value, suggestions)
        self._message = question.hint
        if question.stacked:
            self.add_class("-stacked")

    def compose(self) -> ComposeResult:
        """Stacked questions put the label above; short ones beside the control."""
        question = self.question
        if question.heading:
            yield Static(question.heading, classes="question-heading", markup=False)
        label = question.label + (" *" if question.required else "")
        if question.stacked:
            yield Label(label, classes="question-label", markup=False)
            yield self.control
        else:
            with Horizontal(classes="question-row"):
                yield Label(label, classes="question-label", markup=False)
                yield self.control
        message = Static(question.hint, classes="question-message", markup=False)
        message.display = bool(question.hint)
        yield message

    @property
    def answer(self) -> Answer:
        """What the control holds now."""
        return read_control(self.question, self.control)

    def set_answer(self, value: Answer) -> None:
        """Replace what the control holds."""
        write_control(self.question, self.control, value)

    def set_problem(self, problem: str | None, note: str = "") -> None:
        """Show a problem (in the error colour), else a note or the hint."""
        text = problem or note or self.question.hint
        if text == self._message and bool(problem) == self.has_class("-invalid"):
            return  # unchanged: spare a restyle
        self._message = text
        message = self.query_one(".question-message", Static)
        message.update(text)
        message.display = bool(text)
        self.set_class(bool(problem), "-invalid")
