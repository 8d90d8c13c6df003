"""The details of one adjustment: status, who acts, dates, notes, what the employer may see,
sharing, and links to a plan objective and a referral.

Every problem shows beside its field and nothing typed is lost. "Share with the employer" cannot
be ticked without the participant's consent to employer contact; a note for the employer with
health detail needs the health-detail consent too. The form says which, under the box. What is
typed (notes, the words agreed for the employer) is kept as a draft until saved (`form_draft.py`).
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
from workwell_tui.domain.adjustments.catalogue import Catalogue
from workwell_tui.domain.adjustments.checklist import label_of
from workwell_tui.domain.adjustments.consent import NO_EMPLOYER_CONSENT, share_problem
from workwell_tui.domain.adjustments.details import DetailsCheck, check_details
from workwell_tui.domain.adjustments.records import AdjustmentRecord, ChecklistData
from workwell_tui.domain.dates import uk_short
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus
from workwell_tui.domain.field_labels import CONSENT_LABELS
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values, show_kept_on
from workwell_tui.screens.form_problems import go_to_first_problem, show_problems
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined, user_text

TEXT_FIELDS = ("label", "raised_on", "due_on", "in_place_on", "notes", "employer_note")
SELECT_FIELDS = ("status", "owner", "objective_id", "referral_id")
TICK_FIELDS = ("employer_note_health", "share")
HEALTH_HINT = "Tick when it mentions health: it then needs their health-detail consent to share"


def _date(value: object) -> str:
    return uk_short(value, empty="")  # type: ignore[arg-type]


class AdjustmentDetailsScreen(WorkwellScreen[ChecklistData | None]):
    """Read and change one adjustment; ctrl+s saves, Esc goes back."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    DEFAULT_CSS = """
    AdjustmentDetailsScreen #consents { padding: 0 1; color: $foreground-muted; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="adjustment.save", priority=True),
        Binding("escape", "cancel", "Back", id="adjustment.cancel"),
    ]

    def __init__(self, data: ChecklistData, record: AdjustmentRecord, catalogue: Catalogue) -> None:
        super().__init__()
        self.data = data
        self.record = record
        item = catalogue.item(record.catalogue_key)
        self.free_text = item is not None and item.free_text
        self.item_name = label_of(record, catalogue)
        self.tried = False
        self.saving = False
        self.first_values: dict[str, str | bool | None] = {}
        self.keeper = DraftKeeper(
            self,
            FormKind.ADJUSTMENT,
            str(record.id),
            lambda: dict(self.values()),
            show_kept_on(self),
        )

    def compose(self) -> ComposeResult:
        """The fields, in the order a coach goes through them with the participant."""
        record, data = self.record, self.data
        consents = data.consents
        yield TitleBar(joined(self.item_name, f"{data.last_name}, {data.first_name}"))
        yield Static(self.consent_line(), id="consents")
        with VerticalScroll(id="form"):
            if self.free_text:
                yield FormField(
                    "Name", Input(record.label, compact=True, id="label"), required=True
                )
            yield FormField(
                "Status",
                Select(
                    [(s.label, s.value) for s in AdjustmentStatus],
                    value=record.status,
                    allow_blank=False,
                    compact=True,
                    id="status",
                ),
            )
            yield FormField(
                "Who acts",
                Select(
                    [(o.label, o.value) for o in AdjustmentOwner],
                    value=record.owner,
                    allow_blank=False,
                    compact=True,
                    id="owner",
                ),
            )
            for name, label in (
                ("raised_on", "Raised"),
                ("due_on", "Due"),
                ("in_place_on", "In place"),
            ):
                value = _date(getattr(record, name))
                yield FormField(
                    label, Input(value, placeholder="dd/mm/yyyy", compact=True, id=name)
                )
            yield FormField(
                "Notes",
                Input(record.notes, compact=True, id="notes"),
                hint="For you and the participant: never in an employer copy",
            )
            yield FormField(
                "For employer",
                Input(record.employer_note, compact=True, id="employer_note"),
                hint="What the employer may read, when shared",
            )
            yield FormField(
                "Health detail",
                TickBox(
                    "The note for the employer mentions their health",
                    record.employer_note_health,
                    compact=True,
                    id="employer_note_health",
                ),
                hint=HEALTH_HINT,
            )
            share_box = TickBox(
                "Share with the employer", record.employer_shareable, compact=True, id="share"
            )
            # Without consent the box cannot be ticked; unticking is always allowed.
            share_box.disabled = not consents.contact_employer and not record.employer_shareable
            yield FormField(
                "Share", share_box, hint="" if consents.contact_employer else NO_EMPLOYER_CONSENT
            )
            yield FormField(
                "Objective",
                Select(
                    [(user_text(o.text), str(o.id)) for o in data.objectives],
                    value=str(record.objective_id) if record.objective_id else Select.NULL,
                    prompt="Not linked" if data.objectives else "No plan objectives yet",
                    compact=True,
                    id="objective_id",
                ),
            )
            yield FormField(
                "Referral",
                Select(
                    [(user_text(r.text), str(r.id)) for r in data.referrals],
                    value=str(record.referral_id) if record.referral_id else Select.NULL,
                    prompt="Not linked" if data.referrals else "No referrals yet",
                    compact=True,
                    id="referral_id",
                ),
                hint="Such as their Access to Work application",
            )
        yield Footer(compact=True)

    def consent_line(self) -> str:
        """The participant's two consents, spelt out."""
        consents = self.data.consents
        employer = "consented" if consents.contact_employer else "NOT consented"
        health = "consented" if consents.share_health else "NOT consented"
        contact_label = CONSENT_LABELS["consent_contact_employer"]
        health_label = CONSENT_LABELS["consent_share_health_with_employer"]
        return f"{contact_label}: {employer}.  {health_label}: {health}."

    def on_mount(self) -> None:
        """Start in the first field; remember the values to know if anything changed."""
        self.first_values = self.values()
        self.query_one("#label" if self.free_text else "#status").focus()
        self.keeper.defaults = dict(self.first_values)
        self.keeper.offer(self.restore, "these adjustment details")

    def restore(self, values: Mapping[str, object]) -> None:
        """Put a kept draft back into the fields."""
        restore_values((field.control for field in self.query(FormField)), values)

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        """Leaving a field writes the draft at once."""
        self.keeper.left_field()

    def values(self) -> dict[str, str | bool | None]:
        """Everything in the form, as it stands."""
        values: dict[str, str | bool | None] = {
            name: self.query_one(f"#{name}", Input).value
            for name in TEXT_FIELDS
            if name != "label" or self.free_text
        }
        for name in SELECT_FIELDS:
            choice = self.query_one(f"#{name}", Select).value
            values[name] = choice if isinstance(choice, str) else None
        for name in TICK_FIELDS:
            values[name] = self.query_one(f"#{name}", Checkbox).value
        return values

    def check(self) -> DetailsCheck:
        """Check the form and put each message beside its field."""
        result = check_details(
            self.values(), self.data.consents, clock.today(), free_text=self.free_text
        )
        show_problems(self, result.errors, "problems")
        return result

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        self.keeper.changed()
        if self.tried:
            self.check()
        elif event.control.id in ("share", "employer_note_health"):
            # Say at once why sharing is not allowed, before they save.
            values = self.values()
            problem = (
                share_problem(
                    self.data.consents, note_has_health=bool(values["employer_note_health"])
                )
                if values["share"]
                else None
            )
            self.query_one("#field-share", FormField).set_message(problem)

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
            go_to_first_problem(self)
            return
        self.saving = True
        self.save(result)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, result: DetailsCheck) -> None:
        """Store the details off the UI thread, then drop the draft; a failure keeps
        everything typed (and the draft)."""
        assert result.draft is not None
        store = self.services.store
        with self.keeper.saving():
            data = store.save_adjustment(self.record.id, result.draft, self.record.version)
            store.discard_form_draft(self.keeper.form, self.keeper.record_key)
        self.post_message(self.Saved(data))

    @dataclass
    class Saved(Message):
        """The details are stored; `data` is the checklist as it now is."""

        data: ChecklistData

    def on_adjustment_details_screen_saved(self, message: Saved) -> None:
        """Stored: back to the checklist, which shows what was stored."""
        self.notify("Saved", timeout=2)
        self.dismiss(message.data)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not saved (the message is shown): the form stays, with everything typed."""
        if worker.group == "save":
            self.saving = False

    def action_cancel(self) -> None:
        """Back to the checklist; ask first when something was changed and not saved."""
        leave_asking(
            self,
            changed=self.values() != self.first_values,
            question="Go back without saving? Your changes here will be lost.",
            yes="Discard changes",
            no="Keep editing",
            leave=lambda thrown: self.keeper.leave(lambda: self.dismiss(None), thrown_away=thrown),
        )
