"""The crisis contacts, one key (!) away on every screen: 999 or A&E, NHS 111 option 2,
Samaritans, Shout, and Childline for under-18s.

The list is the one the assessment's risk prompt shows (`domain.measures.crisis_contacts`), so
the two can never disagree. It is read to the participant, so it stays plain and calm.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from workwell_tui.domain.measures import crisis_contacts

TITLE = "Crisis contacts"
INTRO = "If they are not safe now, stay with them and follow your safeguarding procedure."


def contact_lines() -> str:
    """Every crisis contact on a line of its own; Childline is included, marked for under-18s."""
    return "\n".join(f"{who:<12}{how}" for who, how in crisis_contacts(under_18=True))


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
    CrisisContactsScreen #crisis-contacts {
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="crisis.close"),
        Binding("exclamation_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Title, one line of what to do, the contacts."""
        with Vertical(id="crisis"):
            yield Static(TITLE, id="crisis-title", markup=False)
            yield Static(INTRO, id="crisis-intro", markup=False)
            yield Static(contact_lines(), id="crisis-contacts", markup=False)
        yield Footer(compact=True)
