"""Measures: standard wording, scoring, every band boundary, PHQ-9 item 9, crisis contacts."""

from __future__ import annotations

import pytest

from workwell_tui.domain.enums import Instrument
from workwell_tui.domain.measures import (
    CONFIDENCE,
    GAD7,
    INSTRUMENTS,
    PHQ9,
    QUESTIONNAIRES,
    SELF_RATED_HEALTH,
    WSAS,
    InstrumentSpec,
    band,
    describe,
    phq9_risk,
    score,
)

ALL = (PHQ9, GAD7, WSAS, CONFIDENCE, SELF_RATED_HEALTH)


def test_item_counts_and_totals() -> None:
    assert [len(spec.items) for spec in ALL] == [9, 7, 5, 1, 1]
    assert [spec.max_total for spec in ALL] == [27, 21, 40, 10, 10]


def test_registry_order_and_keys() -> None:
    assert list(INSTRUMENTS) == [
        Instrument.PHQ9,
        Instrument.GAD7,
        Instrument.WSAS,
        Instrument.CONFIDENCE,
        Instrument.SELF_RATED_HEALTH,
    ]
    assert tuple(INSTRUMENTS.values()) == ALL
    assert QUESTIONNAIRES == (PHQ9, GAD7, WSAS)
    assert [spec.key for spec in ALL] == [
        "phq9",
        "gad7",
        "wsas",
        "confidence",
        "self_rated_health",
    ]


def test_titles_match_the_instrument_labels() -> None:
    assert [spec.title for spec in ALL] == [spec.instrument.label for spec in ALL]
    assert [spec.title for spec in ALL] == [
        "PHQ-9",
        "GAD-7",
        "WSAS",
        "Confidence about work",
        "Self-rated health",
    ]


def test_phq9_standard_wording() -> None:
    assert PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert PHQ9.items[1] == "Feeling down, depressed, or hopeless"
    assert PHQ9.items[4] == "Poor appetite or overeating"
    assert PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert PHQ9.options == (
        (0, "Not at all"),
        (1, "Several days"),
        (2, "More than half the days"),
        (3, "Nearly every day"),
    )


def test_gad7_standard_wording() -> None:
    assert GAD7.stem == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    assert GAD7.items[0] == "Feeling nervous, anxious, or on edge"
    assert GAD7.items[1] == "Not being able to stop or control worrying"
    assert GAD7.items[3] == "Trouble relaxing"
    assert GAD7.options == PHQ9.options


def test_wsas_items_and_scale() -> None:
    assert all(item.startswith("Because of my health problem, my ") for item in WSAS.items)
    topics = ("ability to work", "home management", "social leisure", "private leisure")
    for item, topic in zip(WSAS.items, topics, strict=False):
        assert topic in item
    assert "close relationships" in WSAS.items[4]
    assert [value for value, _ in WSAS.options] == list(range(9))
    labelled = {value: label for value, label in WSAS.options if label}
    assert labelled == {
        0: "Not at all",
        2: "Slightly",
        4: "Definitely",
        6: "Markedly",
        8: "Very severely",
    }


@pytest.mark.parametrize(
    ("spec", "low", "high"),
    [
        (CONFIDENCE, "Not at all confident", "Completely confident"),
        (SELF_RATED_HEALTH, "Worst", "Best"),
    ],
)
def test_zero_to_ten_scales(spec: InstrumentSpec, low: str, high: str) -> None:
    assert [value for value, _ in spec.options] == list(range(11))
    assert spec.options[0] == (0, low)
    assert spec.options[10] == (10, high)
    assert all(label == "" for _, label in spec.options[1:10])
    assert spec.bands == ()


def test_single_item_wording() -> None:
    assert CONFIDENCE.items == (
        "How confident do you feel about staying in or getting back to work?",
    )
    assert SELF_RATED_HEALTH.items == ("How would you rate your health overall today?",)


@pytest.mark.parametrize("spec", QUESTIONNAIRES, ids=lambda spec: spec.key)
def test_bands_cover_every_total_once(spec: InstrumentSpec) -> None:
    covered = [total for each in spec.bands for total in range(each.low, each.high + 1)]
    assert covered == list(range(spec.max_total + 1))


