"""The plan's own vocabularies: how a plan ends, where a safeguarding record stands, and what
the coach does with a suggested objective.

Like `domain/enums.py`, each value is what is stored and `label` is what a coach reads.
"""

from __future__ import annotations

from enum import StrEnum


class ClosureOutcome(StrEnum):
    """Where the participant is when their plan closes (what the service reports on)."""

    STAYED_IN_WORK = "stayed_in_work"
    RETURNED_SAME_EMPLOYER = "returned_same_employer"
    STARTED_NEW_WORK = "started_new_work"
    STILL_OFF_SICK = "still_off_sick"
    OTHER_SUPPORT = "other_support"
    WITHDREW = "withdrew"
    LOST_CONTACT = "lost_contact"

    @property
    def label(self) -> str:
        """What a coach reads on screen."""
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    ClosureOutcome.STAYED_IN_WORK: "Stayed in work",
    ClosureOutcome.RETURNED_SAME_EMPLOYER: "Returned to the same employer",
    ClosureOutcome.STARTED_NEW_WORK: "Started new work",
    ClosureOutcome.STILL_OFF_SICK: "Still off sick",
    ClosureOutcome.OTHER_SUPPORT: "Moved to other support",
    ClosureOutcome.WITHDREW: "Withdrew",
    ClosureOutcome.LOST_CONTACT: "Lost contact",
}


class SafeguardingStatus(StrEnum):
    """A safeguarding record stays open until the coach records a follow-up."""

    OPEN = "open"
    FOLLOWED_UP = "followed_up"

    @property
    def label(self) -> str:
        """What a coach reads on screen."""
        return "Follow-up needed" if self is SafeguardingStatus.OPEN else "Followed up"


class SuggestionChoice(StrEnum):
    """What the coach and participant do with one suggested objective."""

    ACCEPT = "accept"
    REWORD = "reword"
    DISCARD = "discard"

    @property
    def label(self) -> str:
        """What a coach reads on screen."""
        return self.value.capitalize()


class ReviewState(StrEnum):
    """Where one scheduled review week stands."""

    DONE = "done"
    DUE = "due"
    UPCOMING = "upcoming"
    PASSED = "passed"  # its week went by, but a later review was held

    @property
    def label(self) -> str:
        """What a coach reads on screen."""
        return {"done": "held", "due": "review due", "upcoming": "to come", "passed": "not held"}[
            self.value
        ]
