"""The needs catalogue and the plan suggestions drawn from it: objectives and adjustments."""

from __future__ import annotations

import pytest

from workwell_tui.domain.assessment.adjustment_items import ADJUSTMENTS, FIT_NOTE_ADVICE, adjustment
from workwell_tui.domain.assessment.needs import (
    BARRIERS,
    NEEDS_DOMAINS,
    SEVERITY_LABELS,
    barrier,
    barriers_with_severity,
)
from workwell_tui.domain.assessment.suggestions import (
    BARRIER_ADJUSTMENTS,
    OBJECTIVE_WORDING,
    SuggestedObjective,
    suggest_adjustments,
    suggest_objectives,
)
from workwell_tui.domain.enums import AdjustmentOwner, Domain

ALL_BARRIERS = [item for domain in NEEDS_DOMAINS for item in BARRIERS[domain]]
CATEGORIES = {"hours", "duties", "place", "equipment", "support"}


def keys(items: list[SuggestedObjective]) -> list[str]:
    """The barrier keys the objectives answer, in order."""
    return [item.barrier_key for item in items]


def adjustment_keys(severities: dict[str, int], advice: tuple[str, ...] = ()) -> list[str]:
    """Suggested adjustment keys for someone in work."""
    return [
        item.key for item in suggest_adjustments(severities, fit_note_advice=advice, in_work=True)
    ]


# Catalogue integrity


def test_needs_domains_and_barrier_keys_in_order() -> None:
    assert NEEDS_DOMAINS == (Domain.PHYSICAL, Domain.PSYCHOLOGICAL, Domain.SOCIAL)
    assert list(BARRIERS) == list(NEEDS_DOMAINS)
    assert SEVERITY_LABELS == ("none", "mild", "moderate", "severe")
    assert [item.key for item in BARRIERS[Domain.PHYSICAL]] == [
        "physical.pain",
        "physical.mobility",
        "physical.fatigue",
        "physical.sleep",
        "physical.condition",
        "physical.activity",
    ]
    assert [item.key for item in BARRIERS[Domain.PSYCHOLOGICAL]] == [
        "psychological.low_mood",
        "psychological.anxiety",
        "psychological.stress",
        "psychological.confidence",
        "psychological.coping",
    ]
    assert [item.key for item in BARRIERS[Domain.SOCIAL]] == [
        "social.money",
        "social.housing",
        "social.caring",
        "social.transport",
        "social.isolation",
    ]


def test_barrier_keys_unique_prefixed_by_domain_and_labels_short() -> None:
    all_keys = [item.key for item in ALL_BARRIERS]
    assert len(all_keys) == len(set(all_keys))
    for domain, items in BARRIERS.items():
        for item in items:
            assert item.domain is domain
            assert item.key.startswith(f"{domain.value}.")
            assert 0 < len(item.label) <= 40


def test_every_barrier_has_objective_wording_and_adjustment_entry() -> None:
    all_keys = {item.key for item in ALL_BARRIERS}
    assert set(OBJECTIVE_WORDING) == all_keys
    assert set(BARRIER_ADJUSTMENTS) == all_keys
    wordings = [what for what, _ in OBJECTIVE_WORDING.values()]
    assert len(wordings) == len(set(wordings)), "each barrier has its own wording"
    for what, steps in OBJECTIVE_WORDING.values():
        assert what and steps and "\n" not in what + steps


def test_barrier_lookup() -> None:
    assert barrier("physical.pain").label == "Pain"
    assert barrier("social.caring").domain is Domain.SOCIAL
    with pytest.raises(KeyError):
        barrier("physical.nope")


def test_adjustment_catalogue_integrity() -> None:
    catalogue = [item.key for item in ADJUSTMENTS]
    assert len(catalogue) == len(set(catalogue))
    required = {
        "phased_return",
        "altered_hours",
        "amended_duties",
        "workplace_adaptations",
        "flexible_working",
        "adaptive_technology",
        "rest_breaks",
        "home_working",
        "quiet_space",
        "parking_or_travel",
        "time_off_for_appointments",
        "access_to_work",
        "support_worker",
        "buddy_or_mentor",
        "written_instructions",
    }
    assert required <= set(catalogue)
    owners = {owner.value for owner in AdjustmentOwner}
    for item in ADJUSTMENTS:
        assert len(item.key) <= 40
        assert item.owner in owners
        assert item.category in CATEGORIES
        assert item.label and item.description and "\n" not in item.description
    for suggested in BARRIER_ADJUSTMENTS.values():
        assert set(suggested) <= set(catalogue)


