"""Safeguarding: a risk recorded in an assessment becomes a record of its own.

PHQ-9 item 9 ("thoughts that you would be better off dead or of hurting yourself") answered above
0 is a risk to act on the same day: the PHQ-9 instructions (Kroenke, Spitzer and Williams 2001;
Pfizer's PHQ screeners) say any positive answer to item 9 needs further assessment, and NICE
CG16/NG225 (self-harm) asks that a concern is acted on and recorded. The coach records "what I
did" in the assessment; the record made from it is never dropped by later answers or a review,
and it stays flagged until the coach records a follow-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workwell_tui.domain.assessment.steps import RISK_ACTION, item_key
from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.text import clean_line, clean_note

PHQ9_ITEM_9 = item_key("phq9", 9)
SOURCE_PHQ9_ITEM_9 = "phq9_item9"
FOLLOW_UP_LIMIT = 4000

__all__ = [
    "PHQ9_ITEM_9",
    "SOURCE_PHQ9_ITEM_9",
    "FollowUpCheck",
    "RiskFound",
    "check_follow_up",
    "risk_in_answers",
]


@dataclass(frozen=True, slots=True)
class RiskFound:
    """A risk in an assessment's answers: the item 9 answer and what the coach did."""

    source: str
    score: int
    action_taken: str


def risk_in_answers(answers: Mapping[str, Any]) -> RiskFound | None:
    """The risk recorded in these answers (PHQ-9 item 9 above 0), or None.

    A record is made even when "what I did" was left empty: a risk is never lost for want of a
    note, and the open record asks for the follow-up.
    """
    value = answers.get(PHQ9_ITEM_9)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    action = answers.get(RISK_ACTION)
    return RiskFound(
        SOURCE_PHQ9_ITEM_9, value, clean_note(action).strip() if isinstance(action, str) else ""
    )


@dataclass
class FollowUpCheck:
    """Errors by field, or a dated follow-up."""

    errors: dict[str, str] = field(default_factory=dict)
    followed_up_on: date | None = None
    text: str = ""

    @property
    def ok(self) -> bool:
        """True when the follow-up can be saved."""
        return not self.errors and self.followed_up_on is not None


def check_follow_up(values: Mapping[str, object], today: date, raised_on: date) -> FollowUpCheck:
    """What the coach did to follow the risk up, and when (default today; not ahead)."""
    result = FollowUpCheck()
    raw = values.get("follow_up")
    text = clean_note(raw).strip() if isinstance(raw, str) else ""
    if not text:
        result.errors["follow_up"] = "Say what was done to follow this up"
    elif len(text) > FOLLOW_UP_LIMIT:
        result.errors["follow_up"] = f"Keep this under {FOLLOW_UP_LIMIT} characters"
    on = today
    raw_date = values.get("date")
    if isinstance(raw_date, date):
        on = raw_date
    elif isinstance(raw_date, str) and raw_date.strip():
        try:
            on = parse_uk_date(clean_line(raw_date))
        except ValueError as error:
            result.errors["date"] = str(error)
    if "date" not in result.errors:
        if on > today:
            result.errors["date"] = "A follow-up cannot be dated in the future"
        elif on < raised_on:
            result.errors["date"] = "The follow-up cannot be before the risk was recorded"
    if not result.errors:
        result.followed_up_on, result.text = on, text
    return result
