"""A review at a review week: distance travelled, the measures taken again, what changed.

The top shows each measure at baseline against every review since, as numbers, as a small
chart drawn in the terminal, and as the change in band ("PHQ-9 14 → 8, moderate → mild").
ctrl+t takes the measures again with the assessment's own measures step (a review assessment);
back here the distance travelled includes them. ctrl+s records the review: when it was held,
how, and what changed. A review held clears "review due" on the plan and the caseload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date, uk_short
from workwell_tui.domain.enums import AssessmentKind, ContactMode, ContactPurpose, PlanStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.contacts import ContactDraft, check_contact
from workwell_tui.domain.plan.distance import MeasureChange
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.domain.text import clean_note
from workwell_tui.screens.confirm import ask
from workwell_tui.screens.navigation import StartAssessment
from workwell_tui.screens.plan.contact import MODES
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.note_area import NoteArea
from workwell_tui.widgets.title_bar import TitleBar

WHAT_CHANGED_LIMIT = 4000


def readings_text(change: MeasureChange) -> str:
    """ "Baseline 14 · Week 6 8 · Week 12 5"."""
    return " · ".join(
        f"{reading.label} {reading.total}" for reading in (change.baseline, *change.reviews)
    )


def distance_table(changes: tuple[MeasureChange, ...]) -> RenderableType:
    """Each measure: its small chart, the change in words, then every reading."""
    if not changes:
        return Text("No measures were taken at the assessment, so there is nothing to compare.")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, min_width=4)
    grid.add_column(ratio=1)
    for change in changes:
        chart = Text(change.chart(), style="bold")
        words = Text(change.text)
        words.append(f"\n{readings_text(change)}", style="dim")
        grid.add_row(chart, words)
    return grid


class ReviewScreen(RecordFormScreen):
    """Review one participant's plan."""

    FORM = FormKind.REVIEW
    HEADING = "Review"
    WHAT = "this review"
    NEEDS_PLAN = True
    # A control key, so it works while the cursor is in a field.
    BINDINGS = [Binding("ctrl+t", "measures", "Take measures", id="review.measures", priority=True)]

    @dataclass
    class PlanRead(Message):
        """The plan was read again (back from taking the measures)."""

        plan: PlanView | None

    def fields(self) -> ComposeResult:
        """Distance travelled, then when and how the review was held, and what changed."""
        yield Static("", id="distance")
        yield Static("The review", classes="section")
        yield FormField(
            "Date", Input(placeholder="dd/mm/yyyy", compact=True, id="date"), required=True
        )
        yield FormField("Mode", Choices(MODES, numbered=True, id="mode"), required=True)
        yield FormField(
            "Minutes", Input(placeholder="60", compact=True, id="duration"), required=True
        )
        yield FormField(
            "What changed",
            NoteArea(compact=True, id="what_changed"),
            required=True,
            hint="Since the plan started: work, health, confidence, in their words",
        )

    DEFAULT_CSS = """
    ReviewScreen #distance {
        height: auto;
        margin: 0 1;
        padding: 0 1;
        border: round $primary 50%;
        border-title-color: $primary;
    }
    """

    def cannot_save(self) -> str | None:
        """Only an agreed plan still open can be reviewed."""
        problem = super().cannot_save()
        if problem or self.plan is None:
            return problem
        if self.plan.status is PlanStatus.DRAFT:
            return "The plan is still a draft: agree and start it before a review."
        if self.plan.status is PlanStatus.CLOSED:
            return "This plan is closed: it is kept as it was."
        return None

    def fill(self) -> None:
        """Today's date, in person, and the distance travelled so far."""
        self.query_one("#date", Input).value = uk_short(clock.today())
        self.query_one("#mode", Choices).value = ContactMode.IN_PERSON.value
        self.show_plan()

    def focus_first(self) -> None:
        """Start at the minutes: date and mode are usually right."""
        self.query_one("#duration", Input).focus()

    def show_plan(self) -> None:
        """The week, whether a review is due, the reviews held, and distance travelled."""
        plan = self.plan
        if plan is None:
            return
        due = plan.review_due_week
        self.query_one(TitleBar).set_fact("due", f"review due (week {due})" if due else "", "alert")
        held = ", ".join(f"week {r.week} on {uk_date(r.held_on)}" for r in plan.reviews)
        weeks = ", ".join(str(week) for week in plan.review_weeks) or "none set"
        lines = Text(f"Review weeks: {weeks}. ")
        lines.append(f"Held: {held}." if held else "No review held yet.")
        if not self.taken_today(plan):
            lines.append("\nPress ctrl+t to take the measures again first.", style="bold")
        self.show_context(lines)
        distance = self.query_one("#distance", Static)
        distance.border_title = "Distance travelled"
        distance.update(Group(distance_table(plan.distance)))

    @staticmethod
    def taken_today(plan: PlanView) -> bool:
        """Whether review measures were taken today (they belong to this review)."""
        today = clock.today()
        return any(r.taken_on == today for c in plan.distance for r in c.reviews)

    # Taking the measures -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Measures only for an agreed plan still open."""
        if action == "measures":
            return self.can_save
        return super().check_action(action, parameters)

    def action_measures(self) -> None:
        """Take the measures again (the assessment's measures step, stored as a review)."""
        self.keeper.left_field()  # typing so far is kept while the measures are taken
        self.post_message(StartAssessment(self.participant_id, AssessmentKind.REVIEW))

    def on_screen_resume(self) -> None:
        """Back from the measures: read the plan again, so distance travelled has them."""
        if self.plan is not None:
            self.reread()

    @work(thread=True, exclusive=True, group="reread", exit_on_error=False)
    def reread(self) -> None:
        """Read the plan again off the UI thread."""
        self.post_message(self.PlanRead(self.services.store.plan_view(self.participant_id)))

    def on_review_screen_plan_read(self, message: PlanRead) -> None:
        """Show the distance travelled as it now is."""
        if message.plan is not None:
            self.plan = message.plan
            self.show_plan()

    # Checking and saving -----------------------------------------------------------------------

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """When and how it was held, and what changed."""
        contact = {**values, "purpose": ContactPurpose.REVIEW.value, "notes": ""}
        check = check_contact(contact, clock.now(), booked=False)
        errors = dict(check.errors)
        raw = values.get("what_changed")
        text = clean_note(raw).strip() if isinstance(raw, str) else ""
        if not text:
            errors["what_changed"] = "Say what has changed since the plan started"
        elif len(text) > WHAT_CHANGED_LIMIT:
            errors["what_changed"] = f"Keep this under {WHAT_CHANGED_LIMIT} characters"
        return errors, (check.contact, text)

    def confirm_then_save(self, checked: object) -> None:
        """Without measures taken today, ask before recording the review without them."""
        if self.plan is None or self.taken_today(self.plan):
            super().confirm_then_save(checked)
            return

        ask(
            self,
            "No measures were taken at this review (ctrl+t takes them). "
            "Record the review without them?",
            yes="Record without",
            no="Not yet",
            then=lambda: super(ReviewScreen, self).confirm_then_save(checked),
        )

    def store_change(self, checked: object) -> Saved:
        """Record the review (its measures are linked by the day), then drop the draft."""
        held, what_changed = cast(tuple[ContactDraft | None, str], checked)
        assert self.plan is not None and held is not None
        view = self.services.store.record_review(self.plan.id, held, what_changed)
        self.discard_draft_now()
        week = view.reviews[-1].week if view.reviews else None
        return Saved(f"Review recorded{f' for week {week}' if week else ''}.")
