"""Turning ORM rows into the read models screens are given (`domain/records.py`)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from workwell_tui.db.models import Assessment, Participant
from workwell_tui.domain.records import DraftAssessment, ParticipantRecord

__all__ = ["draft_assessment", "participant_record"]

_PARTICIPANT_FIELDS = tuple(field.name for field in fields(ParticipantRecord))
_DRAFT_FIELDS = tuple(field.name for field in fields(DraftAssessment))


def _values(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def participant_record(row: Participant) -> ParticipantRecord:
    """A frozen copy of a participant row."""
    return ParticipantRecord(**_values(row, _PARTICIPANT_FIELDS))


def draft_assessment(row: Assessment) -> DraftAssessment:
    """A frozen copy of an assessment row; its answers are copied too."""
    values = _values(row, _DRAFT_FIELDS)
    values["answers"] = dict(row.answers)
    return DraftAssessment(**values)
