"""One participant: who they are, how they came to us, their consents and stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.eligibility_age import age_on
from workwell_tui.domain.enums import ReferralSource, Stage, WorkSituation
from workwell_tui.styles import style

if TYPE_CHECKING:
    from workwell_tui.app import WorkwellApp
    from workwell_tui.db.models import Participant


def _label(enum: type[Stage] | type[ReferralSource] | type[WorkSituation], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _yes(flag: bool, on: object) -> str:
    return f"yes, {uk_date(on)}" if flag and on else "yes" if flag else "no"  # type: ignore[arg-type]


class ParticipantScreen(Screen[None]):
    """Details and stage of one participant; later screens hang off this one."""

    CSS_PATH = style("participant.tcss")
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="participant.back")]

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id

    def compose(self) -> ComposeResult:
        """A title line and the details, filled in when read."""
        with Horizontal(id="title-bar"):
            yield Static("Participant", id="title")
            yield Static("", id="stage")
        yield VerticalScroll(Static("Reading…", id="details", markup=False), id="body")
        yield Footer()

    def on_mount(self) -> None:
        """Read the participant in the background."""
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Fetch the participant off the UI thread."""
        app: WorkwellApp = self.app  # type: ignore[assignment]
        assert app.store is not None
        participant = app.store.participant(self.participant_id)
        self.app.call_from_thread(self.show, participant)

    def show(self, person: Participant | None) -> None:
        """Fill the screen from the record."""
        if person is None:
            self.query_one("#details", Static).update("This participant is no longer here.")
            return
        today = clock.today()
        name = f"{person.first_name} {person.last_name}"
        if person.preferred_name:
            name += f" (prefers {person.preferred_name})"
        self.query_one("#title", Static).update(f"{name} · {person.reference}")
        stage = _label(Stage, person.stage)
        self.query_one("#stage", Static).update(stage)
        age = f" (aged {age_on(person.date_of_birth, today)})" if person.date_of_birth else ""
        lines = [
            ("Date of birth", f"{uk_date(person.date_of_birth)}{age}"),
            ("Phone", person.phone or "—"),
            ("Email", person.email or "—"),
            ("Postcode", person.postcode or "—"),
            ("District", person.district or "—"),
            ("", ""),
            ("Referred by", _label(ReferralSource, person.referral_source)),
            ("Referral date", uk_date(person.referral_date)),
            ("Work situation", _label(WorkSituation, person.work_situation)),
            ("Employer", person.employer_name or "—"),
            ("", ""),
            (
                "Consent: keep details",
                _yes(person.consent_processing, person.consent_processing_on),
            ),
            ("Consent: share with GP", _yes(person.consent_share_gp, person.consent_share_gp_on)),
            (
                "Consent: contact employer",
                _yes(person.consent_contact_employer, person.consent_contact_employer_on),
            ),
            (
                "Consent: health details to employer",
                _yes(
                    person.consent_share_health_with_employer,
                    person.consent_share_health_with_employer_on,
                ),
            ),
            ("", ""),
            ("Stage", f"{stage} since {uk_date(person.stage_changed_on)}"),
        ]
        if person.stage_reason:
            lines.append(("Reason", person.stage_reason))
        if person.signposted_to:
            lines.append(("Signposted to", person.signposted_to))
        width = max(len(label) for label, _ in lines) + 2
        text = "\n".join(f"{label:<{width}}{value}" if label else "" for label, value in lines)
        self.query_one("#details", Static).update(text)
