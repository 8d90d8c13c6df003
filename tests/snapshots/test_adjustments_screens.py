"""Snapshots of the adjustments checklist and its forms, at 80×24 and 120×40, on a realistic set.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.adjustments.checklist import Checklist
from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
from workwell_tui.screens.navigation import OpenAdjustments

from ..app.adjustments_data import add_checklist
from ..app.helpers import settled, wait_for_caseload, wait_for_focus, wait_for_screen

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def checklist_app(app: WorkwellApp, store: Store, people: dict[str, Participant]) -> WorkwellApp:
    add_checklist(store, people["alex"])
    return app


def opener(people: dict[str, Participant], *keys: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        await wait_for_caseload(pilot)
        app.post_message(OpenAdjustments(str(people["alex"].id)))
        screen = await wait_for_screen(
            pilot, AdjustmentsScreen, lambda shown: shown.data is not None
        )
        await wait_for_focus(pilot, screen.query_one(Checklist))  # where the keys go
        for key in keys:
            await pilot.press(key)
            await settled(pilot)
        await settled(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_checklist(
    snap_compare: Any, checklist_app: WorkwellApp, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    assert snap_compare(checklist_app, terminal_size=size, run_before=opener(people, "down"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_details(
    snap_compare: Any, checklist_app: WorkwellApp, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    assert snap_compare(checklist_app, terminal_size=size, run_before=opener(people, "enter"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_add(
    snap_compare: Any, checklist_app: WorkwellApp, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    assert snap_compare(checklist_app, terminal_size=size, run_before=opener(people, "a"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_fit_note(
    snap_compare: Any, checklist_app: WorkwellApp, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    assert snap_compare(checklist_app, terminal_size=size, run_before=opener(people, "f"))
