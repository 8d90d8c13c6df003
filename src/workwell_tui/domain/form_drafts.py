"""Form drafts: what a coach has typed into a form but not saved yet, kept so a crash loses none.

One draft per form kind and record (a participant's details, a plan's closure, an objective,
a progress note, an adjustment's details, a fit note, a referral's outcome, the one new
referral being typed). The values are the
form's own field values, as plain JSON; the form that wrote them is the only one that reads them
back. A draft goes when the form is saved or deliberately discarded. Drafts hold what was typed
(personal data), so they live in the same private database as everything else and are never
written to logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from workwell_tui.domain.text import clean_value

__all__ = ["NEW_RECORD", "FormKind", "SavedDraft", "draft_values", "has_typing"]

NEW_RECORD = "new"
"""The record key of a form for something not stored yet (a new referral)."""

VALUES_LIMIT = 64_000
"""The largest draft kept, in characters of JSON: far beyond any form; a runaway paste is cut."""


class FormKind(StrEnum):
    """Which form a draft belongs to (stored; never renamed)."""

    REFERRAL = "referral"
    PARTICIPANT_DETAILS = "participant_details"
    CONTACT = "contact"
    REVIEW = "review"
    CLOSURE = "closure"
    EXTENSION = "extension"
    SAFEGUARDING_FOLLOW_UP = "safeguarding_follow_up"
    # The plan's own forms: the record key is the plan's id (a new objective) or the
    # objective's (editing, dropping, rewording a suggestion, a progress note on it).
    NEW_OBJECTIVE = "new_objective"
    EDIT_OBJECTIVE = "edit_objective"
    DROP_OBJECTIVE = "drop_objective"
    REWORD_SUGGESTION = "reword_suggestion"
    PROGRESS_NOTE = "progress_note"
    ADJUSTMENT = "adjustment"  # keyed by the adjustment's id
    FIT_NOTE = "fit_note"  # keyed by the participant's id (one fit note each)
    # Recording what happened to a referral: keyed by the referral's id.
    REFERRAL_OUTCOME = "referral_outcome"


@dataclass(frozen=True, slots=True)
class SavedDraft:
    """A draft as stored: which form, for which record, the values, and when it was saved."""

    form: FormKind
    record_key: str
    values: Mapping[str, object]
    saved_at: datetime


def draft_values(values: Mapping[str, object]) -> dict[str, object]:
    """The values as they will be stored: strings, booleans, numbers, None and lists of
    those, with control codes taken out (anything else is left out)."""
    kept: dict[str, object] = {}
    for key, value in values.items():
        if value is None or isinstance(value, str | bool | int | float):
            kept[str(key)] = clean_value(value)
        elif isinstance(value, list | tuple):
            kept[str(key)] = [
                clean_value(item) for item in value if isinstance(item, str | bool | int | float)
            ]
    return kept


def has_typing(values: Mapping[str, object], defaults: Mapping[str, object]) -> bool:
    """True when anything differs from what the form shows before the coach types."""
    return any(values.get(key) != defaults.get(key) for key in set(values) | set(defaults))
