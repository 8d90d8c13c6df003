"""Checking a service the coach types by hand: a draft when it is right, a message per field if not.

Lists (categories, areas, phones) are typed separated by commas or semicolons. Nothing typed is
lost when a field is wrong: the screen keeps the form and shows the message beside the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from workwell_tui.domain.dates import parse_uk_date, uk_short
from workwell_tui.domain.directory.service import (
    DESCRIPTION_LIMIT,
    LIMITS,
    ROUTES,
    ServiceDraft,
    uk_postcode,
)
from workwell_tui.domain.text import clean_line, clean_note

TEXT_FIELDS = (
    "name",
    "organisation",
    "categories",
    "areas",
    "phones",
    "email",
    "website",
    "address",
    "postcode",
    "schedule",
    "how_to_refer",
    "eligibility",
    "min_age",
    "max_age",
    "cost",
    "last_verified",
)
# A phone number as people write them: digits, spaces, +, brackets, dashes; "ext 12" allowed.
_PHONE = re.compile(r"^\+?[0-9 ()\-]{3,20}( ?(ext\.?|x) ?[0-9]{1,6})?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class ServiceCheck:
    """The outcome of checking the form: a draft, or messages by field name."""

    draft: ServiceDraft | None
    errors: dict[str, str] = field(default_factory=dict)


def split_list(text: str) -> tuple[str, ...]:
    """ "a, b; c" as ("a", "b", "c"), blanks and repeats left out."""
    items = [clean_line(part).strip() for part in re.split(r"[,;]", text)]
    return tuple(dict.fromkeys(item for item in items if item))


def _age(text: str, errors: dict[str, str], name: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 0 <= int(text) <= 120:
        errors[name] = "An age in years, 0 to 120"
        return None
    return int(text)


def check_service(
    values: Mapping[str, str | bool], description: str, today: date, source_id: str | None = None
) -> ServiceCheck:
    """Check typed values; `values` holds TEXT_FIELDS as text and each route as a bool."""

    def text(name: str) -> str:
        value = values.get(name, "")
        return clean_line(value).strip() if isinstance(value, str) else ""

    errors: dict[str, str] = {}
    for name, limit in LIMITS.items():
        if name in values and len(text(name)) > limit:
            errors[name] = f"At most {limit} characters"
    if not text("name"):
        errors["name"] = "A service needs a name"
    postcode = ""
    if text("postcode"):
        found = uk_postcode(text("postcode"))
        if found is None:
            errors["postcode"] = "Not a UK postcode (like PR1 2AB)"
        else:
            postcode = found
    phones = split_list(text("phones"))
    bad = [phone for phone in phones if not _PHONE.match(phone)]
    if bad:
        errors["phones"] = f"Not a phone number: {bad[0][:30]}"
    if text("email") and not _EMAIL.match(text("email")):
        errors["email"] = "Not an email address (like name@example.org)"
    min_age = _age(text("min_age"), errors, "min_age")
    max_age = _age(text("max_age"), errors, "max_age")
    if min_age is not None and max_age is not None and min_age > max_age:
        errors["max_age"] = "The oldest age is below the youngest"
    verified: date | None = None
    if text("last_verified"):
        try:
            verified = parse_uk_date(text("last_verified"))
        except ValueError as error:
            errors["last_verified"] = str(error)
        else:
            if verified > today:
                errors["last_verified"] = f"Not after today ({uk_short(today)})"
    note = clean_note(description).strip()
    if len(note) > DESCRIPTION_LIMIT:
        errors["description"] = f"At most {DESCRIPTION_LIMIT:,} characters"
    if errors:
        return ServiceCheck(None, errors)
    draft = ServiceDraft(
        name=text("name"),
        organisation=text("organisation"),
        description=note,
        categories=split_list(text("categories")),
        areas=split_list(text("areas")),
        address=text("address"),
        postcode=postcode,
        phones=phones,
        email=text("email"),
        website=text("website"),
        schedule=text("schedule"),
        routes=tuple(route for route in ROUTES if values.get(f"route_{route}") is True),
        how_to_refer=text("how_to_refer"),
        eligibility=text("eligibility"),
        min_age=min_age,
        max_age=max_age,
        cost=text("cost"),
        last_verified=verified,
        source_id=source_id,
    )
    return ServiceCheck(draft)


def form_values(draft: ServiceDraft) -> dict[str, str | bool]:
    """A stored service as the form shows it (the inverse of `check_service`)."""
    values: dict[str, str | bool] = {
        "name": draft.name,
        "organisation": draft.organisation,
        "categories": ", ".join(draft.categories),
        "areas": ", ".join(draft.areas),
        "phones": ", ".join(draft.phones),
        "email": draft.email,
        "website": draft.website,
        "address": draft.address,
        "postcode": draft.postcode,
        "schedule": draft.schedule,
        "how_to_refer": draft.how_to_refer,
        "eligibility": draft.eligibility,
        "min_age": "" if draft.min_age is None else str(draft.min_age),
        "max_age": "" if draft.max_age is None else str(draft.max_age),
        "cost": draft.cost,
        "last_verified": uk_short(draft.last_verified, empty=""),
    }
    for route in ROUTES:
        values[f"route_{route}"] = route in draft.routes
    return values
