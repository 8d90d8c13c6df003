"""Snapshots of every screen, at the coach's usual size and at 80×24.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.screens.referral_form import ReferralFormScreen

from ..app.helpers import screen_text, wait_for_caseload, wait_until


async def ready(pilot: Pilot[None]) -> None:
    await wait_for_caseload(pilot)


def test_caseload(snap_compare: Any, app: WorkwellApp) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=ready)


def test_caseload_80x24(snap_compare: Any, app: WorkwellApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def test_caseload_filtered(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press(*"smi")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_caseload_high_contrast(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        pilot.app.action_toggle_high_contrast()  # type: ignore[attr-defined]
        await pilot.press("down")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_participant(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press(*"ww-000001", "enter")
        await wait_until(pilot, lambda: "Alex Smith · WW-000001" in screen_text(pilot.app), "it")

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_referral_form(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("down", "n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_referral_form_with_problems_80x24(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("down", "n")
        await pilot.pause()
        await pilot.press(*"Dana", "tab", "tab", "tab", *"31/02/1990", "tab", *"12345")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReferralFormScreen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_privacy_cover(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("f2")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
