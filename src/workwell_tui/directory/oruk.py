"""One Open Referral UK service record (JSON shape) as a `ServiceDraft`.

Reads both shapes published in England: the HSDS 3.0 UK profile (`attributes` with
`taxonomy_term`, `schedules`, `addresses`, `eligibility_description`, `minimum_age`) and the
older ORUK profile (`service_taxonomys` with `taxonomy`, `regular_schedules`,
`physical_addresses`, `eligibilitys`). The tabular form is joined into this shape first
(`tabular.py`), so one mapping serves both. Field names follow the Open Referral examples
(openreferral/specification, examples/service_full.json).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from workwell_tui.directory.report import Problem
from workwell_tui.directory.values import Fields, items, type_name
from workwell_tui.domain.directory.service import (
    DESCRIPTION_LIMIT,
    GP,
    LIMITS,
    PROFESSIONAL,
    SELF,
    ServiceDraft,
    uk_postcode,
)

# Words in "how to access" text that say who can refer (read case-insensitively).
_SELF = re.compile(r"self[- ]?refer|refer (yourself|themselves)|drop[- ]?in|walk[- ]?in", re.I)
_GP = re.compile(r"\bGPs?\b|\bdoctor", re.I)
_PROFESSIONAL = re.compile(r"professional|referral from|referred by|agency referral", re.I)
_INACTIVE = {"inactive", "defunct"}


def service_from_record(
    record: Any, file: str, position: int, today: date
) -> tuple[ServiceDraft | None, list[Problem]]:
    """The draft for one record, or None (skipped); with every problem found."""
    if not isinstance(record, Mapping):
        return None, [
            Problem(
                file,
                f"#{position}",
                f"expected a service object, found {type_name(record)}",
                skipped=True,
            )
        ]
    raw_id = record.get("id")
    label = str(raw_id)[:80] if isinstance(raw_id, str | int) and raw_id != "" else f"#{position}"
    fields = Fields(record, file, label)
    source_id = fields.text(raw_id, "id", 200) if not isinstance(raw_id, bool) else ""
    name = fields.get("name", "name", LIMITS["name"])
    missing = "no id, so a later import could not update it" if not source_id else ""
    missing = missing or ("no name" if not name else "")
    status = fields.get("status", "status", 40).lower()
    if not missing and status in _INACTIVE:
        missing = f"marked {status} by the publisher"
    if missing:
        return None, [*fields.problems, Problem(file, label, missing, skipped=True)]
    organisation = _organisation(record, fields)
    address, postcode, latitude, longitude = _location(record, fields)
    how = fields.get("application_process", "application_process", LIMITS["how_to_refer"])
    access = fields.get("attending_access", "attending_access", 100)
    how = how or (f"Access: {access}" if access else "")
    eligibility, min_age, max_age = _eligibility(record, fields)
    draft = ServiceDraft(
        source_id=source_id,
        name=name,
        organisation=organisation,
        description=fields.get("description", "description", DESCRIPTION_LIMIT, note=True),
        categories=_categories(record, fields),
        areas=_areas(record, fields),
        address=address,
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        phones=_phones(record, fields),
        email=fields.get("email", "email", LIMITS["email"]) or _contact_email(record, fields),
        website=fields.get("url", "url", LIMITS["website"]),
        schedule=_schedule(record, fields),
        routes=_routes(" ".join((how, access, eligibility))),
        how_to_refer=how,
        eligibility=eligibility,
        min_age=min_age,
        max_age=max_age,
        cost=_cost(record, fields),
        last_verified=fields.day(record.get("assured_date"), "assured_date", today),
    )
    return draft, fields.problems


def _organisation(record: Mapping[str, Any], fields: Fields) -> str:
    organisation = record.get("organization")
    if isinstance(organisation, Mapping):
        return fields.text(organisation.get("name"), "organization name", LIMITS["organisation"])
    if organisation is not None:
        fields.note(f"organization: expected an object, found {type_name(organisation)}")
    return ""


def _names(entries: list[Mapping[str, Any]], keys: tuple[str, ...], fields: Fields,
           what: str, limit: int = 100) -> list[str]:  # fmt: skip
    found = []
    for entry in entries:
        for key in keys:
            text = fields.text(entry.get(key), what, limit)
            if text:
                found.append(text)
                break
    return found


def _categories(record: Mapping[str, Any], fields: Fields) -> tuple[str, ...]:
    terms: list[Mapping[str, Any]] = []
    for attribute in items(record.get("attributes")):  # HSDS 3.0
        terms += items(attribute.get("taxonomy_term"))
    for link in items(record.get("service_taxonomys")):  # ORUK (HSDS 2.0 UK)
        terms += items(link.get("taxonomy"))
    terms += items(record.get("taxonomy_terms"))
    names = _names(terms, ("name", "term"), fields, "category")
    return tuple(dict.fromkeys(name.lower() for name in names))


def _areas(record: Mapping[str, Any], fields: Fields) -> tuple[str, ...]:
    areas = _names(items(record.get("service_areas")), ("name", "service_area"), fields, "area",
                   200)  # fmt: skip
    return tuple(dict.fromkeys(areas))


def _location(
    record: Mapping[str, Any], fields: Fields
) -> tuple[str, str, float | None, float | None]:
    for link in items(record.get("service_at_locations")):
        for location in items(link.get("location")):
            addresses = items(location.get("addresses")) + items(location.get("physical_addresses"))
            latitude, longitude = _coordinates(location, fields)
            if not addresses:
                if latitude is not None:
                    return "", "", latitude, longitude
                continue
            first = addresses[0]
            parts = [
                fields.text(first.get(key), key, 200) for key in ("address_1", "address_2", "city")
            ]
            raw_postcode = fields.text(first.get("postal_code"), "postal_code", 20)
            postcode = uk_postcode(raw_postcode) if raw_postcode else ""
            if postcode is None:
                fields.note(f"postcode {raw_postcode!r} is not a UK postcode; kept in the address")
                parts.append(raw_postcode)
                postcode = ""
            address = ", ".join(part for part in parts if part)[: LIMITS["address"]]
            return address, postcode, latitude, longitude
    return "", "", None, None


def _coordinates(location: Mapping[str, Any], fields: Fields) -> tuple[float | None, float | None]:
    latitude = fields.number(location.get("latitude"), "latitude")
    longitude = fields.number(location.get("longitude"), "longitude")
    if latitude is None or longitude is None:
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        fields.note(f"coordinates {latitude:g}, {longitude:g} are out of range; left out")
        return None, None
    if latitude == 0 and longitude == 0:
        fields.note("coordinates 0, 0 are a placeholder; left out")
        return None, None
    return latitude, longitude


def _phones(record: Mapping[str, Any], fields: Fields) -> tuple[str, ...]:
    entries = items(record.get("phones"))
    for contact in items(record.get("contacts")):
        entries += items(contact.get("phones"))
    for link in items(record.get("service_at_locations")):
        entries += items(link.get("phones"))
    numbers = _names(entries, ("number",), fields, "phone number", 60)
    return tuple(dict.fromkeys(numbers))[:5]


def _contact_email(record: Mapping[str, Any], fields: Fields) -> str:
    found = _names(items(record.get("contacts")), ("email",), fields, "contact email",
                   LIMITS["email"])  # fmt: skip
    return found[0] if found else ""


def _schedule(record: Mapping[str, Any], fields: Fields) -> str:
    entries = items(record.get("schedules")) + items(record.get("regular_schedules"))
    lines = []
    for entry in entries:
        said = fields.text(entry.get("description"), "schedule description", 200)
        if not said:
            days = fields.text(entry.get("byday"), "schedule byday", 60)
            opens = fields.text(entry.get("opens_at"), "opens_at", 10)[:5]
            closes = fields.text(entry.get("closes_at"), "closes_at", 10)[:5]
            said = " ".join(p for p in (days, f"{opens}–{closes}" if opens and closes else "") if p)
        if said:
            lines.append(said)
    return "; ".join(dict.fromkeys(lines))[: LIMITS["schedule"]]


def _routes(text: str) -> tuple[str, ...]:
    routes = []
    if _SELF.search(text):
        routes.append(SELF)
    if _GP.search(text):
        routes.append(GP)
    if _PROFESSIONAL.search(text):
        routes.append(PROFESSIONAL)
    return tuple(routes)


def _eligibility(record: Mapping[str, Any], fields: Fields) -> tuple[str, int | None, int | None]:
    limit = LIMITS["eligibility"]
    said = [fields.get("eligibility_description", "eligibility_description", limit)]
    min_age = fields.age(record.get("minimum_age"), "minimum_age")
    max_age = fields.age(record.get("maximum_age"), "maximum_age")
    for entry in items(record.get("eligibilitys")):
        said.append(fields.text(entry.get("eligibility"), "eligibility", limit))
        min_age = (
            min_age if min_age is not None else fields.age(entry.get("minimum_age"), "minimum_age")
        )
        max_age = (
            max_age if max_age is not None else fields.age(entry.get("maximum_age"), "maximum_age")
        )
    if min_age is not None and max_age is not None and min_age > max_age:
        fields.note(f"ages {min_age} to {max_age} are the wrong way round; left out")
        min_age = max_age = None
    return "; ".join(dict.fromkeys(s for s in said if s))[:limit], min_age, max_age


def _cost(record: Mapping[str, Any], fields: Fields) -> str:
    said = []
    for option in items(record.get("cost_options")):
        amount = fields.number(option.get("amount"), "cost amount")
        label = fields.text(option.get("option"), "cost option", 100)
        words = fields.text(option.get("amount_description"), "cost description", 200)
        price = "Free" if amount == 0 else (f"£{amount:,.2f}" if amount is not None else "")
        said.append(" ".join(p for p in (label, price, words) if p))
    said.append(fields.get("fees_description", "fees_description", 300))
    return "; ".join(dict.fromkeys(s for s in said if s))[: LIMITS["cost"]]
