"""Checking an objective as the coach typed it, and the rules for its status and target week.

Like `domain/referral.py`, a check returns a message per field (shown beside the field, with
what was typed kept) or a clean value ready to store; it never raises for bad input.
An objective is in the participant's own words, so only control codes are taken out of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.enums import Domain, ObjectiveStatus
from workwell_tui.domain.text import clean_line, clean_note

WHAT_LIMIT = 500  # the column's size
STEPS_LIMIT = 2000
REASON_LIMIT = 500
NOTE_LIMIT = 2000
# A dropped objective says why; a changed one says what it became (the record keeps the story).
NEEDS_REASON = frozenset({ObjectiveStatus.DROPPED, ObjectiveStatus.CHANGED})

_E = TypeVar("_E", Domain, ObjectiveStatus)

__all__ = [
    "NEEDS_REASON",
    "NoteCheck",
    "ObjectiveCheck",
    "ObjectiveDraft",
    "check_objective",
    "check_progress_note",
    "move_target",
    "parse_week",
]


@dataclass(frozen=True, slots=True)
class ObjectiveDraft:
    """A checked objective, ready to store."""

    domain: Domain
    what: str
    steps: str
    target_week: int
    status: ObjectiveStatus = ObjectiveStatus.NOT_STARTED
    reason: str = ""


@dataclass
class ObjectiveCheck:
    """Errors by field, or the checked objective."""

    errors: dict[str, str] = field(default_factory=dict)
    objective: ObjectiveDraft | None = None

    @property
    def ok(self) -> bool:
        """True when the objective can be saved."""
        return self.objective is not None


def parse_week(value: object, length_weeks: int) -> tuple[int | None, str]:
    """A target week from what was typed or chosen: (week, "") or (None, message)."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, str):
        text = clean_line(value).strip().lower().removeprefix("week").strip()
        if not text:
            value = None
        elif text.isdigit():
            value = int(text)
        else:
            return None, f"Give a week number from 1 to {length_weeks}"
    if value is None:
        return None, f"Choose a target week from 1 to {length_weeks}"
    if not isinstance(value, int):
        return None, f"Give a week number from 1 to {length_weeks}"
    if value < 1:
        return None, "Weeks count from 1"
    if value > length_weeks:
        return None, f"The plan has {length_weeks} weeks: choose week {length_weeks} or earlier"
    return value, ""


def _choice(enum: type[_E], value: object) -> _E | None:
    if isinstance(value, enum):
        return value
    if not isinstance(value, str):
        return None
    try:
        return enum(value)
    except ValueError:
        return None


def check_objective(values: Mapping[str, object], length_weeks: int) -> ObjectiveCheck:
    """Check an objective's fields: domain, what, steps, target_week, status, reason."""
    result = ObjectiveCheck()
    errors = result.errors

    def text(key: str, note: bool = False) -> str:
        value = values.get(key)
        if not isinstance(value, str):
            return ""
        return (clean_note(value) if note else clean_line(value)).strip()

    domain = _choice(Domain, values.get("domain"))
    if domain is None:
        errors["domain"] = "Choose physical, psychological, social or work"
    what = text("what")
    if not what:
        errors["what"] = "Say what they want to achieve, in their words"
    elif len(what) > WHAT_LIMIT:
        errors["what"] = f"Keep this under {WHAT_LIMIT} characters; put detail in the steps"
    steps = text("steps", note=True)
    if len(steps) > STEPS_LIMIT:
        errors["steps"] = f"Keep the steps under {STEPS_LIMIT} characters"
    week, message = parse_week(values.get("target_week"), length_weeks)
    if message:
        errors["target_week"] = message
    raw_status = values.get("status")
    status = (
        ObjectiveStatus.NOT_STARTED
        if raw_status in (None, "")
        else _choice(ObjectiveStatus, raw_status)
    )
    if status is None:
        errors["status"] = "Choose a status"
    reason = text("reason", note=True)
    if status in NEEDS_REASON and not reason:
        errors["reason"] = (
            "Say why it was dropped"
            if status is ObjectiveStatus.DROPPED
            else "Say what it changed to, and why"
        )
    elif len(reason) > REASON_LIMIT:
        errors["reason"] = f"Keep this under {REASON_LIMIT} characters"
    if errors or domain is None or week is None or status is None:
        return result
    kept_reason = reason if status in NEEDS_REASON else ""
    result.objective = ObjectiveDraft(domain, what, steps, week, status, kept_reason)
    return result


@dataclass
class NoteCheck:
    """Errors by field, or a dated progress note."""

    errors: dict[str, str] = field(default_factory=dict)
    written_on: date | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        """True when the note can be saved."""
        return not self.errors and self.written_on is not None


def check_progress_note(values: Mapping[str, object], today: date) -> NoteCheck:
    """A dated progress note: some words, and a date (default today) not in the future."""
    result = NoteCheck()
    raw = values.get("note")
    note = clean_note(raw).strip() if isinstance(raw, str) else ""
    if not note:
        result.errors["note"] = "Write what happened"
    elif len(note) > NOTE_LIMIT:
        result.errors["note"] = f"Keep a note under {NOTE_LIMIT} characters"
    written = today
    raw_date = values.get("date")
    if isinstance(raw_date, date):
        written = raw_date
    elif isinstance(raw_date, str) and raw_date.strip():
        try:
            written = parse_uk_date(clean_line(raw_date))
        except ValueError as error:
            result.errors["date"] = str(error)
    if "date" not in result.errors and written > today:
        result.errors["date"] = "A progress note cannot be dated in the future"
    if not result.errors:
        result.written_on, result.note = written, note
    return result


def move_target(week: int, step: int, length_weeks: int) -> int:
    """A target week moved `step` weeks (←/→ on the grid), held within the plan."""
    return max(1, min(length_weeks, week + step))
