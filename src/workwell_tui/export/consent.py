"""Who may be sent what: the consent rules every export passes before a word is written.

- An employer copy needs the participant's consent to contact their employer; health details
  (conditions, how they affect work) go only with the separate consent to share health details
  with the employer. An adjustment goes only when agreed with the participant and marked shared;
  the words agreed for the employer go with it, but a note marked as having health detail only
  with the health-detail consent too. Measures, risk and coach notes (the coach's notes about an
  adjustment too) never go to an employer: an employer needs to know what to change at work,
  not scores (UK GDPR Article 5(1)(c), data minimisation; ICO "Employment practices and data
  protection: information about workers' health", 2023).
- A GP copy needs the consent to share with their GP.
- The participant's own copy and the full record (a subject access request, UK GDPR Article 15)
  need no consent: they are the participant's own information.
"""

from __future__ import annotations

from workwell_tui.domain.adjustments.consent import note_may_go
from workwell_tui.domain.export import AdjustmentLine, Audience, ExportView
from workwell_tui.domain.text import clean_line
from workwell_tui.errors import WorkwellError

__all__ = [
    "ExportRefused",
    "check_consent",
    "employer_words",
    "health_to_employer",
    "to_employer",
]


class ExportRefused(WorkwellError):
    """The participant has not consented to this document going to this audience."""

    default_title = "Not exported"


def _first_name(view: ExportView) -> str:
    person = view.participant
    return clean_line(person.preferred_name or person.first_name).strip() or "The participant"


def check_consent(view: ExportView, audience: Audience) -> None:
    """Raise ExportRefused, saying why and what to do, when this copy may not be made."""
    person = view.participant
    name = _first_name(view)
    if audience is Audience.EMPLOYER and not person.consent_contact_employer:
        raise ExportRefused(
            f"{name} has not agreed that WorkWell contacts their employer, so there is no "
            "employer copy. If they agree, record it in the assessment's consent questions first."
        )
    if audience is Audience.GP and not person.consent_share_gp:
        raise ExportRefused(
            f"{name} has not agreed to share information with their GP, so there is no GP copy. "
            "If they agree, record it in the assessment's consent questions first."
        )


def health_to_employer(view: ExportView) -> bool:
    """Whether the employer copy may carry health details (both consents given)."""
    person = view.participant
    return person.consent_contact_employer and person.consent_share_health_with_employer


def to_employer(view: ExportView) -> list[AdjustmentLine]:
    """The adjustments an employer copy carries: agreed, marked shared, and consented to."""
    if not view.participant.consent_contact_employer:
        return []
    return [a for a in view.adjustments if a.agreed and a.shared_with_employer]


def employer_words(view: ExportView, line: AdjustmentLine) -> str:
    """The words agreed for the employer about `line`, when they may go ("" when not)."""
    person = view.participant
    if not line.employer_note.strip() or line not in to_employer(view):
        return ""
    if not note_may_go(line.employer_note_health, person.consent_share_health_with_employer):
        return ""
    return line.employer_note
