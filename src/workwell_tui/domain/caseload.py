"""Caseload rules: plan week, flags, the "next action" order and the find filter.

Pure functions over plain facts so that the screen, the CLI and the benchmarks agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from workwell_tui.domain.adjustments.status import NO_UPDATE_DAYS
from workwell_tui.domain.directory.referrals import stale_since
from workwell_tui.domain.enums import CaseloadFlag, Stage

ACTIVE_STAGES = frozenset({Stage.REFERRED, Stage.ASSESSING, Stage.ON_PLAN})


# Not frozen: frozen dataclasses build slowly, and 100,000 of these are made at start.
@dataclass(slots=True)
class ParticipantFacts:
    """What the database knows about one participant that the caseload needs."""

    participant_id: str
    reference: str
    first_name: str
    last_name: str
    preferred_name: str
    district: str
    stage: Stage
    referral_date: date
    plan_start: date | None = None
    plan_length: int | None = None
    review_weeks: tuple[int, ...] = ()
    last_held_contact: date | None = None
    last_review_contact: date | None = None
    next_booked_contact: datetime | None = None
    has_draft_assessment: bool = False
    open_safeguarding: bool = False
    # The last update of the participant's longest-quiet open referral to a local service.
    open_referral_quiet_since: date | None = None
    # The oldest last update of an adjustment raised with the employer, if any is raised.
    employer_waiting_since: date | None = None


@dataclass(slots=True, eq=True)
class CaseloadRow:
    """One line of the caseload, ready to show, sort, filter or print."""

    participant_id: str
    reference: str
    first_name: str
    last_name: str
    preferred_name: str
    district: str
    stage: Stage
    plan_week: int | None
    plan_length: int | None
    next_contact: datetime | None
    days_since_contact: int | None
    flags: tuple[CaseloadFlag, ...]
    search_text: str

    @property
    def name(self) -> str:
        """ "Last, First" as coaches file people."""
        return f"{self.last_name}, {self.first_name}"

    @property
    def stage_text(self) -> str:
        """ "Week 5 of 12" for people on a plan, otherwise the stage label."""
        if self.stage is Stage.ON_PLAN and self.plan_week is not None:
            return f"Week {self.plan_week} of {self.plan_length}"
        return self.stage.label


def plan_week(start: date, today: date, length: int) -> int:
    """The current plan week, 1-based, held within 1..length."""
    week = (today - start).days // 7 + 1
    return max(1, min(week, length))


def due_review_week(
    start: date, today: date, review_weeks: Iterable[int], last_review: date | None
) -> int | None:
    """The earliest review week that has arrived and has no review on or after its week."""
    for week in sorted(review_weeks):
        opens = start + timedelta(days=7 * (week - 1))
        if today < opens:
            return None
        # A review held in the week before counts: coaches often review a little early.
        if last_review is None or last_review < opens - timedelta(days=7):
            return week
    return None


def build_row(facts: ParticipantFacts, today: date, no_contact_days: int = 14) -> CaseloadRow:
    """Turn database facts into a caseload row with its stage text and flags."""
    # First, and whatever the stage: a risk waiting for its follow-up is never left quiet.
    flags: list[CaseloadFlag] = [CaseloadFlag.SAFEGUARDING] if facts.open_safeguarding else []
    week: int | None = None
    if facts.stage is Stage.ON_PLAN and facts.plan_start is not None and facts.plan_length:
        week = plan_week(facts.plan_start, today, facts.plan_length)
        if (
            due_review_week(facts.plan_start, today, facts.review_weeks, facts.last_review_contact)
            is not None
        ):
            flags.append(CaseloadFlag.REVIEW_DUE)
    if facts.has_draft_assessment:
        flags.append(CaseloadFlag.DRAFT_SAVED)
    since: int | None = None
    if facts.stage in ACTIVE_STAGES:
        anchor = facts.last_held_contact or facts.referral_date
        since = (today - anchor).days
        if since >= no_contact_days:
            flags.append(CaseloadFlag.NO_RECENT_CONTACT)
        waiting = facts.employer_waiting_since
        if waiting is not None and (today - waiting).days >= NO_UPDATE_DAYS:
            flags.append(CaseloadFlag.EMPLOYER_NO_UPDATE)
    if stale_since(facts.open_referral_quiet_since, today):
        flags.append(CaseloadFlag.REFERRAL_NO_UPDATE)
    search = " ".join(
        (facts.reference, facts.first_name, facts.last_name, facts.preferred_name)
    ).lower()
    return CaseloadRow(  # positional: built for every participant at start
        facts.participant_id,
        facts.reference,
        facts.first_name,
        facts.last_name,
        facts.preferred_name,
        facts.district,
        facts.stage,
        week,
        facts.plan_length if week is not None else None,
        facts.next_booked_contact,
        since,
        tuple(flags),
        search,
    )


_FAR_FUTURE = datetime.max.replace(year=9000)


def next_action_key(row: CaseloadRow) -> tuple[int, float, str]:
    """Sort key: people who need the coach now, then by next contact, then by name."""
    if row.flags and row.flags[0] is CaseloadFlag.SAFEGUARDING:
        rank = -1  # before everyone, whatever the stage: the follow-up is owed
    elif row.stage not in ACTIVE_STAGES:
        rank = 4
    elif CaseloadFlag.REVIEW_DUE in row.flags or CaseloadFlag.NO_RECENT_CONTACT in row.flags:
        rank = 0
    elif CaseloadFlag.DRAFT_SAVED in row.flags:
        rank = 1
    elif row.next_contact is not None:
        rank = 2
    else:
        rank = 3
    when = row.next_contact.timestamp() if row.next_contact is not None else float("inf")
    return (rank, when, row.search_text)


SORT_KEYS = {
    "next_action": next_action_key,
    "reference": lambda row: row.reference,
    "name": lambda row: (row.last_name.lower(), row.first_name.lower()),
    "district": lambda row: (row.district, row.last_name.lower()),
    "stage": lambda row: (list(Stage).index(row.stage), row.plan_week or 0),
    "next_contact": lambda row: (row.next_contact is None, row.next_contact or _FAR_FUTURE),
    "flags": lambda row: (-len(row.flags), next_action_key(row)),
}


def sort_rows(rows: Sequence[CaseloadRow], key: str, reverse: bool = False) -> list[CaseloadRow]:
    """Rows sorted by one of `SORT_KEYS`."""
    return sorted(rows, key=SORT_KEYS[key], reverse=reverse)


def filter_rows(
    rows: Sequence[CaseloadRow],
    text: str = "",
    stage: Stage | None = None,
    district: str | None = None,
) -> list[CaseloadRow]:
    """Rows whose reference or names contain every word typed, in the chosen stage and district."""
    # One tight pass per condition: much faster than testing every condition per row.
    out = list(rows)
    if stage is not None:
        out = [row for row in out if row.stage is stage]
    if district is not None:
        out = [row for row in out if row.district == district]
    for word in text.lower().split():
        out = [row for row in out if word in row.search_text]
    return out
