"""The Store's methods for the assessment: the open draft, starting, autosaving, completing.

A mixin of `Store` (kept apart, as the plan's methods are, so store.py stays the door and not
the room). Each change is one unit of work; a save checks the version the screen holds, so a
draft saved from another window is never overwritten unseen.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workwell_tui import clock
from workwell_tui.config import Settings

if TYPE_CHECKING:
    from sqlmodel import Session

    from workwell_tui.db.assessments import Completed
    from workwell_tui.domain.enums import AssessmentKind
    from workwell_tui.domain.records import DraftAssessment

__all__ = ["AssessmentMethods"]


class AssessmentMethods:
    """Assessment methods of the Store (which gives `actor`, `settings`, `session`,
    `unit_of_work`)."""

    actor: str
    settings: Settings

    def session(self) -> Session:  # pragma: no cover - the Store's own
        """A read session (the Store's)."""
        raise NotImplementedError

    def unit_of_work(self) -> AbstractContextManager[Session]:  # pragma: no cover
        """One transaction (the Store's)."""
        raise NotImplementedError

    def assessment_draft(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind | None = None
    ) -> DraftAssessment | None:
        """The participant's open draft assessment, if there is one."""
        from workwell_tui.db import assessments
        from workwell_tui.db.read_models import draft_assessment

        with self.session() as session:
            found = assessments.open_draft(session, participant_id, kind)
            return None if found is None else draft_assessment(found)

    def assessed(self, participant_id: uuid.UUID | str) -> bool:
        """Whether the participant has a completed assessment (signposting at referral has none)."""
        from workwell_tui.db import assessments

        with self.session() as session:
            return assessments.latest_completed(session, participant_id) is not None

    def start_assessment(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind
    ) -> DraftAssessment:
        """Resume the open draft of `kind`, or start one.

        Two windows starting at once: the database allows one open draft per participant and
        kind, so the second start fails its insert and, tried again, finds the first's draft.
        """
        from sqlalchemy.exc import IntegrityError

        from workwell_tui.db import assessments
        from workwell_tui.db.read_models import draft_assessment

        for attempt in (1, 2):
            try:
                with self.unit_of_work() as session:
                    started = assessments.start_assessment(
                        session,
                        participant_id,
                        kind,
                        self.actor,
                        clock.today(),
                        self.settings.eligibility_rule,
                    )
                return draft_assessment(started)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def save_assessment(
        self,
        assessment_id: uuid.UUID | str,
        step: int,
        answers: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> datetime:
        """Autosave a draft; returns when it was saved.

        With `expected_version` (the version the screen read or last wrote), a draft saved
        elsewhere since is left as it is and `StaleRecordError` is raised; otherwise the save
        moves the version on by exactly one, even when nothing else changed (the same answers
        within the same second), so the saver knows the version it now holds.
        """
        from sqlalchemy.orm.attributes import flag_modified

        from workwell_tui.db import assessments
        from workwell_tui.db.audit import record_event
        from workwell_tui.db.models import Assessment
        from workwell_tui.db.unit_of_work import check_version

        with self.unit_of_work() as session:
            if expected_version is not None:
                ident = assessment_id if isinstance(assessment_id, uuid.UUID) else None
                stored = session.get(Assessment, ident or uuid.UUID(str(assessment_id)))
                if stored is not None:  # a missing draft is save_draft's to report
                    check_version(stored.version, expected_version)
                    flag_modified(stored, "answers")  # one UPDATE, so one version, always
            saved = assessments.save_draft(session, assessment_id, step, answers)
            # Which step was saved, never the answers.
            record_event(
                session, self.actor, "assessment.save", "assessment", assessment_id, f"step {step}"
            )
            return saved

    def discard_untouched_draft(self, assessment_id: uuid.UUID | str) -> bool:
        """Delete a draft with no answers at all (opened by mistake); True if it went."""
        from workwell_tui.db import assessments

        with self.unit_of_work() as session:
            return assessments.discard_untouched(session, assessment_id, self.actor)

    def complete_assessment(
        self, assessment_id: uuid.UUID | str, kind: AssessmentKind, answers: dict[str, Any]
    ) -> Completed:
        """Finish an assessment: measures, stage, and (when eligible) a draft plan."""
        from workwell_tui.db import assessments
        from workwell_tui.domain.assessment.outcome import build_outcome

        today = clock.today()
        weeks = self.settings.plan_length_weeks
        outcome = build_outcome(kind, answers, today, weeks)
        from workwell_tui.db.safeguarding import record_risk_from_assessment

        with self.unit_of_work() as session:
            completed = assessments.complete(
                session,
                assessment_id,
                answers,
                outcome,
                actor=self.actor,
                today=today,
                plan_weeks=weeks,
                review_weeks=list(self.settings.review_weeks),
            )
            # A risk answered in the assessment becomes its own record, in the same transaction.
            record_risk_from_assessment(session, assessment_id, actor=self.actor, today=today)
            return completed
