"""Covers that hide every participant's data: the privacy screen and the idle lock."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from workwell_tui.domain.words import plural
from workwell_tui.styles import style


class PrivacyScreen(Screen[None]):
    """A neutral cover, shown and hidden with one key; nothing behind it shows through."""

    CSS_PATH = style("cover.tcss")
    BINDINGS = [
        Binding("h", "uncover", "Show screen", id="privacy.show"),
        Binding("f2", "uncover", "Show screen", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        """A calm title and the one key that brings the screen back."""
        with Middle(), Center():
            yield Static("WorkWell", id="cover-title")
            yield Static("Screen hidden. Press h to show it again.", id="cover-hint")

    def action_uncover(self) -> None:
        """Take the cover away."""
        self.dismiss()


class LockScreen(Screen[None]):
    """Shown after the idle minutes in settings; Enter returns to exactly where the coach was."""

    CSS_PATH = style("cover.tcss")
    BINDINGS = [Binding("enter", "unlock", "Unlock", id="lock.unlock", priority=True)]

    def __init__(self, minutes: int) -> None:
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        """Say why the screen locked and how to come back."""
        with Middle(), Center():
            yield Static("WorkWell · locked", id="cover-title")
            yield Static(
                f"Locked after {plural(self.minutes, 'idle minute')}. "
                "Nothing typed has been lost.\nPress Enter to unlock.",
                id="cover-hint",
            )

    def action_unlock(self) -> None:
        """Return to the screen underneath."""
        self.dismiss()
