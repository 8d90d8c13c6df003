"""The small forms of the plan screen (an objective, a progress note, agree and start): one way
to check, show each message beside its field, and save.

A form checks with the rules in `domain/plan`; a refused form keeps everything typed with the
message beside the field. A good one saves itself in a worker (one Store call) and closes with
the plan as stored, so the plan screen redraws from what is in the database. A save the database
refuses leaves the form open, as typed, with the reason shown.

An objective or a progress note can be long, typed while talking: given a draft key, the form
keeps what is typed as a draft (see `form_draft.py`) from the first key, offers it back when the
same form is opened again after a crash, and deletes it when saved or thrown away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import Worker

from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.errors import NotSaved, coach_words, in_coach_words
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values, show_kept_on
from workwell_tui.screens.form_problems import show_problems
from workwell_tui.styles import style
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from workwell_tui.db.store import Store

Save = Callable[["Store"], PlanView]

__all__ = ["NotSaved", "PlanForm", "Save"]


class PlanForm(WorkwellScreen[PlanView | None]):
    """A form over the plan: fields from `fields()`, rules from `check()`."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    PlanForm .form-field Choices {
        width: 1fr;
        height: auto;
    }
    PlanForm .form-field Choices:focus {
        background: $primary 15%;
    }
    PlanForm #form-problem {
        color: $error;
        text-style: bold;
        padding: 0 1;
        height: auto;
    }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="plan_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="plan_form.cancel"),
    ]

    @dataclass
    class Saved(Message):
        """The change is stored; here is the plan as it now is."""

        view: PlanView

    def __init__(
        self, title: str, draft: tuple[FormKind, str] | None = None, what: str = "this form"
    ) -> None:
        super().__init__()
        self.heading = title
        self.saving = False
        self.tried = False
        self.first_values: dict[str, object] = {}
        self.what = what
        """How the resume question names the typing: "You were typing {what} at 14:05…"."""
        self.keeper = (
            DraftKeeper(self, draft[0], draft[1], self.values, show_kept_on(self))
            if draft
            else None
        )

    def fields(self) -> Iterable[Widget]:
        """The form's fields, in order (FormFields whose controls have ids)."""
        raise NotImplementedError

    def check(self, values: Mapping[str, object]) -> tuple[dict[str, str], Save | None]:
        """Messages by field name, or how to save what was typed."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        """Title, the fields, a line for a refused save, the keys."""
        yield TitleBar(self.heading)
        with VerticalScroll(id="form"):
            yield from self.fields()
            problem = Static("", id="form-problem", markup=False)
            problem.display = False
            yield problem
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Remember what was there (to know whether leaving loses anything); focus the first."""
        self.first_values = self.values()
        first = self.first_field()
        if first is not None:
            first.focus()
        if self.keeper is not None:
            self.keeper.defaults = self.first_values
            self.keeper.offer(self.restore, self.what)

    def restore(self, values: Mapping[str, object]) -> None:
        """Put a kept draft back into the fields."""
        restore_values((field.control for field in self.query(FormField)), values)

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving a field writes the draft at once."""
        if self.keeper is not None:
            self.keeper.left_field()

    def first_field(self) -> Widget | None:
        """Where typing starts: the first field's control."""
        first = next(iter(self.query(FormField)), None)
        return first.control if first is not None else None

    def values(self) -> dict[str, object]:
        """What every field holds now, by the control's id."""
        found: dict[str, object] = {}
        for field in self.query(FormField):
            control = field.control
            if isinstance(control, Input | Choices):
                found[control.id or ""] = control.value
        return found

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message beside its field; a count of what to put right in the title."""
        show_problems(self, errors)

    @on(Input.Changed)
    @on(Choices.Changed)
    def _recheck(self) -> None:
        if self.keeper is not None:
            self.keeper.changed()
        if self.tried:
            self.show_errors(self.check(self.values())[0])

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Check; save when right, else go to the first field to put right."""
        if self.saving:
            return
        self.tried = True
        errors, save = self.check(self.values())
        self.show_errors(errors)
        if save is None:
            first = next((f for f in self.query(FormField) if f.has_class("-invalid")), None)
            if first is not None:
                first.control.focus()
            return
        self.saving = True
        self.query_one(TitleBar).set_fact("legend", "saving…", "quiet")
        self.store_change(save)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def store_change(self, save: Save) -> None:
        """One Store call off the UI thread, then the draft goes; a failure keeps everything
        typed (and the draft)."""
        keeper, store = self.keeper, self.services.store
        with keeper.saving() if keeper is not None else nullcontext(), in_coach_words(NotSaved):
            view = save(store)
            if keeper is not None:
                store.discard_form_draft(keeper.form, keeper.record_key)
        self.post_message(self.Saved(view))

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not saved: say why here too, and keep the form as typed. (A draft not kept is
        said by the App; the form is untouched.)"""
        if worker.group != "save":
            return
        self.saving = False
        self.query_one(TitleBar).set_fact("legend", "not saved", "alert")
        problem = self.query_one("#form-problem", Static)
        problem.update(coach_words(worker.error))
        problem.display = True

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.dismiss(message.view)

    def action_cancel(self) -> None:
        """Leave; ask first when something typed would be lost."""
        leave_asking(
            self,
            changed=self.values() != self.first_values,
            question="Leave without saving? What you typed here will be lost.",
            yes="Leave",
            no="Keep typing",
            leave=lambda thrown: self.leave(discard=thrown),
        )

    def leave(self, *, discard: bool) -> None:
        """Close without saving (a draft thrown away, or of typing taken back, goes first)."""
        if self.keeper is None:
            self.dismiss(None)
        else:
            self.keeper.leave(lambda: self.dismiss(None), thrown_away=discard)
