"""Demo assessments: answers in the wizard's keys that pass its own checks, step by step."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from workwell_tui.config import Settings
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.models import Assessment, MeasureResult, Participant, Plan
from workwell_tui.demo.assessment import (
    CONDITIONS,
    STEP_FILLERS,
    assessment_answers,
    measure_items,
)
from workwell_tui.demo.data import fill_demo
from workwell_tui.domain.assessment.flow import (
    prune,
    step_from_number,
    step_number,
    step_problems,
    steps_for,
)
from workwell_tui.domain.assessment.outcome import build_outcome
from workwell_tui.domain.assessment.questions import Answers
from workwell_tui.domain.assessment.steps import INITIAL_STEPS, StepKey
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.enums import AssessmentKind

NOW = datetime(2026, 11, 20, 9, 30).astimezone()
TODAY = NOW.date()
SETTINGS = Settings()
DRAFT_STEPS = {step_number(StepKey(key)) for key in ("health", "needs", "measures", "goals")}


def filled(count: int, seed: int = 2026) -> Engine:
    engine = memory_engine()
    fill_demo(engine, count, today=NOW, settings=SETTINGS, seed=seed)
    return engine


def assessments(engine: Engine) -> list[tuple[Assessment, Participant]]:
    with Session(engine) as session:
        rows = session.execute(
            select(Assessment, Participant)
            .join(Participant, Participant.id == Assessment.participant_id)  # type: ignore[arg-type]
            .order_by(Participant.reference)
        )
        return [(assessment, person) for assessment, person in rows]


def assert_valid_before(answers: Answers, step_key: StepKey) -> None:
    """Every step before `step_key` passes its checks, and nothing answered is hidden."""
    kept, dropped = prune(answers)
    assert dropped == [] and kept == dict(answers)
    steps = steps_for(AssessmentKind.INITIAL, answers, TODAY)
    assert steps == INITIAL_STEPS  # eligible: the draft resumes on the main route
    for step in steps:
        if step.key is step_key:
            break
        assert step_problems(step, answers, TODAY) == {}, (step.key, answers)


@pytest.fixture(scope="module")
def demo() -> Engine:
    return filled(300)


def test_drafts_answer_every_step_before_the_saved_one(demo: Engine) -> None:
    drafts = [(a, p) for a, p in assessments(demo) if a.status == "draft"]
    assert len(drafts) > 20
    assert {a.step for a, _ in drafts} == DRAFT_STEPS
    for assessment, person in drafts:
        step = step_from_number(assessment.step)
        assert_valid_before(assessment.answers, step.key)
        # Nothing from the saved step on: that is where the coach picks up.
        later = {q.key for s in INITIAL_STEPS[INITIAL_STEPS.index(step) :] for q in s.questions}
        assert not later & set(assessment.answers)
        assert assessment.answers["date_of_birth"] == uk_short(person.date_of_birth)


def test_completed_ones_answer_every_step_and_match_the_stored_measures(demo: Engine) -> None:
    done = [(a, p) for a, p in assessments(demo) if a.status == "completed"]
    assert len(done) > 100
    with Session(demo) as session:
        stored: dict[Any, dict[str, list[int]]] = {}
        for result in session.scalars(select(MeasureResult)):
            if result.assessment_id is not None:
                stored.setdefault(result.assessment_id, {})[result.instrument] = result.item_answers
        goals = {plan.assessment_id: plan.goals for plan in session.scalars(select(Plan))}
    for assessment, person in done:
        assert assessment.step == step_number(StepKey.SUMMARY)
        answers = assessment.answers
        assert_valid_before(answers, StepKey.SUMMARY)
        outcome = build_outcome(AssessmentKind.INITIAL, answers, TODAY, SETTINGS.plan_length_weeks)
        assert outcome.eligible
        taken = {m.instrument.value: list(m.items) for m in outcome.measures}
        assert taken == stored[assessment.id]
        assert outcome.goals[0] == goals[assessment.id][0]
        update = outcome.update
        assert update.date_of_birth == person.date_of_birth
        assert update.employer_name == person.employer_name
        for key, given in update.consents.items():
            assert given == getattr(person, key), key
        if person.work_situation != "other":
            assert update.work_situation == person.work_situation


def test_same_seed_gives_the_same_answers() -> None:
    def answers(engine: Engine) -> list[tuple[Any, ...]]:
        return [(a.id, a.step, a.answers) for a, _ in assessments(engine)]

    first = answers(filled(60))
    assert first == answers(filled(60))
    assert first != answers(filled(60, seed=7))


def test_answers_vary_across_people(demo: Engine) -> None:
    answers = [a.answers for a, _ in assessments(demo)]
    conditions = Counter(a["conditions"] for a in answers if "conditions" in a)
    assert set(conditions) == set(CONDITIONS)
    assert {a["work_situation"] for a in answers} == {"off_sick", "struggling", "out_of_work_short"}
    fit_notes = {a.get("fit_note") for a in answers if "fit_note" in a}
    assert fit_notes == {"none", "not_fit", "may_be_fit"}


@pytest.mark.parametrize("situation", ["off_sick", "struggling", "out_of_work_short", "other"])
@pytest.mark.parametrize("seed", range(20))
def test_any_person_and_any_stop_pass_the_checks(situation: str, seed: int) -> None:
    rng = random.Random(seed)
    employed = situation in ("off_sick", "struggling")
    contact = employed and rng.random() < 0.5
    person = {
        "date_of_birth": date(1990, 5, 17),
        "referral_date": date(2026, 11, 1),
        "work_situation": situation,
        "employer_name": "Canalside Hotel" if employed else "",
        "consent_processing": True,
        "consent_share_gp": rng.random() < 0.5,
        "consent_contact_employer": contact,
        "consent_share_health_with_employer": contact and rng.random() < 0.5,
    }
    severity = rng.uniform(0, 1)
    measures = measure_items(rng, severity) if seed % 2 else None
    condition = rng.choice(CONDITIONS)
    for stop in (*(step.key for step in INITIAL_STEPS[1:]), None):
        answers = assessment_answers(
            person, condition, severity, measures, random.Random(seed), before=stop
        )
        assert_valid_before(answers, stop or StepKey.SUMMARY)


def test_answers_come_in_the_wizards_order() -> None:
    assert [key for key, _ in STEP_FILLERS] == [step.key for step in INITIAL_STEPS[:-1]]