def test_adjustment_lookup_and_fit_note_mapping() -> None:
    assert adjustment("phased_return").label == "Phased return"
    with pytest.raises(KeyError):
        adjustment("free_biscuits")
    assert FIT_NOTE_ADVICE == {
        "phased_return": "phased_return",
        "altered_hours": "altered_hours",
        "amended_duties": "amended_duties",
        "workplace_adaptations": "workplace_adaptations",
    }
    for key in FIT_NOTE_ADVICE.values():
        adjustment(key)


# barriers_with_severity


def test_barriers_with_severity_orders_most_severe_then_catalogue() -> None:
    found = barriers_with_severity(
        {
            "social.isolation": 3,
            "physical.sleep": 1,
            "psychological.anxiety": 3,
            "physical.pain": 2,
            "physical.mobility": 0,
            "need.physical.notes": 2,  # not a barrier key: ignored
        }
    )
    assert [(item.key, level) for item, level in found] == [
        ("psychological.anxiety", 3),
        ("social.isolation", 3),
        ("physical.pain", 2),
        ("physical.sleep", 1),
    ]


def test_barriers_with_severity_empty_and_zeros() -> None:
    assert barriers_with_severity({}) == []
    assert barriers_with_severity({item.key: 0 for item in ALL_BARRIERS}) == []


@pytest.mark.parametrize("level", [-1, 4, 10])
def test_barriers_with_severity_rejects_out_of_range(level: int) -> None:
    with pytest.raises(ValueError, match="Pain"):
        barriers_with_severity({"physical.pain": level})


def test_out_of_range_severity_rejected_by_suggestions() -> None:
    with pytest.raises(ValueError):
        suggest_objectives({"social.money": 5}, plan_weeks=12, in_work=False)
    with pytest.raises(ValueError):
        suggest_adjustments({"social.money": -1}, in_work=False)


# suggest_objectives


def test_no_barriers_gives_work_objective_only() -> None:
    objectives = suggest_objectives({}, plan_weeks=12, in_work=False)
    assert keys(objectives) == ["work"]
    assert objectives[0].domain is Domain.WORK


def test_one_objective_per_domain_for_its_worst_barrier() -> None:
    objectives = suggest_objectives(
        {
            "social.transport": 1,
            "social.money": 2,
            "psychological.stress": 2,
            "psychological.low_mood": 2,  # tie with stress: catalogue order wins
            "physical.sleep": 1,
            "physical.fatigue": 2,
            "unknown.thing": 3,
        },
        plan_weeks=12,
        in_work=True,
    )
    assert keys(objectives) == [
        "physical.fatigue",
        "psychological.low_mood",
        "social.money",
        "work",
    ]
    assert [item.domain for item in objectives] == [
        Domain.PHYSICAL,
        Domain.PSYCHOLOGICAL,
        Domain.SOCIAL,
        Domain.WORK,
    ]
    assert objectives[0].what == OBJECTIVE_WORDING["physical.fatigue"][0]
    assert objectives[0].steps == OBJECTIVE_WORDING["physical.fatigue"][1]


def test_second_objective_in_domain_only_for_another_severe_barrier() -> None:
    objectives = suggest_objectives(
        {
            "physical.activity": 3,
            "physical.pain": 3,
            "physical.mobility": 3,  # a third severe one: still only two for the domain
            "psychological.anxiety": 3,
            "psychological.stress": 2,  # not severe: no second psychological objective
        },
        plan_weeks=12,
        in_work=False,
    )
    assert keys(objectives) == [
        "physical.pain",
        "physical.mobility",
        "psychological.anxiety",
        "work",
    ]


def test_social_objectives_point_to_services() -> None:
    money = suggest_objectives({"social.money": 1}, plan_weeks=12, in_work=False)[0]
    assert "Citizens Advice" in money.steps
    caring = suggest_objectives({"social.caring": 1}, plan_weeks=12, in_work=False)[0]
    assert "carers" in caring.steps


@pytest.mark.parametrize("plan_weeks", [1, 2, 8, 12, 16])
def test_target_weeks_within_plan(plan_weeks: int) -> None:
    every_barrier_severe = {item.key: 3 for item in ALL_BARRIERS}
    mixed = {"physical.pain": 1, "psychological.stress": 2, "social.housing": 3}
    for severities in (every_barrier_severe, mixed, {}):
        for in_work, off_sick in ((True, True), (True, False), (False, False)):
            objectives = suggest_objectives(
                severities, plan_weeks=plan_weeks, in_work=in_work, off_sick=off_sick
            )
            assert objectives
            for item in objectives:
                assert 1 <= item.target_week <= plan_weeks


