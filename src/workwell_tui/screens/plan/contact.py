"""Log a contact just held, and book the next one, in one save.

The held contact: date (today unless typed), time (empty means just now), mode (in person,
phone, video, text), minutes, the objectives talked about, and notes. The next contact: date,
time and mode. Either half may be left empty, not both. A held contact cannot be in the future
and a booking must be (`domain/plan/contacts.py`); the booking becomes the caseload's "Next
contact", and logging the contact that was booked for today turns that booking into it.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from workwell_tui import clock
from workwell_tui.domain.dates import friendly_when, uk_short
from workwell_tui.domain.enums import ContactMode, ContactStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.contacts import ContactDraft, check_contact
from workwell_tui.domain.plan.views import ContactView
from workwell_tui.domain.plan.weeks import local_day
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.note_area import NoteArea
from workwell_tui.widgets.user_text import user_text

MODES = (
    (ContactMode.IN_PERSON.value, "In person"),
    (ContactMode.PHONE.value, "Phone"),
    (ContactMode.VIDEO.value, "Video"),
    (ContactMode.MESSAGE.value, "Text"),
)
HELD_FIELDS = ("time", "mode", "duration", "notes", "objectives")
NEXT_PREFIX = "next_"
OBJECTIVE_LABEL = 34


def _short(text: str, size: int = OBJECTIVE_LABEL) -> str:
    line = clean_line(text)
    return line if len(line) <= size else line[: size - 1] + "…"


class LogContactScreen(RecordFormScreen):
    """Log a contact held with one participant and book the next."""

    FORM = FormKind.CONTACT
    HEADING = "Log a contact"
    WHAT = "this contact"

    def __init__(self, participant_id: str) -> None:
        super().__init__(participant_id)
        self.booked_today: ContactView | None = None

    def fields(self) -> ComposeResult:
        """Held contact, then the next one."""
        yield Static("The contact held", classes="section")
        yield FormField(
            "Date", Input(placeholder="dd/mm/yyyy", compact=True, id="date"), required=True
        )
        yield FormField(
            "Time",
            Input(placeholder="14:30", compact=True, id="time"),
            hint="Leave empty if it has just finished",
        )
        yield FormField("Mode", Choices(MODES, numbered=True, id="mode"), required=True)
        yield FormField(
            "Minutes", Input(placeholder="45", compact=True, id="duration"), required=True
        )
        yield FormField("Discussed", Choices((), multi=True, id="objectives"))
        yield FormField("Notes", NoteArea(compact=True, id="notes"))
        yield Static("The next contact", classes="section")
        yield FormField("Date", Input(placeholder="dd/mm/yyyy", compact=True, id="next_date"))
        yield FormField("Time", Input(placeholder="10:30", compact=True, id="next_time"))
        yield FormField("Mode", Choices(MODES, numbered=True, id="next_mode"))

    def fill(self) -> None:
        """Today's date; the plan's objectives to tick; what is booked now."""
        today = clock.today()
        self.query_one("#date", Input).value = uk_short(today)
        plan = self.plan
        objectives = (
            tuple((str(o.id), _short(o.what)) for o in plan.objectives if not o.suggested)
            if plan is not None and not plan.read_only
            else ()
        )
        discussed = self.query_one("#objectives", Choices)
        discussed.options = objectives
        discussed.value = []
        self.query_one("#field-objectives").display = bool(objectives)
        booked = [
            c
            for c in (plan.contacts if plan is not None else ())
            if c.status is ContactStatus.BOOKED and local_day(c.at) == today
        ]
        self.booked_today = booked[0] if booked else None
        lines = Text()
        if self.booked_today is not None:
            lines.append(
                f"Booked for {friendly_when(self.booked_today.at, today)}: "
                "logging today's contact marks that booking as held.\n"
            )
        upcoming = plan.next_contact if plan is not None else None
        if upcoming is not None and upcoming is not self.booked_today:
            lines.append(f"Next contact booked: {friendly_when(upcoming.at, today)}\n")
        lines.append("Fill in either half, or both. ", style="dim")
        lines.append("ctrl+s saves.", style="dim")
        self.show_context(lines)

    def focus_first(self) -> None:
        """Start at the mode: the date is usually today."""
        self.query_one("#mode", Choices).focus()

    @staticmethod
    def _half(values: Values, booking: bool) -> dict[str, object]:
        """The held contact's fields, or the booking's (without their `next_` prefix)."""
        return {
            key.removeprefix(NEXT_PREFIX): value
            for key, value in values.items()
            if key.startswith(NEXT_PREFIX) == booking
        }

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """Each half that has anything in it is checked; at least one must."""
        now = clock.now()
        held_values = self._half(values, booking=False)
        next_values = self._half(values, booking=True)
        held_given = any(held_values.get(key) not in (None, "", []) for key in HELD_FIELDS)
        next_given = any(next_values.get(key) not in (None, "") for key in ("date", "time", "mode"))
        errors: dict[str, str] = {}
        if not held_given and not next_given:
            errors["form"] = "Log the contact held, or book the next one (or both)."
            return errors, None
        held: ContactDraft | None = None
        booking: ContactDraft | None = None
        if held_given:
            ids = [str(o.id) for o in self.plan.objectives] if self.plan is not None else []
            check = check_contact(held_values, now, booked=False, objective_ids=ids)
            errors.update(check.errors)
            held = check.contact
        if next_given:
            check = check_contact(next_values, now, booked=True)
            errors.update({NEXT_PREFIX + key: message for key, message in check.errors.items()})
            booking = check.contact
        if "next_duration" in errors:
            errors.pop("next_duration")
        return errors, (held, booking)

    def store_change(self, checked: object) -> Saved:
        """Log and book in one transaction, then drop the draft."""
        held, booking = cast(tuple[ContactDraft | None, ContactDraft | None], checked)
        booked_id = None
        was_booked = self.booked_today
        if held is not None and was_booked and local_day(held.at) == local_day(was_booked.at):
            booked_id = was_booked.id
        store = self.services.store
        store.log_contact(self.participant_id, held, booking, booked_id=booked_id)
        self.discard_draft_now()
        parts = []
        if held is not None:
            parts.append("Contact logged")
        if booking is not None:
            parts.append(f"next booked {friendly_when(booking.at, clock.today())}")
        return Saved(", ".join(parts) + ".")

    def show_context(self, text: object) -> None:
        """The context lines; plain strings shown literally."""
        super().show_context(user_text(text) if isinstance(text, str) else text)
