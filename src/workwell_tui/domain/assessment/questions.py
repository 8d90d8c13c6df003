"""Questions as data: what the wizard asks, when it applies, and what counts as a valid answer.

Answers are kept exactly as typed (text stays text) so that a failed check never throws anything
away; `check_answer` reads them and says what is wrong in the coach's words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workwell_tui.domain.dates import parse_uk_date

Answer = str | int | bool | list[str] | None
Answers = Mapping[str, Answer]

YES, NO = "yes", "no"
YES_NO_OPTIONS: tuple[tuple[str, str], ...] = ((YES, "Yes"), (NO, "No"))


class Kind(StrEnum):
    """How a question is answered."""

    TEXT = "text"  # a short line
    NOTE = "note"  # a longer line in their own words
    DATE = "date"  # dd/mm/yyyy as typed
    NUMBER = "number"  # whole number as typed
    CHOICE = "choice"  # one of the options
    YES_NO = "yes_no"  # "yes" or "no"
    MULTI = "multi"  # any of the options
    SCALE = "scale"  # a whole number low..high, answered with a digit


@dataclass(frozen=True)
class Question:
    """One thing the wizard asks."""

    key: str
    label: str
    kind: Kind
    required: bool = False
    options: tuple[tuple[str, str], ...] = ()
    low: int = 0
    high: int = 0
    hint: str = ""
    heading: str = ""
    stacked: bool = False
    when: Callable[[Answers], bool] | None = None
    not_future: bool = False
    max_length: int = 1000
    # A safeguarding record: once answered, never dropped when other answers change.
    kept: bool = False

    def applies(self, answers: Answers) -> bool:
        """True when this question should be asked, given the answers so far."""
        return self.when is None or self.when(answers)

    def option_label(self, value: str) -> str:
        """The label of one option value (the value itself when unknown)."""
        return dict(self.options).get(value, value)


def is_blank(value: Answer) -> bool:
    """Nothing answered yet (an empty line or an empty set counts as nothing)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return not value
    return False


def check_answer(question: Question, value: Answer, today: date) -> str | None:
    """The problem with `value` as an answer to `question`, or None when it is fine."""
    if is_blank(value):
        return "Needs an answer" if question.required else None
    kind = question.kind
    if kind in (Kind.TEXT, Kind.NOTE, Kind.DATE, Kind.NUMBER) and not isinstance(value, str):
        return "Type an answer"
    if kind in (Kind.TEXT, Kind.NOTE):
        assert isinstance(value, str)
        if len(value.strip()) > question.max_length:
            return f"Keep it under {question.max_length} characters"
        return None
    if kind is Kind.DATE:
        assert isinstance(value, str)
        try:
            day = parse_uk_date(value)
        except ValueError as problem:
            return str(problem)
        if question.not_future and day > today:
            return "Cannot be in the future"
        return None
    if kind is Kind.NUMBER:
        number = as_int(value)
        if number is None:
            return "Type a whole number"
        if not question.low <= number <= question.high:
            return f"Between {question.low} and {question.high}"
        return None
    if kind is Kind.SCALE:
        if isinstance(value, bool) or not isinstance(value, int):
            return "Choose a number"
        if not question.low <= value <= question.high:
            return f"Between {question.low} and {question.high}"
        return None
    allowed = {option for option, _ in question.options}
    if kind is Kind.MULTI:
        if not isinstance(value, list) or any(item not in allowed for item in value):
            return "Choose from the list"
        return None
    if not isinstance(value, str) or value not in allowed:
        return "Choose one"
    return None


def as_int(value: Answer) -> int | None:
    """A typed whole number, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    return None


def as_date(value: Answer) -> date | None:
    """A typed date when it reads as one, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_uk_date(value)
    except ValueError:
        return None


def as_text(value: Answer) -> str:
    """A typed line, trimmed; empty for anything else."""
    return value.strip() if isinstance(value, str) else ""


def as_list(value: Answer) -> list[str]:
    """The chosen options of a multi-choice answer."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def show_answer(question: Question, value: Answer) -> str:
    """An answer as a coach reads it back: labels, not stored values."""
    if is_blank(value):
        return "—"
    if question.kind is Kind.MULTI:
        return ", ".join(question.option_label(item) for item in as_list(value))
    if question.kind in (Kind.CHOICE, Kind.YES_NO) and isinstance(value, str):
        return question.option_label(value)
    if question.kind is Kind.SCALE and isinstance(value, int):
        label = question.option_label(str(value))
        return f"{value}" if label == str(value) or not label else f"{value} {label}"
    return str(value).strip()
