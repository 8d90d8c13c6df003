"""Snapshots of the export screen: the participant's copy previewed (120×40 and 80×24) and a
refused employer copy. Review the SVGs by eye before committing."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant

from ..app.helpers import wait_for_text
from ..app.test_export_screen import open_export


def test_export_participant(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_export(pilot, people["alex"].id)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_export_participant_80x24(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_export(pilot, people["alex"].id)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_export_employer_refused_80x24(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_export(pilot, people["alex"].id)
        await pilot.press("2")
        await wait_for_text(pilot, "Nothing will be written.")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
