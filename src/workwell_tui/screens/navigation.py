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
class ExportPlan(Message):
    """Export one participant's plan or record (the export screen: audience, preview, write)."""

    participant_id: str
