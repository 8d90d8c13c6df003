"""The shape every form about one participant shares: read, fill, check, save, keep a draft.

A form (log a contact, a review, closure, extension, a safeguarding follow-up, editing details)
reads the participant and their plan in a worker, fills its fields, and offers back any draft
kept from before. Every change is kept as a draft (see `form_draft.py`); ctrl+s checks the
values with the form's own rule from `domain/` and puts each message beside its field with what
was typed left as it was; a good form is saved in a worker, in one unit of work. Esc asks
before throwing typing away.

Subclasses give `FORM`, `HEADING`, `WHAT`, `fields()`, `check_values()` and `store_change()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Select, Static, TextArea
from textual.worker import Worker

from workwell_tui.domain.form_drafts import FormKind, has_typing
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.domain.records import ParticipantRecord
from workwell_tui.errors import NotSaved, in_coach_words
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values, show_kept_on
from workwell_tui.screens.form_problems import (
    count_problems,
    field_name,
    go_to_first_problem,
    show_messages,
)
from workwell_tui.screens.navigation import CaseloadStale
from workwell_tui.styles import style
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.db.store import Store

__all__ = ["NotSaved", "RecordFormScreen", "Saved"]

Values = dict[str, object]


@dataclass
class Saved:
    """What a form's save did: what to tell the coach, and where to go next (if anywhere)."""

    note: str
    then: Message | None = None


