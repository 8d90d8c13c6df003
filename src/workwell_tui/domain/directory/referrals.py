"""Referrals to local services: their statuses, the checks on a change, and when one goes quiet.

A referral moves through suggested, made, accepted, attended, declined or no response. Each
change the coach records counts as an update; one still open with no update for 14 days is
flagged on the caseload, so nobody waits on a service that never rang back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from workwell_tui.domain.dates import parse_uk_date, uk_date, uk_short
from workwell_tui.domain.enums import ReferralStatus
from workwell_tui.domain.text import clean_note

RS = ReferralStatus
# What the coach chooses from, in the order a referral usually goes.
OFFERED = (RS.SUGGESTED, RS.MADE, RS.ACCEPTED, RS.ATTENDED, RS.DECLINED, RS.NO_RESPONSE)
# Still waiting on someone: these go quiet and get flagged (waiting is an older record's word).
OPEN = frozenset({RS.SUGGESTED, RS.MADE, RS.ACCEPTED, RS.WAITING})
STALE_DAYS = 14
NOTES_LIMIT = 5000


@dataclass(frozen=True)
class ReferralDraft:
    """A referral as the coach records it: status, when it was made, the outcome notes."""

    status: ReferralStatus
    made_on: date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class ReferralView:
    """One referral of a participant, for their panel and the directory screen."""

    id: str
    version: int
    participant_id: str
    service_id: str | None
    service_name: str
    status: ReferralStatus
    suggested_on: date
    made_on: date | None
    status_changed_on: date | None
    last_update_on: date
    outcome: str = ""

    @property
    def is_open(self) -> bool:
        """Still waiting on someone."""
        return self.status in OPEN

    def quiet_days(self, today: date) -> int | None:
        """Days since the last update, for an open referral; None once it has an outcome."""
        return (today - self.last_update_on).days if self.is_open else None

    def is_stale(self, today: date) -> bool:
        """Open, with no update for `STALE_DAYS` days or more."""
        days = self.quiet_days(today)
        return days is not None and days >= STALE_DAYS

    def line(self) -> str:
        """ "MSK physio: attended 12 Nov 2026", as the participant's panel shows it."""
        if self.status is RS.SUGGESTED:
            when: date | None = self.suggested_on
        elif self.status is RS.MADE:
            when = self.made_on or self.status_changed_on
        else:
            when = self.status_changed_on or self.made_on
        return f"{self.service_name}: {self.status.label.lower()} {uk_date(when)}"


def stale_since(last_update: date | None, today: date) -> bool:
    """Whether an open referral last updated on `last_update` has gone quiet (caseload flag)."""
    return last_update is not None and last_update <= today - timedelta(days=STALE_DAYS)


@dataclass
class ReferralCheck:
    """A checked referral change, or messages by field name."""

    draft: ReferralDraft | None
    errors: dict[str, str] = field(default_factory=dict)


def check_referral_change(values: Mapping[str, str], today: date) -> ReferralCheck:
    """Check the status, date made (dd/mm/yyyy) and outcome notes the coach typed.

    A referral past "suggested" has been made: with no date typed, it was made today.
    """
    errors: dict[str, str] = {}
    try:
        status = RS(values.get("status", ""))
    except ValueError:
        status = RS.SUGGESTED
        errors["status"] = "Choose a status"
    made_on: date | None = None
    typed = values.get("made_on", "").strip()
    if typed:
        try:
            made_on = parse_uk_date(typed)
        except ValueError as error:
            errors["made_on"] = str(error)
        else:
            if made_on > today:
                errors["made_on"] = f"Not after today ({uk_short(today)})"
    elif status is not RS.SUGGESTED:
        made_on = today
    outcome = clean_note(values.get("outcome", "")).strip()
    if len(outcome) > NOTES_LIMIT:
        errors["outcome"] = f"At most {NOTES_LIMIT:,} characters"
    if errors:
        return ReferralCheck(None, errors)
    return ReferralCheck(ReferralDraft(status, made_on, outcome))
