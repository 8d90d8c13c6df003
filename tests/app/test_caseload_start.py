"""Pilot tests: how the caseload appears at start, before and after its table arrives."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.services import Services
from workwell_tui.themes import HIGH_CONTRAST, WORKWELL
from workwell_tui.widgets.caseload_table import CaseloadTable

from .helpers import screen_text, wait_for_caseload, wait_until


async def test_rows_read_before_the_table_arrives_are_shown_when_it_does(
    app: WorkwellApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        rows = list(app.caseload_rows or [])
        fresh = CaseloadScreen()
        await app.push_screen(fresh)
        assert not fresh.has_table  # the table comes just after the first frame
        assert fresh.query_one("#find", Input) is app.focused
        fresh.show_rows(rows)
        await wait_until(pilot, lambda: fresh.has_table, "the table")
        assert fresh.has_table
        assert len(fresh.query_one(CaseloadTable).rows) == len(rows) == 6
        assert "6 of 6" in screen_text(app)


async def test_an_empty_caseload_read_early_says_how_to_start(
    store: Store, settings: Settings
) -> None:
    app = WorkwellApp(Services.for_store(store, settings))  # nobody referred yet
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.caseload_rows is not None, "the (empty) caseload")
        fresh = CaseloadScreen()
        await app.push_screen(fresh)
        assert not fresh.has_table
        fresh.show_rows([])
        await wait_until(pilot, lambda: fresh.has_table, "the table")
        text = screen_text(app)
        assert "No participants yet. Press ctrl+n to add the first referral." in text
        assert "Opening your caseload" not in text


async def test_keys_before_the_table_arrives_do_nothing_harmful(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        fresh = CaseloadScreen()
        await app.push_screen(fresh)
        assert not fresh.has_table
        # Down and Enter are not on offer yet, so they do nothing (they run only once rows are).
        assert not await app.run_action("to_rows", fresh)
        assert not await app.run_action("open_row", fresh)
        fresh.action_sort(1)
        fresh.action_reverse()
        assert app.screen is fresh
        fresh.show_rows(list(app.caseload_rows or []))
        await wait_until(pilot, lambda: fresh.has_table, "the table")
        table = fresh.query_one(CaseloadTable)
        # The sort chosen early still holds once the rows are on screen.
        assert (table.sort_key, table.sort_reverse) == ("reference", True)
        assert [row.reference for row in table.rows] == sorted(
            (row.reference for row in app.caseload_rows or []), reverse=True
        )


async def test_the_theme_in_settings_colours_the_first_frame(store: Store) -> None:
    app = WorkwellApp(Services.for_store(store, Settings(theme="workwell-high-contrast")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "workwell-high-contrast"
        assert app.screen.styles.background == Color.parse(HIGH_CONTRAST.background or "")
        assert app.has_class("-theme-workwell-high-contrast")
        # Switching later still restyles everything.
        app.action_toggle_high_contrast()
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(WORKWELL.background or "")
        assert not app.has_class("-theme-workwell-high-contrast")


async def test_on_a_narrow_screen_the_masthead_keeps_the_time(app: WorkwellApp) -> None:
    async with app.run_test(size=(50, 20)) as pilot:
        await wait_for_caseload(pilot)
        top = screen_text(app).splitlines()[0]
        assert top.endswith("Sun 22 Nov 2026  14:05")
        assert top.startswith(" WorkWell · Lancashire") and "…" in top
        assert len(top) <= 50


async def test_typing_straight_after_start_is_kept_and_filters(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "m", "i")  # before the rows, or even the table, are there
        await wait_for_caseload(pilot)
        assert app.screen.query_one("#find", Input).value == "smi"
        table = app.screen.query_one(CaseloadTable)
        assert sorted(row.last_name for row in table.rows) == ["Psmith", "Smith", "Smithson"]
        assert "3 of 6" in screen_text(app)