class RecordFormScreen(WorkwellScreen[None]):
    """A form about one participant (and their plan)."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    RecordFormScreen #context {
        height: auto;
        padding: 0 1 1 1;
    }
    RecordFormScreen #form-message {
        height: auto;
        padding: 0 1;
        color: $error;
        text-style: bold;
    }
    RecordFormScreen .form-field TextArea {
        width: 48;
        height: 4;
        background: $panel;
    }
    RecordFormScreen .form-field TextArea:focus {
        background: $primary 30%;
    }
    RecordFormScreen .form-field Choices {
        width: 1fr;
        max-width: 60;
        height: auto;
    }
    RecordFormScreen .form-field Choices:focus {
        background: $primary 15%;
    }
    RecordFormScreen .section {
        padding: 1 0 0 1;
        text-style: bold;
        color: $primary;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="record-form.save", priority=True),
        Binding("escape", "cancel", "Back", id="record-form.cancel"),
    ]

    FORM: ClassVar[FormKind]
    HEADING: ClassVar[str] = ""
    WHAT: ClassVar[str] = "this form"
    """How the resume question names the typing: "You were typing {WHAT} at 14:05…"."""
    NEEDS_PLAN: ClassVar[bool] = False

    @dataclass
    class Loaded(Message):
        """The participant and their plan were read."""

        person: ParticipantRecord | None
        plan: PlanView | None

    @dataclass
    class Done(Message):
        """The form was saved."""

        saved: Saved

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.person: ParticipantRecord | None = None
        self.plan: PlanView | None = None
        self.tried = False
        self.saving = False
        self.can_save = False
        """True once the record is read and this form applies to it."""
        self.keeper = DraftKeeper(self, self.FORM, participant_id, self.values, show_kept_on(self))

    # Layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title, what the form is about, the fields, the footer."""
        yield TitleBar(self.HEADING)
        with VerticalScroll(id="form"):
            yield Static("Reading…", id="context", markup=False)
            yield Static("", id="form-message", markup=False)
            yield from self.fields()
        yield Footer(compact=True)

    def fields(self) -> ComposeResult:
        """The form's own fields, each in a `FormField`."""
        yield from ()

    # Reading -----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Read the participant and plan; the fields wait until then."""
        self.query_one("#form-message").display = False
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the participant and their plan off the UI thread."""
        store = self.services.store
        person = store.participant(self.participant_id)
        plan = store.plan_view(self.participant_id) if person is not None else None
        if person is not None:
            self.read_more(store)
        self.post_message(self.Loaded(person, plan))

    def read_more(self, store: Store) -> None:
        """Anything else the form needs, read in the same worker (before `Loaded`)."""

    def on_record_form_screen_loaded(self, message: Loaded) -> None:
        """Fill the form from the record, then offer back any draft."""
        self.person, self.plan = message.person, message.plan
        title_bar = self.query_one(TitleBar)
        if self.person is None:
            self.show_context("This participant is no longer here.")
            return
        title_bar.title = joined(
            f"{self.HEADING}: {self.person.first_name} {self.person.last_name}",
            self.person.reference,
        )
        if self.plan is not None:
            title_bar.set_fact("week", self.plan.week_text)
        problem = self.cannot_save()
        self.can_save = problem is None
        self.fill()
        self.refresh_bindings()
        if problem is not None:
            self.show_form_message(problem)
            return
        self.keeper.defaults = self.values()
        self.keeper.offer(self.restore, self.WHAT)
        self.focus_first()

    def cannot_save(self) -> str | None:
        """Why this form does not apply to the record as it is (None when it does)."""
        if self.NEEDS_PLAN and self.plan is None:
            return "There is no plan yet: the plan is made by the assessment."
        return None

    def fill(self) -> None:
        """Put the record's values and the defaults into the fields."""

    def focus_first(self) -> None:
        """Put the cursor in the first field."""
        for widget in self.query("#form .form-field").results(FormField):
            if widget.display and widget.control.focusable:
                widget.control.focus()
                return

    def show_context(self, text: object) -> None:
        """The lines above the fields that say what the form is about."""
        self.query_one("#context", Static).update(text)  # type: ignore[arg-type]

    def show_form_message(self, text: str) -> None:
        """A message about the whole form (not one field), shown above the fields."""
        message = self.query_one("#form-message", Static)
        message.update(text)
        message.display = bool(text)

    def worker_failed(self, worker: Worker[object]) -> None:
        """A failed save keeps everything typed; a failed read says so."""
        if worker.group == "save":
            self.saving = False
        elif worker.group == "load":
            self.show_context("Could not read this record.")

    # Values, drafts and checks -----------------------------------------------------------------

    def controls(self) -> list[Widget]:
        """Every control of the form that holds a value, in order."""
        return [field.control for field in self.query("#form .form-field").results(FormField)]

    def values(self) -> Values:
        """What every field holds now, by its id."""
        values: Values = {}
        for control in self.controls():
            if not control.id:
                continue
            if isinstance(control, Input):
                values[control.id] = control.value
            elif isinstance(control, TextArea):
                values[control.id] = control.text
            elif isinstance(control, Checkbox | Choices):
                values[control.id] = control.value
            elif isinstance(control, Select):
                choice = control.value
                values[control.id] = choice if isinstance(choice, str) else None
        return values

    def restore(self, values: Mapping[str, object]) -> None:
        """Put kept values back into the fields."""
        restore_values(self.controls(), values)
        if self.tried:
            self.check()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(Choices.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if not self.can_save:
            return
        self.keeper.changed()
        if self.tried:
            self.check()
        self.changed()

    def changed(self) -> None:
        """A field changed (after the draft was noted): subclasses show or hide fields."""

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving a field writes the draft at once."""
        self.keeper.left_field()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """The form's rule: errors by field id, or what to save."""
        raise NotImplementedError

    def check(self) -> object | None:
        """Check the form and put each message beside its field; what to save, or None."""
        errors, checked = self.check_values(self.values())
        fields = {
            field_name(field): field
            for field in self.query("#form .form-field").results(FormField)
            if field.id
        }
        show_messages(fields.values(), errors)
        elsewhere = [message for name, message in errors.items() if name not in fields]
        self.show_form_message(" ".join(elsewhere))
        count_problems(self, len(errors))
        return None if errors else checked

    # Saving and leaving ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Save only where the form applies."""
        if action == "save":
            return self.can_save
        return True

    def action_save(self) -> None:
        """Check, and save when everything is right; otherwise go to the first problem."""
        if self.saving or not self.can_save:
            return
        self.tried = True
        checked = self.check()
        if checked is None:
            go_to_first_problem(self)
            return
        self.confirm_then_save(checked)

    def confirm_then_save(self, checked: object) -> None:
        """Save (a form may ask something first)."""
        self.saving = True
        self.save(checked)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, checked: object) -> None:
        """Store the form off the UI thread, deleting its draft; a failure keeps everything."""
        with self.keeper.saving(), in_coach_words(NotSaved):
            saved = self.store_change(checked)
        self.post_message(self.Done(saved))

    def store_change(self, checked: object) -> Saved:
        """Save `checked` through the Store and delete the draft (worker thread)."""
        raise NotImplementedError

    def discard_draft_now(self) -> None:
        """Delete this form's draft (worker thread, inside `store_change`)."""
        self.services.store.discard_form_draft(self.FORM, self.participant_id)

    def on_record_form_screen_done(self, message: Done) -> None:
        """Saved: say so, refresh the caseload, and go back (or on)."""
        self.notify(message.saved.note, timeout=4, markup=False)
        self.post_message(CaseloadStale())
        then = message.saved.then
        self.dismiss()
        if then is not None:
            self.app.post_message(then)

    def action_cancel(self) -> None:
        """Go back; when something was typed, ask first (a yes throws the draft away)."""
        leave_asking(
            self,
            changed=self.can_save and has_typing(self.values(), self.keeper.defaults),
            question=f"Throw away what you typed in {self.WHAT}?",
            yes="Throw away",
            no="Keep typing",
            leave=self.leave,
        )

    def leave(self, thrown_away: bool) -> None:
        """Close the form, keeping no more drafts; typing thrown away goes first."""
        self.keeper.closed = True
        if thrown_away:
            self.keeper.discard(then=self.dismiss)
        else:
            self.dismiss()
