"""The fit note: who issued it, when, its "may be fit for work" advice, comments and review date.

The comments describe the functional effects of the condition: health detail, kept for the coach
and participant and never put in an employer copy by this screen. What is typed is kept as a
draft (see `form_draft`) until it is saved or thrown away, and offered back when the form opens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Footer, Input, Select, Static
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.adjustments.details import (
    FIT_NOTE_ADVICE,
    FIT_NOTE_ISSUERS,
    FitNoteCheck,
    check_fit_note,
)
from workwell_tui.domain.adjustments.records import ChecklistData
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values, show_kept_on
from workwell_tui.screens.form_problems import show_problems
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

ISSUER_HINT = "GPs, nurses, occupational therapists, pharmacists or physiotherapists issue them"


class FitNoteScreen(WorkwellScreen[ChecklistData | None]):
    """Record or change the participant's fit note; ctrl+s saves, Esc goes back."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    FitNoteScreen #fit-note-about { padding: 0 1; color: $foreground-muted; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="fit-note.save", priority=True),
        Binding("escape", "cancel", "Back", id="fit-note.cancel"),
    ]

    @dataclass
    class Saved(Message):
        """The fit note is stored; `data` is the checklist as it now is."""

        data: ChecklistData

    def __init__(self, data: ChecklistData) -> None:
        super().__init__()
        self.data = data
        self.tried = False
        self.saving = False
        self.first_values: tuple[object, ...] = ()
        self.keeper = DraftKeeper(
            self, FormKind.FIT_NOTE, str(data.participant_id), self.draft_values, show_kept_on(self)
        )

    def compose(self) -> ComposeResult:
        """Issuer, dates, the four advice boxes and the comments."""
        note = self.data.fit_note
        yield TitleBar(joined("Fit note", f"{self.data.last_name}, {self.data.first_name}"))
        yield Static(
            "'May be fit for work taking account of the following advice': tick what it says.",
            id="fit-note-about",
        )
        with VerticalScroll(id="form"):
            yield FormField(
                "Issued by",
                Select(
                    list((label, key) for key, label in FIT_NOTE_ISSUERS),
                    value=note.issued_by if note else "gp",
                    allow_blank=False,
                    compact=True,
                    id="issued_by",
                ),
                hint=ISSUER_HINT,
            )
            yield FormField(
                "Issued on",
                Input(
                    uk_short(note.issued_on if note else None, empty=""),
                    placeholder="dd/mm/yyyy",
                    compact=True,
                    id="issued_on",
                ),
            )
            yield FormField(
                "Review date",
                Input(
                    uk_short(note.review_on if note else None, empty=""),
                    placeholder="dd/mm/yyyy",
                    compact=True,
                    id="review_on",
                ),
                hint="The end or review date on the note",
            )
            for key, label in FIT_NOTE_ADVICE:
                ticked = note is not None and key in note.advice
                yield FormField(
                    "Advice" if key == FIT_NOTE_ADVICE[0][0] else "",
                    TickBox(label, ticked, compact=True, id=f"advice-{key}"),
                )
            yield FormField(
                "Comments",
                Input(note.comments if note else "", compact=True, id="comments"),
                hint="Functional effects, as the note puts them: health detail, not shared",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start at the issuer; remember the values to know if anything changed."""
        self.first_values = self.snapshot()
        self.query_one("#issued_by").focus()
        self.keeper.defaults = self.draft_values()
        self.keeper.offer(self.restore, "this fit note")

    def draft_values(self) -> dict[str, object]:
        """Everything in the form, by control id, as a draft keeps it."""
        values: dict[str, object] = dict(self.values())
        for key, _ in FIT_NOTE_ADVICE:
            values[f"advice-{key}"] = self.query_one(f"#advice-{key}", Checkbox).value
        return values

    def restore(self, values: Mapping[str, object]) -> None:
        """Put a kept draft back into the fields."""
        restore_values((field.control for field in self.query(FormField)), values)

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving a field writes the draft at once."""
        self.keeper.left_field()

    def values(self) -> dict[str, str | bool | None]:
        """The text and choice fields."""
        issuer = self.query_one("#issued_by", Select).value
        values: dict[str, str | bool | None] = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("issued_on", "review_on", "comments")
        }
        values["issued_by"] = issuer if isinstance(issuer, str) else None
        return values

    def advice(self) -> tuple[str, ...]:
        """The advice boxes ticked."""
        return tuple(
            key for key, _ in FIT_NOTE_ADVICE if self.query_one(f"#advice-{key}", Checkbox).value
        )

    def snapshot(self) -> tuple[object, ...]:
        """Everything in the form, to compare."""
        return (tuple(sorted(self.values().items())), self.advice())

    def check(self) -> FitNoteCheck:
        """Check the form and put each message beside its field."""
        result = check_fit_note(self.values(), self.advice(), clock.today())
        show_problems(self, result.errors, "problems")
        return result

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.keeper.changed()
        if self.tried:
            self.check()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        """Check, and save when everything is right; otherwise go to the first problem."""
        if self.saving:
            return
        self.tried = True
        result = self.check()
        if result.draft is None:
            first = next((f for f in self.query(FormField) if f.has_class("-invalid")), None)
            if first is not None:
                first.control.focus()
            return
        self.saving = True
        self.save(result)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, result: FitNoteCheck) -> None:
        """Store the fit note off the UI thread, then drop the draft; a failure keeps
        everything typed (and the draft)."""
        assert result.draft is not None
        note = self.data.fit_note
        store = self.services.store
        with self.keeper.saving():
            data = store.save_fit_note(
                self.data.participant_id, result.draft, note.version if note else None
            )
            store.discard_form_draft(self.keeper.form, self.keeper.record_key)
        self.post_message(self.Saved(data))

    def on_fit_note_screen_saved(self, message: Saved) -> None:
        """Stored: back to the checklist."""
        self.notify("Fit note saved", timeout=2)
        self.dismiss(message.data)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not saved (the message is shown): the form stays, with everything typed."""
        if worker.group == "save":
            self.saving = False

    def action_cancel(self) -> None:
        """Back; ask first when something was changed and not saved."""
        leave_asking(
            self,
            changed=self.snapshot() != self.first_values,
            question="Go back without saving the fit note? Your changes here will be lost.",
            yes="Discard changes",
            no="Keep editing",
            leave=lambda thrown: self.keeper.leave(lambda: self.dismiss(None), thrown_away=thrown),
        )
