"""Plan rules: weeks from dates, reviews due, objective/contact/closure checks, distance travelled,
safeguarding and the week grid. Pure: no database, no Textual."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from workwell_tui.domain.caseload import ParticipantFacts, build_row
from workwell_tui.domain.enums import (
    ContactMode,
    ContactPurpose,
    ContactStatus,
    Domain,
    Instrument,
    ObjectiveStatus,
    Stage,
    Timepoint,
)
from workwell_tui.domain.plan.closure import check_agreement, check_closure, check_extension
from workwell_tui.domain.plan.contacts import check_contact
from workwell_tui.domain.plan.distance import MeasurePoint, distance_travelled, spark
from workwell_tui.domain.plan.grid import build_week_grid
from workwell_tui.domain.plan.objectives import check_objective, check_progress_note, move_target
from workwell_tui.domain.plan.safeguarding import check_follow_up, risk_in_answers
from workwell_tui.domain.plan.views import ContactView, ObjectiveView
from workwell_tui.domain.plan.vocabulary import ClosureOutcome, ReviewState
from workwell_tui.domain.plan.weeks import (
    check_plan_length,
    current_week,
    local_day,
    review_due,
    review_schedule,
    reviews_for_length,
    week_of,
    week_span,
    week_text,
    weeks_over,
)

NOW = datetime(2026, 11, 22, 14, 5).astimezone()  # Sunday; the test clock's day
TODAY = NOW.date()


# Plan weeks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "day", "week"),
    [
        (date(2026, 1, 28), date(2026, 2, 3), 1),  # across a month end
        (date(2026, 1, 28), date(2026, 2, 4), 2),
        (date(2026, 12, 29), date(2027, 1, 4), 1),  # across a year end
        (date(2026, 12, 29), date(2027, 1, 5), 2),
        (date(2024, 2, 26), date(2024, 3, 4), 2),  # a leap day in between
        (date(2026, 3, 23), date(2026, 3, 30), 2),  # clocks go forward on Sun 29 Mar 2026
        (date(2026, 10, 19), date(2026, 10, 26), 2),  # clocks go back on Sun 25 Oct 2026
        (date(2026, 11, 22), date(2026, 11, 22), 1),  # started on a Sunday: week 1 that day
        (date(2026, 11, 22), date(2026, 11, 28), 1),  # ... to the Saturday
        (date(2026, 11, 22), date(2026, 11, 29), 2),  # ... and the next Sunday is week 2
        (date(2026, 11, 22), date(2026, 11, 21), 0),  # the day before the start
    ],
)
def test_week_of_counts_whole_weeks_from_the_start(start: date, day: date, week: int) -> None:
    assert week_of(start, day) == week


def test_current_week_is_held_within_the_plan_and_matches_the_caseload() -> None:
    start = date(2026, 8, 1)
    assert current_week(start, TODAY, 12) == 12
    assert weeks_over(start, TODAY, 12) == week_of(start, TODAY) - 12 > 0
    assert current_week(date(2026, 12, 1), TODAY, 12) == 1
    facts = ParticipantFacts("id", "WW-1", "A", "B", "", "Preston", Stage.ON_PLAN, start, start, 12)
    assert build_row(facts, TODAY).plan_week == current_week(start, TODAY, 12)


def test_week_text_before_within_and_past_the_plan() -> None:
    assert week_text(date(2026, 11, 2), TODAY, 12) == "Week 3 of 12"
    assert week_text(date(2026, 8, 1), TODAY, 12) == "Week 17 (12 planned)"
    assert week_text(date(2026, 12, 1), TODAY, 12) == "Starts 1 Dec"
    assert week_text(None, TODAY, 12) == "Not started"


def test_week_span_and_local_day_across_the_clock_change() -> None:
    assert week_span(date(2026, 3, 23), 2) == (date(2026, 3, 30), date(2026, 4, 5))
    # 00:30 BST on 30 Mar is 23:30 UTC on the 29th: the coach's day is the 30th.
    moment = datetime(2026, 3, 30, 0, 30).astimezone()
    assert moment.utcoffset() == timedelta(hours=1)
    assert local_day(moment) == date(2026, 3, 30)


@pytest.mark.parametrize("length", [8, 12, 16])
def test_review_weeks_follow_the_plan_length(length: int) -> None:
    assert check_plan_length(length) == ""
    kept = reviews_for_length((6, 12), length)
    assert all(week <= length for week in kept)
    assert kept == ((6,) if length == 8 else (6, 12))


def test_plan_length_limits_and_a_review_at_the_end_when_none_fit() -> None:
    assert check_plan_length(0) and check_plan_length(53) and check_plan_length("twelve")
    assert check_plan_length("16") == ""
    assert reviews_for_length((6, 12), 4) == (4,)


def test_review_due_from_its_week_until_a_review_is_held() -> None:
    start = date(2026, 10, 4)  # week 6 opens 8 Nov; week 12 opens 20 Dec
    assert review_due(start, date(2026, 11, 7), (6, 12), []) is None
    assert review_due(start, date(2026, 11, 8), (6, 12), []) == 6
    assert review_due(start, TODAY, (6, 12), [date(2026, 11, 3)]) is None  # up to a week early
    assert review_due(start, TODAY, (6, 12), [date(2026, 10, 30)]) == 6  # too early to count
    slots = review_schedule(start, TODAY, (6, 12), [date(2026, 11, 9)])
    assert [(s.week, s.state) for s in slots] == [(6, ReviewState.DONE), (12, ReviewState.UPCOMING)]
    assert slots[0].held_on == date(2026, 11, 9)


def test_a_missed_review_is_passed_once_a_later_one_is_held() -> None:
    start = date(2026, 8, 30)  # week 12 opened 15 Nov
    slots = review_schedule(start, TODAY, (6, 12), [date(2026, 11, 16)])
    assert [s.state for s in slots] == [ReviewState.PASSED, ReviewState.DONE]
    assert review_due(start, TODAY, (6, 12), [date(2026, 11, 16)]) is None
    assert next(s.state for s in review_schedule(start, TODAY, (6, 12), [])) is ReviewState.DUE


# Objectives ---------------------------------------------------------------------------------


def test_objective_checks_give_a_message_per_field() -> None:
    check = check_objective({"domain": "nope", "what": "  ", "target_week": "13"}, 12)
    assert not check.ok
    assert set(check.errors) == {"domain", "what", "target_week"}
    assert "12 weeks" in check.errors["target_week"]
    assert "week" in check_objective({"target_week": "0"}, 12).errors["target_week"].lower()
    assert "target_week" in check_objective({"target_week": None}, 12).errors


def test_dropped_and_changed_need_a_reason() -> None:
    base = {"domain": "work", "what": "Phased return", "target_week": "week 8"}
    assert "reason" in check_objective({**base, "status": "dropped"}, 12).errors
    assert "reason" in check_objective({**base, "status": "changed"}, 12).errors
    done = check_objective({**base, "status": "dropped", "reason": "Found new work"}, 12)
    assert done.objective is not None and done.objective.reason == "Found new work"
    kept = check_objective({**base, "status": "achieved", "reason": "ignored"}, 12).objective
    assert kept is not None and kept.reason == "" and kept.target_week == 8


def test_objective_text_loses_control_codes_only() -> None:
    check = check_objective(
        {"domain": "physical", "what": "\x1b[2JWalk [b]daily[/b]", "target_week": 3}, 12
    )
    assert check.objective is not None
    assert check.objective.what == "[2JWalk [b]daily[/b]"
    assert check.objective.domain is Domain.PHYSICAL


def test_progress_notes_and_target_moves() -> None:
    assert check_progress_note({"note": "Went to physio"}, TODAY).written_on == TODAY
    assert "date" in check_progress_note({"note": "x", "date": "23/11/2026"}, TODAY).errors
    assert "note" in check_progress_note({"note": " "}, TODAY).errors
    assert [move_target(1, -1, 12), move_target(12, 1, 12), move_target(5, 2, 12)] == [1, 12, 7]


# Contacts -----------------------------------------------------------------------------------


def test_a_held_contact_cannot_be_in_the_future() -> None:
    values = {"date": "22/11/2026", "time": "15:00", "mode": "phone", "duration": "20"}
    assert "date" in check_contact(values, NOW, booked=False).errors
    assert "date" in check_contact({**values, "date": "23/11/2026"}, NOW, booked=False).errors
    earlier = check_contact({**values, "time": "09:00"}, NOW, booked=False)
    assert earlier.contact is not None and earlier.contact.status is ContactStatus.HELD
    no_time = check_contact({**values, "time": ""}, NOW, booked=False).contact
    assert no_time is not None and no_time.at <= NOW


def test_a_booked_contact_must_be_in_the_future() -> None:
    values = {"date": "22/11/2026", "time": "14:00", "mode": "video"}
    assert "date" in check_contact(values, NOW, booked=True).errors
    assert "time" in check_contact({**values, "time": ""}, NOW, booked=True).errors
    booked = check_contact({**values, "time": "15:30"}, NOW, booked=True).contact
    assert booked is not None and booked.duration_minutes is None
    assert booked.status is ContactStatus.BOOKED


def test_contact_mode_duration_and_objectives() -> None:
    objective = str(uuid.uuid4())
    values = {"date": "20/11/2026", "mode": "text", "duration": "45 min", "objectives": [objective]}
    check = check_contact(values, NOW, booked=False, objective_ids=[objective])
    assert check.contact is not None and check.contact.mode is ContactMode.MESSAGE
    assert check.contact.duration_minutes == 45 and check.contact.objectives_discussed == (
        objective,
    )
    bad = check_contact(
        {**values, "mode": "fax", "duration": "600", "time": "25:00", "objectives": ["x"]},
        NOW,
        booked=False,
    )
    assert set(bad.errors) >= {"mode", "duration", "time", "objectives"}
    assert "duration" in check_contact({**values, "duration": ""}, NOW, booked=False).errors


def test_a_booking_after_the_clocks_change_keeps_its_wall_clock_time() -> None:
    before = datetime(2026, 10, 23, 9, 0).astimezone()
    check = check_contact(
        {"date": "26/10/2026", "time": "10:00", "mode": "in_person"}, before, booked=True
    )
    assert check.contact is not None
    assert check.contact.at.astimezone().hour == 10
    assert check.contact.at.utcoffset() == timedelta(0)  # GMT again after 25 Oct


# Agreeing, extending and closing ------------------------------------------------------------


def test_agreement_needs_every_suggestion_decided() -> None:
    pending = check_agreement({}, TODAY, length_weeks=12, objectives=3, pending_suggestions=2)
    assert "2 suggested objectives" in pending.errors["objectives"]
    none = check_agreement({}, TODAY, length_weeks=12, objectives=0, pending_suggestions=0)
    assert "objectives" in none.errors
    ok = check_agreement(
        {"length_weeks": "16"}, TODAY, length_weeks=12, objectives=2, pending_suggestions=0
    )
    assert ok.ok and ok.start_date == TODAY and ok.length_weeks == 16
    far = check_agreement(
        {"start_date": "01/02/2027"}, TODAY, length_weeks=12, objectives=1, pending_suggestions=0
    )
    assert "start_date" in far.errors


def test_extension_needs_a_longer_length_and_a_reason() -> None:
    assert set(check_extension({"length_weeks": "12"}, 12).errors) == {"length_weeks", "reason"}
    ok = check_extension({"length_weeks": 16, "reason": "Waiting for physio"}, 12)
    assert ok.ok and ok.length_weeks == 16


def test_closing_past_the_planned_length_needs_a_reason() -> None:
    start = date(2026, 8, 1)  # week 17 today
    values = {"outcome": "returned_same_employer", "summary": "Back on full hours"}
    late = check_closure(values, TODAY, start=start, length_weeks=12)
    assert "overrun_reason" in late.errors
    assert check_closure(
        values, TODAY, start=start, length_weeks=12, extension_reason="Physio wait"
    ).ok
    said = check_closure(
        {**values, "overrun_reason": "Waited for the OH report"},
        TODAY,
        start=start,
        length_weeks=12,
    )
    assert said.ok and said.outcome is ClosureOutcome.RETURNED_SAME_EMPLOYER
    in_time = check_closure(values, TODAY, start=date(2026, 10, 1), length_weeks=12)
    assert in_time.ok and in_time.overrun_reason == ""


def test_closure_outcome_date_and_summary_are_checked() -> None:
    bad = check_closure(
        {"outcome": "x", "closed_on": "23/11/2026"}, TODAY, start=date(2026, 10, 1), length_weeks=12
    )
    assert set(bad.errors) == {"outcome", "closed_on", "summary"}
    early = check_closure(
        {"outcome": "withdrew", "summary": "s", "closed_on": "01/09/2026"},
        TODAY,
        start=date(2026, 10, 1),
        length_weeks=12,
    )
    assert "closed_on" in early.errors
    assert {o.label for o in ClosureOutcome} >= {"Stayed in work", "Lost contact"}


# Distance travelled -------------------------------------------------------------------------


def point(instrument: Instrument, total: int, day: int, week: int | None = None) -> MeasurePoint:
    kind = Timepoint.REVIEW if week else Timepoint.BASELINE
    return MeasurePoint(instrument, total, date(2026, 10, day), kind, week)


def test_distance_travelled_shows_numbers_and_bands() -> None:
    changes = distance_travelled(
        [
            point(Instrument.PHQ9, 8, 20, 6),
            point(Instrument.PHQ9, 14, 1),
            point(Instrument.GAD7, 12, 1),
            point(Instrument.GAD7, 11, 20, 6),
            point(Instrument.CONFIDENCE, 3, 1),
            point(Instrument.CONFIDENCE, 6, 20, 6),
            point(Instrument.WSAS, 22, 20, 6),  # no baseline: nothing to compare
        ]
    )
    texts = [change.text for change in changes]
    assert texts == [
        "PHQ-9 14 → 8, moderate → mild",
        "GAD-7 12 → 11, moderate",
        "Confidence about work 3 → 6",
    ]
    phq, gad, confidence = changes
    assert phq.improved is True and phq.change == -6 and confidence.improved is True
    assert gad.improved is True and phq.latest.label == "Week 6"
    assert len(phq.chart()) == 2 and phq.chart()[0] > phq.chart()[1]


def test_distance_with_several_reviews_and_worse_scores() -> None:
    (change,) = distance_travelled(
        [
            point(Instrument.PHQ9, 5, 1),
            point(Instrument.PHQ9, 7, 9, 6),
            point(Instrument.PHQ9, 16, 20, 12),
        ]
    )
    assert [r.total for r in change.reviews] == [7, 16]
    assert change.improved is False and change.text == "PHQ-9 5 → 16, mild → moderately severe"
    assert spark([0, 27], 27) == "▁█"
    (alone,) = distance_travelled([point(Instrument.PHQ9, 14, 1)])
    assert alone.text == "PHQ-9 14, moderate (baseline)"


# Safeguarding -------------------------------------------------------------------------------


def test_a_risk_is_found_from_item_9_with_what_the_coach_did() -> None:
    found = risk_in_answers({"phq9.9": 2, "phq9.risk_action": "Shared crisis contacts\x1b[2J"})
    assert (
        found is not None and found.score == 2 and found.action_taken == "Shared crisis contacts[2J"
    )
    assert risk_in_answers({"phq9.9": 0}) is None
    assert risk_in_answers({"phq9.9": True}) is None
    assert risk_in_answers({"phq9.9": 1}) is not None  # no note still makes a record


def test_follow_up_checks() -> None:
    raised = date(2026, 11, 1)
    assert check_follow_up({"follow_up": "Rang them"}, TODAY, raised).ok
    assert "follow_up" in check_follow_up({"follow_up": ""}, TODAY, raised).errors
    assert "date" in check_follow_up({"follow_up": "x", "date": "01/10/2026"}, TODAY, raised).errors


# Week grid ----------------------------------------------------------------------------------


def test_week_grid_marks_targets_contacts_reviews_and_now() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    objectives = tuple(
        ObjectiveView(
            oid, Domain.WORK, what, "", week, ObjectiveStatus.IN_PROGRESS, "", n, TODAY, (), 1
        )
        for n, (oid, what, week) in enumerate(((first, "Phased return", 8), (second, "Sleep", 2)))
    )
    contact = ContactView(
        uuid.uuid4(),
        NOW,
        ContactStatus.HELD,
        ContactMode.PHONE,
        ContactPurpose.CHECK_IN,
        20,
        "",
        (first,),
        3,
        1,
    )
    booked = ContactView(
        uuid.uuid4(),
        NOW,
        ContactStatus.BOOKED,
        ContactMode.PHONE,
        ContactPurpose.CHECK_IN,
        None,
        "",
        (second,),
        4,
        1,
    )
    grid = build_week_grid(
        length_weeks=16,
        current_week=6,
        objectives=objectives,
        contacts=[contact, booked],
        review_weeks=(6, 12),
        reviews_held=(6,),
    )
    assert grid.weeks == tuple(range(1, 17))
    row = grid.row_of(first)
    assert row is not None
    assert "".join(cell.symbol for cell in row.cells) == "··●····◆········"
    assert grid.columns[2].contacts == 1 and grid.columns[3].contacts == 0  # booked: not held
    assert grid.columns[5].current and grid.columns[5].review_held
    assert grid.columns[11].review_week and not grid.columns[11].review_held
