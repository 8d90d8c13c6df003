"""Moving through the assessment: which steps, which questions, what blocks going on.

Pure functions over the answers dictionary, so the wizard screen, the saved draft and the tests
all use the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.assessment.area_rules import rule_of
from workwell_tui.domain.assessment.eligibility import (
    Eligibility,
    EligibilityAnswers,
    Outcome,
    assess_eligibility,
)
from workwell_tui.domain.assessment.questions import (
    NO,
    YES,
    Answer,
    Answers,
    Question,
    as_date,
    check_answer,
    is_blank,
)
from workwell_tui.domain.assessment.steps import (
    ALL_STEPS,
    ELIGIBILITY,
    IN_CRISIS,
    INITIAL_STEPS,
    LOCAL,
    OUT_OF_WORK_FOR_HEALTH,
    QUESTIONS_BY_KEY,
    REVIEW_STEPS,
    SIGNPOSTING,
    Step,
    StepKey,
)
from workwell_tui.domain.enums import AssessmentKind, WorkSituation


def _yes_no(value: Answer) -> bool | None:
    return True if value == YES else False if value == NO else None


def eligibility_of(answers: Answers, today: date) -> Eligibility:
    """The eligibility rule applied to the first step's answers as they stand."""
    situation = answers.get("work_situation")
    reason = answers.get("complex_needs_reason")
    return assess_eligibility(
        EligibilityAnswers(
            date_of_birth=as_date(answers.get("date_of_birth")),
            work_situation=situation if isinstance(situation, str) else None,
            health_affects_work=_yes_no(answers.get("health_affects_work")),
            complex_needs=_yes_no(answers.get("complex_needs")),
            complex_needs_reason=reason.strip() if isinstance(reason, str) else "",
            wants_work=_yes_no(answers.get("wants_work")),
            agrees_to_take_part=_yes_no(answers.get("agrees_to_take_part")),
            consent_processing=_yes_no(answers.get("consent_processing")),
            in_crisis=_yes_no(answers.get(IN_CRISIS)),
            out_of_work_because_of_health=_yes_no(answers.get(OUT_OF_WORK_FOR_HEALTH)),
            local=_yes_no(answers.get(LOCAL)),
        ),
        today,
        rule_of(answers),
    )


def hint_for(question: Question, answers: Answers) -> str:
    """The question's hint with the area's words filled in ("… a GP in {local_to}")."""
    if "{local_to}" not in question.hint:
        return question.hint
    return question.hint.replace("{local_to}", rule_of(answers).local_to or "the area")


def steps_for(kind: AssessmentKind, answers: Answers, today: date) -> tuple[Step, ...]:
    """The steps this assessment goes through, given the answers so far."""
    if kind is AssessmentKind.REVIEW:
        return REVIEW_STEPS
    if eligibility_of(answers, today).outcome is Outcome.NOT_ELIGIBLE:
        return (ELIGIBILITY, SIGNPOSTING)
    return INITIAL_STEPS


def step_by_key(key: str) -> Step:
    """A step from its stored key; ValueError for an unknown one."""
    for step in ALL_STEPS:
        if step.key == key:
            return step
    raise ValueError(f"No step called {key!r}")


def step_number(key: StepKey) -> int:
    """The number stored in a draft for step `key` (steps are only ever added at the end)."""
    return [step.key for step in ALL_STEPS].index(key)


def step_from_number(number: int) -> Step:
    """The step a draft was saved on; the first step for a number this version does not know."""
    return ALL_STEPS[number] if 0 <= number < len(ALL_STEPS) else ALL_STEPS[0]


def visible_questions(step: Step, answers: Answers) -> list[Question]:
    """The questions of `step` that apply now."""
    return [question for question in step.questions if question.applies(answers)]


def prune(answers: Answers) -> tuple[dict[str, Answer], list[Question]]:
    """Drop answers to questions that no longer apply; returns what is kept and what went.

    Applied until nothing changes, because dropping one answer can hide a question that hung
    off it (no employer contact, so no sharing health details with the employer). A recorded
    safeguarding action (`kept`) is never dropped, whatever changes after it.
    """
    kept = dict(answers)
    dropped: list[Question] = []
    changed = True
    while changed:
        changed = False
        for key in list(kept):
            question = QUESTIONS_BY_KEY.get(key)
            if question is not None and question.kept and not is_blank(kept[key]):
                continue
            if question is not None and not question.applies(kept):
                if not is_blank(kept[key]):
                    dropped.append(question)
                del kept[key]
                changed = True
    return kept, dropped


