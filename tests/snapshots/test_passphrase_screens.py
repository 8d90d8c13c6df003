"""Snapshots of encrypting the caseload (two passphrases that differ) and changing the
passphrase (a wrong current one), at the smallest and a roomy terminal.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.screens.passphrase import (
    WRONG_CURRENT,
    ChangePassphraseScreen,
    EncryptScreen,
    PassphraseScreen,
)

from ..app.helpers import wait_for_caseload, wait_until

SIZES = [(80, 24), (120, 40)]


async def fill(pilot: Pilot[None], field: str, value: str) -> None:
    screen = pilot.app.screen
    box = screen.query_one(f"#passphrase-{field}", Input)
    box.focus()
    await wait_until(pilot, lambda: pilot.app.focused is box, f"focus on {field}")
    box.value = value
    await pilot.press("enter")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_encrypt_passphrases_differ(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        await pilot.app.push_screen(EncryptScreen())
        await fill(pilot, "new", "correct horse battery staple")
        await fill(pilot, "again", "correct horse battery stapel")
        await wait_until(pilot, lambda: pilot.app.focused is not None, "focus back")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_change_passphrase_wrong_current(
    snap_compare: Any, app: WorkwellApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        screen = ChangePassphraseScreen()
        await pilot.app.push_screen(screen)
        await fill(pilot, "new", "purple kettle morning walk")
        await fill(pilot, "again", "purple kettle morning walk")
        # The worker's answer for a wrong current passphrase (this database is in memory).
        screen.post_message(PassphraseScreen.Refused(WRONG_CURRENT, "current"))
        await wait_until(pilot, lambda: not screen.field("current").disabled, "the refusal")
        await wait_until(pilot, lambda: pilot.app.focused is screen.field("current"), "focus")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
