"""The crisis contacts, one key (!) away on every screen: 999 or A&E, NHS 111 option 2,
Samaritans, Shout, and Childline for under-19s, each with the site that says so.

The list is the one the assessment's risk prompt and the participant's copy show
(`domain.crisis`), so they can never disagree. Opened over a participant's screens, the box
reads their date of birth in a worker and leaves Childline out for someone 19 or over; until
then (and with no participant, or no known age) Childline is listed, so a slow or failed read
can only ever show one line too many. It is read to the participant, so it stays plain and calm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from workwell_tui import clock
from workwell_tui.domain.crisis import CrisisContact, crisis_contacts, crisis_contacts_for
from workwell_tui.services import Services

TITLE = "Crisis contacts"
INTRO = "If they are not safe now, stay with them and follow your safeguarding procedure."


def contact_lines(contacts: tuple[CrisisContact, ...]) -> Text:
    """Every crisis contact on a line of its own, the site that says so quieter beneath."""
    text = Text()
    for number, contact in enumerate(contacts):
        if number:
            text.append("\n")
        text.append(f"{contact.who:<12}", style="bold")
        text.append(contact.how, style="bold")
        text.append(f"\n{'':<12}{contact.site}", style="dim")
    return text


class CrisisContactsScreen(ModalScreen[None]):
    """A calm box over the current screen with who to contact in a crisis."""

    DEFAULT_CSS = """
    CrisisContactsScreen {
        align: center middle;
    }
    CrisisContactsScreen #crisis {
        width: 70;
        max-width: 100%;
        height: auto;
        border: thick $error;
        background: $surface;
        padding: 1 2;
    }
    CrisisContactsScreen #crisis-title {
        text-style: bold;
        color: $error;
    }
    CrisisContactsScreen #crisis-intro {
        padding: 1 0;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="crisis.close"),
        Binding("exclamation_mark", "dismiss", "Close", show=False),
    ]

    @dataclass
    class Born(Message):
        """The participant's date of birth was read (None: not recorded, or not found)."""

        date_of_birth: date | None

    def __init__(self, participant_id: str | None = None) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.age_known = False
        """True once the participant's date of birth has been read (the list is final)."""

    def compose(self) -> ComposeResult:
        """Title, one line of what to do, the contacts."""
        with Vertical(id="crisis"):
            yield Static(TITLE, id="crisis-title", markup=False)
            yield Static(INTRO, id="crisis-intro", markup=False)
            yield Static(contact_lines(crisis_contacts(None)), id="crisis-contacts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Over a participant's screen: read how old they are."""
        if self.participant_id is None:
            self.age_known = True
        else:
            self.read_age(self.participant_id)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read_age(self, participant_id: str) -> None:
        """Their date of birth, off the UI thread (a failed read leaves Childline listed)."""
        services = getattr(self.app, "services", None)
        if not isinstance(services, Services):
            return
        person = services.store.participant(participant_id)
        self.post_message(self.Born(person.date_of_birth if person is not None else None))

    def on_crisis_contacts_screen_born(self, message: Born) -> None:
        """Show the contacts for their age."""
        contacts = crisis_contacts_for(message.date_of_birth, clock.today())
        self.query_one("#crisis-contacts", Static).update(contact_lines(contacts))
        self.age_known = True
