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
class OpenAdjustments(Message):
    """Show one participant's workplace-adjustment checklist."""

    participant_id: str


@dataclass
class WorkFailed(Message):
    """Work in the background failed; the App shows the error's own coach-safe words."""

    error: BaseException | None


@dataclass
class CaseloadStale(Message):
    """Something changed that the caseload shows: read it again in the background."""


# The plan's forms (issue 9): the participant and plan screens post these; the App opens them.


@dataclass
class LogContact(Message):
    """Log a contact just held with one participant, and book the next."""

    participant_id: str


@dataclass
class StartReview(Message):
    """Hold a review of one participant's plan: distance travelled, what changed."""

    participant_id: str


@dataclass
class EditParticipant(Message):
    """Edit one participant's details and consents."""

    participant_id: str


@dataclass
class ClosePlan(Message):
    """Close one participant's plan (or, without a plan, their time with the service)."""

    participant_id: str
    consent_withdrawn: bool = False
    """True when they have just taken back the consent to keep their details."""


@dataclass
class ExtendPlan(Message):
    """Make one participant's plan longer, with the reason."""

    participant_id: str


@dataclass
class FollowUpSafeguarding(Message):
    """Record the follow-up of one participant's open safeguarding record."""

    participant_id: str


@dataclass
class OpenServices(Message):
    """Show the local-services directory; with a participant, Enter refers them."""

    participant_id: str | None


@dataclass
class ExportPlan(Message):
    """Export one participant's plan or record (the export screen: audience, preview, write)."""

    participant_id: str
