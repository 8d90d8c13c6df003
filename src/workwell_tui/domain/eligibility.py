"""Who WorkWell is for, decided from the first assessment step as the coach fills it in.

The rule answers at every keystroke, not just at the end: a blocker shows as soon as its answer
is given, so the coach can stop and signpost without asking the rest. Nobody is turned away
silently; every blocker comes with a suggested place to signpost them to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workwell_tui.domain.eligibility_age import age_on
from workwell_tui.domain.enums import WorkSituation

MINIMUM_AGE = 16

_SITUATION_MET = {
    WorkSituation.OFF_SICK.value: "employed and off sick",
    WorkSituation.STRUGGLING.value: "employed and struggling at work",
    WorkSituation.OUT_OF_WORK_SHORT.value: "out of work under 6 months",
}
_SITUATION_BLOCKED = {
    WorkSituation.OUT_OF_WORK_LONG.value: "out of work 6 months or more",
    WorkSituation.NEVER_WORKED.value: "never worked",
}
_OTHER_SITUATION = "work situation not covered by WorkWell"

_SIGNPOST_UNDER_16 = "school or college pastoral support, or their GP"
_SIGNPOST_EMPLOYMENT = "Jobcentre Plus work coach or Connect to Work"
_SIGNPOST_CAREERS = "National Careers Service or Jobcentre Plus"
_SIGNPOST_COMPLEX = "stay with their specialist team; their GP"
_SIGNPOST_NOT_NOW = "their GP or local wellbeing services; they can come back any time"
_SIGNPOST_LATER = "they can be referred again whenever they are ready"


class Outcome(StrEnum):
    """Where the eligibility check stands."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class EligibilityAnswers:
    """The first step's answers so far; None means not answered yet."""

    date_of_birth: date | None = None
    work_situation: str | None = None
    health_affects_work: bool | None = None
    complex_needs: bool | None = None
    complex_needs_reason: str = ""
    wants_work: bool | None = None
    agrees_to_take_part: bool | None = None
    consent_processing: bool | None = None


@dataclass(frozen=True)
class Eligibility:
    """The outcome, with what is met, what blocks, what is missing and where to signpost."""

    outcome: Outcome
    reasons: tuple[str, ...]
    blockers: tuple[str, ...]
    missing: tuple[str, ...]
    signposts: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        """True only when every criterion is answered and met."""
        return self.outcome is Outcome.ELIGIBLE

    def summary(self) -> str:
        """One short line for the wizard, such as "✓ eligible — employed and off sick, …"."""
        if self.outcome is Outcome.NOT_ELIGIBLE:
            return "✗ not eligible — " + "; ".join(self.blockers)
        if self.outcome is Outcome.ELIGIBLE:
            # Situation, age and health are what make someone eligible; the rest is agreement.
            return "✓ eligible — " + ", ".join(self.reasons[:3])
        still = "still to answer: " + ", ".join(self.missing)
        if not self.reasons:
            return "… " + still
        # Listing what is met would push what is left to ask off an 80-column line; the answers
        # are on the form above it anyway, so a count stands in for them.
        criteria = len(self.reasons) + len(self.missing)
        return f"… {len(self.reasons)} of {criteria} met so far · {still}"


def assess_eligibility(answers: EligibilityAnswers, today: date) -> Eligibility:
    """Apply the WorkWell eligibility rule to the answers given so far."""
    reasons: list[str] = []
    blockers: list[str] = []
    missing: list[str] = []
    signposts: list[str] = []

    def block(blocker: str, signpost: str = "") -> None:
        blockers.append(blocker)
        if signpost and signpost not in signposts:
            signposts.append(signpost)

    def yes_no(value: bool | None, met: str, blocker: str, signpost: str, ask: str) -> None:
        if value is None:
            missing.append(ask)
        elif value:
            reasons.append(met)
        else:
            block(blocker, signpost)

    # Blockers and missing answers follow the form; reasons lead with the work situation,
    # which says most about the person.
    age_reason = ""
    if answers.date_of_birth is None:
        missing.append("date of birth")
    elif answers.date_of_birth > today:
        block("date of birth is in the future")
    elif age_on(answers.date_of_birth, today) < MINIMUM_AGE:
        block("under 16", _SIGNPOST_UNDER_16)
    else:
        age_reason = "16 or over"

    situation = (answers.work_situation or "").strip()
    if not situation:
        missing.append("work situation")
    elif situation in _SITUATION_MET:
        reasons.append(_SITUATION_MET[situation])
    elif situation in _SITUATION_BLOCKED:
        block(_SITUATION_BLOCKED[situation], _SIGNPOST_EMPLOYMENT)
    else:
        block(_OTHER_SITUATION, _SIGNPOST_CAREERS)
    if age_reason:
        reasons.append(age_reason)

    yes_no(
        answers.health_affects_work,
        "health condition affects work",
        "no health condition affecting work",
        _SIGNPOST_CAREERS,
        "health affects work",
    )

    if answers.complex_needs is None:
        missing.append("complex needs")
    elif answers.complex_needs:
        why = answers.complex_needs_reason.strip()
        block(f"complex needs: {why}" if why else "complex needs", _SIGNPOST_COMPLEX)
    else:
        reasons.append("no complex needs")

    yes_no(
        answers.wants_work,
        "wants to work",
        "does not want to work now",
        _SIGNPOST_NOT_NOW,
        "wants to work",
    )
    yes_no(
        answers.agrees_to_take_part,
        "agrees to take part",
        "has not agreed to take part",
        _SIGNPOST_LATER,
        "agrees to take part",
    )
    yes_no(
        answers.consent_processing,
        "consents to us keeping their details",
        "no consent to keep their details",
        _SIGNPOST_LATER,
        "consent to keep their details",
    )

    if blockers:
        outcome = Outcome.NOT_ELIGIBLE
    elif missing:
        outcome = Outcome.INCOMPLETE
    else:
        outcome = Outcome.ELIGIBLE
    return Eligibility(outcome, tuple(reasons), tuple(blockers), tuple(missing), tuple(signposts))