@pytest.mark.parametrize("spec", ALL, ids=lambda spec: spec.key)
def test_score_all_zeros_and_all_max(spec: InstrumentSpec) -> None:
    top = max(value for value, _ in spec.options)
    assert score(spec, [0] * len(spec.items)) == 0
    assert score(spec, [top] * len(spec.items)) == spec.max_total


def test_score_adds_up_items() -> None:
    assert score(PHQ9, [0, 1, 2, 3, 0, 1, 2, 3, 0]) == 12
    assert score(WSAS, (1, 3, 5, 7, 8)) == 24


@pytest.mark.parametrize("position", range(9))
def test_score_missing_item_is_none(position: int) -> None:
    answers: list[int | None] = [2] * 9
    answers[position] = None
    assert score(PHQ9, answers) is None


@pytest.mark.parametrize("answers", [[0] * 8, [0] * 10, []])
def test_score_wrong_length(answers: list[int | None]) -> None:
    with pytest.raises(ValueError, match="PHQ-9 has 9 items"):
        score(PHQ9, answers)


@pytest.mark.parametrize(
    ("spec", "bad"),
    [(PHQ9, 4), (PHQ9, -1), (GAD7, 4), (WSAS, 9), (WSAS, -1), (CONFIDENCE, 11)],
)
def test_score_value_off_the_scale(spec: InstrumentSpec, bad: int) -> None:
    answers: list[int | None] = [0] * len(spec.items)
    answers[-1] = bad
    with pytest.raises(ValueError, match=f"item {len(spec.items)}: {bad}"):
        score(spec, answers)


def test_score_checks_range_even_while_items_are_missing() -> None:
    with pytest.raises(ValueError):
        score(GAD7, [None, 7, 0, 0, 0, 0, 0])


def test_score_refuses_a_bool() -> None:
    with pytest.raises(ValueError):
        score(CONFIDENCE, [True])


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands(total: int, label: str) -> None:
    assert band(PHQ9, total) == label


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands(total: int, label: str) -> None:
    assert band(GAD7, total) == label


@pytest.mark.parametrize(
    ("total", "label"),
    [
        # Mundt et al. 2002's own words for each band.
        (0, "subclinical"),
        (9, "subclinical"),
        (10, "significant functional impairment"),
        (20, "significant functional impairment"),
        (21, "moderately severe or worse"),
        (40, "moderately severe or worse"),
    ],
)
def test_wsas_bands(total: int, label: str) -> None:
    assert band(WSAS, total) == label


@pytest.mark.parametrize(
    ("spec", "total"),
    [(PHQ9, -1), (PHQ9, 28), (GAD7, 22), (WSAS, 41), (CONFIDENCE, 11), (CONFIDENCE, -1)],
)
def test_band_outside_the_range(spec: InstrumentSpec, total: int) -> None:
    with pytest.raises(ValueError, match=f"0 to {spec.max_total}"):
        band(spec, total)


def test_scales_without_bands_have_no_label() -> None:
    assert band(CONFIDENCE, 7) == ""
    assert band(SELF_RATED_HEALTH, 0) == ""


def test_describe() -> None:
    assert describe(PHQ9, 14) == "PHQ-9 14 of 27 · moderate"
    assert describe(GAD7, 21) == "GAD-7 21 of 21 · severe"
    assert describe(WSAS, 10) == "WSAS 10 of 40 · significant functional impairment"
    assert describe(CONFIDENCE, 7) == "Confidence about work 7 of 10"
    assert describe(PHQ9, None) == "PHQ-9 not taken"
    assert describe(SELF_RATED_HEALTH, None) == "Self-rated health not taken"


def test_describe_refuses_an_impossible_total() -> None:
    with pytest.raises(ValueError):
        describe(GAD7, 22)


@pytest.mark.parametrize(("item_9", "risk"), [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_risk_follows_item_9(item_9: int, risk: bool) -> None:
    assert phq9_risk([0, 0, 0, 0, 0, 0, 0, 0, item_9]) is risk


def test_phq9_risk_ignores_other_items_and_missing_item_9() -> None:
    assert phq9_risk([3, 3, 3, 3, 3, 3, 3, 3, 0]) is False
    assert phq9_risk([3, 3, 3, 3, 3, 3, 3, 3, None]) is False
    assert phq9_risk([None] * 8 + [1]) is True


def test_phq9_risk_wrong_length() -> None:
    with pytest.raises(ValueError):
        phq9_risk([1] * 8)
