"""Caseload rules: plan week, review due, flags, stage text, sorting and the find filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from workwell_tui.domain.caseload import (
    CaseloadRow,
    ParticipantFacts,
    build_row,
    due_review_week,
    filter_rows,
    next_action_key,
    plan_week,
    sort_rows,
)
from workwell_tui.domain.enums import CaseloadFlag, Stage

TODAY = date(2026, 11, 22)
START = date(2026, 9, 1)


def week_start(week: int, start: date = START) -> date:
    return start + timedelta(days=7 * (week - 1))


def facts(**changes: object) -> ParticipantFacts:
    base = ParticipantFacts(
        participant_id="p1",
        reference="WW-000001",
        first_name="Aisha",
        last_name="Khan",
        preferred_name="",
        district="Preston",
        stage=Stage.REFERRED,
        referral_date=TODAY - timedelta(days=3),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def on_plan(week: int, **changes: object) -> ParticipantFacts:
    """Someone on a 12-week plan, today in `week` (1-based), seen yesterday."""
    start = TODAY - timedelta(days=7 * (week - 1))
    values: dict[str, object] = {
        "stage": Stage.ON_PLAN,
        "plan_start": start,
        "plan_length": 12,
        "review_weeks": (6, 12),
        "last_held_contact": TODAY - timedelta(days=1),
    }
    values.update(changes)
    return facts(**values)


# --- plan_week ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "week"),
    [
        (START - timedelta(days=10), 1),
        (START, 1),
        (START + timedelta(days=6), 1),
        (START + timedelta(days=7), 2),
        (START + timedelta(days=7 * 11), 12),
        (START + timedelta(days=7 * 11 + 6), 12),
        (START + timedelta(days=7 * 30), 12),
    ],
)
def test_plan_week_clamps(today: date, week: int) -> None:
    assert plan_week(START, today, 12) == week


def test_plan_week_respects_short_plan() -> None:
    assert plan_week(START, START + timedelta(days=7 * 10), 8) == 8


# --- due_review_week ---------------------------------------------------------------------------


def test_no_review_due_before_week_6() -> None:
    assert due_review_week(START, week_start(6) - timedelta(days=1), (6, 12), None) is None


def test_week_6_without_review_is_due() -> None:
    assert due_review_week(START, week_start(6), (6, 12), None) == 6
    assert due_review_week(START, week_start(8), (6, 12), None) == 6


def test_review_held_in_week_5_counts() -> None:
    held = week_start(5) + timedelta(days=2)
    assert due_review_week(START, week_start(6) + timedelta(days=1), (6, 12), held) is None


def test_review_held_in_week_4_does_not_count() -> None:
    held = week_start(5) - timedelta(days=1)
    assert due_review_week(START, week_start(6), (6, 12), held) == 6


def test_week_12_after_week_6_review_is_due() -> None:
    held = week_start(6) + timedelta(days=1)
    assert due_review_week(START, week_start(11), (6, 12), held) is None
    assert due_review_week(START, week_start(12), (6, 12), held) == 12


def test_review_weeks_order_does_not_matter() -> None:
    assert due_review_week(START, week_start(7), (12, 6), None) == 6


# --- build_row ---------------------------------------------------------------------------------


def test_row_on_plan_week_5() -> None:
    row = build_row(on_plan(5), TODAY)
    assert row.plan_week == 5
    assert row.plan_length == 12
    assert row.stage_text == "Week 5 of 12"
    assert row.flags == ()
    assert row.days_since_contact == 1


def test_row_review_due_at_week_6() -> None:
    row = build_row(on_plan(6), TODAY)
    assert row.stage_text == "Week 6 of 12"
    assert CaseloadFlag.REVIEW_DUE in row.flags


def test_row_review_done_in_week_6() -> None:
    row = build_row(on_plan(6, last_review_contact=TODAY), TODAY)
    assert CaseloadFlag.REVIEW_DUE not in row.flags


def test_row_draft_flag() -> None:
    row = build_row(facts(stage=Stage.ASSESSING, has_draft_assessment=True), TODAY)
    assert row.flags == (CaseloadFlag.DRAFT_SAVED,)


def test_no_contact_counts_from_referral_date() -> None:
    row13 = build_row(facts(referral_date=TODAY - timedelta(days=13)), TODAY)
    row14 = build_row(facts(referral_date=TODAY - timedelta(days=14)), TODAY)
    assert CaseloadFlag.NO_RECENT_CONTACT not in row13.flags
    assert row13.days_since_contact == 13
    assert row14.flags == (CaseloadFlag.NO_RECENT_CONTACT,)


def test_no_contact_counts_from_last_held_contact() -> None:
    old = facts(referral_date=TODAY - timedelta(days=60))
    assert build_row(replace(old, last_held_contact=TODAY - timedelta(days=2)), TODAY).flags == ()
    stale = replace(old, last_held_contact=TODAY - timedelta(days=20))
    assert build_row(stale, TODAY).flags == (CaseloadFlag.NO_RECENT_CONTACT,)


def test_no_contact_days_setting() -> None:
    f = facts(referral_date=TODAY - timedelta(days=8))
    assert CaseloadFlag.NO_RECENT_CONTACT in build_row(f, TODAY, no_contact_days=7).flags
    assert CaseloadFlag.NO_RECENT_CONTACT not in build_row(f, TODAY, no_contact_days=14).flags


@pytest.mark.parametrize("stage", [Stage.CLOSED, Stage.SIGNPOSTED])
def test_closed_and_signposted_not_flagged_for_contact(stage: Stage) -> None:
    row = build_row(facts(stage=stage, referral_date=TODAY - timedelta(days=90)), TODAY)
    assert row.flags == ()
    assert row.days_since_contact is None
    assert row.plan_week is None


def test_stage_text_for_other_stages() -> None:
    assert build_row(facts(stage=Stage.REFERRED), TODAY).stage_text == "Referred"
    signposted = build_row(facts(stage=Stage.SIGNPOSTED), TODAY)
    assert signposted.stage_text == "Not eligible / signposted"
    # On a plan but no plan row: the stage label, not "Week None of None".
    assert build_row(facts(stage=Stage.ON_PLAN), TODAY).stage_text == "On plan"


def test_search_text_and_name() -> None:
    row = build_row(facts(preferred_name="Ash"), TODAY)
    assert row.name == "Khan, Aisha"
    for word in ("ww-000001", "aisha", "khan", "ash"):
        assert word in row.search_text


# --- ordering ----------------------------------------------------------------------------------


def at(days: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, 22, hour, 0).astimezone() + timedelta(days=days)


def make_rows() -> dict[str, CaseloadRow]:
    rows = {
        "review": build_row(
            on_plan(6, reference="WW-000005", last_name="Evans", first_name="Ed"), TODAY
        ),
        "stale": build_row(
            facts(
                reference="WW-000002",
                last_name="Brown",
                first_name="Bo",
                district="Blackpool",
                referral_date=TODAY - timedelta(days=30),
            ),
            TODAY,
        ),
        "draft": build_row(
            facts(
                reference="WW-000004",
                last_name="Davies",
                first_name="Di",
                stage=Stage.ASSESSING,
                has_draft_assessment=True,
                next_booked_contact=at(1),
            ),
            TODAY,
        ),
        "soon": build_row(
            on_plan(3, reference="WW-000003", last_name="Clarke", first_name="Cy"), TODAY
        ),
        "later": build_row(
            on_plan(
                2,
                reference="WW-000006",
                last_name="Adams",
                first_name="Al",
                district="Blackpool",
                next_booked_contact=at(5),
            ),
            TODAY,
        ),
        "nothing": build_row(
            facts(reference="WW-000007", last_name="Green", first_name="Gus"), TODAY
        ),
        "closed": build_row(
            facts(
                reference="WW-000001",
                last_name="Abbott",
                first_name="Ann",
                stage=Stage.CLOSED,
                next_booked_contact=at(0, 15),
            ),
            TODAY,
        ),
    }
    rows["soon"] = replace(rows["soon"], next_contact=at(2))
    return rows


def names(rows: list[CaseloadRow]) -> list[str]:
    return [row.last_name for row in rows]


def test_next_action_order() -> None:
    rows = make_rows()
    ordered = sorted(rows.values(), key=next_action_key)
    # Equal rank and no next contact: by reference, so Brown (WW-000002) before Evans.
    assert names(ordered) == ["Brown", "Evans", "Davies", "Clarke", "Adams", "Green", "Abbott"]
    assert names(sort_rows(list(rows.values()), "next_action")) == names(ordered)


def test_next_action_ranks() -> None:
    rows = make_rows()
    ranks = {key: next_action_key(row)[0] for key, row in rows.items()}
    assert ranks == {
        "review": 0,
        "stale": 0,
        "draft": 1,
        "soon": 2,
        "later": 2,
        "nothing": 3,
        "closed": 4,
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("reference", ["Abbott", "Brown", "Clarke", "Davies", "Evans", "Adams", "Green"]),
        ("name", ["Abbott", "Adams", "Brown", "Clarke", "Davies", "Evans", "Green"]),
        ("district", ["Adams", "Brown", "Abbott", "Clarke", "Davies", "Evans", "Green"]),
        ("stage", ["Brown", "Green", "Davies", "Adams", "Clarke", "Evans", "Abbott"]),
        ("next_contact", ["Abbott", "Davies", "Clarke", "Adams", "Evans", "Brown", "Green"]),
        ("flags", ["Brown", "Evans", "Davies", "Clarke", "Adams", "Green", "Abbott"]),
    ],
)
def test_sort_rows(key: str, expected: list[str]) -> None:
    rows = list(make_rows().values())
    assert names(sort_rows(rows, key)) == expected


def test_sort_rows_reverse() -> None:
    rows = list(make_rows().values())
    assert names(sort_rows(rows, "name", reverse=True)) == [
        "Green",
        "Evans",
        "Davies",
        "Clarke",
        "Brown",
        "Adams",
        "Abbott",
    ]
    assert names(sort_rows(rows, "reference", reverse=True))[0] == "Green"


def test_sort_by_name_ignores_case() -> None:
    rows = [
        build_row(facts(last_name="Baker", first_name="Bea"), TODAY),
        build_row(facts(last_name="adams", first_name="Ana"), TODAY),
    ]
    assert names(sort_rows(rows, "name")) == ["adams", "Baker"]


def test_sort_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        sort_rows([], "colour")


# --- filter ------------------------------------------------------------------------------------


def test_filter_by_words_case_insensitive() -> None:
    rows = list(make_rows().values())
    assert names(filter_rows(rows, "EVANS")) == ["Evans"]
    assert names(filter_rows(rows, "ed ev")) == ["Evans"]
    assert names(filter_rows(rows, "  evans   ed ")) == ["Evans"]
    assert names(filter_rows(rows, "ed brown")) == []
    assert len(filter_rows(rows, "")) == len(rows)


def test_filter_by_reference() -> None:
    rows = list(make_rows().values())
    assert names(filter_rows(rows, "ww-000003")) == ["Clarke"]
    assert names(filter_rows(rows, "WW-000003")) == ["Clarke"]
    assert names(filter_rows(rows, "000004")) == ["Davies"]


def test_filter_by_stage_and_district() -> None:
    rows = list(make_rows().values())
    assert names(filter_rows(rows, stage=Stage.ON_PLAN)) == ["Evans", "Clarke", "Adams"]
    assert names(filter_rows(rows, district="Blackpool")) == ["Brown", "Adams"]
    assert names(filter_rows(rows, "a", Stage.ON_PLAN, "Blackpool")) == ["Adams"]
    assert filter_rows(rows, district="Lancaster") == []


def test_filter_keeps_order() -> None:
    rows = sort_rows(list(make_rows().values()), "name")
    assert names(filter_rows(rows, "e")) == [r.last_name for r in rows if "e" in r.search_text]