def step_problems(step: Step, answers: Answers, today: date) -> dict[str, str]:
    """What must be put right before leaving `step` forward, by answer key.

    On the first step, once the person is clearly not eligible only what has been typed (and
    the reason for complex needs, and any safeguarding record) is checked: the coach should not
    have to finish the consent questions to signpost someone elsewhere.
    """
    lenient = step.key is StepKey.ELIGIBILITY and (
        eligibility_of(answers, today).outcome is Outcome.NOT_ELIGIBLE
    )
    problems: dict[str, str] = {}
    for question in visible_questions(step, answers):
        value = answers.get(question.key)
        # A safeguarding record is asked for even when the person is clearly not eligible.
        if (
            lenient
            and is_blank(value)
            and question.key != "complex_needs_reason"
            and not question.kept
        ):
            continue
        problem = check_answer(question, value, today)
        if problem is None and question.key == "out_of_work_since":
            problem = _out_of_work_since_problem(answers, today)
        if problem is not None:
            problems[question.key] = problem
    return problems


def _six_months_before(today: date) -> date:
    month = today.month - 6
    year, month = (today.year - 1, month + 12) if month < 1 else (today.year, month)
    # 31 Aug less six months is the end of February, not an error.
    day = today.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def _out_of_work_since_problem(answers: Answers, today: date) -> str | None:
    """A date that contradicts the work situation chosen on the first step."""
    since = as_date(answers.get("out_of_work_since"))
    if since is None:
        return None
    six_months_ago = _six_months_before(today)
    situation = answers.get("work_situation")
    if situation == WorkSituation.OUT_OF_WORK_SHORT.value and since < six_months_ago:
        return "More than 6 months ago, but the work situation says under 6 months"
    if situation == WorkSituation.OUT_OF_WORK_LONG.value and since > six_months_ago:
        return "Under 6 months ago, but the work situation says 6 months or more"
    return None


@dataclass(frozen=True)
class Position:
    """Where a step sits in the sequence: for "Step 3 of 7"."""

    number: int
    total: int
    step: Step

    @property
    def label(self) -> str:
        """ "Step 3 of 7 · Health"."""
        return f"Step {self.number} of {self.total} · {self.step.title}"


def position(kind: AssessmentKind, key: StepKey, answers: Answers, today: date) -> Position:
    """The position of step `key` on the route the answers so far lead to.

    The count follows the route: 7 steps while someone may be eligible, 2 (eligibility, then
    signposting) as soon as the answers say they are not, so the coach sees the route change.
    """
    steps = steps_for(kind, answers, today)
    step = step_by_key(key)
    number = next((index for index, item in enumerate(steps, 1) if item.key == key), 1)
    return Position(number, len(steps), step)


def _step_beside(
    kind: AssessmentKind, key: StepKey, answers: Answers, today: date, offset: int
) -> Step | None:
    steps = steps_for(kind, answers, today)
    keys = [step.key for step in steps]
    if key not in keys:
        return steps[0]  # the route changed under a step: start it again
    index = keys.index(key) + offset
    return steps[index] if 0 <= index < len(steps) else None


def next_step(kind: AssessmentKind, key: StepKey, answers: Answers, today: date) -> Step | None:
    """The step after `key`, or None when `key` is the last."""
    return _step_beside(kind, key, answers, today, 1)


def previous_step(kind: AssessmentKind, key: StepKey, answers: Answers, today: date) -> Step | None:
    """The step before `key`, or None on the first."""
    return _step_beside(kind, key, answers, today, -1)


def first_step(kind: AssessmentKind) -> Step:
    """Where a new assessment starts."""
    return REVIEW_STEPS[0] if kind is AssessmentKind.REVIEW else INITIAL_STEPS[0]


def unfinished_steps(kind: AssessmentKind, answers: Answers, today: date) -> list[Step]:
    """Steps (before the last) that still have problems: completion waits for these."""
    steps = steps_for(kind, answers, today)
    return [step for step in steps[:-1] if step_problems(step, answers, today)]
