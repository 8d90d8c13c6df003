"""The two lines around the wizard's step: above it, how many things to put right before going
on; below it, where the eligibility rules stand with the answers so far (not at a review).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual.widgets import Static

from workwell_tui.domain.assessment.flow import eligibility_of
from workwell_tui.domain.assessment.questions import Answers
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.words import plural


class ProblemsLine(Static):
    """ "2 things to put right before going on", shown only while there are any."""

    DEFAULT_CSS = """
    ProblemsLine {
        height: 1;
        padding: 0 1;
        color: $error;
        text-style: bold;
    }
    """

    def show(self, problems: Mapping[str, str]) -> None:
        """Count `problems` (messages by field), or hide the line when there are none."""
        self.display = bool(problems)
        self.update(f"{plural(len(problems), 'thing')} to put right before going on")


class EligibilityLine(Static):
    """The eligibility rules' summary: `-eligible` and `-not-eligible` colour it."""

    DEFAULT_CSS = """
    EligibilityLine {
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $panel;
        &.-eligible {
            color: $success;
        }
        &.-not-eligible {
            color: $warning;
            text-style: bold;
        }
    }
    """

    def show(self, kind: AssessmentKind, answers: Answers, today: date) -> None:
        """Say where the answers stand (a review's measures have no eligibility: hidden)."""
        if kind is AssessmentKind.REVIEW:
            self.display = False
            return
        eligibility = eligibility_of(answers, today)
        self.update(f"Eligibility: {eligibility.summary()}")
        self.set_class(eligibility.outcome.value == "not_eligible", "-not-eligible")
        self.set_class(eligibility.eligible, "-eligible")
