"""Covers that hide every participant's data: the privacy screen and the idle lock."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Input, Static

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
    """Shown after the idle minutes in settings or on "lock now"; the passphrase returns to
    exactly where the coach was (the screens underneath keep everything typed).

    `check` says whether a typed passphrase is right (None: the database has no passphrase, so
    Enter unlocks, and the cover says so).
    """

    CSS_PATH = style("cover.tcss")
    DEFAULT_CSS = """
    LockScreen #lock-passphrase {
        width: 48;
        margin-top: 1;
    }
    LockScreen #lock-error {
        width: 48;
        color: $error;
    }
    """
    BINDINGS = [Binding("enter", "unlock", "Unlock", id="lock.unlock", priority=True)]

    def __init__(self, minutes: int, check: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.minutes = minutes
        self.check = check
        self.needs_passphrase = check is not None

    def compose(self) -> ComposeResult:
        """Say why the screen locked and how to come back."""
        why = f"Locked after {plural(self.minutes, 'idle minute')}." if self.minutes else "Locked."
        with Middle(), Center():
            yield Static("WorkWell · locked", id="cover-title")
            if self.needs_passphrase:
                yield Static(
                    f"{why} Nothing typed has been lost.\nType your passphrase to unlock.",
                    id="cover-hint",
                )
                yield Input(
                    password=True, placeholder="Passphrase", id="lock-passphrase", compact=True
                )
                yield Static("", id="lock-error", markup=False)
            else:
                yield Static(
                    f"{why} Nothing typed has been lost.\nThis database has no passphrase (it "
                    "is not encrypted). Press Enter to unlock.",
                    id="cover-hint",
                )

    def on_mount(self) -> None:
        """Ready for the passphrase."""
        if self.needs_passphrase:
            self.query_one("#lock-passphrase", Input).focus()

    def action_unlock(self) -> None:
        """Enter: the passphrase, checked (or, with none set, straight back)."""
        if not self.needs_passphrase or self.check is None:
            self.dismiss()
            return
        field = self.query_one("#lock-passphrase", Input)
        if self.check(field.value):
            self.dismiss()
            return
        field.value = ""
        self.query_one("#lock-error", Static).update(
            "That passphrase is not right. Try again (capital letters count)."
        )
