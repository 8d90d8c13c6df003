"""Editing a participant's details and consents.

The same checks as the referral form, with each message beside its field and everything typed
kept. A consent given or taken back is dated and audited by name (never with anything the
person said). Taking back the consent to keep their details means WorkWell can no longer work
with them: the form asks first, saves, and then opens closure. What is typed is kept as a
draft until it is saved, so a crash loses none of it.
"""

from __future__ import annotations

from contextlib import suppress

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date, uk_short
from workwell_tui.domain.enums import WorkSituation
from workwell_tui.domain.field_labels import field_label
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.participant_details import (
    CONSENTS,
    KEEP_DETAILS,
    ParticipantDetails,
    check_details,
)
from workwell_tui.screens.confirm import ask
from workwell_tui.screens.navigation import ClosePlan
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.tick_box import TickBox

TEXT_FIELDS = (
    ("first_name", True, ""),
    ("last_name", True, ""),
    ("preferred_name", False, ""),
    ("date_of_birth", True, "dd/mm/yyyy"),
    ("phone", False, "07700 900123"),
    ("email", False, ""),
    ("address", False, ""),
    ("postcode", False, "PR1 2AB"),
)


def consent_hint(given: bool, on: object) -> str:
    """ "Given 12 Nov 2026", "Withdrawn 20 Nov 2026" or "Not given"."""
    if on is None:
        return "Given" if given else "Not given"
    return f"{'Given' if given else 'Withdrawn'} {uk_date(on)}"  # type: ignore[arg-type]


class ParticipantEditScreen(RecordFormScreen):
    """Edit one participant's details and consents."""

    FORM = FormKind.PARTICIPANT_DETAILS
    HEADING = "Edit details"
    WHAT = "these details"

    def fields(self) -> ComposeResult:
        """Details in the referral form's order, then the consents."""
        settings = self.services.settings
        for name, required, placeholder in TEXT_FIELDS:
            yield FormField(
                field_label(name),
                Input(placeholder=placeholder, compact=True, id=name),
                required=required,
            )
        yield FormField(
            field_label("district"),
            Select(
                [(d, d) for d in settings.districts], prompt="Choose…", compact=True, id="district"
            ),
            required=True,
        )
        yield FormField(
            field_label("work_situation"),
            Select(
                [(w.label, w.value) for w in WorkSituation],
                prompt="Choose…",
                compact=True,
                id="work_situation",
            ),
            required=True,
        )
        yield FormField(field_label("employer_name"), Input(compact=True, id="employer_name"))
        yield Static("Consents (dated and recorded when changed)", classes="section")
        for name, label in CONSENTS.items():
            yield FormField("", TickBox(label, compact=True, id=name))

    def fill(self) -> None:
        """The record as stored."""
        person = self.person
        if person is None:
            return
        for name, *_ in TEXT_FIELDS:
            value = getattr(person, name)
            text = uk_short(value) if name == "date_of_birth" else (value or "")
            self.query_one(f"#{name}", Input).value = text
        self.query_one("#employer_name", Input).value = person.employer_name
        district = self.query_one("#district", Select)
        if person.district and person.district not in self.services.settings.districts:
            # A district no longer in the settings is kept, not silently changed.
            district.set_options(
                [(d, d) for d in (*self.services.settings.districts, person.district)]
            )
        if person.district:
            district.value = person.district
        # An unknown stored value is left for the coach to choose again.
        with suppress(ValueError):
            situation = WorkSituation(person.work_situation)
            self.query_one("#work_situation", Select).value = situation.value
        for name in CONSENTS:
            given = bool(getattr(person, name))
            self.query_one(f"#{name}", TickBox).value = given
            field = self.query_one(f"#field-{name}", FormField)
            field.hint = consent_hint(given, getattr(person, f"{name}_on"))
            if name == KEEP_DETAILS:
                field.hint += ": the privacy notice says how the service keeps their details"
            field.set_message(None)
        self.show_context(f"{person.reference} · referred {uk_date(person.referral_date)}")

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """The referral form's rules, and the consents."""
        districts = self.services.settings.districts
        if self.person is not None and self.person.district not in districts:
            districts = (*districts, self.person.district)
        check = check_details(values, clock.today(), districts)
        return check.errors, check.details

    def withdraws_keeping(self, details: ParticipantDetails) -> bool:
        """True when the consent to keep their details is being taken back."""
        return bool(self.person and self.person.consent_processing) and not details.consent(
            KEEP_DETAILS
        )

    def confirm_then_save(self, checked: object) -> None:
        """Taking back the consent to keep their details: ask, then save and go to closure."""
        assert isinstance(checked, ParticipantDetails)
        if not self.withdraws_keeping(checked):
            super().confirm_then_save(checked)
            return

        ask(
            self,
            "They are taking back consent to keep their details, so WorkWell can no longer "
            "work with them. Save this and go on to close their case?",
            yes="Save and close",
            no="Keep editing",
            then=lambda: super(ParticipantEditScreen, self).confirm_then_save(checked),
        )

    def store_change(self, checked: object) -> Saved:
        """Save details and consents, deleting the draft in the same transaction."""
        assert isinstance(checked, ParticipantDetails) and self.person is not None
        withdrawn = self.withdraws_keeping(checked)
        _record, changes = self.services.store.update_participant(
            self.participant_id,
            checked,
            version=self.person.version,
            draft=(self.FORM, self.participant_id),
        )
        note = "Details saved."
        if changes:
            note += " " + "; ".join(change.text for change in changes) + "."
        then = ClosePlan(self.participant_id, consent_withdrawn=True) if withdrawn else None
        return Saved(note, then)
