"""Completing the assessment, apart from the screen: save what is on it, then store the outcome.

Runs in the wizard's "complete" worker (no Textual here); a failure is a `NotCompleted` whose
message the App shows, in the coach's words, never with the answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.words import plural
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.assessment.autosave import DraftAutosave, Snapshot

if TYPE_CHECKING:
    from workwell_tui.db.assessments import Completed
    from workwell_tui.db.store import Store


class NotCompleted(WorkwellError):
    """Completing failed; the draft is kept."""

    default_title = "Not completed"


def complete_draft(
    store: Store, autosave: DraftAutosave, kind: AssessmentKind, snapshot: Snapshot
) -> Completed:
    """Write `snapshot`, then store the finished assessment and all that follows from it."""
    written = autosave.write(snapshot)
    if written.failed:
        raise NotCompleted(f"Could not complete: {written.problem} Everything is still on screen.")
    try:
        return store.complete_assessment(autosave.assessment_id, kind, snapshot.answers)
    except Exception as error:  # the message never carries answers
        what = error.message if isinstance(error, WorkwellError) else None
        raise NotCompleted(
            f"Could not complete: {what or WorkwellError.default_message} "
            "The draft is saved; try again."
        ) from error


def completed_words(kind: AssessmentKind, done: Completed) -> str:
    """What completing made, for the coach."""
    if kind is AssessmentKind.REVIEW:
        return f"Review measures stored ({done.measures})."
    if done.plan_id is not None:
        return (
            f"Assessment complete. Draft plan made with {plural(done.objectives, 'objective')}"
            f" and {plural(done.adjustments, 'suggested adjustment')}."
        )
    return "Recorded as not eligible and signposted."
