"""Pilot tests: the caseload as a coach uses it."""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandPalette
from textual.widget import Widget
from textual.widgets import Input, Select

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.cover import LockScreen, PrivacyScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.widgets.caseload_table import CaseloadTable

from .helpers import (
    focus_and_type,
    screen_text,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


def participant_shown(app: WorkwellApp) -> bool:
    """The participant screen is up and its record has been read."""
    return isinstance(app.screen, ParticipantScreen) and bool(app.screen.stage)


def list_open(app: WorkwellApp, selector: str) -> bool:
    """The stage or district list is open, with the keys going to it."""
    select = app.screen.query_one(selector, Select)
    focused = app.focused
    return select.expanded and focused is not None and select in focused.ancestors_with_self


def list_closed(app: WorkwellApp, selector: str, back_to: Widget) -> bool:
    """The list has closed and the cursor is back where the coach was (a turn later)."""
    return not app.screen.query_one(selector, Select).expanded and app.focused is back_to


def footer_text(app: WorkwellApp) -> str:
    return screen_text(app).splitlines()[-1]


def shown(app: WorkwellApp) -> list[str]:
    return [row.last_name for row in app.screen.query_one(CaseloadTable).rows]


async def test_caseload_lists_everyone_in_next_action_order(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        text = screen_text(app)
        assert "6 of 6" in text
        order = shown(app)
        # Review due and not contacted first, then the draft, then booked; closed, signposted last.
        assert set(order[:2]) == {"Smith", "Psmith"}
        assert order[2] == "Smithson"
        assert order[3] == "Patel"
        assert set(order[4:]) == {"Jones", "Ahmed"}
        assert "Week 6 of 12" in text
        assert "● review due" in text
        assert "◐ draft saved" in text
        assert "● no contact 15 d" in text
        assert "Today 15:00" in text


async def test_typing_filters_on_every_key(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("s")
        assert len(shown(app)) == 5  # Smith, Smithson, Psmith, Jones, Sam Patel
        await pilot.press("m", "i")
        assert sorted(shown(app)) == ["Psmith", "Smith", "Smithson"]
        assert "3 of 6" in screen_text(app)
        await pilot.press("t", "h", "s")
        assert shown(app) == ["Smithson"]
        await pilot.press("backspace")
        assert sorted(shown(app)) == ["Psmith", "Smith", "Smithson"]
        await pilot.press("escape")
        assert len(shown(app)) == 6


async def test_find_by_reference_and_open_with_enter(
    app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press(*"ww-000004")
        assert shown(app) == ["Patel"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: participant_shown(app), "the participant")
        text = screen_text(app)
        assert "Sam Patel · WW-000004" in text
        assert "Burnley" in text
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_no_match_says_so(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press(*"zzz")
        assert shown(app) == []
        assert "No one matches" in screen_text(app)


async def test_stage_and_district_filters(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("down")  # into the rows, so letters are keys
        table = app.screen.query_one(CaseloadTable)
        await wait_for_focus(pilot, table)
        await pilot.press("s")
        await wait_until(pilot, lambda: list_open(app, "#stage"), "the stage list")
        # The list opens with nothing highlighted: prompt, Referred, Assessing, On plan.
        await pilot.press("down", "down", "down", "down", "enter")
        await wait_until(pilot, lambda: list_closed(app, "#stage", table), "the list closed")
        assert sorted(shown(app)) == ["Patel", "Smith"]
        assert "2 of 6" in screen_text(app)
        await pilot.press("d")
        await wait_until(pilot, lambda: list_open(app, "#district"), "the district list")
        # Districts in settings order: Barrow, Blackburn, Blackpool, Burnley, Lancaster, Preston.
        await pilot.press(*["down"] * 7, "enter")
        await wait_until(pilot, lambda: list_closed(app, "#district", table), "the list closed")
        assert shown(app) == ["Smith"]


async def test_sort_by_column_keys_and_reverse(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("down", "o")  # next action → reference
        refs = [row.reference for row in app.screen.query_one(CaseloadTable).rows]
        assert refs == sorted(refs)
        await pilot.press("o")  # → name
        assert shown(app) == ["Ahmed", "Jones", "Patel", "Psmith", "Smith", "Smithson"]
        await pilot.press("r")
        assert shown(app) == ["Smithson", "Smith", "Psmith", "Patel", "Jones", "Ahmed"]
        assert "Name ▼" in screen_text(app)


async def test_click_column_title_sorts(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        table = app.screen.query_one(CaseloadTable)
        await pilot.click(CaseloadTable, offset=(12, 0))  # the Name title
        assert shown(app) == ["Ahmed", "Jones", "Patel", "Psmith", "Smith", "Smithson"]
        assert table.sort_key == "name"


async def test_arrow_keys_move_and_enter_opens(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("down", "down", "down")
        table = app.screen.query_one(CaseloadTable)
        assert table.cursor == 2
        expected = table.rows[2]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantScreen), "the screen")
        assert isinstance(app.screen, ParticipantScreen)
        assert app.screen.participant_id == expected.participant_id


async def test_privacy_key_hides_everything(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press(*"smi")  # while typing, F2 still works
        await pilot.press("f2")
        assert isinstance(app.screen, PrivacyScreen)
        text = screen_text(app)
        for name in ("Smith", "Psmith", "WW-0000", "Preston"):
            assert name not in text
        await pilot.press("ctrl+p")  # the palette must not open over the cover
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("f2")
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.query_one("#find").value == "smi"  # type: ignore[attr-defined]


async def test_h_hides_when_not_typing(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("h")  # typed into the find box
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("escape", "down", "h")
        assert isinstance(app.screen, PrivacyScreen)
        await pilot.press("h")
        assert isinstance(app.screen, CaseloadScreen)


async def test_idle_lock_covers_and_enter_returns(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press(*"pat")
        app.last_input_at -= app.settings.idle_lock_minutes * 60 + 1
        app.lock_if_idle()
        await wait_for_screen(pilot, LockScreen)
        assert isinstance(app.screen, LockScreen)
        assert "Patel" not in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, CaseloadScreen)
        assert shown(app) == ["Patel"]


async def test_command_palette_finds_a_participant(app: WorkwellApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await focus_and_type(pilot, palette.query_one(CommandInput), *"priya")
        await wait_for_text(pilot, "Smithson, Priya (WW-000002)")
        await pilot.press("enter")
        await wait_until(pilot, lambda: participant_shown(app), "the participant")
        assert "Priya Smithson · WW-000002" in screen_text(app)


async def test_problem_screen_instead_of_traceback(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        app.show_problem("This database was written by a newer version of workwell-tui.")
        await wait_for_text(pilot, "WorkWell cannot open your data")
        text = screen_text(app)
        assert "WorkWell cannot open your data" in text
        assert "newer version" in text


async def test_text_cursors_do_not_blink(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        find = pilot.app.screen.query_one("#find", Input)
        assert pilot.app.focused is find
        await pilot.pause()
        assert find.cursor_blink is False


async def test_a_crash_report_carries_no_local_values(
    app: WorkwellApp, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail() -> None:
        said = "plantar fasciitis".upper()  # only a local value, never in the source shown
        raise RuntimeError(f"boom {len(said)}")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_caseload(pilot)
            pilot.app.call_later(fail)
            await wait_until(pilot, lambda: not pilot.app.is_running, "the crash")
    report = capsys.readouterr().err
    assert "fail" in report and "boom" in report
    assert "PLANTAR" not in report


async def test_the_footer_offers_rows_and_open_from_the_find_box(app: WorkwellApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_caseload(pilot)
        await wait_until(pilot, lambda: "↓ Rows" in footer_text(app), "the footer")
        assert "⏎ Open" in footer_text(app)
        await pilot.press("z", "z", "z")  # nobody matches: nothing to go down to or open
        await wait_until(pilot, lambda: "Rows" not in footer_text(app), "the footer to change")
        footer = footer_text(app)
        assert "Rows" not in footer and "Open" not in footer and "esc Clear" in footer
        await pilot.press("enter", "down")
        assert isinstance(app.screen, CaseloadScreen)
        assert app.focused is app.screen.query_one("#find", Input)
        await pilot.press("escape", "down")
        table = app.screen.query_one(CaseloadTable)
        assert app.focused is table  # type: ignore[comparison-overlap]
        second = table.rows[1].participant_id
        await pilot.press("down", "enter")  # in the rows, down moves the cursor; enter opens
        await wait_for_screen(pilot, ParticipantScreen)
        assert isinstance(app.screen, ParticipantScreen)
        assert app.screen.participant_id == second
