"""Completing the wizard on screen: every step must be right first, recording someone as not
eligible asks first, and the store call runs in a worker (`finishing.py` does the work there).

Like the autosave (`saving.py`), this is a part of the wizard screen, not a screen: the screen
routes `Finished` back here (`on_wizard_completing_finished`) and tells it when the "complete"
worker failed (`failed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import unfinished_steps
from workwell_tui.screens.assessment.autosave import Snapshot
from workwell_tui.screens.assessment.finishing import complete_draft, completed_words
from workwell_tui.screens.assessment.signposting import CLOSE_QUESTION
from workwell_tui.screens.confirm import ask

if TYPE_CHECKING:
    from workwell_tui.db.assessments import Completed
    from workwell_tui.domain.assessment.steps import Step
    from workwell_tui.screens.assessment.screen import AssessmentScreen


class WizardCompleting:
    """Stores the finished assessment (or the review's measures) once it is right."""

    @dataclass
    class Finished(Message):
        """Completing stored the assessment."""

        done: Completed

    def __init__(self, screen: AssessmentScreen) -> None:
        self.screen = screen
        self.finishing = False
        """True from the moment completing starts until it fails (it then may be tried again)."""

    def finish(self) -> None:
        """Complete the assessment once every step is right; else go to the first that is not."""
        screen = self.screen
        if not screen.saving.ready or self.finishing:
            return
        waiting = unfinished_steps(screen.kind, screen.answers, clock.today())
        if waiting:
            screen.notify(f"{waiting[0].title} still needs answers.", severity="warning")
            screen.run_worker(self.go_to_problem(waiting[0]))
            return
        self.finishing = True
        complete = partial(self.complete, screen.saving.snapshot())
        screen.run_worker(
            complete, thread=True, exclusive=True, group="complete", exit_on_error=False
        )

    async def go_to_problem(self, step: Step) -> None:
        """Show `step` with what to put right on it."""
        await self.screen.show_step(step)
        self.screen.check_step()

    def confirm_signposting(self) -> None:
        """Not eligible: ask before recording them as signposted and closing the assessment."""
        ask(self.screen, CLOSE_QUESTION, yes="Record and close", no="Stay here", then=self.finish)

    def complete(self, snapshot: Snapshot) -> None:
        """Save what is on screen, then store the finished assessment (worker thread)."""
        screen = self.screen
        autosave = screen.saving.autosave
        assert autosave is not None
        done = complete_draft(screen.services.store, autosave, screen.kind, snapshot)
        screen.post_message(self.Finished(done))

    def finished(self, message: Finished) -> None:
        """Stored: say what was made, and go back."""
        self.screen.saving.closed = True
        self.screen.notify(completed_words(self.screen.kind, message.done), timeout=6)
        self.screen.dismiss()

    def failed(self) -> None:
        """Not completed (the message is shown): the draft stays, to try again; a draft changed
        elsewhere asks what to do."""
        self.finishing = False
        autosave = self.screen.saving.autosave
        if autosave is not None and autosave.stale:
            self.screen.saving.ask_about_conflict()
