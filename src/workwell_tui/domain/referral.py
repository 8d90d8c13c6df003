"""Checking a new referral as the coach typed it: clear messages per field, nothing thrown away."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from workwell_tui.domain.age import age_on
from workwell_tui.domain.dates import parse_uk_date
from workwell_tui.domain.enums import ReferralSource, Stage, WorkSituation
from workwell_tui.domain.text import clean_line

MINIMUM_AGE = 16
UNDER_16_REASON = "Under 16: WorkWell is for people aged 16 and over"
UNDER_16_SIGNPOST = "School or college wellbeing service, or their GP"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_ALLOWED = re.compile(r"^[0-9 ()+\-]+$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_NAME_LIMIT = 100


@dataclass(frozen=True)
class NewReferral:
    """A checked referral, ready to store."""

    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date
    email: str
    phone: str
    postcode: str
    district: str
    referral_source: ReferralSource
    referral_date: date
    work_situation: WorkSituation
    employer_name: str
    consent_processing: bool
    stage: Stage = Stage.REFERRED
    stage_reason: str = ""
    signposted_to: str = ""


@dataclass
class ReferralCheck:
    """The outcome of checking a referral form: errors by field, or a `NewReferral`."""

    errors: dict[str, str] = field(default_factory=dict)
    referral: NewReferral | None = None
    under_16: bool = False

    @property
    def ok(self) -> bool:
        """True when the referral can be saved."""
        return self.referral is not None


def normalise_postcode(text: str) -> str:
    """ "pr1 2ab" → "PR1 2AB"; ValueError when it is not a UK postcode shape."""
    compact = re.sub(r"\s+", "", text.upper())
    match = _POSTCODE.match(compact)
    if not match:
        raise ValueError("Not a UK postcode, like PR1 2AB")
    return f"{match.group(1)} {match.group(2)}"


def check_phone(text: str) -> str:
    """A UK phone number as typed, tidied; ValueError when its shape is wrong."""
    cleaned = " ".join(text.split())
    if not _PHONE_ALLOWED.match(cleaned):
        raise ValueError("Use digits only, like 07700 900123")
    digits = re.sub(r"\D", "", cleaned)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if not (digits.startswith("0") and len(digits) in (10, 11)):
        raise ValueError("A UK number has 10 or 11 digits starting with 0, like 07700 900123")
    return cleaned


def check_referral(
    values: Mapping[str, str | bool | None],
    today: date,
    districts: tuple[str, ...],
    record_under_16: bool = False,
) -> ReferralCheck:
    """Check every field; under-16s are refused unless the coach chose to record them."""
    result = ReferralCheck()
    errors = result.errors

    def text(key: str) -> str:
        value = values.get(key)
        return clean_line(value).strip() if isinstance(value, str) else ""

    first, last, preferred = text("first_name"), text("last_name"), text("preferred_name")
    if not first:
        errors["first_name"] = "First name is needed"
    if not last:
        errors["last_name"] = "Last name is needed"
    for key, value in (("first_name", first), ("last_name", last), ("preferred_name", preferred)):
        if len(value) > _NAME_LIMIT:
            errors[key] = f"Keep this under {_NAME_LIMIT} characters"

    dob: date | None = None
    if not text("date_of_birth"):
        errors["date_of_birth"] = "Date of birth is needed (day/month/year)"
    else:
        try:
            dob = parse_uk_date(text("date_of_birth"))
        except ValueError as error:
            errors["date_of_birth"] = str(error)
        else:
            if dob > today:
                errors["date_of_birth"] = "Date of birth is in the future"
            elif dob.year < 1900:
                errors["date_of_birth"] = "Check the year"
            elif age_on(dob, today) < MINIMUM_AGE:
                result.under_16 = True
                if not record_under_16:
                    errors["date_of_birth"] = (
                        f"Aged {age_on(dob, today)}: under 16, not eligible. "
                        "Choose 'Record as not eligible' to signpost them"
                    )

    referred_on = today
    if text("referral_date"):
        try:
            referred_on = parse_uk_date(text("referral_date"))
        except ValueError as error:
            errors["referral_date"] = str(error)
        else:
            if referred_on > today:
                errors["referral_date"] = "The referral date cannot be in the future"

    email = text("email")
    if email and not _EMAIL.match(email):
        errors["email"] = "Not an email address, like name@example.org"
    phone = text("phone")
    if phone:
        try:
            phone = check_phone(phone)
        except ValueError as error:
            errors["phone"] = str(error)
    postcode = text("postcode")
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValueError as error:
            errors["postcode"] = str(error)

    district = text("district")
    if not district:
        errors["district"] = "Choose a district"
    elif district not in districts:
        errors["district"] = "Choose one of the area's districts"

    source = _choice(ReferralSource, values.get("referral_source"))
    if source is None:
        errors["referral_source"] = "Choose who referred them"
    situation = _choice(WorkSituation, values.get("work_situation"))
    if situation is None:
        errors["work_situation"] = "Choose their work situation"
    employer = text("employer_name")
    if len(employer) > 200:
        errors["employer_name"] = "Keep this under 200 characters"

    consent = values.get("consent_processing") is True
    if not consent and not result.under_16:
        errors["consent_processing"] = (
            "Explain the privacy notice and check they are happy to go on (it is voluntary)"
        )

    if errors or dob is None or source is None or situation is None:
        return result
    under_16 = result.under_16
    result.referral = NewReferral(
        first_name=first,
        last_name=last,
        preferred_name=preferred,
        date_of_birth=dob,
        email=email,
        phone=phone,
        postcode=postcode,
        district=district,
        referral_source=source,
        referral_date=referred_on,
        work_situation=situation,
        employer_name=employer,
        consent_processing=consent,
        stage=Stage.SIGNPOSTED if under_16 else Stage.REFERRED,
        stage_reason=UNDER_16_REASON if under_16 else "",
        signposted_to=UNDER_16_SIGNPOST if under_16 else "",
    )
    return result


def clean_referral(referral: NewReferral) -> NewReferral:
    """The referral with control codes taken out of every text field (every write path uses it)."""

    def clean(value: str) -> str:
        return clean_line(value).strip()

    return replace(
        referral,
        first_name=clean(referral.first_name),
        last_name=clean(referral.last_name),
        preferred_name=clean(referral.preferred_name),
        email=clean(referral.email),
        phone=clean(referral.phone),
        postcode=clean(referral.postcode),
        district=clean(referral.district),
        employer_name=clean(referral.employer_name),
        stage_reason=clean(referral.stage_reason),
        signposted_to=clean(referral.signposted_to),
    )


_E = TypeVar("_E", ReferralSource, WorkSituation)


def _choice(enum: type[_E], value: str | bool | None) -> _E | None:
    if not isinstance(value, str):
        return None
    try:
        return enum(value)
    except ValueError:
        return None
