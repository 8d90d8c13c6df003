"""Labels belong to their own vocabulary: the same stored value in two enums keeps two labels."""

from __future__ import annotations

from workwell_tui.domain.enums import AdjustmentStatus, ObjectiveStatus, Stage


def test_the_same_value_in_two_vocabularies_keeps_each_label() -> None:
    # Both store "agreed"; a StrEnum member hashes as its value, so one dict keyed by members
    # gave the objective the adjustment's words ("Agreed with participant").
    assert AdjustmentStatus.AGREED.value == ObjectiveStatus.AGREED.value
    assert AdjustmentStatus.AGREED.label == "Agreed with participant"
    assert ObjectiveStatus.AGREED.label == "Agreed"


def test_unlabelled_values_read_as_words() -> None:
    assert Stage.SIGNPOSTED.label == "Not eligible / signposted"
    assert ObjectiveStatus.NOT_STARTED.label == "Not started"
