"""The assessment wizard: one step at a time, with the participant beside the coach.

Every answer goes into `answers` as it is typed and is saved in a worker (after a short pause in
typing, on leaving a field, on every choice and step change), so a killed laptop loses at most
the word being typed. Which questions show, what is dropped when an answer changes, what blocks
going on and what completing stores all come from `domain/`; this screen only shows and asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from workwell_tui import clock
from workwell_tui.domain.age import age_on
from workwell_tui.domain.assessment.flow import (
    first_step,
    next_step,
    previous_step,
    step_from_number,
    step_problems,
    steps_for,
    unfinished_steps,
)
from workwell_tui.domain.assessment.questions import YES, as_date, check_answer, is_blank
from workwell_tui.domain.assessment.steps import (
    CRISIS_ACTION,
    IN_CRISIS,
    RISK_ACTION,
    Step,
    StepKey,
    item_key,
)
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.words import plural
from workwell_tui.errors import coach_words
from workwell_tui.screens.assessment.changes import AnswerChangesScreen
from workwell_tui.screens.assessment.risk import RiskScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.styles import style
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.question_field import QuestionField
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.db.assessments import Completed
    from workwell_tui.domain.records import DraftAssessment, ParticipantRecord

TYPING_PAUSE = 0.8  # seconds of quiet before a half-typed field is saved
PHQ9_ITEM_9 = item_key("phq9", 9)


class AssessmentScreen(AnswerChangesScreen):
    """The joined-up assessment (or the measures again, at a review)."""

    CSS_PATH = style("assessment.tcss")
    DEFAULT_CLASSES = "assessment-screen"
    BINDINGS = [
        # Priority, so the footer always offers it; a focused button is pressed instead.
        Binding("enter", "continue", "Continue", id="assessment.continue", priority=True),
        Binding("enter", "confirm", "Confirm", id="assessment.confirm", priority=True),
        Binding("ctrl+b", "back", "Previous step", id="assessment.back", priority=True),
        Binding("escape", "leave", "Save and leave", id="assessment.leave"),
        # A stray q while answering must not quit mid-conversation (ctrl+q still does).
        Binding("q", "nothing", show=False),
    ]

    def __init__(self, participant_id: str, kind: AssessmentKind = AssessmentKind.INITIAL):
        super().__init__(kind)
        self.participant_id = participant_id
        self.edit_from_summary = False

    def compose(self) -> ComposeResult:
        """Title and progress, the step's questions, the eligibility line."""
        yield TitleBar("Assessment")
        yield Static("", id="legend", markup=False)
        yield VerticalScroll(id="form")
        yield Static("", id="eligibility", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Open (or resume) the draft in the background."""
        self.query_one("#legend").display = False
        self.open_draft()

    @work(thread=True, exclusive=True, group="open")
    def open_draft(self) -> None:
        """Start or resume the draft off the UI thread."""
        store = self.services.store
        try:
            assessment = store.start_assessment(self.participant_id, self.kind)
            person = store.participant(self.participant_id)
            self.service_names = store.service_names()
        except Exception:
            self.app.call_from_thread(self._cannot_open)
            return
        self.app.call_from_thread(self._opened, assessment, person)

    def _cannot_open(self) -> None:
        self.notify("Could not open the assessment: the database refused.", severity="error")
        self.dismiss()

    def _opened(self, assessment: DraftAssessment, person: ParticipantRecord | None) -> None:
        self.assessment_id = str(assessment.id)
        self.answers = dict(assessment.answers)
        if person is not None:
            what = "Review measures" if self.kind is AssessmentKind.REVIEW else "Assessment"
            # Who comes first: on a narrow screen the end of the line is what gets cut.
            name = f"{person.last_name}, {person.first_name}"
            self.query_one(TitleBar).title = joined(name, person.reference, what)
        if assessment.saved_at != assessment.started_at:
            self._show_saved(assessment.saved_at)
        step = step_from_number(assessment.step)
        if step not in steps_for(self.kind, self.answers, clock.today()):
            step = first_step(self.kind)
        self.call_later(self.show_step, step)

    # Showing a step ------------------------------------------------------------------------

    def _field_of(self, control: Widget) -> QuestionField | None:
        for field in self.fields.values():
            if field.control is control:
                return field
        return None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        field = self._field_of(event.input)
        if field is None or event.value == self.answers.get(field.question.key, ""):
            return  # a field showing what it already held is not a change
        if not self._answer_changed(field):
            return  # the coach is asked first whether answers that no longer apply go
        if self._typing_timer is not None:
            self._typing_timer.stop()
        self._typing_timer = self.set_timer(TYPING_PAUSE, self.save_now)

    @on(Input.Submitted)
    async def _entered(self, event: Input.Submitted) -> None:
        if self._field_of(event.input) is not None:
            event.stop()
            await self.action_continue()

    @on(Input.Blurred)
    def _left_field(self, event: Input.Blurred) -> None:
        field = self._field_of(event.input)
        if field is None:
            return
        value = self.answers.get(field.question.key)
        if not is_blank(value):
            field.set_problem(check_answer(field.question, value, clock.today()))
        self.save_now()

    @on(Choices.Changed)
    def _chose(self, event: Choices.Changed) -> None:
        field = self._field_of(event.choices)
        if field is None or not self._answer_changed(field):
            return  # not a wizard field, or the coach is asked first about removing answers
        self.save_now()
        value = self.answers.get(field.question.key)
        if field.question.key == PHQ9_ITEM_9 and isinstance(value, int) and value > 0:
            self._ask_about_risk(RISK_ACTION, RiskScreen.ITEM_9)
        elif field.question.key == IN_CRISIS and value == YES:
            self._ask_about_risk(CRISIS_ACTION, RiskScreen.IN_CRISIS)
        elif event.answered_by_key:
            self._focus_after(field)

    def _focus_after(self, field: QuestionField) -> None:
        """Focus the next question that applies (the answer may just have shown it)."""
        keys = list(self.fields)
        for key in keys[keys.index(field.question.key) + 1 :]:
            following = self.fields[key]
            if following.question.applies(self.answers):
                following.control.focus(scroll_visible=False)
                self.call_after_refresh(following.scroll_visible, animate=False)
                return
        self.focus_next()

    def _ask_about_risk(self, key: str, why: str) -> None:
        """Crisis contacts, and the \"what I did\" record kept under `key`."""

        def recorded(action: str | None) -> None:
            if action:
                self.answers[key] = action
                field = self.fields.get(key)
                self._refresh_visibility()
                if field is not None:
                    with field.prevent(Input.Changed):
                        field.set_answer(action)
                    field.set_problem(None)
                self.save_now()
                if field is not None:
                    self._focus_after(field)

        existing = self.answers.get(key)
        born = as_date(self.answers.get("date_of_birth"))
        under_18 = born is not None and age_on(born, clock.today()) < 18
        self.app.push_screen(
            RiskScreen(existing if isinstance(existing, str) else "", why=why, under_18=under_18),
            callback=recorded,
        )

    # Moving between steps ------------------------------------------------------------------

    def _check_step(self) -> dict[str, str]:
        problems = step_problems(self.step, self.answers, clock.today())
        for key, field in self.fields.items():
            field.set_problem(problems.get(key))
        self._show_legend(problems)
        if problems:
            first = self.fields.get(next(iter(problems)))
            if first is not None:
                first.control.focus(scroll_visible=False)
                first.scroll_visible(animate=False)
        return problems

    async def action_continue(self) -> None:
        """Go on to the next step when this one is right; on the summary, finish."""
        if self.assessment_id is None or self.finishing:
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
        await self.show_step(following)
        self.save_now()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter reads "Confirm" on the summary, where it makes the plan; "Continue" elsewhere."""
        if action == "continue":
            return self.step.key is not StepKey.SUMMARY
        if action == "confirm":
            return self.step.key is StepKey.SUMMARY
        return super().check_action(action, parameters)

    async def action_confirm(self) -> None:
        """On the summary: press the focused button (Edit…), or finish."""
        await self.action_continue()

    async def action_back(self) -> None:
        """The previous step; nothing typed is checked or lost."""
        if self.assessment_id is None:
            return
        earlier = previous_step(self.kind, self.step.key, self.answers, clock.today())
        if earlier is not None:
            await self.show_step(earlier)
            self.save_now()

    @on(Button.Pressed, ".edit-step")
    async def _edit(self, event: Button.Pressed) -> None:
        key = StepKey(str(event.button.name))
        self.edit_from_summary = True
        for step in steps_for(self.kind, self.answers, clock.today()):
            if step.key is key:
                await self.show_step(step)
                self.save_now()
                return

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        """Complete the assessment once every step is right."""
        if self.assessment_id is None or self.finishing:
            return
        waiting = unfinished_steps(self.kind, self.answers, clock.today())
        if waiting:
            self.notify(f"{waiting[0].title} still needs answers.", severity="warning")
            self.run_worker(self._go_to_problem(waiting[0]))
            return
        self.finishing = True
        self.flush()
        self.complete()

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

    @work(thread=True, exclusive=True, group="complete")
    def complete(self) -> None:
        """Store the finished assessment off the UI thread."""
        store = self.services.store
        assert self.assessment_id is not None
        try:
            done = store.complete_assessment(self.assessment_id, self.kind, dict(self.answers))
        except Exception as error:  # the message never carries answers
            self.app.call_from_thread(self._not_completed, coach_words(error))
            return
        self.app.call_from_thread(self._completed, done)

    def _not_completed(self, what: str) -> None:
        self.finishing = False
        self.notify(
            f"Could not complete: {what} The draft is saved; try again.",
            severity="error",
            markup=False,
        )

    def _completed(self, done: Completed) -> None:
        if self.kind is AssessmentKind.REVIEW:
            message = f"Review measures stored ({done.measures})."
        elif done.plan_id is not None:
            message = (
                f"Assessment complete. Draft plan made with {plural(done.objectives, 'objective')}"
                f" and {plural(done.adjustments, 'suggested adjustment')}."
            )
        else:
            message = "Recorded as not eligible and signposted."
        self.notify(message, timeout=6)
        self.dismiss()

    async def action_leave(self) -> None:
        """Save now and go back; the draft waits to be resumed (an untouched review goes)."""
        if not (self.kind is AssessmentKind.REVIEW and self.discard_if_untouched()):
            self.flush()
        self.dismiss()

    def action_nothing(self) -> None:
        """Swallow a key."""
