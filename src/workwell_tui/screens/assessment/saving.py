"""The wizard's autosave on screen: writes in workers, "saved 14:05:07", and what a failure means.

`DraftAutosave` (autosave.py) holds the rules; this part runs its writes in thread workers that
post `Written` back, shows when the draft was saved (to the second, so a second save in the same
minute is visible), and never lets a failure pass quietly:

- a save that fails says NOT SAVED in the title bar, with the reason;
- Esc (save and leave) leaves only once the save is in: if it fails the screen stays, says "not
  saved" and offers to try again;
- a save refused because the draft was changed elsewhere says what changed there and offers to
  put this screen's changes back on top (now, or later with ctrl+r).

The screen routes the messages here (`on_wizard_saving_written`, `on_wizard_saving_conflicted`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.steps import QUESTIONS_BY_KEY
from workwell_tui.screens.assessment.autosave import (
    Conflict,
    DraftAutosave,
    SaveResult,
    Snapshot,
)
from workwell_tui.screens.assessment.changes import conflict_question
from workwell_tui.screens.confirm import ConfirmScreen, ask
from workwell_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from workwell_tui.domain.records import DraftAssessment
    from workwell_tui.screens.assessment.screen import AssessmentScreen

TYPING_PAUSE = 0.8  # seconds of quiet before a half-typed field is saved
COLLECTOR_BACKSTOP = 1.0  # seconds: the collector is back on by then whatever happens


def pause_collector_until_drawn(app: App[object]) -> None:
    """Keep Python's cycle collector off until the next frame is drawn.

    With a few hundred widgets alive, a full collection that happens to start while a step is
    being shown adds 100–300 ms to the coach's wait (measured with the step benchmark under
    load). Textual pauses it while scrolling for the same reason (`PAUSE_GC_ON_SCROLL`); here it
    runs just after the new step is on screen instead, while the coach reads.
    """
    if not gc.isenabled():
        return  # someone else paused it; they turn it back on
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if not resumed:
            resumed = True
            gc.enable()

    app.call_after_refresh(resume)
    app.set_timer(COLLECTOR_BACKSTOP, resume)


class WizardSaving:
    """Saves the wizard's draft as it changes and shows how that went."""

    @dataclass
    class Written(Message):
        """A write finished (or found nothing to write)."""

        result: SaveResult
        leaving: bool

    @dataclass
    class Conflicted(Message):
        """What is stored now, read after a refused write."""

        conflict: Conflict

    def __init__(self, screen: AssessmentScreen) -> None:
        self.screen = screen
        self.autosave: DraftAutosave | None = None
        self.leaving = False
        self.closed = False  # completed, left or thrown away: nothing more to write
        self.conflict: Conflict | None = None
        self._asking = False
        self._discard_on_leave = False
        self._typing_timer: Timer | None = None

    @property
    def ready(self) -> bool:
        """Whether the draft is open."""
        return self.autosave is not None

    @property
    def stale(self) -> bool:
        """Whether writes are refused until the coach decides about a change made elsewhere."""
        return self.autosave is not None and self.autosave.stale

    def opened(self, draft: DraftAssessment) -> None:
        """The draft is read: start saving it."""
        self.autosave = DraftAutosave(self.screen.services.store, draft)

    def show_saved(self, moment: datetime) -> None:
        """ "saved 14:05:07" in the title bar."""
        local = moment.astimezone() if moment.tzinfo else moment
        self._title_fact(f"saved {local:%H:%M:%S}", "quiet")

    def _title_fact(self, text: str, kind: str) -> None:
        for bar in self.screen.query(TitleBar).results(TitleBar):
            bar.set_fact("saved", text, kind)

    # Writing ----------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The draft as it stands, numbered after every earlier change."""
        assert self.autosave is not None, "the draft is not open yet"
        self._stop_typing_timer()
        return self.autosave.snapshot(step_number(self.screen.step.key), self.screen.answers)

    def typed(self) -> None:
        """A typed answer changed: save once the typing pauses."""
        self._stop_typing_timer()
        self._typing_timer = self.screen.set_timer(TYPING_PAUSE, self.save_now)

    def _stop_typing_timer(self) -> None:
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None

    def save_now(self) -> None:
        """Save everything as it stands, in a worker."""
        if self.autosave is None or self.closed or self.screen.completing.finishing:
            return
        self._run(self.snapshot(), leaving=False)

    def _run(self, snapshot: Snapshot, leaving: bool) -> None:
        self.screen.run_worker(
            partial(self._write, snapshot, leaving),
            thread=True,
            group="leave" if leaving else "autosave",
            exit_on_error=False,
        )

    def _write(self, snapshot: Snapshot, leaving: bool) -> None:
        """(In a worker thread.) Write, then say how it went."""
        autosave = self.autosave
        assert autosave is not None
        if leaving and self._discard_on_leave and autosave.discard_if_untouched(snapshot.answers):
            result = SaveResult()
        else:
            result = autosave.write(snapshot)
        self.screen.post_message(self.Written(result, leaving))

    def written(self, message: Written) -> None:
        """Show how a write went; a successful one made on leaving lets the screen go."""
        result = message.result
        if message.leaving:
            self.leaving = False
        if result.failed:
            self._not_saved(result, message.leaving)
            return
        if result.saved_at is not None:
            self.show_saved(result.saved_at)
        if message.leaving:
            self.closed = True
            self.screen.dismiss()

    def _not_saved(self, result: SaveResult, leaving: bool) -> None:
        self._title_fact("NOT SAVED", "alert")
        self.screen.refresh_bindings()
        if result.stale:
            if result.conflict is not None:
                self.conflict = result.conflict
            self.ask_about_conflict()
            return
        if not leaving:
            self.screen.notify(
                f"Could not save the draft: {result.problem} Keep this screen open.",
                severity="error",
                markup=False,
            )
            return

        ask(
            self.screen,
            f"Not saved: {result.problem}\n\nEverything typed is still on this screen. "
            "Try saving again now?",
            yes="Try again",
            no="Stay here",
            then=lambda: self.leave(self._discard_on_leave),
        )

    # Leaving ----------------------------------------------------------------------------

    def leave(self, discard_if_untouched: bool = False) -> None:
        """Save, then close the screen once the save is in (an untouched draft may go)."""
        if self.autosave is None or self.closed:
            self.screen.dismiss()  # still opening, or nothing more to save
            return
        if self.leaving:
            return
        self.leaving = True
        self._discard_on_leave = discard_if_untouched
        self._run(self.snapshot(), leaving=True)

    def flush_on_unmount(self) -> None:
        """The screen is going (even the app quitting): write what is on it, on the spot."""
        autosave = self.autosave
        if autosave is None or self.closed or autosave.discarded:
            return
        self._stop_typing_timer()
        result = autosave.flush(step_number(self.screen.step.key), self.screen.answers)
        if result.failed:
            self.screen.app.notify(
                f"Could not save the draft: {result.problem}", severity="error", markup=False
            )

    # Changed elsewhere ------------------------------------------------------------------

    def ask_about_conflict(self) -> None:
        """Say what changed elsewhere and offer to put this screen's changes back on top."""
        if not self.stale or self._asking:
            return
        if self.conflict is None:
            self.screen.run_worker(self._read_conflict, thread=True, exit_on_error=False)
            return
        conflict = self.conflict
        self._asking = True
        labels = [
            QUESTIONS_BY_KEY[key].label for key in conflict.changed if key in QUESTIONS_BY_KEY
        ]
        if len(labels) < len(conflict.changed):
            labels.append("other details")

        def answered(reapply: bool | None) -> None:
            self._asking = False
            if conflict.theirs is None:
                self.closed = True  # completed or removed elsewhere: nothing to write to
                return
            if not reapply:
                self.screen.notify(
                    "Not saved. ctrl+r puts your changes back on top when you are ready.",
                    severity="warning",
                )
                return
            assert self.autosave is not None
            merged = self.autosave.reapply(self.screen.answers, conflict)
            self.conflict = None
            self.screen.show_answers(merged)
            self.screen.refresh_bindings()
            self.save_now()
            self.screen.notify("Your changes are back on top of the other version; saving.")

        gone = conflict.theirs is None
        self.screen.app.push_screen(
            ConfirmScreen(
                conflict_question(labels, gone),
                yes="OK" if gone else "Save mine on top",
                no="OK" if gone else "Not now",
            ),
            callback=answered,
        )

    def _read_conflict(self) -> None:
        """(In a worker thread.) Read what is stored now."""
        assert self.autosave is not None
        self.screen.post_message(self.Conflicted(self.autosave.conflict()))

    def conflicted(self, message: Conflicted) -> None:
        """What is stored now is known: ask the coach."""
        self.conflict = message.conflict
        self.ask_about_conflict()
