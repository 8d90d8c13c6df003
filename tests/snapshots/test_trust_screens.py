"""Snapshots of the unlock screen (unlock and first-run), and the lock that needs the passphrase.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.screens.unlock import UnlockScreen

from ..app.helpers import wait_for_caseload

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_unlock_wrong_passphrase(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        screen = UnlockScreen("unlock")
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.post_message(UnlockScreen.Refused("That passphrase does not open this database. "
                                                 "Check it and try again (capital letters "
                                                 "count). Nothing has been changed."))  # fmt: skip
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_set_passphrase_too_short(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        await pilot.app.push_screen(UnlockScreen("set"))
        await pilot.pause()
        await pilot.press(*"short", "enter", *"short", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_lock_needs_passphrase(snap_compare: Any, app: WorkwellApp, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        pilot.app.services.passphrase = "correct horse battery staple"  # type: ignore[attr-defined]
        pilot.app.notify("Added WW-000001")
        await pilot.press("ctrl+l")
        await pilot.press(*"wrong", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
