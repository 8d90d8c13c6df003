"""Who WorkWell is for, decided from the first assessment step as the coach fills it in.

The rule answers at every keystroke, not just at the end: a blocker shows as soon as its answer
is given, so the coach can stop and signpost without asking the rest. Nobody is turned away
silently; every blocker comes with a suggested place to signpost them to.

The rule differs by area (`AreaRule`, read from data): the minimum age, which people out of
work it takes, and whether they must live or have a GP locally.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workwell_tui.domain.age import age_on
from workwell_tui.domain.assessment.area_rules import NATIONAL_RULE, AreaRule, OutOfWork
from workwell_tui.domain.enums import WorkSituation

MINIMUM_AGE = NATIONAL_RULE.minimum_age

# In work covers employees, the self-employed, agency and zero-hours workers alike (WorkWell
# national criteria: "in work (employed or self-employed)").
_IN_WORK_MET = {
    WorkSituation.OFF_SICK.value: "in work and off sick",
    WorkSituation.STRUGGLING.value: "in work and struggling because of health",
}
_OUT_OF_WORK = {
    WorkSituation.OUT_OF_WORK_SHORT.value: "out of work under 6 months",
    WorkSituation.OUT_OF_WORK_LONG.value: "out of work 6 months or more",
}
_OTHER_SITUATION = "work situation not covered by WorkWell"
_NEVER_WORKED = "never worked"

_SIGNPOST_UNDER_16 = "school or college pastoral support, or their GP"
_SIGNPOST_EMPLOYMENT = "Jobcentre Plus work coach or Connect to Work"
_SIGNPOST_CAREERS = "National Careers Service or Jobcentre Plus"
_SIGNPOST_COMPLEX = "their GP, or the team already caring for them"
# Crisis contacts as in DESIGN.md and NHS "Where to get urgent help for mental health":
# 999 or A&E when life is at risk, NHS 111 option 2 for urgent mental health help.
_SIGNPOST_CRISIS = "NHS 111 option 2 now (999 or A&E if life is at risk); then their GP"
_SIGNPOST_NOT_LOCAL = "the WorkWell service, or their GP, where they live"
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
    in_crisis: bool | None = None
    out_of_work_because_of_health: bool | None = None
    local: bool | None = None


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


def assess_eligibility(
    answers: EligibilityAnswers, today: date, rule: AreaRule = NATIONAL_RULE
) -> Eligibility:
    """Apply the area's WorkWell eligibility rule to the answers given so far."""
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
    elif age_on(answers.date_of_birth, today) < rule.minimum_age:
        block(f"under {rule.minimum_age}", _SIGNPOST_UNDER_16)
    else:
        age_reason = f"{rule.minimum_age} or over"

    situation = (answers.work_situation or "").strip()
    if not situation:
        missing.append("work situation")
    elif situation in _IN_WORK_MET:
        reasons.append(_IN_WORK_MET[situation])
    elif situation in _OUT_OF_WORK and rule.out_of_work is OutOfWork.BECAUSE_OF_HEALTH:
        # North Central London takes people out of work because of health, however long.
        yes_no(
            answers.out_of_work_because_of_health,
            "out of work because of health",
            "out of work for reasons other than health",
            _SIGNPOST_EMPLOYMENT,
            "out of work because of health",
        )
    elif situation == WorkSituation.OUT_OF_WORK_SHORT.value:
        reasons.append(_OUT_OF_WORK[situation])
    elif situation in _OUT_OF_WORK:
        block(_OUT_OF_WORK[situation], _SIGNPOST_EMPLOYMENT)
    elif situation == WorkSituation.NEVER_WORKED.value:
        block(_NEVER_WORKED, _SIGNPOST_EMPLOYMENT)
    else:
        block(_OTHER_SITUATION, _SIGNPOST_CAREERS)
    if age_reason:
        reasons.append(age_reason)
    if rule.local_to:
        yes_no(
            answers.local,
            "lives or has a GP in the area",
            f"does not live or have a GP in {rule.local_to}",
            _SIGNPOST_NOT_LOCAL,
            "lives or has a GP in the area",
        )

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
        if answers.in_crisis:
            # Someone in crisis is pointed to urgent help first, never only to "their team".
            block("in crisis now", _SIGNPOST_CRISIS)
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
        "privacy notice explained",
        "not happy with how their details are kept",
        _SIGNPOST_LATER,
        "privacy notice explained",
    )

    if blockers:
        outcome = Outcome.NOT_ELIGIBLE
    elif missing:
        outcome = Outcome.INCOMPLETE
    else:
        outcome = Outcome.ELIGIBLE
    return Eligibility(outcome, tuple(reasons), tuple(blockers), tuple(missing), tuple(signposts))
