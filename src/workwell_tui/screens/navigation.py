"""Where a screen asks to go: messages that bubble up to the App's one navigation handler.

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
    """Show the crisis contacts (999, NHS 111, Samaritans, Shout, Childline) over any screen."""


@dataclass
class ParticipantDestination(Message):
    """A screen about one participant that the coach asked for from their record or plan.

    The App has one handler for every kind (see `WorkwellApp.go_to`): each kind it knows how to
    show is pushed, and one still being built gets a calm "coming soon" note, so no key crashes.
    """

    participant_id: str


@dataclass
class OpenPlan(ParticipantDestination):
    """Show the participant's plan (draft, active or closed)."""


@dataclass
class OpenAdjustments(ParticipantDestination):
    """Show the participant's workplace adjustments."""


@dataclass
class OpenServices(ParticipantDestination):
    """Find a local service to refer the participant to."""


@dataclass
class LogContact(ParticipantDestination):
    """Log a contact held with the participant, and book the next."""


@dataclass
class StartReview(ParticipantDestination):
    """Hold a plan review: measures again, what changed, distance travelled."""


@dataclass
class ExportPlan(ParticipantDestination):
    """Export the participant's plan for them, their employer or their GP."""


@dataclass
class EditParticipant(ParticipantDestination):
    """Edit the participant's details and consents."""
