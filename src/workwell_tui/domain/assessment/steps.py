"""The joined-up assessment, step by step: every question, in the order a coach asks it.

Skip logic lives with the questions (`when`), so the wizard, the saved record and the summary
all agree on what applies. Answer keys are stable: they are what a saved draft holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workwell_tui.domain.assessment.needs import BARRIERS, NEEDS_DOMAINS
from workwell_tui.domain.assessment.options import (
    CONDITION_TYPES as CONDITION_TYPES,
)
from workwell_tui.domain.assessment.options import (
    CRISIS_ACTION as CRISIS_ACTION,
)
from workwell_tui.domain.assessment.options import (
    FIT_NOTE_ADVICE_OPTIONS as FIT_NOTE_ADVICE_OPTIONS,
)
from workwell_tui.domain.assessment.options import (
    FIT_NOTE_OPTIONS as FIT_NOTE_OPTIONS,
)
from workwell_tui.domain.assessment.options import (
    IN_CRISIS as IN_CRISIS,
)
from workwell_tui.domain.assessment.options import (
    IN_WORK as IN_WORK,
)
from workwell_tui.domain.assessment.options import (
    LOCAL as LOCAL,
)
from workwell_tui.domain.assessment.options import (
    MAX_PRIORITIES as MAX_PRIORITIES,
)
from workwell_tui.domain.assessment.options import (
    OUT_OF_WORK as OUT_OF_WORK,
)
from workwell_tui.domain.assessment.options import (
    OUT_OF_WORK_FOR_HEALTH as OUT_OF_WORK_FOR_HEALTH,
)
from workwell_tui.domain.assessment.options import (
    RISK_ACTION as RISK_ACTION,
)
from workwell_tui.domain.assessment.options import (
    SEVERITY_OPTIONS as SEVERITY_OPTIONS,
)
from workwell_tui.domain.assessment.options import (
    TIME_IN_JOB as TIME_IN_JOB,
)
from workwell_tui.domain.assessment.options import (
    WORK_SITUATIONS as WORK_SITUATIONS,
)
from workwell_tui.domain.assessment.options import (
    answer_is as _is,
)
from workwell_tui.domain.assessment.options import (
    asks_local as _asks_local,
)
from workwell_tui.domain.assessment.options import (
    employer_contact as _employer_contact,
)
from workwell_tui.domain.assessment.options import (
    in_work as _in_work,
)
from workwell_tui.domain.assessment.options import (
    item_key as item_key,
)
from workwell_tui.domain.assessment.options import (
    out_of_work as _out_of_work,
)
from workwell_tui.domain.assessment.options import (
    out_of_work_for_health as _out_of_work_for_health,
)
from workwell_tui.domain.assessment.options import (
    phq9_risk_answered,
)
from workwell_tui.domain.assessment.options import (
    recorded_or as _recorded_or,
)
from workwell_tui.domain.assessment.options import (
    taking as taking,
)
from workwell_tui.domain.assessment.options import (
    yes_no_question as _yes_no,
)
from workwell_tui.domain.assessment.questions import YES, Kind, Question
from workwell_tui.domain.enums import WorkSituation
from workwell_tui.domain.field_labels import KEEP_DETAILS, field_label
from workwell_tui.domain.measures import CONFIDENCE, QUESTIONNAIRES, SELF_RATED_HEALTH


class StepKey(StrEnum):
    """The steps of the wizard; stored in a draft as its position."""

    ELIGIBILITY = "eligibility"
    WORK = "work"
    HEALTH = "health"
    NEEDS = "needs"
    MEASURES = "measures"
    GOALS = "goals"
    SUMMARY = "summary"
    SIGNPOSTING = "signposting"


@dataclass(frozen=True)
class Step:
    """One screenful of the wizard."""

    key: StepKey
    title: str
    questions: tuple[Question, ...]
    intro: str = ""


ELIGIBILITY = Step(
    StepKey.ELIGIBILITY,
    "Eligibility and consent",
    (
        Question(
            "date_of_birth",
            field_label("date_of_birth"),
            Kind.DATE,
            required=True,
            not_future=True,
        ),
        Question(
            "work_situation",
            field_label("work_situation"),
            Kind.CHOICE,
            required=True,
            options=WORK_SITUATIONS,
            stacked=True,
            hint="Agency and zero-hours work count as in work",
        ),
        _yes_no(
            OUT_OF_WORK_FOR_HEALTH,
            "Out of work because of health",
            when=_out_of_work_for_health,
        ),
        _yes_no(
            LOCAL,
            "Lives or has a GP here",
            hint="Lives in, or is registered with a GP in, {local_to}",
            when=_asks_local,
        ),
        _yes_no(
            "health_affects_work",
            "Health affects work",
            hint="A health condition or disability that affects their work",
        ),
        # Being under a specialist team is not itself a reason to turn someone away (someone
        # with MS under neurology follow-up can use WorkWell); the test is whether a
        # light-touch work and health service can meet their needs safely.
        _yes_no(
            "complex_needs",
            "Complex needs",
            hint="Health needs a light-touch work and health service cannot meet safely now",
        ),
        _yes_no(IN_CRISIS, "In crisis now", when=_is("complex_needs", YES)),
        Question(
            "complex_needs_reason",
            "Why (complex needs)",
            Kind.NOTE,
            required=True,
            when=_is("complex_needs", YES),
        ),
        Question(
            CRISIS_ACTION,
            "What I did (crisis)",
            Kind.NOTE,
            required=True,
            stacked=True,
            hint="Crisis contacts shared, who was told",
            when=_recorded_or(CRISIS_ACTION, _is(IN_CRISIS, YES)),
            kept=True,
        ),
        _yes_no("wants_work", "Wants to work"),
        _yes_no("agrees_to_take_part", "Agrees to take part", hint="Taking part is voluntary"),
        # Keeping details rests on the service's privacy notice (its lawful basis), which the
        # coach explains; it is not a blanket consent.
        _yes_no(
            KEEP_DETAILS,
            field_label(KEEP_DETAILS),
            heading="Consent",
            hint="How the service keeps their details, as its privacy notice says",
        ),
        _yes_no("consent_share_gp", field_label("consent_share_gp")),
        _yes_no("consent_contact_employer", field_label("consent_contact_employer"), when=_in_work),
        _yes_no(
            "consent_share_health_with_employer",
            field_label("consent_share_health_with_employer"),
            when=_employer_contact,
        ),
    ),
)

WORK = Step(
    StepKey.WORK,
    "Work",
    (
        Question("job_title", "Job title", Kind.TEXT, required=True, when=_in_work),
        Question("employer", "Employer", Kind.TEXT, when=_in_work),
        Question("hours", "Hours a week", Kind.NUMBER, low=0, high=80, when=_in_work),
        Question("time_in_job", "Time in the job", Kind.CHOICE, options=TIME_IN_JOB, when=_in_work),
        Question(
            "off_sick_since",
            "Off sick since",
            Kind.DATE,
            required=True,
            not_future=True,
            hint="The first day of absence",
            when=_is("work_situation", WorkSituation.OFF_SICK.value),
        ),
        Question(
            "fit_note",
            "Fit note",
            Kind.CHOICE,
            required=True,
            options=FIT_NOTE_OPTIONS,
            hint="From a GP, nurse, occupational therapist, pharmacist or physiotherapist",
            when=_in_work,
        ),
        Question(
            "fit_note_advice",
            "Fit note advice",
            Kind.MULTI,
            options=FIT_NOTE_ADVICE_OPTIONS,
            when=lambda answers: _in_work(answers) and answers.get("fit_note") == "may_be_fit",
        ),
        Question(
            "fit_note_ends",
            "Fit note ends",
            Kind.DATE,
            when=lambda answers: (
                _in_work(answers) and answers.get("fit_note") in ("not_fit", "may_be_fit")
            ),
        ),
        Question("hard_at_work", "What is hard now", Kind.NOTE, when=_in_work),
        Question("employer_knows", "What the employer knows", Kind.NOTE, when=_in_work),
        Question("last_job", "Last job", Kind.TEXT, when=_out_of_work),
        Question(
            "out_of_work_since",
            "Out of work since",
            Kind.DATE,
            not_future=True,
            hint="Roughly is fine",
            when=_out_of_work,
        ),
        Question(
            "wanted_work",
            "Work they want",
            Kind.NOTE,
            required=True,
            when=lambda answers: not _in_work(answers),
        ),
    ),
)

HEALTH = Step(
    StepKey.HEALTH,
    "Health",
    (
        Question(
            "condition_types",
            "Kind of condition",
            Kind.MULTI,
            required=True,
            options=CONDITION_TYPES,
            stacked=True,
        ),
        Question("conditions", "Conditions", Kind.NOTE, required=True, hint="In their words"),
        Question("daily_effects", "Effect on life and work", Kind.NOTE, stacked=True),
        Question("treatment", "Current treatment", Kind.NOTE),
        Question("gp_practice", "GP practice", Kind.TEXT),
        Question("waiting_lists", "Waiting lists", Kind.NOTE),
    ),
)


def _needs_questions() -> tuple[Question, ...]:
    questions: list[Question] = []
    for domain in NEEDS_DOMAINS:
        for index, barrier in enumerate(BARRIERS[domain]):
            questions.append(
                Question(
                    f"need.{barrier.key}",
                    barrier.label,
                    Kind.SCALE,
                    low=0,
                    high=3,
                    options=SEVERITY_OPTIONS,
                    heading=domain.label if index == 0 else "",
                )
            )
        questions.append(Question(f"need.{domain.value}.notes", "Notes", Kind.NOTE))
    return tuple(questions)


NEEDS = Step(
    StepKey.NEEDS,
    "Needs",
    _needs_questions(),
    intro="How much each gets in the way: 0 none, 1 mild, 2 moderate, 3 severe.",
)


def _measures_questions() -> tuple[Question, ...]:
    questions: list[Question] = []
    for spec in QUESTIONNAIRES:
        take = taking(spec.key)
        questions.append(
            _yes_no(
                take,
                f"Take the {spec.title} now",
                heading=spec.title,
                hint=f"{spec.stem}\n{spec.attribution}",
            )
        )
        options = tuple((str(value), label) for value, label in spec.options)
        high = max(value for value, _ in spec.options)
        for number, wording in enumerate(spec.items, start=1):
            questions.append(
                Question(
                    item_key(spec.key, number),
                    f"{number}. {wording}",
                    Kind.SCALE,
                    required=True,
                    low=0,
                    high=high,
                    options=options,
                    stacked=True,
                    when=_is(take, YES),
                )
            )
        if spec.key == "phq9":
            questions.append(
                Question(
                    RISK_ACTION,
                    "What I did",
                    Kind.NOTE,
                    required=True,
                    stacked=True,
                    hint="Crisis contacts shared, safety plan, who was told",
                    when=_recorded_or(RISK_ACTION, phq9_risk_answered),
                    kept=True,
                )
            )
    for index, spec in enumerate((CONFIDENCE, SELF_RATED_HEALTH)):
        questions.append(
            Question(
                spec.key,
                spec.items[0],
                Kind.SCALE,
                low=0,
                high=10,
                stacked=True,
                options=tuple((str(value), label) for value, label in spec.options),
                heading="Scales" if index == 0 else "",
            )
        )
    return tuple(questions)


MEASURES = Step(
    StepKey.MEASURES,
    "Measures",
    _measures_questions(),
    intro="Each questionnaire is optional. Digits answer; the next question follows.",
)


def _priority(number: int) -> Question:
    return Question(f"priority_{number}", f"Priority {number}", Kind.TEXT, required=number == 1)


GOALS = Step(
    StepKey.GOALS,
    "Goals",
    (
        Question(
            "own_words",
            "What they want, in their words",
            Kind.NOTE,
            required=True,
            stacked=True,
        ),
        *(_priority(number) for number in range(1, MAX_PRIORITIES + 1)),
    ),
)

SUMMARY = Step(StepKey.SUMMARY, "Summary", ())

SIGNPOSTING = Step(
    StepKey.SIGNPOSTING,
    "Signposting",
    (
        Question("signpost_reason", "Why not WorkWell", Kind.NOTE, required=True),
        Question(
            "signpost_service",
            "Suggested service",
            Kind.TEXT,
            required=True,
            hint="From the directory, or type one",
        ),
        Question("signpost_notes", "Notes", Kind.NOTE),
    ),
    intro="Not eligible for WorkWell. Record where they can go instead.",
)

INITIAL_STEPS = (ELIGIBILITY, WORK, HEALTH, NEEDS, MEASURES, GOALS, SUMMARY)
REVIEW_STEPS = (MEASURES, SUMMARY)
ALL_STEPS = (*INITIAL_STEPS, SIGNPOSTING)
STEPS_BY_KEY = {step.key: step for step in ALL_STEPS}
QUESTIONS_BY_KEY = {question.key: question for step in ALL_STEPS for question in step.questions}
