"""Snapshots of every screen, at the coach's usual size and at 80×24.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.screens.cover import PrivacyScreen
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.widgets.form_field import FormField

from ..app.helpers import (
    screen_text,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)


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


async def referral_form(pilot: Pilot[None]) -> ReferralFormScreen:
    """The new-referral form, its first field focused."""
    await ready(pilot)
    await pilot.press("down", "n")
    form = await wait_for_screen(pilot, ReferralFormScreen, lambda shown: shown.keeper.ready)
    await wait_for_focus(pilot, form.query_one("#first_name"))
    return form


def test_referral_form(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await referral_form(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_referral_form_with_problems_80x24(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        form = await referral_form(pilot)
        await pilot.press(*"Dana", "tab", "tab", "tab", *"31/02/1990", "tab", *"12345")
        await pilot.press("ctrl+s")
        fields = form.query(FormField)
        await wait_until(pilot, lambda: any(field.invalid for field in fields), "the problems")
        assert isinstance(pilot.app.screen, ReferralFormScreen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_privacy_cover(snap_compare: Any, app: WorkwellApp) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await pilot.press("f2")
        await wait_for_screen(pilot, PrivacyScreen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
