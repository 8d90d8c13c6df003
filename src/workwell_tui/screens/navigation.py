"""Where a screen asks to go: messages that bubble up to the App, which has one handler for each.

Screens never push each other; they say what the coach asked for, and the App decides how to
show it (so a new way in, such as the command palette, needs no screen to know about another).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workwell_tui.domain.enums import AssessmentKind


@dataclass
class OpenParticipant(Message):
    """Show one participant's record."""

    participant_id: str


@dataclass
class NewReferral(Message):
    """Open the form for a new referral."""


@dataclass
class StartAssessment(Message):
    """Start (or resume) an assessment of one participant."""

    participant_id: str
    kind: AssessmentKind = AssessmentKind.INITIAL


@dataclass
class WorkFailed(Message):
    """Work in the background failed; the App shows the error's own coach-safe words."""

    error: BaseException | None


@dataclass
class CaseloadStale(Message):
    """Something changed that the caseload shows: read it again in the background."""


@dataclass
class ShowCrisisContacts(Message):
    """Show the crisis contacts (999, NHS 111, Samaritans, Shout, Childline for under-19s)."""


@dataclass
class OpenDirectory(Message):
    """Show the local-services directory with no participant to refer (from the palette)."""


@dataclass
class ParticipantDestination(Message):
    """A screen about one participant that the coach asked for from their record or plan."""

    participant_id: str


@dataclass
class OpenPlan(ParticipantDestination):
    """Show the participant's plan (draft, active or closed)."""


@dataclass
class OpenAdjustments(ParticipantDestination):
    """Show the participant's workplace-adjustment checklist."""


@dataclass
class OpenServices(ParticipantDestination):
    """Find a local service to refer the participant to."""


@dataclass
class LogContact(ParticipantDestination):
    """Log a contact just held with the participant, and book the next."""


@dataclass
class StartReview(ParticipantDestination):
    """Hold a review of the plan: measures again, what changed, distance travelled."""


@dataclass
class ExportPlan(ParticipantDestination):
    """Export the participant's plan for them, their employer or their GP, or everything held."""


@dataclass
class EditParticipant(ParticipantDestination):
    """Edit the participant's details and consents."""


@dataclass
class ClosePlan(ParticipantDestination):
    """Close the participant's plan (or, without a plan, their time with the service)."""

    consent_withdrawn: bool = False
    """True when they have just taken back the consent to keep their details."""


@dataclass
class ExtendPlan(ParticipantDestination):
    """Make the participant's plan longer, with the reason."""


@dataclass
class FollowUpSafeguarding(ParticipantDestination):
    """Record the follow-up of the participant's open safeguarding record."""
