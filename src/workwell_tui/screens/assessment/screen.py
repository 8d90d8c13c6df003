"""The assessment wizard: one step at a time, with the participant beside the coach.

Composed of parts, not built by inheritance: `StepPages` (widgets/) shows the steps and says
when an answer changes; `DraftAutosave` (autosave.py, no Textual) saves every change in order
and refuses a write over a draft changed elsewhere; `WizardSaving` (saving.py) runs those
writes in workers and shows how they went; `AnswerChanges` (changes.py) applies the wizard's
rules as answers change (what no longer applies, the risk prompts); `WizardCompleting`
(completing.py) stores the finished assessment. This screen opens the draft and moves between
steps; which questions show, what blocks going on and what completing stores all come from
`domain/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Footer
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import (
    first_step,
    next_step,
    position,
    previous_step,
    step_from_number,
    step_problems,
    steps_for,
)
from workwell_tui.domain.assessment.questions import Answer, Answers
from workwell_tui.domain.assessment.steps import Step, StepKey
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.errors import WorkwellError, in_coach_words
from workwell_tui.screens.assessment.changes import AnswerChanges
from workwell_tui.screens.assessment.completing import WizardCompleting
from workwell_tui.screens.assessment.lines import EligibilityLine, ProblemsLine
from workwell_tui.screens.assessment.saving import (
    TYPING_PAUSE,
    WizardSaving,
    pause_collector_until_drawn,
)
from workwell_tui.screens.assessment.signposting import prefilled, signpost_suggestions
from workwell_tui.screens.assessment.summary import summary_widgets
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.step_pages import StepPages
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.domain.records import DraftAssessment, ParticipantRecord

__all__ = ["TYPING_PAUSE", "AssessmentScreen"]


class CannotOpen(WorkwellError):
    """The draft could not be started or read."""

    default_title = "Assessment not opened"
    default_message = "Could not open the assessment: the database refused."


class AssessmentScreen(WorkwellScreen[None]):
    """The joined-up assessment (or the measures again, at a review)."""

    DEFAULT_CLASSES = "assessment-screen"
    DEFAULT_CSS = """
    AssessmentScreen #finish {
        margin-top: 1;
        &:focus {
            text-style: bold reverse;
        }
    }
    """
    BINDINGS = [
        # Priority, so the footer always offers it; a focused button is pressed instead.
        Binding("enter", "continue", "Continue", id="assessment.continue", priority=True),
        Binding("enter", "confirm", "Confirm", id="assessment.confirm", priority=True),
        Binding("ctrl+b", "back", "Previous step", id="assessment.back", priority=True),
        Binding("escape", "leave", "Save and leave", id="assessment.leave"),
        Binding("ctrl+z", "undo_removal", "Undo removal", id="assessment.undo"),
        Binding("ctrl+r", "reapply", "Save mine again", id="assessment.reapply"),
        # A stray q while answering must not quit mid-conversation (ctrl+q still does).
        Binding("q", "nothing", show=False),
    ]

    @dataclass
    class Opened(Message):
        """The draft is started (or resumed) and read."""

        draft: DraftAssessment
        person: ParticipantRecord | None
        service_names: list[str]

    def __init__(self, participant_id: str, kind: AssessmentKind = AssessmentKind.INITIAL):
        super().__init__()
        self.participant_id = participant_id
        self.kind = kind
        self.step: Step = first_step(kind)
        self.edit_from_summary = False
        self.service_names: list[str] = []
        self.pages = StepPages(
            suggestions=self._suggestions,
            extras=self._summary,
            rebuilt=(StepKey.SUMMARY, StepKey.SIGNPOSTING),
            id="form",
        )
        self.saving = WizardSaving(self)
        self.changes = AnswerChanges(self)
        self.completing = WizardCompleting(self)

    # The parts, as tests and the benchmark reach them -------------------------------------

    @property
    def answers(self) -> dict[str, Answer]:
        """Every answer as it stands (the pages' own dictionary)."""
        return self.pages.answers

    @property
    def fields(self) -> dict[str, FormField]:
        """The fields of the step on screen, by answer key."""
        return self.pages.fields

    @property
    def assessment_id(self) -> str | None:
        """The draft's id, once it is open."""
        autosave = self.saving.autosave
        return None if autosave is None else autosave.assessment_id

    def compose(self) -> ComposeResult:
        """Title and progress, the step's questions, the eligibility line."""
        yield TitleBar("Assessment")
        yield ProblemsLine("", id="legend", markup=False)
        yield self.pages
        yield EligibilityLine("", id="eligibility", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Open (or resume) the draft in the background."""
        self.query_one("#legend").display = False
        self.open_draft()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_draft(self) -> None:
        """Start or resume the draft off the UI thread."""
        store = self.services.store
        with in_coach_words(CannotOpen):
            draft = store.start_assessment(self.participant_id, self.kind)
            person = store.participant(self.participant_id)
            names = store.service_names()
        self.post_message(self.Opened(draft, person, names))

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not opened: back where the coach was. Not completed: the draft stays, try again."""
        if worker.group == "open":
            self.dismiss()
        elif worker.group == "complete":
            self.completing.failed()

    async def on_assessment_screen_opened(self, message: Opened) -> None:
        """Show the step the draft was left on."""
        draft, person = message.draft, message.person
        # Once per opening (a new start, a resumed draft), by id only, from a worker.
        self.audit_view(Viewed.ASSESSMENT, draft.id)
        self.service_names = message.service_names
        self.saving.opened(draft)
        self.pages.set_answers(draft.answers)
        if person is not None:
            what = "Review measures" if self.kind is AssessmentKind.REVIEW else "Assessment"
            # Who comes first: on a narrow screen the end of the line is what gets cut.
            name = f"{person.last_name}, {person.first_name}"
            self.query_one(TitleBar).title = joined(name, person.reference, what)
        if draft.saved_at != draft.started_at:
            self.saving.show_saved(draft.saved_at)
        step = step_from_number(draft.step)
        if step not in steps_for(self.kind, self.answers, clock.today()):
            step = first_step(self.kind)
        await self.show_step(step)

    # Showing a step ------------------------------------------------------------------------

    async def show_step(self, step: Step, focus_key: str | None = None) -> None:
        """Show `step` (built ahead, so usually only shown) and build the one after it."""
        if step.key is StepKey.SIGNPOSTING:
            self.pages.set_answers(prefilled(self.answers, clock.today()))
        await self.pages.show(step, focus_key)
        self.step = step  # only now: keys until here still belong to the step on screen
        self.changes.undo_answers = None  # leaving a step keeps its removals
        self.refresh_bindings()
        self.query_one(ProblemsLine).show({})
        self._show_position()
        self._show_eligibility()
        following = next_step(self.kind, step.key, self.answers, clock.today())
        if following is not None:
            self.pages.prepare(following)

    async def _move_to(self, step: Step) -> None:
        """The coach moves to `step`: show it at once, save once it is drawn."""
        pause_collector_until_drawn(self.app)
        await self.show_step(step)
        # After the frame: the save's thread would compete with drawing the step.
        self.call_after_refresh(self.saving.save_now)

    def _summary(self, step: Step) -> list[Widget]:
        if step.key is not StepKey.SUMMARY:
            return []
        return summary_widgets(self.kind, self.answers, clock.today())

    def _suggestions(self, key: str) -> list[str] | None:
        """Where to signpost: the rule's own suggestions, then the local directory."""
        if key != "signpost_service":
            return None
        return signpost_suggestions(self.answers, clock.today(), self.service_names)

    def _show_position(self) -> None:
        where = position(self.kind, self.step.key, self.answers, clock.today())
        self.query_one(TitleBar).set_fact("position", where.label)

    def _show_eligibility(self) -> None:
        self.query_one(EligibilityLine).show(self.kind, self.answers, clock.today())

    # Answers changing ----------------------------------------------------------------------

    @on(StepPages.Changed)
    def _changed(self, event: StepPages.Changed) -> None:
        self.changes.changed(event)

    @on(StepPages.Left)
    def _left_field(self) -> None:
        self.saving.save_now()

    @on(StepPages.Submitted)
    async def _submitted(self) -> None:
        await self.action_continue()

    def show_answers(self, answers: Answers) -> None:
        """Replace every answer (a removal confirmed or undone, a change made elsewhere)."""
        if answers != self.pages.answers:  # most changes keep every other answer as it was
            self.pages.set_answers(answers)
        if self.step.key is StepKey.ELIGIBILITY:
            self._show_eligibility()
            self._show_position()

    def on_wizard_saving_written(self, message: WizardSaving.Written) -> None:
        """A save finished: show how it went."""
        self.saving.written(message)

    def on_wizard_saving_conflicted(self, message: WizardSaving.Conflicted) -> None:
        """The draft as stored elsewhere is read: ask what to do."""
        self.saving.conflicted(message)

    def action_undo_removal(self) -> None:
        """Bring back the answers the last change removed (on this step only)."""
        self.changes.undo()

    # Moving between steps ------------------------------------------------------------------

    def check_step(self) -> dict[str, str]:
        """Put each problem of the step on screen beside its question; the problems."""
        problems = step_problems(self.step, self.answers, clock.today())
        self.pages.show_problems(problems)
        self.query_one(ProblemsLine).show(problems)
        return problems

    async def action_continue(self) -> None:
        """Go on to the next step when this one is right; on the summary, finish."""
        if not self.saving.ready or self.completing.finishing:
            return
        if isinstance(self.focused, Button):
            self.focused.press()
            return
        if self.step.key is StepKey.SUMMARY:
            self.completing.finish()
            return
        if self.check_step():
            return
        today = clock.today()
        following = next_step(self.kind, self.step.key, self.answers, today)
        if following is None:
            self.completing.confirm_signposting()
            return
        if self.edit_from_summary and following.key is not StepKey.SUMMARY:
            self.edit_from_summary = False
            following = steps_for(self.kind, self.answers, today)[-1]
        await self._move_to(following)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter reads "Confirm" on the summary (where it makes the plan), "Continue" elsewhere;
        undo only while there is a removal to undo; "save mine again" only after a refusal."""
        if action == "continue":
            return self.step.key is not StepKey.SUMMARY
        if action == "confirm":
            return self.step.key is StepKey.SUMMARY
        if action == "undo_removal":
            return self.changes.undo_answers is not None
        if action == "reapply":
            return self.saving.stale
        return True

    async def action_confirm(self) -> None:
        """On the summary: press the focused button (Edit…), or finish."""
        await self.action_continue()

    async def action_back(self) -> None:
        """The previous step; nothing typed is checked or lost."""
        if not self.saving.ready:
            return
        earlier = previous_step(self.kind, self.step.key, self.answers, clock.today())
        if earlier is not None:
            await self._move_to(earlier)

    @on(Button.Pressed, ".edit-step")
    async def _edit(self, event: Button.Pressed) -> None:
        key = StepKey(str(event.button.name))
        self.edit_from_summary = True
        for step in steps_for(self.kind, self.answers, clock.today()):
            if step.key is key:
                await self._move_to(step)
                return

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.completing.finish()

    def on_wizard_completing_finished(self, message: WizardCompleting.Finished) -> None:
        """Stored: say what was made, and go back."""
        self.completing.finished(message)

    # Leaving -------------------------------------------------------------------------------

    def action_leave(self) -> None:
        """Save and go back; if the save fails, stay (the draft waits to be resumed)."""
        self.saving.leave(discard_if_untouched=self.kind is AssessmentKind.REVIEW)

    def action_reapply(self) -> None:
        """After a refused save: put this screen's changes on top of the stored draft."""
        self.saving.ask_about_conflict()

    def on_unmount(self) -> None:
        """Leaving by any route (even quitting the app) writes what is on screen."""
        self.saving.flush_on_unmount()

    def action_nothing(self) -> None:
        """Swallow a key."""
