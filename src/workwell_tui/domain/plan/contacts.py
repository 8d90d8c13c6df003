"""Checking a contact as the coach typed it: one held (logged afterwards) or one booked.

A held contact happened, so it cannot be in the future; a booked one has not happened yet, so it
must be. Times are the coach's local wall-clock time on that date (a booking at 10:00 on the day
after the clocks change is still 10:00). Messages come back per field, as `domain/referral.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.enums import ContactMode, ContactPurpose, ContactStatus
from workwell_tui.domain.text import clean_line, clean_note

MAX_MINUTES = 480  # a working day; anything longer is a typing slip
NOTES_LIMIT = 4000
# Coaches say "text"; the stored mode is `message` (text or email).
MODE_ALIASES = {"text": ContactMode.MESSAGE, "sms": ContactMode.MESSAGE}
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
# A held contact logged without a time is put at midday, so it lands on its own date anywhere.
DEFAULT_HELD_TIME = time(12, 0)

__all__ = [
    "ContactCheck",
    "ContactDraft",
    "check_contact",
    "parse_mode",
    "parse_time",
]


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """A checked contact, ready to store."""

    at: datetime
    status: ContactStatus
    mode: ContactMode
    purpose: ContactPurpose
    duration_minutes: int | None
    notes: str
    objectives_discussed: tuple[str, ...] = ()


@dataclass
class ContactCheck:
    """Errors by field, or the checked contact."""

    errors: dict[str, str] = field(default_factory=dict)
    contact: ContactDraft | None = None

    @property
    def ok(self) -> bool:
        """True when the contact can be saved."""
        return self.contact is not None


def parse_mode(value: object) -> ContactMode | None:
    """In person, phone, video or text (stored as message); None when it is none of them."""
    if isinstance(value, ContactMode):
        return value
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    if key in MODE_ALIASES:
        return MODE_ALIASES[key]
    try:
        return ContactMode(key)
    except ValueError:
        return None


def parse_time(text: str) -> time:
    """ "14:30", "9.05"; ValueError says what is wrong."""
    match = _TIME.match(text)
    if not match:
        raise ValueError("Use the 24-hour clock, like 14:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError("There is no such time; use the 24-hour clock, like 14:30")
    return time(hour, minute)


def _minutes(value: object) -> tuple[int | None, str]:
    if isinstance(value, bool):
        return None, "Give the length in minutes, like 45"
    if isinstance(value, str):
        text = value.strip().lower().removesuffix("minutes").removesuffix("min").strip()
        if not text:
            return None, ""
        if not text.isdigit():
            return None, "Give the length in minutes, like 45"
        value = int(text)
    if value is None:
        return None, ""
    if not isinstance(value, int):
        return None, "Give the length in minutes, like 45"
    if not 1 <= value <= MAX_MINUTES:
        return None, f"A contact lasts from 1 to {MAX_MINUTES} minutes"
    return value, ""


def check_contact(
    values: Mapping[str, object],
    now: datetime,
    *,
    booked: bool,
    objective_ids: Iterable[str] = (),
) -> ContactCheck:
    """Check a contact's fields: date, time, mode, duration, purpose, notes, objectives.

    `now` is the aware moment from the app's clock; `objective_ids` are the plan's objectives
    (anything discussed must be one of them).
    """
    result = ContactCheck()
    errors = result.errors
    today = now.astimezone().date() if now.tzinfo is not None else now.date()

    raw_date = values.get("date")
    day: date | None = None
    if isinstance(raw_date, date):
        day = raw_date
    elif isinstance(raw_date, str) and raw_date.strip():
        try:
            day = parse_uk_date(clean_line(raw_date))
        except ValueError as error:
            errors["date"] = str(error)
    else:
        errors["date"] = "Give the date (day/month/year)"

    raw_time = values.get("time")
    at_time: time | None = None
    if isinstance(raw_time, time):
        at_time = raw_time
    elif isinstance(raw_time, str) and raw_time.strip():
        try:
            at_time = parse_time(clean_line(raw_time))
        except ValueError as error:
            errors["time"] = str(error)
    elif booked:
        errors["time"] = "Give the time of the meeting, like 14:30"

    mode = parse_mode(values.get("mode"))
    if mode is None:
        errors["mode"] = "Choose in person, phone, video or text"

    minutes, message = _minutes(values.get("duration"))
    if message:
        errors["duration"] = message
    elif minutes is None and not booked:
        errors["duration"] = "How long was it, in minutes?"

    raw_purpose = values.get("purpose") or ContactPurpose.CHECK_IN.value
    try:
        purpose = ContactPurpose(str(raw_purpose))
    except ValueError:
        errors["purpose"] = "Choose what the contact was for"
        purpose = ContactPurpose.OTHER

    raw_notes = values.get("notes")
    notes = clean_note(raw_notes).strip() if isinstance(raw_notes, str) else ""
    if len(notes) > NOTES_LIMIT:
        errors["notes"] = f"Keep notes under {NOTES_LIMIT} characters"

    known = set(objective_ids)
    raw_discussed = values.get("objectives") or ()
    discussed = (
        tuple(str(item) for item in raw_discussed)
        if isinstance(raw_discussed, list | tuple | set | frozenset)
        else ()
    )
    if any(item not in known for item in discussed):
        errors["objectives"] = "Choose objectives from this plan"

    at: datetime | None = None
    if day is not None and "time" not in errors:
        if at_time is None and not booked and day == today:
            at = now.replace(microsecond=0)  # logged straight after: it was held just now
        else:
            wall = datetime.combine(day, at_time or DEFAULT_HELD_TIME)
            # A naive local time read as local: Python applies that date's own UTC offset.
            at = wall.astimezone()
        if booked and at <= now:
            errors["date"] = "A booked contact must be in the future"
        elif not booked and (day > today or (at_time is not None and at > now)):
            errors["date"] = "A contact that was held cannot be in the future"
    if errors or at is None or mode is None:
        return result
    status = ContactStatus.BOOKED if booked else ContactStatus.HELD
    result.contact = ContactDraft(at, status, mode, purpose, minutes, notes, discussed)
    return result
