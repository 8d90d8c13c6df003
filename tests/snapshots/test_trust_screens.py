"""Snapshots of the unlock screen (unlock and first-run), and the lock that needs the passphrase.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.screens.cover import LockScreen
from workwell_tui.screens.unlock import UnlockScreen

from ..app.helpers import wait_for_caseload, wait_for_focus, wait_for_screen, wait_for_text

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_unlock_wrong_passphrase(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        screen = UnlockScreen("unlock")
        await pilot.app.push_screen(screen)
        await wait_for_focus(pilot, screen.query_one("#unlock-passphrase"))
        screen.post_message(UnlockScreen.Refused("That passphrase does not open this database. "
                                                 "Check it and try again (capital letters "
                                                 "count). Nothing has been changed."))  # fmt: skip
        await wait_for_text(pilot, "That passphrase does not")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_set_passphrase_too_short(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        screen = UnlockScreen("set")
        await pilot.app.push_screen(screen)
        await wait_for_focus(pilot, screen.query_one("#unlock-passphrase"))
        await pilot.press(*"short", "enter")
        await wait_for_focus(pilot, screen.query_one("#unlock-again"))
        await pilot.press(*"short", "enter")
        await wait_for_text(pilot, "at least 12")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_lock_needs_passphrase(snap_compare: Any, app: WorkwellApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        pilot.app.services.passphrase = "correct horse battery staple"  # type: ignore[attr-defined]
        pilot.app.notify("Added WW-000001")
        await pilot.press("ctrl+l")
        lock = await wait_for_screen(pilot, LockScreen)
        await wait_for_focus(pilot, lock.query_one("#lock-passphrase"))
        await pilot.press(*"wrong", "enter")
        await wait_for_text(pilot, "That passphrase")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
