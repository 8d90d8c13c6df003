"""What a finished assessment means: measures to store, the participant's record, the first plan.

`build_outcome` turns the answers into plain values; `db/assessments.py` only writes them.
`summary_sections` is the one-page read-back the coach and participant check before confirming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workwell_tui.domain.age import age_on
from workwell_tui.domain.assessment.adjustment_items import AdjustmentItem
from workwell_tui.domain.assessment.eligibility import Eligibility
from workwell_tui.domain.assessment.flow import eligibility_of, steps_for, visible_questions
from workwell_tui.domain.assessment.needs import (
    NEEDS_DOMAINS,
    SEVERITY_LABELS,
    barriers_with_severity,
)
from workwell_tui.domain.assessment.questions import (
    YES,
    Answers,
    as_date,
    as_list,
    as_text,
    show_answer,
)
from workwell_tui.domain.assessment.steps import (
    CRISIS_ACTION,
    IN_CRISIS,
    IN_WORK,
    MAX_PRIORITIES,
    RISK_ACTION,
    SIGNPOSTING,
    Step,
    StepKey,
    item_key,
    taking,
)
from workwell_tui.domain.assessment.suggestions import (
    SuggestedObjective,
    suggest_adjustments,
    suggest_objectives,
)
from workwell_tui.domain.enums import AssessmentKind, Instrument, WorkSituation
from workwell_tui.domain.measures import (
    CONFIDENCE,
    QUESTIONNAIRES,
    SELF_RATED_HEALTH,
    InstrumentSpec,
    describe,
    phq9_risk,
    score,
)

CONSENTS = (
    "consent_processing",
    "consent_share_gp",
    "consent_contact_employer",
    "consent_share_health_with_employer",
)


@dataclass(frozen=True)
class MeasureTaken:
    """One questionnaire or scale answered in full."""

    instrument: Instrument
    items: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ParticipantUpdate:
    """What the assessment confirms about the participant's own record."""

    date_of_birth: date | None
    work_situation: str | None
    employer_name: str
    consents: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class AssessmentOutcome:
    """Everything completing an assessment stores."""

    eligible: bool
    eligibility: Eligibility | None
    measures: tuple[MeasureTaken, ...]
    goals: tuple[str, ...]
    objectives: tuple[SuggestedObjective, ...]
    adjustments: tuple[AdjustmentItem, ...]
    update: ParticipantUpdate
    signpost_reason: str = ""
    signposted_to: str = ""
    risk_action: str = ""
    crisis_action: str = ""


def measures_taken(answers: Answers) -> tuple[MeasureTaken, ...]:
    """The questionnaires answered in full, and the 0–10 scales answered."""
    taken: list[MeasureTaken] = []
    for spec in QUESTIONNAIRES:
        if answers.get(taking(spec.key)) != YES:
            continue
        items = [_int(answers.get(item_key(spec.key, n))) for n in range(1, len(spec.items) + 1)]
        total = score(spec, items)
        if total is not None:
            taken.append(
                MeasureTaken(spec.instrument, tuple(i for i in items if i is not None), total)
            )
    for spec in (CONFIDENCE, SELF_RATED_HEALTH):
        value = _int(answers.get(spec.key))
        if value is not None:
            taken.append(MeasureTaken(spec.instrument, (value,), value))
    return tuple(taken)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def severities(answers: Answers) -> dict[str, int]:
    """Barrier severities from the needs step, by barrier key."""
    found: dict[str, int] = {}
    for key, value in answers.items():
        number = _int(value)
        if key.startswith("need.") and number is not None:
            found[key.removeprefix("need.")] = number
    return found


