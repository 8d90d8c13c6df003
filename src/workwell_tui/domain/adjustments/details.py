"""Checking the details form of one adjustment, and of the fit note, before anything is saved.

Each problem is keyed by its field so the screen shows it beside that field; nothing typed is
thrown away. Consent is checked here (sharing needs it) and again by the database layer, because
a consent may have been withdrawn since the form was opened.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from workwell_tui.domain.adjustments.consent import Consents, share_problem
from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus
from workwell_tui.domain.text import clean_line, clean_note

MAX_LABEL = 80
MAX_NOTE = 2000
MAX_EMPLOYER_NOTE = 500
Value = str | bool | None


@dataclass(frozen=True)
class AdjustmentDraft:
    """Checked details of one adjustment, ready to store."""

    status: AdjustmentStatus
    owner: AdjustmentOwner
    raised_on: date | None
    due_on: date | None
    in_place_on: date | None
    notes: str
    employer_note: str
    employer_note_health: bool
    share: bool
    objective_id: uuid.UUID | None = None
    referral_id: uuid.UUID | None = None
    label: str = ""


@dataclass
class DetailsCheck:
    """The draft when everything is right; otherwise the problems by field."""

    draft: AdjustmentDraft | None
    errors: dict[str, str] = field(default_factory=dict)


def _text(values: Mapping[str, Value], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _date(
    values: Mapping[str, Value],
    key: str,
    errors: dict[str, str],
    today: date,
    *,
    past_only: bool = False,
) -> date | None:
    text = _text(values, key).strip()
    if not text:
        return None
    try:
        day = parse_uk_date(text)
    except ValueError as problem:
        errors[key] = str(problem)
        return None
    if past_only and day > today:
        errors[key] = "This date is still to come: it cannot have happened yet"
        return None
    return day


E = TypeVar("E", AdjustmentStatus, AdjustmentOwner)


def _choice(
    kind: type[E], values: Mapping[str, Value], key: str, errors: dict[str, str]
) -> E | None:
    try:
        return kind(_text(values, key))
    except ValueError:
        errors[key] = "Choose one"
        return None


def _link(values: Mapping[str, Value], key: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(_text(values, key)) if _text(values, key) else None
    except ValueError:
        return None


def check_details(
    values: Mapping[str, Value], consents: Consents, today: date, *, free_text: bool = False
) -> DetailsCheck:
    """Check what the form holds; `free_text` items need the coach to name the thing."""
    errors: dict[str, str] = {}
    status = _choice(AdjustmentStatus, values, "status", errors)
    owner = _choice(AdjustmentOwner, values, "owner", errors)
    raised = _date(values, "raised_on", errors, today, past_only=True)
    due = _date(values, "due_on", errors, today)
    in_place = _date(values, "in_place_on", errors, today, past_only=True)
    if raised and in_place and in_place < raised and "in_place_on" not in errors:
        errors["in_place_on"] = "In place before it was raised: check the two dates"
    label = clean_line(_text(values, "label")).strip()
    if free_text and not label:
        errors["label"] = "Say what it is, such as 'Braille display'"
    elif len(label) > MAX_LABEL:
        errors["label"] = f"Keep it to {MAX_LABEL} characters (now {len(label)})"
    notes = clean_note(_text(values, "notes")).strip()
    if len(notes) > MAX_NOTE:
        errors["notes"] = f"Keep notes to {MAX_NOTE} characters (now {len(notes)})"
    employer_note = clean_note(_text(values, "employer_note")).strip()
    if len(employer_note) > MAX_EMPLOYER_NOTE:
        errors["employer_note"] = (
            f"Keep it to {MAX_EMPLOYER_NOTE} characters (now {len(employer_note)})"
        )
    health = values.get("employer_note_health") is True
    share = values.get("share") is True
    if share:
        problem = share_problem(consents, note_has_health=health)
        if problem is not None:
            errors["share"] = problem
    if errors or status is None or owner is None:
        return DetailsCheck(None, errors)
    draft = AdjustmentDraft(
        status,
        owner,
        raised,
        due,
        in_place,
        notes,
        employer_note,
        health,
        share,
        _link(values, "objective_id"),
        _link(values, "referral_id"),
        label,
    )
    return DetailsCheck(draft)


# Who can issue a fit note: the Statement of Fitness for Work regulations as amended from
# 1 July 2022 (DWP, "Fit note: guidance for healthcare professionals", GOV.UK).
FIT_NOTE_ISSUERS: tuple[tuple[str, str], ...] = (
    ("gp", "GP"),
    ("nurse", "Nurse"),
    ("occupational_therapist", "Occupational therapist"),
    ("pharmacist", "Pharmacist"),
    ("physiotherapist", "Physiotherapist"),
)
FIT_NOTE_ADVICE: tuple[tuple[str, str], ...] = (
    ("phased_return", "Phased return"),
    ("altered_hours", "Altered hours"),
    ("amended_duties", "Amended duties"),
    ("workplace_adaptations", "Workplace adaptations"),
)


@dataclass(frozen=True)
class FitNoteDraft:
    """Checked fit note details: who issued it, when, its advice, comments and review date."""

    issued_by: str
    issued_on: date | None
    review_on: date | None
    advice: tuple[str, ...]
    comments: str


@dataclass
class FitNoteCheck:
    """The fit note when everything is right; otherwise the problems by field."""

    draft: FitNoteDraft | None
    errors: dict[str, str] = field(default_factory=dict)


def check_fit_note(
    values: Mapping[str, Value], advice: tuple[str, ...], today: date
) -> FitNoteCheck:
    """Check the fit note form; the issuer is one of those allowed to issue fit notes."""
    errors: dict[str, str] = {}
    issued_by = _text(values, "issued_by")
    if issued_by not in {key for key, _ in FIT_NOTE_ISSUERS}:
        errors["issued_by"] = "Choose who issued it: GP, nurse, OT, pharmacist or physiotherapist"
    issued = _date(values, "issued_on", errors, today, past_only=True)
    review = _date(values, "review_on", errors, today)
    if issued and review and review < issued and "review_on" not in errors:
        errors["review_on"] = "The review date is before the fit note was issued"
    comments = clean_note(_text(values, "comments")).strip()
    if len(comments) > MAX_NOTE:
        errors["comments"] = f"Keep comments to {MAX_NOTE} characters (now {len(comments)})"
    known = {key for key, _ in FIT_NOTE_ADVICE}
    chosen = tuple(key for key, _ in FIT_NOTE_ADVICE if key in advice and key in known)
    if errors:
        return FitNoteCheck(None, errors)
    return FitNoteCheck(FitNoteDraft(issued_by, issued, review, chosen, comments))
