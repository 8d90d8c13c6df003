"""Checking a participant's edited details and consents, and what a consent change means.

The same rules as the referral form (`domain/referral.py`) for names, date of birth, phone,
email, postcode and district, with a message per field. Consents are the participant's to give
and take back at any time (UK GDPR Article 7(3): withdrawing must be as easy as giving); each
change is dated and audited by name only. Taking back the consent to keep their details means
the service can no longer work with them, so the app starts closure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.enums import WorkSituation
from workwell_tui.domain.field_labels import CONSENT_LABELS, KEEP_DETAILS
from workwell_tui.domain.referral import check_phone, normalise_postcode
from workwell_tui.domain.text import clean_line

__all__ = [
    "CONSENTS",
    "DETAIL_FIELDS",
    "KEEP_DETAILS",
    "ConsentChange",
    "DetailsCheck",
    "ParticipantDetails",
    "check_details",
    "consent_changes",
]

CONSENTS: dict[str, str] = CONSENT_LABELS
"""Each consent's stored name and what a coach reads (`field_labels.py`)."""

DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "address",
    "postcode",
    "district",
    "work_situation",
    "employer_name",
)
# The same shape as the referral form's check (a plain address, not a full RFC 5322 parse).
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_LIMITS = {"first_name": 100, "last_name": 100, "preferred_name": 100, "employer_name": 200}
ADDRESS_LIMIT = 400


@dataclass(frozen=True, slots=True)
class ParticipantDetails:
    """Checked details and consents, ready to store."""

    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    phone: str
    email: str
    address: str
    postcode: str
    district: str
    work_situation: WorkSituation
    employer_name: str
    consents: tuple[tuple[str, bool], ...]

    def consent(self, name: str) -> bool:
        """Whether consent `name` is given."""
        return dict(self.consents).get(name, False)


@dataclass
class DetailsCheck:
    """Errors by field, or the checked details."""

    errors: dict[str, str] = field(default_factory=dict)
    details: ParticipantDetails | None = None

    @property
    def ok(self) -> bool:
        """True when the details can be saved."""
        return self.details is not None


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """One consent given or taken back."""

    name: str
    given: bool

    @property
    def text(self) -> str:
        """ "Share with GP: given" (no health content, safe for the audit log)."""
        return f"{CONSENTS.get(self.name, self.name)}: {'given' if self.given else 'withdrawn'}"


def check_details(
    values: Mapping[str, object], today: date, districts: tuple[str, ...]
) -> DetailsCheck:
    """Check every field of the edit form."""
    result = DetailsCheck()
    errors = result.errors

    def text(key: str) -> str:
        value = values.get(key)
        return clean_line(value).strip() if isinstance(value, str) else ""

    for key, limit in _LIMITS.items():
        if len(text(key)) > limit:
            errors[key] = f"Keep this under {limit} characters"
    if not text("first_name"):
        errors["first_name"] = "First name is needed"
    if not text("last_name"):
        errors["last_name"] = "Last name is needed"
    born: date | None = None
    if not text("date_of_birth"):
        errors["date_of_birth"] = "Date of birth is needed (day/month/year)"
    else:
        try:
            born = parse_uk_date(text("date_of_birth"))
        except ValueError as error:
            errors["date_of_birth"] = str(error)
        else:
            if born > today:
                errors["date_of_birth"] = "Date of birth is in the future"
            elif born.year < 1900:
                errors["date_of_birth"] = "Check the year"
    phone, email, postcode = text("phone"), text("email"), text("postcode")
    if phone:
        try:
            phone = check_phone(phone)
        except ValueError as error:
            errors["phone"] = str(error)
    if email and not _EMAIL.match(email):
        errors["email"] = "Not an email address, like name@example.org"
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValueError as error:
            errors["postcode"] = str(error)
    raw_address = values.get("address")
    address = " ".join(clean_line(raw_address).split()) if isinstance(raw_address, str) else ""
    if len(address) > ADDRESS_LIMIT:
        errors["address"] = f"Keep this under {ADDRESS_LIMIT} characters"
    district = text("district")
    if not district:
        errors["district"] = "Choose a district"
    elif district not in districts:
        errors["district"] = "Choose one of the area's districts"
    try:
        situation = WorkSituation(text("work_situation"))
    except ValueError:
        errors["work_situation"] = "Choose their work situation"
        situation = WorkSituation.OTHER
    consents = tuple((name, values.get(name) is True) for name in CONSENTS)
    given = dict(consents)
    if given["consent_share_health_with_employer"] and not given["consent_contact_employer"]:
        errors["consent_share_health_with_employer"] = (
            "Health details go to an employer only when they agree to contact with the employer"
        )
    if errors or born is None:
        return result
    result.details = ParticipantDetails(
        first_name=text("first_name"),
        last_name=text("last_name"),
        preferred_name=text("preferred_name"),
        date_of_birth=born,
        phone=phone,
        email=email,
        address=address,
        postcode=postcode,
        district=district,
        work_situation=situation,
        employer_name=text("employer_name"),
        consents=consents,
    )
    return result


def consent_changes(
    before: Mapping[str, bool], after: Mapping[str, bool]
) -> tuple[ConsentChange, ...]:
    """The consents given or taken back between `before` and `after`, in the form's order."""
    return tuple(
        ConsentChange(name, bool(after.get(name)))
        for name in CONSENTS
        if bool(before.get(name)) != bool(after.get(name))
    )
