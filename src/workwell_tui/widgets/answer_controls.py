"""Assessment questions as form fields: the right control for each kind of question.

The control is chosen from the question's kind, so a step is a list of `FormField`s and nothing
else; an answer goes in and comes out exactly as typed (a scale's digit as a number).
"""

from __future__ import annotations

from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input

from workwell_tui.domain.assessment.questions import Answer, Kind, Question
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField

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


def question_field(
    question: Question, value: Answer, suggestions: list[str] | None = None
) -> FormField:
    """The form field for `question`, holding `value`; named by the question's key."""
    return FormField(
        question.label,
        make_control(question, value, suggestions),
        required=question.required,
        hint=question.hint,
        heading=question.heading,
        stacked=question.stacked,
        wide=True,
        name=question.key,
        id="field-" + control_id(question.key),
    )
