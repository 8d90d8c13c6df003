"""Pilot tests for what the field test found on the caseload: filters, sorting, the empty hint."""

from __future__ import annotations

from textual.widgets import Input, Select

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.services import Services
from workwell_tui.widgets.caseload_table import CaseloadTable, layout

from .helpers import screen_text, wait_for_caseload, wait_for_screen, wait_for_text, wait_until
from .test_caseload import list_closed, list_open


def shown(app: WorkwellApp) -> list[str]:
    return [row.last_name for row in app.screen.query_one(CaseloadTable).rows]


async def test_after_picking_a_filter_the_cursor_goes_back_to_the_rows(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        table = app.screen.query_one(CaseloadTable)
        await pilot.press("down")  # into the rows
        assert app.focused is table
        await pilot.press("s")
        await wait_until(pilot, lambda: list_open(app, "#stage"), "the stage list")
        await pilot.press("down", "down", "down", "down", "enter")  # On plan
        await wait_until(pilot, lambda: list_closed(app, "#stage", table), "the list closed")
        assert sorted(shown(app)) == ["Patel", "Smith"]
        assert app.focused is table
        # Esc on an open list closes it and also goes back; ↓ then moves in the rows.
        await pilot.press("d")
        await wait_until(pilot, lambda: list_open(app, "#district"), "the district list")
        assert app.screen.query_one("#district", Select).expanded
        await pilot.press("escape")
        await wait_until(pilot, lambda: list_closed(app, "#district", table), "the list closed")
        assert app.focused is table
        assert not app.screen.query_one("#district", Select).expanded


async def test_after_picking_from_the_find_box_the_cursor_is_back_in_it(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        find = app.screen.query_one("#find", Input)
        assert app.focused is find
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        screen.action_choose("#stage")  # as the footer's Stage does
        await wait_until(pilot, lambda: list_open(app, "#stage"), "the stage list")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: list_closed(app, "#stage", find), "the list closed")
        assert app.focused is find


async def test_at_80_columns_sorting_skips_the_hidden_district(app: WorkwellApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_caseload(pilot)
        table = app.screen.query_one(CaseloadTable)
        visible = {column.key for column, _ in layout(table.size.width)}
        assert "district" not in visible  # the point of the test: District is hidden here
        await pilot.press("down")
        for _ in range(len(visible) + 1):
            await pilot.press("o")
            await pilot.pause()
            assert table.sort_key != "district"
            if table.sort_key != "next_action":
                header = screen_text(app).splitlines()
                assert any("▲" in line for line in header), table.sort_key


async def test_the_empty_caseload_hint_names_a_key_that_works(
    store: Store, settings: Settings
) -> None:
    app = WorkwellApp(Services.for_store(store, settings))  # nobody referred yet
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        await wait_for_text(pilot, "No participants yet")
        text = screen_text(app)
        assert "Press ctrl+n to add the first referral." in text
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, ReferralFormScreen)
        assert isinstance(app.screen, ReferralFormScreen)
