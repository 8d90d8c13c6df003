"""Pilot tests for the wizard's autosave as the coach sees it: seconds, failures, changes elsewhere.

No edit lost, and never silently: "saved" shows the second, Esc does not leave when the save
fails (it says "not saved" and offers to try again), and a save over a draft changed in another
window is refused with what changed there and a way to put this screen's changes back on top.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from workwell_tui import clock
from workwell_tui.app import WorkwellApp
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.widgets.title_bar import TitleBar

from .helpers import screen_text, settled, wait_for_screen, wait_until
from .test_assessment import SIZE, saved_draft
from .wizard import answer, start_assessment

LOCKED = "The database is busy (locked by another program). Nothing you saved before has changed."


def saved_fact(screen: AssessmentScreen) -> str:
    return screen.query_one(TitleBar).fact("saved")


async def test_saved_shows_the_second(app: WorkwellApp, people: dict[str, Any]) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        clock.freeze(datetime(2026, 11, 22, 14, 5, 7))
        await answer(pilot, "health_affects_work", "y")
        await settled(pilot)
        assert saved_fact(screen) == "saved 14:05:07"
        clock.freeze(datetime(2026, 11, 22, 14, 5, 41))  # a later save in the same minute
        await answer(pilot, "wants_work", "y")
        await settled(pilot)
        assert saved_fact(screen) == "saved 14:05:41"
        assert "saved 14:05:41" in screen_text(pilot.app)


async def test_esc_when_the_save_fails_stays_says_not_saved_and_offers_to_try_again(
    app: WorkwellApp, store: Store, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await answer(pilot, "health_affects_work", "y")
        await settled(pilot)
        save = store.save_assessment

        def locked(*args: Any, **kwargs: Any) -> Any:
            raise WorkwellError(LOCKED)

        monkeypatch.setattr(store, "save_assessment", locked)
        await answer(pilot, "wants_work", "y")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        text = screen_text(pilot.app)
        assert "Not saved: The database is busy" in text and "Try again" in text
        assert "NOT SAVED" in text  # the title bar behind says so too
        await pilot.press("n")  # stay
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the wizard again")
        assert screen.answers["wants_work"] == "yes"  # everything typed is still there

        monkeypatch.setattr(store, "save_assessment", save)  # the lock is gone
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        assert saved_draft(store, people["jordan"]).answers["wants_work"] == "yes"


async def test_try_again_from_the_not_saved_question_leaves_once_saved(
    app: WorkwellApp, store: Store, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        save = store.save_assessment
        monkeypatch.setattr(
            store, "save_assessment", lambda *a, **k: (_ for _ in ()).throw(WorkwellError(LOCKED))
        )
        await answer(pilot, "wants_work", "y")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        monkeypatch.setattr(store, "save_assessment", save)
        await pilot.press("y")  # try again
        await wait_for_screen(pilot, ParticipantScreen)
        assert saved_draft(store, people["jordan"]).answers["wants_work"] == "yes"


async def test_a_save_over_a_draft_changed_elsewhere_is_refused_and_can_be_reapplied(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await answer(pilot, "health_affects_work", "y")
        await settled(pilot)
        # Another window (or laptop) saves the same draft: the employer is changed there.
        there = saved_draft(store, people["jordan"])
        store.save_assessment(
            there.id,
            step_number(StepKey.ELIGIBILITY),
            {**there.answers, "employer": "Ribble Care Homes", "complex_needs": "no"},
            expected_version=there.version,
        )
        await answer(pilot, "wants_work", "y")
        await wait_for_screen(pilot, ConfirmScreen)
        text = screen_text(pilot.app)
        assert "changed in another window" in text and "NOT SAVED" in text
        assert "Employer" in text and "Complex needs" in text  # what changed there
        assert "wants_work" not in saved_draft(store, people["jordan"]).answers

        await pilot.press("n")  # not now: nothing is written, and ctrl+r is offered
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the wizard again")
        assert "Save mine again" in screen_text(pilot.app)
        await answer(pilot, "agrees_to_take_part", "y")
        await settled(pilot)
        assert "agrees_to_take_part" not in saved_draft(store, people["jordan"]).answers

        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")  # mine on top of theirs
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the wizard again")
        await settled(pilot)
        stored = saved_draft(store, people["jordan"]).answers
        assert stored["employer"] == "Ribble Care Homes"  # theirs, kept
        assert stored["complex_needs"] == "no"  # only changed there: kept
        assert stored["wants_work"] == "yes" and stored["agrees_to_take_part"] == "yes"  # mine
        assert screen.answers["complex_needs"] == "no"  # and shown here
        assert saved_fact(screen).startswith("saved ")
        assert "Save mine again" not in screen_text(pilot.app)


async def test_esc_with_a_refused_save_does_not_leave(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await answer(pilot, "health_affects_work", "y")
        await settled(pilot)
        there = saved_draft(store, people["jordan"])
        store.save_assessment(there.id, 0, dict(there.answers), expected_version=there.version)
        await answer(pilot, "wants_work", "y")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the wizard again")
        await pilot.press("escape")  # refused again: asked again, not gone
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is screen, "the wizard again")
        await settled(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        assert saved_draft(store, people["jordan"]).answers["wants_work"] == "yes"
