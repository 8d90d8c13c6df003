"""What may go to the employer: only what the participant consented to, said explicitly.

Every adjustment starts not shared. Sharing can be turned on only when the participant consented
to contact with their employer; a note for the employer that carries health detail needs their
consent to health details going to the employer as well. Consent is checked again whenever a copy
is made, so a consent withdrawn later stops the sharing without anyone editing the items.
The assessment's reason for a suggestion (a barrier, the fit note) is health detail: it never
goes to the employer without the health-detail consent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.field_labels import CONSENT_LABELS


@dataclass(frozen=True)
class Consents:
    """The participant's consents that decide what the employer may see."""

    contact_employer: bool = False
    share_health: bool = False


NO_EMPLOYER_CONSENT = (
    "Cannot share: they have not consented to contact with their employer. "
    "Record that consent on their record first."
)
NO_HEALTH_CONSENT = (
    "Cannot share this note: it has health detail, and they have not consented to health "
    "details going to their employer. Take the health detail out, or record that consent."
)


def share_problem(consents: Consents, *, note_has_health: bool) -> str | None:
    """Why this item cannot be shared with the employer, or None when it can."""
    if not consents.contact_employer:
        return NO_EMPLOYER_CONSENT
    if note_has_health and not consents.share_health:
        return NO_HEALTH_CONSENT
    return None


def note_may_go(note_has_health: bool, share_health: bool) -> bool:
    """Whether a note for the employer may go with a shared item: one with health detail only
    with the health-detail consent."""
    return share_health or not note_has_health


def is_shared(marked: bool, consents: Consents) -> bool:
    """Marked for sharing and still consented to."""
    return marked and consents.contact_employer


def share_word(marked: bool, consents: Consents) -> str:
    """ "shared", "not shared", or why a marked item no longer is."""
    if not marked:
        return "not shared"
    # Marked, but the consent was withdrawn since: not shared, and the column says why.
    return "shared" if consents.contact_employer else "no consent"


@dataclass(frozen=True)
class Shareable:
    """What the employer copy needs of one adjustment (a view of it, whatever stores it)."""

    label: str
    status_word: str
    who: str
    raised_on: date | None
    due_on: date | None
    in_place_on: date | None
    employer_note: str
    note_has_health: bool
    reason: str
    marked_shared: bool


@dataclass(frozen=True)
class EmployerLine:
    """One adjustment as the employer copy shows it."""

    label: str
    status_word: str
    who: str
    raised_on: date | None
    due_on: date | None
    in_place_on: date | None
    note: str
    reason: str


def employer_lines(items: Iterable[Shareable], consents: Consents) -> list[EmployerLine]:
    """The adjustments an employer copy may carry, with only what may go with them.

    Nothing without consent to employer contact; notes with health detail and the assessment's
    reasons only with the health-detail consent too.
    """
    if not consents.contact_employer:
        return []
    lines = []
    for item in items:
        if not item.marked_shared:
            continue
        note_ok = note_may_go(item.note_has_health, consents.share_health)
        lines.append(
            EmployerLine(
                item.label,
                item.status_word,
                item.who,
                item.raised_on,
                item.due_on,
                item.in_place_on,
                item.employer_note if note_ok else "",
                item.reason if consents.share_health else "",
            )
        )
    return lines


def consent_facts(consents: Consents) -> Sequence[str]:
    """The two consents as the title bar shows them: their labels, the second cut short."""
    contact = CONSENT_LABELS["consent_contact_employer"].lower()
    health = "health details"  # "Health details to employer": the title bar has no room
    return (
        f"{contact} {'✓' if consents.contact_employer else '✗'}",
        f"{health} {'✓' if consents.share_health else '✗'}",
    )
