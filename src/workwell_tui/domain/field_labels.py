"""What each field of a participant's record is called, wherever it shows: the record's panels,
the referral and edit forms, the assessment's questions and every export.

One label a field, from here, so a coach who reads "Share with GP" on the record finds the same
words on the form that changes it and in the copy the participant takes home. (A choice's own
words, such as a work situation's, come from `enums.py`.) The labels are neutral, neither
"their" nor "your": the same words serve the coach's screens and the participant's own copy.
"""

from __future__ import annotations

__all__ = ["CONSENT_LABELS", "FIELD_LABELS", "KEEP_DETAILS", "field_label"]

KEEP_DETAILS = "consent_processing"
"""The consent to keep their details: without it WorkWell cannot work with them."""

CONSENT_LABELS: dict[str, str] = {
    # Keeping details rests on the service's privacy notice (its lawful basis), which the coach
    # explains: the hint beside it on every form says so. (Short: a label fits the forms'
    # 29-column label column with its " *".)
    KEEP_DETAILS: "Keep details",
    "consent_share_gp": "Share with GP",
    "consent_contact_employer": "Contact employer",
    "consent_share_health_with_employer": "Health details to employer",
}
"""Each consent's stored name and its label, in the order they are asked."""

FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "phone": "Phone",
    "email": "Email",
    "address": "Address",
    "postcode": "Postcode",
    "district": "District",
    "reference": "WorkWell reference",
    "referral_source": "Referred by",
    "referral_date": "Referred on",
    "work_situation": "Work situation",
    "employer_name": "Employer",
    "stage": "Stage",
    **CONSENT_LABELS,
}
"""Each stored field's label."""


def field_label(name: str) -> str:
    """The label of the stored field `name` (its name in words, for one not listed)."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
