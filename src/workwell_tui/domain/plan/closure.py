"""Agreeing, extending and closing a plan: the checks, with a message per field.

Support lasts up to the plan's length (12 weeks usually; areas use 8 and 16 too). Going past it
is allowed, but only with a reason, which then shows on the plan: either the plan is extended
(new length and why) or, at closure, the coach says why it ran over.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from workwell_tui.domain.dates import parse_uk_date, uk_date
from workwell_tui.domain.plan.vocabulary import ClosureOutcome
from workwell_tui.domain.plan.weeks import MAX_LENGTH_WEEKS, check_plan_length, week_of
from workwell_tui.domain.text import clean_line, clean_note

SUMMARY_LIMIT = 4000
REASON_LIMIT = 500
# A plan agreed a little ahead can start on the next meeting; further ahead is a typing slip.
MAX_DAYS_AHEAD = 28

__all__ = [
    "Agreement",
    "Closure",
    "Extension",
    "check_agreement",
    "check_closure",
    "check_extension",
]


def _date(value: object, errors: dict[str, str], key: str, default: date | None) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_uk_date(clean_line(value))
        except ValueError as error:
            errors[key] = str(error)
            return None
    if default is None:
        errors[key] = "Give the date (day/month/year)"
    return default


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key)
    return clean_note(value).strip() if isinstance(value, str) else ""


@dataclass
class Agreement:
    """Errors by field, or the start date and length of an agreed plan."""

    errors: dict[str, str] = field(default_factory=dict)
    start_date: date | None = None
    length_weeks: int | None = None

    @property
    def ok(self) -> bool:
        """True when the plan can be agreed and started."""
        return not self.errors and self.start_date is not None


def check_agreement(
    values: Mapping[str, object],
    today: date,
    *,
    length_weeks: int,
    objectives: int,
    pending_suggestions: int,
    assessed_on: date | None = None,
) -> Agreement:
    """ "Agree and start": a start date (default today) and length; every suggestion decided."""
    result = Agreement()
    errors = result.errors
    start = _date(values.get("start_date"), errors, "start_date", today)
    if start is not None and "start_date" not in errors:
        if start > today + timedelta(days=MAX_DAYS_AHEAD):
            errors["start_date"] = f"Start within {MAX_DAYS_AHEAD} days of today"
        elif assessed_on is not None and start < assessed_on:
            errors["start_date"] = (
                f"The plan cannot start before the assessment ({uk_date(assessed_on)})"
            )
    raw_length = values.get("length_weeks")
    length = length_weeks
    if raw_length not in (None, ""):
        message = check_plan_length(raw_length)
        if message:
            errors["length_weeks"] = message
        else:
            length = int(str(raw_length).strip())
    if pending_suggestions:
        errors["objectives"] = (
            f"Accept, reword or discard the {pending_suggestions} suggested "
            f"objective{'s' if pending_suggestions != 1 else ''} first"
        )
    elif objectives == 0:
        errors["objectives"] = "Agree at least one objective first"
    if not errors:
        result.start_date, result.length_weeks = start, length
    return result


@dataclass
class Extension:
    """Errors by field, or the new length and the reason for going past the planned one."""

    errors: dict[str, str] = field(default_factory=dict)
    length_weeks: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when the extension can be saved."""
        return not self.errors and self.length_weeks is not None


def check_extension(values: Mapping[str, object], length_weeks: int) -> Extension:
    """A longer plan: new length (weeks) above the current one, up to 52, and why."""
    result = Extension()
    errors = result.errors
    raw = values.get("length_weeks")
    message = check_plan_length(raw)
    new_length: int | None = None
    if message:
        errors["length_weeks"] = message
    else:
        new_length = int(str(raw).strip())
        if new_length <= length_weeks:
            errors["length_weeks"] = f"The plan is {length_weeks} weeks now: give a longer one"
    reason = _text(values, "reason")
    if not reason:
        errors["reason"] = "Going past the planned length needs a reason"
    elif len(reason) > REASON_LIMIT:
        errors["reason"] = f"Keep this under {REASON_LIMIT} characters"
    if not errors and new_length is not None and new_length <= MAX_LENGTH_WEEKS:
        result.length_weeks, result.reason = new_length, reason
    return result


@dataclass
class Closure:
    """Errors by field, or what closing the plan stores."""

    errors: dict[str, str] = field(default_factory=dict)
    outcome: ClosureOutcome | None = None
    closed_on: date | None = None
    summary: str = ""
    overrun_reason: str = ""

    @property
    def ok(self) -> bool:
        """True when the plan can be closed."""
        return not self.errors and self.outcome is not None


def check_closure(
    values: Mapping[str, object],
    today: date,
    *,
    start: date | None,
    length_weeks: int,
    extension_reason: str = "",
) -> Closure:
    """Outcome, date (default today; not ahead, not before the start), closing summary, and a
    reason when the plan ran past its length without an extension saying why."""
    result = Closure()
    errors = result.errors
    try:
        outcome: ClosureOutcome | None = ClosureOutcome(str(values.get("outcome") or ""))
    except ValueError:
        outcome = None
        errors["outcome"] = "Choose how the plan ended"
    closed_on = _date(values.get("closed_on"), errors, "closed_on", today)
    if closed_on is not None and "closed_on" not in errors:
        if closed_on > today:
            errors["closed_on"] = "A plan cannot be closed on a date still to come"
        elif start is not None and closed_on < start:
            errors["closed_on"] = f"The plan started on {uk_date(start)}"
    summary = _text(values, "summary")
    if not summary:
        errors["summary"] = "Write a short closing summary"
    elif len(summary) > SUMMARY_LIMIT:
        errors["summary"] = f"Keep the summary under {SUMMARY_LIMIT} characters"
    overrun = _text(values, "overrun_reason")
    ran_over = (
        start is not None and closed_on is not None and week_of(start, closed_on) > length_weeks
    )
    if ran_over and not (overrun or extension_reason.strip()):
        errors["overrun_reason"] = (
            f"This plan ran past its {length_weeks} weeks: say why it went on longer"
        )
    if not errors:
        result.outcome, result.closed_on = outcome, closed_on
        result.summary, result.overrun_reason = summary, overrun if ran_over else ""
    return result
