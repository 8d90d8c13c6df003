"""The assessment wizard: one step at a time, with the participant beside the coach.

Composed of parts, not built by inheritance: `StepPages` (widgets/) shows the steps and says
when an answer changes; `DraftAutosave` (autosave.py, no Textual) saves every change in order
and refuses a write over a draft changed elsewhere; `WizardSaving` (saving.py) runs those
writes in workers and shows how they went. This screen moves between steps and applies the
wizard's rules (what no longer applies, the risk prompts); which questions show, what blocks
going on and what completing stores all come from `domain/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Footer, Static
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import (
    eligibility_of,
    first_step,
    next_step,
    position,
    previous_step,
    step_from_number,
    step_problems,
    steps_for,
    unfinished_steps,
)
from workwell_tui.domain.assessment.questions import Answer, Answers, is_blank
from workwell_tui.domain.assessment.steps import Step, StepKey
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.words import plural
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.assessment.autosave import Snapshot
from workwell_tui.screens.assessment.changes import AnswerChanges
from workwell_tui.screens.assessment.finishing import complete_draft, completed_words
from workwell_tui.screens.assessment.saving import (
    TYPING_PAUSE,
    WizardSaving,
    pause_collector_until_drawn,
)
from workwell_tui.screens.assessment.summary import summary_widgets
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.step_pages import StepPages
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.db.assessments import Completed
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
    AssessmentScreen #legend {
        height: 1;
        padding: 0 1;
        color: $error;
        text-style: bold;
    }
    AssessmentScreen #eligibility {
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $panel;
        &.-eligible {
            color: $success;
        }
        &.-not-eligible {
            color: $warning;
            text-style: bold;
        }
    }
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

    @dataclass
    class Finished(Message):
        """Completing stored the assessment."""

        done: Completed

    def __init__(self, participant_id: str, kind: AssessmentKind = AssessmentKind.INITIAL):
        super().__init__()
        self.participant_id = participant_id
        self.kind = kind
        self.step: Step = first_step(kind)
        self.edit_from_summary = False
        self.finishing = False
        self.service_names: list[str] = []
        self.pages = StepPages(
            suggestions=self._suggestions,
            extras=self._summary,
            rebuilt=(StepKey.SUMMARY, StepKey.SIGNPOSTING),
            id="form",
        )
        self.saving = WizardSaving(self)
        self.changes = AnswerChanges(self)

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
        yield Static("", id="legend", markup=False)
        yield self.pages
        yield Static("", id="eligibility", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Open (or resume) the draft in the background."""
        self.query_one("#legend").display = False
        self.open_draft()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_draft(self) -> None:
        """Start or resume the draft off the UI thread."""
        store = self.services.store
        try:
            draft = store.start_assessment(self.participant_id, self.kind)
            person = store.participant(self.participant_id)
            names = store.service_names()
        except WorkwellError:
            raise
        except Exception as error:
            raise CannotOpen() from error
        self.post_message(self.Opened(draft, person, names))

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not opened: back where the coach was. Not completed: the draft stays, try again."""
        if worker.group == "open":
            self.dismiss()
        elif worker.group == "complete":
            self.finishing = False
            if self.saving.autosave is not None and self.saving.autosave.stale:
                self.saving.ask_about_conflict()

    async def on_assessment_screen_opened(self, message: Opened) -> None:
        """Show the step the draft was left on."""
        draft, person = message.draft, message.person
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
            self._prefill_signposting()
        await self.pages.show(step, focus_key)
        self.step = step  # only now: keys until here still belong to the step on screen
        self.changes.undo_answers = None  # leaving a step keeps its removals
        self.refresh_bindings()
        self._show_legend({})
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
        signposts = eligibility_of(self.answers, clock.today()).signposts
        return [text[:1].upper() + text[1:] for text in signposts] + self.service_names

    def _prefill_signposting(self) -> None:
        eligibility = eligibility_of(self.answers, clock.today())
        answers = dict(self.answers)
        if is_blank(answers.get("signpost_reason")) and eligibility.blockers:
            reason = "; ".join(eligibility.blockers)
            answers["signpost_reason"] = reason[:1].upper() + reason[1:]
        if is_blank(answers.get("signpost_service")) and eligibility.signposts:
            service = eligibility.signposts[0]
            answers["signpost_service"] = service[:1].upper() + service[1:]
        self.pages.set_answers(answers)

    def _show_position(self) -> None:
        where = position(self.kind, self.step.key, self.answers, clock.today())
        self.query_one(TitleBar).set_fact("position", where.label)

    def _show_eligibility(self) -> None:
        line = self.query_one("#eligibility", Static)
        if self.kind is AssessmentKind.REVIEW:
            line.display = False
            return
        eligibility = eligibility_of(self.answers, clock.today())
        line.update(f"Eligibility: {eligibility.summary()}")
        line.set_class(eligibility.outcome.value == "not_eligible", "-not-eligible")
        line.set_class(eligibility.eligible, "-eligible")

    def _show_legend(self, problems: dict[str, str]) -> None:
        legend = self.query_one("#legend", Static)
        legend.display = bool(problems)
        legend.update(f"{plural(len(problems), 'thing')} to put right before going on")

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

    def _check_step(self) -> dict[str, str]:
        problems = step_problems(self.step, self.answers, clock.today())
        self.pages.show_problems(problems)
        self._show_legend(problems)
        return problems

    async def action_continue(self) -> None:
        """Go on to the next step when this one is right; on the summary, finish."""
        if not self.saving.ready or self.finishing:
            return
        if isinstance(self.focused, Button):
            self.focused.press()
            return
        if self.step.key is StepKey.SUMMARY:
            self.action_finish()
            return
        if self._check_step():
            return
        today = clock.today()
        following = next_step(self.kind, self.step.key, self.answers, today)
        if following is None:
            self._confirm_signposting()
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
        self.action_finish()

    def action_finish(self) -> None:
        """Complete the assessment once every step is right."""
        if not self.saving.ready or self.finishing:
            return
        waiting = unfinished_steps(self.kind, self.answers, clock.today())
        if waiting:
            self.notify(f"{waiting[0].title} still needs answers.", severity="warning")
            self.run_worker(self._go_to_problem(waiting[0]))
            return
        self.finishing = True
        self.complete(self.saving.snapshot())

    async def _go_to_problem(self, step: Step) -> None:
        await self.show_step(step)
        self._check_step()

    def _confirm_signposting(self) -> None:
        def answered(sure: bool | None) -> None:
            if sure:
                self.action_finish()

        self.app.push_screen(
            ConfirmScreen(
                "Record them as not eligible and signposted? Their stage changes and the "
                "assessment is closed.",
                yes="Record and close",
                no="Stay here",
            ),
            callback=answered,
        )

    @work(thread=True, exclusive=True, group="complete", exit_on_error=False)
    def complete(self, snapshot: Snapshot) -> None:
        """Save what is on screen, then store the finished assessment (off the UI thread)."""
        autosave = self.saving.autosave
        assert autosave is not None
        done = complete_draft(self.services.store, autosave, self.kind, snapshot)
        self.post_message(self.Finished(done))

    def on_assessment_screen_finished(self, message: Finished) -> None:
        """Stored: say what was made, and go back."""
        self.saving.closed = True
        self.notify(completed_words(self.kind, message.done), timeout=6)
        self.dismiss()

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