@pytest.mark.parametrize("plan_weeks", [8, 12, 16])
def test_severe_barriers_have_earlier_targets(plan_weeks: int) -> None:
    objectives = suggest_objectives(
        {"physical.pain": 3, "psychological.stress": 2, "social.money": 1},
        plan_weeks=plan_weeks,
        in_work=False,
    )
    severe, moderate, mild, work = (item.target_week for item in objectives)
    assert severe < moderate < mild <= work == plan_weeks


def test_target_weeks_for_a_twelve_week_plan() -> None:
    objectives = suggest_objectives(
        {"physical.pain": 3, "physical.sleep": 3, "psychological.stress": 2, "social.money": 1},
        plan_weeks=12,
        in_work=True,
        off_sick=True,
    )
    assert [item.target_week for item in objectives] == [4, 6, 6, 8, 8]


def test_plan_must_have_a_week() -> None:
    with pytest.raises(ValueError):
        suggest_objectives({}, plan_weeks=0, in_work=False)


def test_work_objective_off_sick_is_return_to_work() -> None:
    work = suggest_objectives({}, plan_weeks=12, in_work=True, off_sick=True)[-1]
    assert work.domain is Domain.WORK and work.barrier_key == "work"
    assert "return-to-work" in work.what
    assert work.target_week < 12  # agreed in time for the return to start with support


def test_work_objective_struggling_is_stay_in_work() -> None:
    work = suggest_objectives({}, plan_weeks=12, in_work=True)[-1]
    assert work.what.startswith("Stay in work")
    assert work.target_week == 12


def test_work_objective_out_of_work_moves_towards_work() -> None:
    work = suggest_objectives({}, plan_weeks=16, in_work=False, off_sick=True)[-1]
    assert work.what.startswith("Move towards work")
    assert work.target_week == 16


# suggest_adjustments


def test_no_adjustments_out_of_work() -> None:
    severe = {item.key: 3 for item in ALL_BARRIERS}
    assert suggest_adjustments(severe, fit_note_advice=("phased_return",), in_work=False) == []


def test_no_adjustments_without_advice_or_barriers() -> None:
    assert adjustment_keys({}) == []


def test_fit_note_advice_comes_first_in_order() -> None:
    found = adjustment_keys(
        {"psychological.anxiety": 2},
        ("workplace_adaptations", "phased_return", "none", "phased_return"),
    )
    assert found[:2] == ["workplace_adaptations", "phased_return"]
    assert found[2:] == ["quiet_space", "flexible_working", "time_off_for_appointments"]


def test_adjustments_only_for_moderate_or_severe_barriers() -> None:
    assert adjustment_keys({"physical.fatigue": 1, "social.caring": 1}) == []
    assert adjustment_keys({"physical.fatigue": 2}) == ["rest_breaks", "altered_hours"]


def test_adjustments_follow_barrier_severity_and_dedupe() -> None:
    found = adjustment_keys(
        {"social.caring": 2, "psychological.stress": 3},
        ("altered_hours",),
    )
    assert found == [
        "altered_hours",  # fit note
        "flexible_working",  # stress (severe, so first)
        "quiet_space",
        "time_off_for_appointments",
        # caring adds flexible_working and altered_hours again: already there
    ]
    assert len(found) == len(set(found))


def test_adjustments_capped_at_six() -> None:
    severe = {item.key: 3 for item in ALL_BARRIERS}
    found = adjustment_keys(severe, tuple(FIT_NOTE_ADVICE))
    assert len(found) == 6
    assert found[:4] == list(FIT_NOTE_ADVICE.values())
    assert "access_to_work" in found


def test_access_to_work_for_a_severe_physical_barrier_only() -> None:
    assert "access_to_work" in adjustment_keys({"physical.mobility": 3})
    assert "access_to_work" not in adjustment_keys({"physical.mobility": 2})
    assert "access_to_work" not in adjustment_keys(
        {"psychological.anxiety": 3, "social.transport": 3}
    )
    # Severe physical barrier with no adjustment of its own still earns Access to Work.
    assert adjustment_keys({"physical.activity": 3}) == ["access_to_work"]


def test_transport_suggests_parking_or_home_working() -> None:
    assert adjustment_keys({"social.transport": 2}) == ["parking_or_travel", "home_working"]