def build_outcome(
    kind: AssessmentKind, answers: Answers, today: date, plan_weeks: int
) -> AssessmentOutcome:
    """What completing this assessment stores (answers assumed checked step by step)."""
    measures = measures_taken(answers)
    # Safeguarding records go with every outcome, review and signposting included: a recorded
    # action is never lost (DESIGN.md).
    risk_action = as_text(answers.get(RISK_ACTION))
    crisis_action = as_text(answers.get(CRISIS_ACTION))
    if kind is AssessmentKind.REVIEW:
        return AssessmentOutcome(
            eligible=True,
            eligibility=None,
            measures=measures,
            goals=(),
            objectives=(),
            adjustments=(),
            update=ParticipantUpdate(None, None, ""),
            risk_action=risk_action,
        )
    eligibility = eligibility_of(answers, today)
    situation = answers.get("work_situation")
    in_work = situation in IN_WORK
    update = ParticipantUpdate(
        date_of_birth=as_date(answers.get("date_of_birth")),
        work_situation=situation if isinstance(situation, str) else None,
        employer_name=as_text(answers.get("employer")),
        consents={key: answers.get(key) == YES for key in CONSENTS if key in answers},
    )
    if not eligibility.eligible:
        return AssessmentOutcome(
            eligible=False,
            eligibility=eligibility,
            measures=(),
            goals=(),
            objectives=(),
            adjustments=(),
            update=update,
            signpost_reason=as_text(answers.get("signpost_reason")),
            signposted_to=as_text(answers.get("signpost_service")),
            risk_action=risk_action,
            crisis_action=crisis_action,
        )
    needs = severities(answers)
    goals = tuple(
        text
        for text in (as_text(answers.get(f"priority_{n}")) for n in range(1, MAX_PRIORITIES + 1))
        if text
    )
    return AssessmentOutcome(
        eligible=True,
        eligibility=eligibility,
        measures=measures,
        goals=goals,
        objectives=tuple(
            suggest_objectives(
                needs,
                plan_weeks=plan_weeks,
                in_work=in_work,
                off_sick=situation == WorkSituation.OFF_SICK.value,
                under_18=_under_18(answers, today),
                at_risk=at_risk(answers),
            )
        ),
        adjustments=tuple(
            suggest_adjustments(
                needs, fit_note_advice=as_list(answers.get("fit_note_advice")), in_work=in_work
            )
        ),
        update=update,
        risk_action=risk_action,
        crisis_action=crisis_action,
    )


def _under_18(answers: Answers, today: date) -> bool:
    born = as_date(answers.get("date_of_birth"))
    return born is not None and age_on(born, today) < 18


def at_risk(answers: Answers) -> bool:
    """PHQ-9 item 9 above 0, crisis recorded, or a safeguarding action on record."""
    items = [_int(answers.get(item_key("phq9", n))) for n in range(1, 10)]
    return (
        phq9_risk(items)
        or answers.get(IN_CRISIS) == YES
        or bool(as_text(answers.get(RISK_ACTION)) or as_text(answers.get(CRISIS_ACTION)))
    )


@dataclass(frozen=True)
class Section:
    """One step read back on the summary page."""

    step: Step
    lines: tuple[tuple[str, str], ...]


def _measure_lines(answers: Answers) -> list[tuple[str, str]]:
    taken = {measure.instrument: measure for measure in measures_taken(answers)}
    lines: list[tuple[str, str]] = []
    specs: tuple[InstrumentSpec, ...] = (*QUESTIONNAIRES, CONFIDENCE, SELF_RATED_HEALTH)
    for spec in specs:
        measure = taken.get(spec.instrument)
        if measure is None:
            lines.append((spec.title, "not taken"))
        elif spec in QUESTIONNAIRES:
            lines.append((spec.title, describe(spec, measure.total).removeprefix(spec.title + " ")))
        else:
            lines.append((spec.title, f"{measure.total} of 10"))
    action = as_text(answers.get(RISK_ACTION))
    if action:
        lines.append(("Risk: what I did", action))
    return lines


def _needs_lines(answers: Answers) -> list[tuple[str, str]]:
    found = barriers_with_severity(severities(answers))
    lines = [(barrier.label, SEVERITY_LABELS[level]) for barrier, level in found]
    for domain in NEEDS_DOMAINS:
        note = as_text(answers.get(f"need.{domain.value}.notes"))
        if note:
            lines.append((f"{domain.label} notes", note))
    return lines or [("Needs", "no barriers noted")]


def summary_sections(kind: AssessmentKind, answers: Answers, today: date) -> list[Section]:
    """Every step before the summary, read back as label and answer lines."""
    sections: list[Section] = []
    for step in steps_for(kind, answers, today):
        if step.key is StepKey.SUMMARY:
            continue
        if step.key is StepKey.MEASURES:
            lines = _measure_lines(answers)
        elif step.key is StepKey.NEEDS:
            lines = _needs_lines(answers)
        else:
            lines = [
                (question.label, show_answer(question, answers.get(question.key)))
                for question in visible_questions(step, answers)
            ]
        sections.append(Section(step, tuple(lines)))
    return sections


def is_signposting(kind: AssessmentKind, answers: Answers, today: date) -> bool:
    """True when this assessment ends in signposting rather than a plan."""
    return SIGNPOSTING in steps_for(kind, answers, today)
