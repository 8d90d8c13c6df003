"""A local service as the directory keeps it: what an import or the coach gives, and what is read.

`ServiceDraft` is a service before it is stored (from an Open Referral UK file, or typed by the
coach); `ServiceView` is one as stored, with its id, version and where it came from. Districts are
worked out from the areas a service says it covers, against the coach's own districts: a service
that names none of them covers the whole area (shown as "all ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.dates import uk_date

# How someone gets to a service: by themselves, through their GP, or through a professional.
SELF, GP, PROFESSIONAL = "self", "gp", "professional"
ROUTES = (SELF, GP, PROFESSIONAL)
ROUTE_LABELS = {SELF: "self", GP: "GP", PROFESSIONAL: "professional"}

# Field limits: the same numbers the database columns use, so a draft always fits.
LIMITS = {
    "name": 300,
    "organisation": 300,
    "address": 500,
    "postcode": 10,
    "email": 254,
    "website": 500,
    "schedule": 500,
    "cost": 300,
    "how_to_refer": 1000,
    "eligibility": 1000,
}
# A description longer than this is cut: a real one is a few paragraphs, and the details pane,
# the search index and the laptop's memory should not carry a 10 MB one.
DESCRIPTION_LIMIT = 20_000

# Royal Mail's postcode shapes (outward code, then digit and two letters); "GIR 0AA" is real too.
_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")


def uk_postcode(text: str) -> str | None:
    """`text` as a UK postcode in capitals with one space ("PR1 2AB"), or None if it is not one."""
    squashed = "".join(text.split()).upper()
    if not _POSTCODE.match(squashed):
        return None
    return f"{squashed[:-3]} {squashed[-3:]}"


@dataclass(frozen=True)
class ServiceDraft:
    """A service before it is stored: every field plain, already cleaned and within its limit."""

    name: str
    organisation: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    address: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    phones: tuple[str, ...] = ()
    email: str = ""
    website: str = ""
    schedule: str = ""
    routes: tuple[str, ...] = ()
    how_to_refer: str = ""
    eligibility: str = ""
    min_age: int | None = None
    max_age: int | None = None
    cost: str = ""
    last_verified: date | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class ServiceView:
    """A service as stored, for the directory screen, the command line and the benchmarks."""

    id: str
    version: int
    source: str
    draft: ServiceDraft
    districts: tuple[str, ...] = ()
    edited_by_hand: bool = False

    @property
    def name(self) -> str:
        """The service's name."""
        return self.draft.name

    @property
    def phone(self) -> str:
        """The first phone number, or empty."""
        return self.draft.phones[0] if self.draft.phones else ""

    def covers(self, district: str) -> bool:
        """Whether the service is for people in `district` (area-wide services are)."""
        return not self.districts or district in self.districts

    def self_referral(self) -> bool:
        """Whether people can refer themselves."""
        return SELF in self.draft.routes


def match_districts(
    areas: tuple[str, ...], address: str, districts: Sequence[str]
) -> tuple[str, ...]:
    """The coach's districts a service names in its areas (or, with no areas, its address).

    None named means the whole area: a service for "Lancashire" covers every district.
    """
    said = " ".join(areas) if areas else address
    words = said.lower()
    return tuple(d for d in districts if d and re.search(rf"\b{re.escape(d.lower())}\b", words))


def districts_text(view: ServiceView, area_short: str) -> str:
    """ "Preston", "Preston, Chorley" or "all LSC" for the list."""
    return ", ".join(view.districts) if view.districts else f"all {area_short}"


def routes_text(routes: tuple[str, ...]) -> str:
    """ "self-referral", "self or GP", "GP or professional", or "—" when not known."""
    known = [route for route in ROUTES if route in routes]
    if known == [SELF]:
        return "self-referral"
    if not known:
        return "—"
    return " or ".join(ROUTE_LABELS[route] for route in known)


def checked_text(on: date | None) -> str:
    """ "checked 3 Nov 2026", or "not checked"."""
    return f"checked {uk_date(on)}" if on else "not checked"


def area_short(area: str) -> str:
    """Initials of a long area name ("Lancashire and South Cumbria" -> "LSC"), or the name."""
    words = [w for w in area.split() if w.lower() not in {"and", "of", "the", "&"}]
    if len(words) <= 1:
        return area or "area"
    return "".join(w[0].upper() for w in words)
