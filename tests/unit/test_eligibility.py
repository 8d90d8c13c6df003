"""Eligibility: every criterion met, blocked or missing, age boundaries, and the wizard's line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from workwell_tui.domain.assessment.eligibility import (
    Eligibility,
    EligibilityAnswers,
    Outcome,
    assess_eligibility,
)

TODAY = date(2026, 11, 22)
ADULT = date(1990, 5, 17)

ELIGIBLE = EligibilityAnswers(
    date_of_birth=ADULT,
    work_situation="off_sick",
    health_affects_work=True,
    complex_needs=False,
    wants_work=True,
    agrees_to_take_part=True,
    consent_processing=True,
)

ALL_REASONS = (
    "in work and off sick",
    "16 or over",
    "health condition affects work",
    "no complex needs",
    "wants to work",
    "agrees to take part",
    "privacy notice explained",
)


def check(answers: EligibilityAnswers, today: date = TODAY) -> Eligibility:
    return assess_eligibility(answers, today)


def test_all_met_is_eligible() -> None:
    result = check(ELIGIBLE)
    assert result.outcome is Outcome.ELIGIBLE
    assert result.eligible
    assert result.reasons == ALL_REASONS
    assert (result.blockers, result.missing, result.signposts) == ((), (), ())


@pytest.mark.parametrize(
    ("situation", "phrase"),
    [
        ("off_sick", "in work and off sick"),
        ("struggling", "in work and struggling because of health"),
        ("out_of_work_short", "out of work under 6 months"),
    ],
)
def test_each_eligible_work_situation(situation: str, phrase: str) -> None:
    result = check(replace(ELIGIBLE, work_situation=situation))
    assert result.eligible
    assert result.reasons[0] == phrase


@pytest.mark.parametrize(
    ("change", "blocker", "signpost"),
    [
        (
            {"date_of_birth": date(2012, 1, 1)},
            "under 16",
            "school or college pastoral support, or their GP",
        ),
        (
            {"work_situation": "out_of_work_long"},
            "out of work 6 months or more",
            "Jobcentre Plus work coach or Connect to Work",
        ),
        (
            {"work_situation": "never_worked"},
            "never worked",
            "Jobcentre Plus work coach or Connect to Work",
        ),
        (
            {"work_situation": "other"},
            "work situation not covered by WorkWell",
            "National Careers Service or Jobcentre Plus",
        ),
        (
            {"health_affects_work": False},
            "no health condition affecting work",
            "National Careers Service or Jobcentre Plus",
        ),
        (
            {"complex_needs": True, "complex_needs_reason": "under the CMHT for psychosis"},
            "complex needs: under the CMHT for psychosis",
            "their GP, or the team already caring for them",
        ),
        (
            {"wants_work": False},
            "does not want to work now",
            "their GP or local wellbeing services; they can come back any time",
        ),
        (
            {"agrees_to_take_part": False},
            "has not agreed to take part",
            "they can be referred again whenever they are ready",
        ),
        (
            {"consent_processing": False},
            "not happy with how their details are kept",
            "they can be referred again whenever they are ready",
        ),
    ],
)
def test_each_blocker_alone(change: dict[str, object], blocker: str, signpost: str) -> None:
    result = check(replace(ELIGIBLE, **change))  # type: ignore[arg-type]
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert not result.eligible
    assert result.blockers == (blocker,)
    assert result.signposts == (signpost,)
    assert result.missing == ()
    assert len(result.reasons) == len(ALL_REASONS) - 1


def test_complex_needs_without_a_reason() -> None:
    result = check(replace(ELIGIBLE, complex_needs=True, complex_needs_reason="   "))
    assert result.blockers == ("complex needs",)


def test_complex_needs_reason_ignored_when_no_complex_needs() -> None:
    result = check(replace(ELIGIBLE, complex_needs_reason="left over from an earlier answer"))
    assert result.eligible


def test_several_blockers_in_form_order_with_signposts_once() -> None:
    result = check(
        replace(
            ELIGIBLE,
            date_of_birth=date(2011, 3, 3),
            work_situation="never_worked",
            agrees_to_take_part=False,
            consent_processing=False,
        )
    )
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert result.blockers == (
        "under 16",
        "never worked",
        "has not agreed to take part",
        "not happy with how their details are kept",
    )
    assert result.signposts == (
        "school or college pastoral support, or their GP",
        "Jobcentre Plus work coach or Connect to Work",
        "they can be referred again whenever they are ready",
    )
    assert result.reasons == ("health condition affects work", "no complex needs", "wants to work")


@pytest.mark.parametrize(
    ("field", "phrase"),
    [
        ("date_of_birth", "date of birth"),
        ("work_situation", "work situation"),
        ("health_affects_work", "health affects work"),
        ("complex_needs", "complex needs"),
        ("wants_work", "wants to work"),
        ("agrees_to_take_part", "agrees to take part"),
        ("consent_processing", "privacy notice explained"),
    ],
)
def test_each_missing_answer(field: str, phrase: str) -> None:
    unanswered: dict[str, object] = {field: None}
    result = check(replace(ELIGIBLE, **unanswered))  # type: ignore[arg-type]
    assert result.outcome is Outcome.INCOMPLETE
    assert not result.eligible
    assert result.missing == (phrase,)
    assert result.blockers == ()
    assert len(result.reasons) == len(ALL_REASONS) - 1


def test_blank_work_situation_counts_as_missing() -> None:
    assert check(replace(ELIGIBLE, work_situation="  ")).missing == ("work situation",)


def test_nothing_answered() -> None:
    result = check(EligibilityAnswers())
    assert result.outcome is Outcome.INCOMPLETE
    assert result.reasons == ()
    assert result.missing == (
        "date of birth",
        "work situation",
        "health affects work",
        "complex needs",
        "wants to work",
        "agrees to take part",
        "privacy notice explained",
    )


def test_a_blocker_shows_before_the_rest_is_answered() -> None:
    result = check(EligibilityAnswers(work_situation="out_of_work_long"))
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert result.blockers == ("out of work 6 months or more",)
    assert "date of birth" in result.missing


def test_sixteenth_birthday_today_is_eligible() -> None:
    result = check(replace(ELIGIBLE, date_of_birth=date(2010, 11, 22)))
    assert result.eligible
    assert "16 or over" in result.reasons


def test_sixteenth_birthday_tomorrow_is_under_16() -> None:
    result = check(replace(ELIGIBLE, date_of_birth=date(2010, 11, 23)))
    assert result.blockers == ("under 16",)
    assert "16 or over" not in result.reasons


def test_leap_day_birthday_turns_16_on_the_day_in_a_leap_year() -> None:
    born = replace(ELIGIBLE, date_of_birth=date(2008, 2, 29))
    assert check(born, today=date(2024, 2, 28)).blockers == ("under 16",)
    assert check(born, today=date(2024, 2, 29)).eligible


def test_leap_day_birthday_turns_16_on_1_march_in_a_common_year() -> None:
    # Leap-day babies turn 16 in a leap year, except across 2100, which is not one.
    born = replace(ELIGIBLE, date_of_birth=date(2084, 2, 29))
    assert check(born, today=date(2100, 2, 28)).blockers == ("under 16",)
    assert check(born, today=date(2100, 3, 1)).eligible


def test_future_date_of_birth_is_a_blocker_without_a_signpost() -> None:
    result = check(replace(ELIGIBLE, date_of_birth=date(2026, 11, 23)))
    assert result.outcome is Outcome.NOT_ELIGIBLE
    assert result.blockers == ("date of birth is in the future",)
    assert result.signposts == ()
    assert "16 or over" not in result.reasons


def test_summary_when_eligible() -> None:
    assert check(ELIGIBLE).summary() == (
        "✓ eligible — in work and off sick, 16 or over, health condition affects work"
    )


def test_summary_when_not_eligible_lists_every_blocker() -> None:
    assert check(replace(ELIGIBLE, date_of_birth=date(2012, 1, 1))).summary() == (
        "✗ not eligible — under 16"
    )
    result = check(replace(ELIGIBLE, work_situation="never_worked", wants_work=False))
    assert result.summary() == "✗ not eligible — never worked; does not want to work now"


def test_summary_when_incomplete_counts_what_is_met_and_lists_what_is_left() -> None:
    answers = EligibilityAnswers(
        date_of_birth=ADULT, work_situation="off_sick", health_affects_work=True
    )
    assert check(answers).summary() == (
        "… 3 of 7 met so far · still to answer: complex needs, wants to work,"
        " agrees to take part, privacy notice explained"
    )
    assert check(replace(ELIGIBLE, wants_work=None)).summary() == (
        "… 6 of 7 met so far · still to answer: wants to work"
    )


def test_summary_when_nothing_is_answered() -> None:
    assert check(EligibilityAnswers()).summary() == (
        "… still to answer: date of birth, work situation, health affects work, complex needs,"
        " wants to work, agrees to take part, privacy notice explained"
    )


@pytest.mark.parametrize(
    "answers",
    [
        ELIGIBLE,
        replace(ELIGIBLE, work_situation="struggling", consent_processing=None),
        replace(ELIGIBLE, date_of_birth=date(2012, 1, 1)),
        replace(ELIGIBLE, complex_needs=True, complex_needs_reason="in crisis"),
        replace(ELIGIBLE, agrees_to_take_part=None),
        replace(ELIGIBLE, consent_processing=None),
        replace(ELIGIBLE, date_of_birth=None),
    ],
)
def test_summary_fits_80_columns_in_common_cases(answers: EligibilityAnswers) -> None:
    assert len(check(answers).summary()) <= 80


def test_outcome_values_are_stored_strings() -> None:
    assert [outcome.value for outcome in Outcome] == ["eligible", "not_eligible", "incomplete"]
