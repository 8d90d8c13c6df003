"""What would turn away or mislabel people: the questions' own words, checked against the review."""

from __future__ import annotations

from typing import Any

import pytest

from workwell_tui.domain.assessment.flow import step_problems
from workwell_tui.domain.assessment.steps import (
    CONDITION_TYPES,
    ELIGIBILITY,
    FIT_NOTE_ADVICE_OPTIONS,
    QUESTIONS_BY_KEY,
    WORK,
    WORK_SITUATIONS,
)
from workwell_tui.domain.enums import WorkSituation
from workwell_tui.domain.measures import GAD7, PHQ9, WSAS

from .test_assessment_flow import TODAY, eligible_answers


def test_complex_needs_hint_does_not_turn_away_people_under_a_specialist() -> None:
    hint = QUESTIONS_BY_KEY["complex_needs"].hint
    assert "specialist team" not in hint and "light-touch" in hint
    assert "12-week" not in hint and "12 week" not in hint  # plan length is a setting


def test_every_question_is_free_of_a_fixed_plan_length() -> None:
    for question in QUESTIONS_BY_KEY.values():
        assert "12-week" not in question.hint + question.label


def test_in_work_covers_the_self_employed() -> None:
    labels = dict(WORK_SITUATIONS)
    assert labels["off_sick"] == "In work (employed or self-employed): off sick"
    assert labels["struggling"] == "In work (employed or self-employed): struggling"
    assert "zero-hours" in QUESTIONS_BY_KEY["work_situation"].hint
    assert WorkSituation.OFF_SICK.label.startswith("In work")


def test_condition_kinds_include_neurodevelopmental_and_learning_disability() -> None:
    kinds = dict(CONDITION_TYPES)
    assert "ADHD" in kinds["neurodevelopmental"] and "autism" in kinds["neurodevelopmental"]
    assert kinds["learning_disability"] == "learning disability"


def test_the_demo_files_adhd_as_neurodevelopmental() -> None:
    from workwell_tui.demo.assessment import CONDITION_TABLE

    assert CONDITION_TABLE["ADHD"].types == ["neurodevelopmental"]
    allowed = {value for value, _ in CONDITION_TYPES}
    assert all(set(c.types) <= allowed for c in CONDITION_TABLE.values())


def test_fit_note_wording() -> None:
    assert dict(FIT_NOTE_ADVICE_OPTIONS)["workplace_adaptations"] == "workplace adaptations"
    hint = QUESTIONS_BY_KEY["fit_note"].hint
    for who in ("GP", "nurse", "occupational therapist", "pharmacist", "physiotherapist"):
        assert who in hint


def test_consent_wording_rests_on_the_privacy_notice_and_says_taking_part_is_voluntary() -> None:
    keep = QUESTIONS_BY_KEY["consent_processing"]
    assert "privacy notice" in (keep.label + keep.hint).lower()
    assert QUESTIONS_BY_KEY["agrees_to_take_part"].hint == "Taking part is voluntary"


@pytest.mark.parametrize("spec", [PHQ9, GAD7])
def test_phq9_and_gad7_carry_the_pfizer_attribution_on_the_measures_step(spec: object) -> None:
    hint = QUESTIONS_BY_KEY[f"{spec.key}.take"].hint  # type: ignore[attr-defined]
    assert "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke" in hint
    assert "educational grant from Pfizer Inc." in hint
    assert "No permission required to reproduce" in hint


def test_wsas_carries_its_attribution_on_the_measures_step() -> None:
    hint = QUESTIONS_BY_KEY[f"{WSAS.key}.take"].hint
    assert "Mundt et al. 2002; reproduced with permission of Professor Isaac Marks" in hint


# "Out of work under 6 months" against "out of work since" ---------------------------------


def out_of_work(situation: str, since: str) -> dict[str, Any]:
    return eligible_answers(
        work_situation=situation, out_of_work_since=since, wanted_work="Admin", last_job="Clerk"
    )


@pytest.mark.parametrize(
    ("situation", "since", "problem"),
    [
        ("out_of_work_short", "01/03/2026", "More than 6 months ago, but the work situation says"),
        ("out_of_work_short", "21/05/2026", "More than 6 months ago, but the work situation says"),
        ("out_of_work_short", "22/05/2026", None),  # exactly six months: still under
        ("out_of_work_short", "01/10/2026", None),
        ("out_of_work_long", "01/10/2026", "Under 6 months ago, but the work situation says"),
        ("out_of_work_long", "01/03/2026", None),
    ],
)
def test_out_of_work_since_contradicting_the_work_situation_is_shown_beside_it(
    situation: str, since: str, problem: str | None
) -> None:
    found = step_problems(WORK, out_of_work(situation, since), TODAY).get("out_of_work_since")
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem)


def test_a_date_that_is_not_a_date_keeps_its_own_message() -> None:
    found = step_problems(WORK, out_of_work("out_of_work_short", "31/02/2026"), TODAY)
    assert found == {"out_of_work_since": "There is no day 31 in that month"}


def test_eligibility_step_labels_are_unchanged_in_shape() -> None:
    # Every eligibility question still has a label a coach can read on one line.
    assert all(len(q.label) <= 30 for q in ELIGIBILITY.questions)
