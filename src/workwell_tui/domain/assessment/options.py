"""The assessment's answer keys and option lists, kept apart from the steps that use them.

Keys are stable: they are what a saved draft holds, so a label may change but a key never does.
"""

from __future__ import annotations

from collections.abc import Callable

from workwell_tui.domain.assessment.area_rules import RULE_LOCAL_TO, RULE_OUT_OF_WORK, OutOfWork
from workwell_tui.domain.assessment.needs import SEVERITY_LABELS
from workwell_tui.domain.assessment.questions import YES, YES_NO_OPTIONS, Answers, Kind, Question
from workwell_tui.domain.enums import WorkSituation

IN_WORK = (WorkSituation.OFF_SICK.value, WorkSituation.STRUGGLING.value)
IN_CRISIS = "in_crisis"
CRISIS_ACTION = "crisis.action"
OUT_OF_WORK_FOR_HEALTH = "out_of_work_for_health"
LOCAL = "lives_or_gp_locally"
OUT_OF_WORK = (WorkSituation.OUT_OF_WORK_SHORT.value, WorkSituation.OUT_OF_WORK_LONG.value)

FIT_NOTE_OPTIONS = (
    ("none", "none"),
    ("not_fit", "not fit"),
    ("may_be_fit", "may be fit"),
)
FIT_NOTE_ADVICE_OPTIONS = (
    ("phased_return", "phased return"),
    ("altered_hours", "altered hours"),
    ("amended_duties", "amended duties"),
    ("workplace_adaptations", "workplace adaptations"),
)
# Neurodevelopmental conditions (autism, ADHD) and learning disabilities are their own kinds:
# 4% and 2% of WorkWell pilot participants, and they call for different adjustments.
CONDITION_TYPES = (
    ("musculoskeletal", "musculoskeletal"),
    ("mental_health", "mental health"),
    ("long_term", "long-term condition"),
    ("neurological", "neurological"),
    ("neurodevelopmental", "neurodevelopmental (autism, ADHD)"),
    ("learning_disability", "learning disability"),
    ("other", "other"),
)
TIME_IN_JOB = (
    ("under_6_months", "under 6 months"),
    ("6_to_12_months", "6–12 months"),
    ("1_to_5_years", "1–5 years"),
    ("over_5_years", "over 5 years"),
)
WORK_SITUATIONS = tuple(
    (situation.value, situation.label)
    for situation in WorkSituation
    if situation is not WorkSituation.OTHER
)
SEVERITY_OPTIONS = tuple((str(value), label) for value, label in enumerate(SEVERITY_LABELS))
MAX_PRIORITIES = 3


def taking(instrument_key: str) -> str:
    """The answer key that says whether a questionnaire is being taken."""
    return f"{instrument_key}.take"


def item_key(instrument_key: str, number: int) -> str:
    """The answer key of one questionnaire item (numbered from 1)."""
    return f"{instrument_key}.{number}"


RISK_ACTION = "phq9.risk_action"


def phq9_risk_answered(answers: Answers) -> bool:
    """PHQ-9 taken and item 9 answered above 0: the risk record is asked for."""
    item_9 = answers.get(item_key("phq9", 9))
    return (
        answers.get(taking("phq9")) == YES
        and isinstance(item_9, int)
        and not isinstance(item_9, bool)
        and item_9 != 0
    )


def answer_is(key: str, *values: str) -> Callable[[Answers], bool]:
    """A `when` that holds while answer `key` is one of `values`."""

    def check(answers: Answers) -> bool:
        return answers.get(key) in values

    return check


def in_work(answers: Answers) -> bool:
    """In work: off sick or struggling."""
    return answers.get("work_situation") in IN_WORK


def out_of_work(answers: Answers) -> bool:
    """Out of work, for any length of time."""
    return answers.get("work_situation") in OUT_OF_WORK


def out_of_work_for_health(answers: Answers) -> bool:
    """Out of work where the area asks whether health is why."""
    # Asked only where the area takes people out of work because of health (North Central London).
    return out_of_work(answers) and (
        answers.get(RULE_OUT_OF_WORK) == OutOfWork.BECAUSE_OF_HEALTH.value
    )


def asks_local(answers: Answers) -> bool:
    """The area asks whether they live or have a GP there."""
    local_to = answers.get(RULE_LOCAL_TO)
    return isinstance(local_to, str) and bool(local_to.strip())


def recorded_or(key: str, opens: Callable[[Answers], bool]) -> Callable[[Answers], bool]:
    """A safeguarding record shows while the answer that opened it stands, and ever after:
    once written it is never hidden or dropped (DESIGN.md, "never deleted by later answers")."""

    def check(answers: Answers) -> bool:
        value = answers.get(key)
        return opens(answers) or (isinstance(value, str) and bool(value.strip()))

    return check


def employer_contact(answers: Answers) -> bool:
    """In work, and they agree the coach may contact the employer."""
    return in_work(answers) and answers.get("consent_contact_employer") == YES


def yes_no_question(
    key: str,
    label: str,
    *,
    heading: str = "",
    hint: str = "",
    when: Callable[[Answers], bool] | None = None,
) -> Question:
    return Question(
        key,
        label,
        Kind.YES_NO,
        required=True,
        options=YES_NO_OPTIONS,
        heading=heading,
        hint=hint,
        when=when,
    )
