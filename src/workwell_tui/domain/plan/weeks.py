"""Plan weeks and reviews from dates: "Week 5 of 12", which week a contact fell in, review due.

Weeks count calendar days from the agreed start date (day 1 to 7 is week 1, whatever weekday the
plan started on), so month ends, year ends and clock changes cannot move a week boundary: only a
moment in time needs turning into the coach's local date first (`local_day`), and that is where
a clock change matters (00:30 on the night the clocks go forward is still that day).

The caseload's rules (`domain/caseload.py`) are the ones used here, so the plan screen and the
caseload always agree on the week and on "review due".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workwell_tui.domain.caseload import due_review_week, plan_week
from workwell_tui.domain.plan.vocabulary import ReviewState

# Lengths areas use (8 for people in work, 12 the usual, 16 for job seekers); any 1..52 is allowed.
COMMON_LENGTHS = (8, 12, 16)
MAX_LENGTH_WEEKS = 52

__all__ = [
    "COMMON_LENGTHS",
    "MAX_LENGTH_WEEKS",
    "ReviewSlot",
    "check_plan_length",
    "current_week",
    "local_day",
    "review_due",
    "review_schedule",
    "reviews_for_length",
    "week_of",
    "week_span",
    "week_text",
    "weeks_over",
]


def local_day(moment: datetime) -> date:
    """The coach's local date of an aware moment (naive moments are taken as local already)."""
    return moment.astimezone().date() if moment.tzinfo is not None else moment.date()


def week_of(start: date, day: date) -> int:
    """The plan week `day` falls in, counted from 1, not held to the plan's length.

    0 or less is before the start; more than the length is past the planned end.
    """
    return (day - start).days // 7 + 1


def current_week(start: date, today: date, length: int) -> int:
    """The week shown as "Week N of length": held within 1..length, as on the caseload."""
    return plan_week(start, today, length)


def week_span(start: date, week: int) -> tuple[date, date]:
    """The first and last day of a plan week."""
    first = start + timedelta(days=7 * (week - 1))
    return first, first + timedelta(days=6)


def weeks_over(start: date, today: date, length: int) -> int:
    """How many weeks past its planned length a plan is running (0 while within it)."""
    return max(0, week_of(start, today) - length)


def week_text(start: date | None, today: date, length: int) -> str:
    """ "Week 5 of 12", "Week 14 (12 planned)" past the end, "Starts 1 Dec" before the start."""
    if start is None:
        return "Not started"
    week = week_of(start, today)
    if week < 1:
        return f"Starts {start.day} {start:%b}"
    if week > length:
        return f"Week {week} ({length} planned)"
    return f"Week {week} of {length}"


def check_plan_length(weeks: object) -> str:
    """An error message for a plan length that cannot be used, or "" when it is fine."""
    if isinstance(weeks, str):
        weeks = int(weeks) if weeks.strip().isdigit() else None
    if not isinstance(weeks, int) or isinstance(weeks, bool):
        return "Give the plan length as a number of weeks, like 12"
    if not 1 <= weeks <= MAX_LENGTH_WEEKS:
        return f"A plan lasts from 1 to {MAX_LENGTH_WEEKS} weeks"
    return ""


def reviews_for_length(review_weeks: Iterable[int], length: int) -> tuple[int, ...]:
    """The configured review weeks that fall inside a plan of `length`; the last week if none do.

    Settings hold one list (for example 6 and 12); an 8-week plan keeps 6 and drops 12, and a
    4-week plan still gets a review at its end.
    """
    kept = sorted({week for week in review_weeks if 1 <= week <= length})
    return tuple(kept) or (length,)


def review_due(
    start: date, today: date, review_weeks: Iterable[int], held: Iterable[date]
) -> int | None:
    """The review week that is due now, or None: the caseload's rule, over every review held."""
    return due_review_week(start, today, review_weeks, max(held, default=None))


@dataclass(frozen=True, slots=True)
class ReviewSlot:
    """One review week of the plan and where it stands."""

    week: int
    opens: date
    state: ReviewState
    held_on: date | None = None


def review_schedule(
    start: date, today: date, review_weeks: Sequence[int], held: Iterable[date]
) -> tuple[ReviewSlot, ...]:
    """Every review week, with the review that covered it (held from the week before, as the
    caseload counts it) and whether it is done, due, to come or went by without one."""
    weeks = sorted(set(review_weeks))
    held_days = sorted(held)
    due = review_due(start, today, weeks, held_days)
    slots: list[ReviewSlot] = []
    for index, week in enumerate(weeks):
        opens = week_span(start, week)[0]
        # A review counts for this week from 7 days before it opens until 7 days before the next.
        window_end = (
            week_span(start, weeks[index + 1])[0] - timedelta(days=7)
            if index + 1 < len(weeks)
            else date.max
        )
        covering = [day for day in held_days if opens - timedelta(days=7) <= day < window_end]
        if covering:
            slots.append(ReviewSlot(week, opens, ReviewState.DONE, covering[0]))
        elif week == due:
            slots.append(ReviewSlot(week, opens, ReviewState.DUE))
        elif opens > today:
            slots.append(ReviewSlot(week, opens, ReviewState.UPCOMING))
        else:
            slots.append(ReviewSlot(week, opens, ReviewState.PASSED))
    return tuple(slots)
