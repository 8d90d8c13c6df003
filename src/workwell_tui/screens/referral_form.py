"""New referral: the form a coach fills in when someone is referred or refers themselves.

Every message shows beside its field; a refused form keeps everything typed. Under-16s are not
silently turned away: the coach can record them as not eligible, with a signpost.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Footer, Input, Select
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.age import age_on
from workwell_tui.domain.dates import parse_uk_date, uk_short
from workwell_tui.domain.enums import ReferralSource, WorkSituation
from workwell_tui.domain.field_labels import KEEP_DETAILS, field_label
from workwell_tui.domain.form_drafts import NEW_RECORD, FormKind
from workwell_tui.domain.records import ParticipantRecord
from workwell_tui.domain.referral import MINIMUM_AGE, ReferralCheck, check_referral
from workwell_tui.domain.words import plural
from workwell_tui.errors import NotSaved, in_coach_words
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.confirm import leave_asking
from workwell_tui.screens.form_draft import DraftKeeper, restore_values
from workwell_tui.screens.form_problems import field_name, go_to_first_problem
from workwell_tui.screens.navigation import OpenParticipant
from workwell_tui.styles import style
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "postcode",
    "referral_date",
    "employer_name",
)
SELECT_FIELDS = ("district", "referral_source", "work_situation")


class ReferralFormScreen(WorkwellScreen[None]):
    """Add a participant from a referral."""

    CSS_PATH = style("form.tcss")
    DEFAULT_CLASSES = "form-screen"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="referral.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="referral.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tried = False
        self.saving = False
        # What is typed is kept in the database as a draft until saved (a crash loses none).
        self.keeper = DraftKeeper(self, FormKind.REFERRAL, NEW_RECORD, lambda: dict(self.values()))

    def compose(self) -> ComposeResult:
        """The form, in the order a referral is usually read out."""
        settings = self.services.settings
        yield TitleBar("New referral")
        with VerticalScroll(id="form"):
            label = field_label
            yield FormField(
                label("first_name"), Input(compact=True, id="first_name"), required=True
            )
            yield FormField(label("last_name"), Input(compact=True, id="last_name"), required=True)
            yield FormField(label("preferred_name"), Input(compact=True, id="preferred_name"))
            yield FormField(
                label("date_of_birth"),
                Input(placeholder="dd/mm/yyyy", compact=True, id="date_of_birth"),
                required=True,
            )
            yield FormField(
                label("phone"), Input(placeholder="07700 900123", compact=True, id="phone")
            )
            yield FormField(label("email"), Input(compact=True, id="email"))
            yield FormField(
                label("postcode"), Input(placeholder="PR1 2AB", compact=True, id="postcode")
            )
            # Where WorkWell is delivered for them, not where they live.
            yield FormField(
                label("district"),
                Select(
                    [(d, d) for d in settings.districts],
                    prompt="Choose…",
                    compact=True,
                    id="district",
                ),
                required=True,
                hint="The delivery district that will support them",
            )
            yield FormField(
                label("referral_source"),
                Select(
                    [(s.label, s.value) for s in ReferralSource],
                    prompt="Choose…",
                    compact=True,
                    id="referral_source",
                ),
                required=True,
            )
            yield FormField(
                label("referral_date"),
                Input(
                    uk_short(clock.today()),
                    placeholder="dd/mm/yyyy",
                    compact=True,
                    id="referral_date",
                ),
            )
            yield FormField(
                label("work_situation"),
                Select(
                    [(w.label, w.value) for w in WorkSituation],
                    prompt="Choose…",
                    compact=True,
                    id="work_situation",
                ),
                required=True,
            )
            yield FormField(label("employer_name"), Input(compact=True, id="employer_name"))
            yield FormField(
                "Consent",
                # Keeping details rests on the privacy notice (an area setting), not on a
                # blanket consent; taking part itself is voluntary.
                TickBox(label(KEEP_DETAILS), compact=True, id=KEEP_DETAILS),
                required=True,
                hint=f"Taking part is voluntary. {settings.privacy_notice}",
            )
            # Last, out of the typing path: a Tab after the date of birth must not land on
            # it, or the space in a phone number typed next would tick it.
            yield FormField(
                "Under 16",
                TickBox("Record as not eligible and signpost", compact=True, id="record_under_16"),
                hint="WorkWell is for people aged 16 and over.",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """The under-16 choice only appears when it applies."""
        self.query_one("#field-record_under_16").display = False
        self.query_one("#first_name", Input).focus()
        self.keeper.defaults = dict(self.values())
        self.keeper.offer(lambda kept: restore_values(self.query("#form *"), kept), "a referral")

    def values(self) -> dict[str, str | bool | None]:
        """Everything typed, as it stands."""
        values: dict[str, str | bool | None] = {
            name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS
        }
        for name in SELECT_FIELDS:
            choice = self.query_one(f"#{name}", Select).value
            values[name] = choice if isinstance(choice, str) else None
        values["consent_processing"] = self.query_one("#consent_processing", Checkbox).value
        return values

    def check(self) -> ReferralCheck:
        """Check the form and put each message beside its field."""
        record_under_16 = self.query_one("#record_under_16", Checkbox).value
        result = check_referral(
            self.values(), clock.today(), self.services.settings.districts, record_under_16
        )
        self.query_one("#field-record_under_16").display = result.under_16
        count = len(result.errors)
        self.query_one(TitleBar).set_fact(
            "legend",
            f"{plural(count, 'thing')} to put right" if count else "* needed",
            "alert" if count else "quiet",
        )
        for field in self.query(FormField):
            name = field_name(field)
            field.set_message(result.errors.get(name), self._hint(name))
        return result

    def _hint(self, name: str) -> str | None:
        if name != "date_of_birth":
            return None
        try:
            born = parse_uk_date(self.query_one("#date_of_birth", Input).value)
        except ValueError:
            return ""
        age = age_on(born, clock.today())
        if born > clock.today():
            return ""
        if age < MINIMUM_AGE:
            return f"Aged {age}: under 16 (the box at the end records them as not eligible)"
        return f"Aged {age}"

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        self.keeper.changed()
        if self.tried:
            self.check()
        elif event.control.id == "date_of_birth":
            field = self.query_one("#field-date_of_birth", FormField)
            field.set_message(None, self._hint("date_of_birth"))
            self._reveal_under_16()

    def _reveal_under_16(self) -> None:
        try:
            born = parse_uk_date(self.query_one("#date_of_birth", Input).value)
        except ValueError:
            return
        under = age_on(born, clock.today()) < MINIMUM_AGE and born <= clock.today()
        self.query_one("#field-record_under_16").display = under

    def on_descendant_blur(self) -> None:
        """Leaving a field keeps the draft at once."""
        self.keeper.left_field()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_save(self) -> None:
        """Check, and save when everything is right; otherwise go to the first problem."""
        if self.saving:
            return
        self.tried = True
        result = self.check()
        if result.referral is None:
            go_to_first_problem(self)
            return
        self.saving = True
        self.save(result)

    @dataclass
    class Saved(Message):
        """The referral is stored."""

        participant: ParticipantRecord

    @work(thread=True, exclusive=True, exit_on_error=False)
    def save(self, result: ReferralCheck) -> None:
        """Store the referral off the UI thread; a failure keeps everything typed."""
        assert result.referral is not None
        with in_coach_words(NotSaved), self.keeper.saving():
            participant = self.services.store.add_referral(result.referral)
            self.services.store.discard_form_draft(FormKind.REFERRAL, NEW_RECORD)
        self.post_message(self.Saved(participant))

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not saved (the message is shown): the form stays, with everything typed."""
        self.saving = False

    def on_referral_form_screen_saved(self, message: Saved) -> None:
        """Stored: say so, and open the new participant's record."""
        participant = message.participant
        self.notify(f"Added {participant.reference}", timeout=3, markup=False)
        self.dismiss()
        self.post_message(OpenParticipant(str(participant.id)))

    def action_cancel(self) -> None:
        """Leave; ask first when anything has been typed."""
        typed = any(
            value not in (None, "", False)
            for key, value in self.values().items()
            if key != "referral_date"
        )
        leave_asking(
            self,
            changed=typed,
            question="Discard this referral? What you typed will be lost.",
            yes="Discard",
            no="Keep typing",
            leave=self.leave,
        )

    def leave(self, thrown_away: bool) -> None:
        """Close the form; typing thrown away goes from the database first."""
        if thrown_away:
            self.keeper.closed = True
            self.keeper.discard(then=self.dismiss)
        else:
            self.dismiss()
