"""Who to contact in a crisis, each with the public page that says so.

One list for the crisis box (! on every screen), the assessment's risk prompt and the
participant's own copy, so they can never disagree. 999 comes first: it is the first thing
anyone reads. Childline is for children and young people under 19, so it is listed for someone
under 19 and for someone whose age is not known (WorkWell takes people from 16: a missing date
of birth must not hide the one line meant for a 17-year-old; an adult loses nothing by reading
a line marked "for under-19s").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.age import age_on

__all__ = [
    "CHILDLINE",
    "CHILDLINE_UNDER",
    "CRISIS_CONTACTS",
    "CrisisContact",
    "childline_applies",
    "crisis_contacts",
    "crisis_contacts_for",
]


@dataclass(frozen=True, slots=True)
class CrisisContact:
    """One crisis contact: who, how to reach them, and the public page that says so."""

    who: str
    how: str
    source: str
    """The page that says so (cited, and kept for the next person who checks it)."""
    site: str
    """The short name of that site, shown beside the contact."""


# NHS "When to call 999": someone's life is at risk, or they are seriously injured.
EMERGENCY = CrisisContact(
    "Emergency",
    "999 or go to A&E if life is at risk",
    "https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
    "nhs.uk",
)
# NHS "Where to get urgent help for mental health": call 111 and choose the mental health
# option (option 2 across England since 2024), for any age, day or night.
NHS_111 = CrisisContact(
    "NHS 111",
    "call 111 and choose option 2 for mental health",
    "https://www.nhs.uk/nhs-services/mental-health-services/"
    "where-to-get-urgent-help-for-mental-health/",
    "nhs.uk",
)
# Samaritans "Contact us": 116 123, free, 24 hours a day, 365 days a year.
SAMARITANS = CrisisContact(
    "Samaritans",
    "call 116 123, free, day or night",
    "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
    "samaritans.org",
)
# Shout (Mental Health Innovations): text SHOUT to 85258, free, 24/7.
SHOUT = CrisisContact(
    "Shout",
    "text SHOUT to 85258, free, day or night",
    "https://giveusashout.org/get-help/",
    "giveusashout.org",
)
# Childline (NSPCC): "for anyone under 19 in the UK"; 0800 1111, free.
CHILDLINE = CrisisContact(
    "Childline",
    "call 0800 1111, free, for under-19s",
    "https://www.childline.org.uk/get-support/contacting-childline/",
    "childline.org.uk",
)
CHILDLINE_UNDER = 19
"""Childline is for children and young people under this age (childline.org.uk)."""

CRISIS_CONTACTS: tuple[CrisisContact, ...] = (EMERGENCY, NHS_111, SAMARITANS, SHOUT)
"""The contacts for everyone, 999 first."""


def childline_applies(age: int | None) -> bool:
    """True under 19, and when the age is not known (see the module docstring)."""
    return age is None or age < CHILDLINE_UNDER


def crisis_contacts(age: int | None) -> tuple[CrisisContact, ...]:
    """Who to contact in a crisis, 999 first; Childline too under 19 or with no known age."""
    return (*CRISIS_CONTACTS, *((CHILDLINE,) if childline_applies(age) else ()))


def crisis_contacts_for(date_of_birth: date | None, today: date) -> tuple[CrisisContact, ...]:
    """The contacts for someone born on `date_of_birth` (None: not known)."""
    return crisis_contacts(None if date_of_birth is None else age_on(date_of_birth, today))
