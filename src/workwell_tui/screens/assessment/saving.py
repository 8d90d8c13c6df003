"""Autosave for the assessment wizard: every change reaches the database in order, off the UI.

Each save carries a sequence number; a slower, older write never lands over a newer one. Leaving
(by Esc, finishing or even quitting the app) writes what is on screen on the spot.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from textual import work
from textual.timer import Timer

from workwell_tui.domain.assessment.flow import first_step, step_number
from workwell_tui.domain.assessment.questions import Answer, is_blank
from workwell_tui.domain.assessment.steps import Step
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.errors import coach_words
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.widgets.title_bar import TitleBar


class DraftSavingScreen(WorkwellScreen[None]):
    """A screen whose `answers` and `step` are a draft assessment, saved as they change."""

    def __init__(self, kind: AssessmentKind) -> None:
        super().__init__()
        self.kind = kind
        self.assessment_id: str | None = None
        self.answers: dict[str, Answer] = {}
        self.step: Step = first_step(kind)
        self.finishing = False
        self._typing_timer: Timer | None = None
        self._write_lock = threading.Lock()
        self._queued = 0
        self._written = 0
        self._last_written: tuple[int, dict[str, Any]] | None = None
        self._discarded = False

    def _show_saved(self, moment: datetime) -> None:
        if not self.is_mounted or not self.query(TitleBar):
            return  # a save that finished after the coach left
        local = moment.astimezone() if moment.tzinfo else moment
        self.query_one(TitleBar).set_fact("saved", f"saved {local:%H:%M}", "quiet")

    def save_now(self) -> None:
        """Queue a save of everything as it stands."""
        if self.assessment_id is None or self.finishing:
            return
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        self._queued += 1
        self._write(self._queued, step_number(self.step.key), dict(self.answers))

    @work(thread=True, group="autosave")
    def _write(self, sequence: int, step: int, answers: dict[str, Any]) -> None:
        saved, problem = self._store(sequence, step, answers)
        if problem:
            self.app.call_from_thread(self._save_failed, problem)
        elif saved is not None:
            self.app.call_from_thread(self._show_saved, saved)

    def _store(
        self, sequence: int, step: int, answers: dict[str, Any]
    ) -> tuple[datetime | None, str]:
        """Write one snapshot unless a newer one went in first; (when saved, problem)."""
        store = self.services.store
        assert self.assessment_id is not None
        with self._write_lock:
            if self._discarded:
                return None, ""  # a save queued before the empty draft was thrown away
            if sequence <= self._written or (step, answers) == self._last_written:
                return None, ""
            try:
                saved = store.save_assessment(self.assessment_id, step, answers)
            except Exception as error:  # the coach-safe words only: never the answers
                return None, coach_words(error)
            self._written = sequence
            self._last_written = (step, answers)
            return saved, ""

    def _save_failed(self, what: str) -> None:
        if not self.is_mounted or not self.query(TitleBar):
            self.app.notify(f"Could not save the draft: {what}", severity="error", markup=False)
            return
        self.query_one(TitleBar).set_fact("saved", "NOT SAVED", "alert")
        self.notify(
            f"Could not save the draft: {what} Keep this screen open.",
            severity="error",
            markup=False,
        )

    def flush(self) -> None:
        """Save now, on this thread, when anything is not yet written (leaving, finishing)."""
        if self.assessment_id is None:
            return
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        self._queued += 1
        saved, problem = self._store(self._queued, step_number(self.step.key), dict(self.answers))
        if problem:
            self._save_failed(problem)
        elif saved is not None:
            self._show_saved(saved)

    def discard_if_untouched(self) -> bool:
        """Throw the draft away when nothing has been answered; True if it went.

        Opening the review measures and leaving at once must not leave a "draft saved" flag
        on the caseload for a draft that holds nothing.
        """
        if self.assessment_id is None or any(not is_blank(v) for v in self.answers.values()):
            return False
        store = self.services.store
        with self._write_lock:
            try:
                gone = store.discard_untouched_draft(self.assessment_id)
            except Exception:  # keeping an empty draft is harmless; say nothing
                return False
            self._discarded = gone
        if gone:
            self.finishing = True  # nothing more to save
        return gone

    def on_unmount(self) -> None:
        """Leaving by any route (even quitting the app) writes what is on screen."""
        if not self.finishing:
            self.flush()
