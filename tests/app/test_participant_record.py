"""The participant record as the home of one person: the glance panels, the safeguarding marker,
each panel's key, the crisis contacts from the record and the plan, and hostile text shown as
plain words on both screens."""

from __future__ import annotations

import importlib
import uuid

import pytest
from sqlmodel import Session
from textual.pilot import Pilot

from tests.hostile_strings import FORBIDDEN, HOSTILE, visible
from workwell_tui import clock
from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Objective, Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.crisis import CrisisContactsScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.screens.plan.screen import PlanScreen

from .helpers import screen_text, wait_for_screen, wait_until
from .plan_data import ALEX, JORDAN, add_alex_plan
from .test_plan_screen import open_plan
from .wizard import open_participant


async def open_record(pilot: Pilot[None], reference: str) -> ParticipantScreen:
    screen = await open_participant(pilot, reference)
    await wait_until(pilot, lambda: screen.plan is not None, "the record's plan")
    return screen


async def test_the_record_at_a_glance(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_record(pilot, ALEX)
        text = screen_text(app)
        title = text.splitlines()[0]
        assert "Week 6 of 12" in title and "next Today 15:00" in title, title
        assert "⚑ safeguarding" in title
        assert "4 objectives: 1 achieved, 2 in progress, 1" in text, text
        assert "Phased return, 3 days a week" in text and "wk 8" in text
        assert "14 moderate → 9 mild" in text and "▼5" in text
        assert "22 moderately severe or worse →" in text
        assert "Adjustments · 2" in text and "1 in place, 1 raised" in text
        assert "✓ Altered hours" in text and "◷ Phased return" in text
        assert "MSK physio: attended 12 Nov" in text
        assert "Contacts (5 held):" in text


async def test_no_marker_without_an_open_safeguarding_record(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people, safeguarding=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_record(pilot, ALEX)
        assert "⚑" not in screen_text(app)
        assert not screen.has_class("-safeguarding")


async def test_the_marker_goes_once_followed_up_but_the_record_stays(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    view = store.plan_view(people["alex"].id)
    assert view is not None and view.open_safeguarding
    record = view.open_safeguarding[0]
    store.follow_up_safeguarding(record.id, "Rang: safe, GP seen", clock.today(), record.version)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_record(pilot, ALEX)
        assert "⚑" not in screen_text(app)
    view = store.plan_view(people["alex"].id)
    assert view is not None and len(view.safeguarding) == 1 and not view.open_safeguarding


@pytest.mark.parametrize(
    ("key", "destination"),
    [
        ("j", "workwell_tui.screens.adjustments.screen:AdjustmentsScreen"),
        ("f", "workwell_tui.screens.services.screen:ServicesScreen"),
        ("c", "workwell_tui.screens.plan.contact:LogContactScreen"),
        ("r", "workwell_tui.screens.plan.review:ReviewScreen"),
        ("x", "workwell_tui.screens.export:ExportScreen"),
        ("e", "workwell_tui.screens.participant_edit:ParticipantEditScreen"),
    ],
)
async def test_each_panel_key_opens_its_screen_for_this_participant(
    key: str, destination: str, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    module, name = destination.split(":")
    expected = getattr(importlib.import_module(module), name)
    add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_record(pilot, ALEX)
        await pilot.press(key)
        await wait_for_screen(pilot, expected)
        assert uuid.UUID(str(getattr(app.screen, "participant_id", ""))) == people["alex"].id


async def test_p_opens_the_plan_and_esc_comes_back(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        record = await open_record(pilot, ALEX)
        await pilot.press("p")
        await wait_for_screen(pilot, PlanScreen, lambda plan: plan.view)
        assert "Physio exercises, as agreed" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is record, "the record again")


async def test_no_plan_means_no_plan_key(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_participant(pilot, JORDAN)
        await pilot.pause()
        assert not screen.check_action("go", ("OpenPlan",))
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is screen
        assert "No plan yet" in screen_text(app)


@pytest.mark.parametrize("on_plan", [False, True])
async def test_crisis_contacts_are_one_key_away(
    on_plan: bool, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    async with app.run_test(size=(80, 24)) as pilot:
        if on_plan:
            await open_plan(pilot, ALEX)
        else:
            await open_record(pilot, ALEX)
        under = app.screen
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, CrisisContactsScreen)
        text = screen_text(app)
        for must in ("999", "A&E", "option 2", "116 123", "85258", "samaritans.org"):
            assert must in text, (must, text)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is under, "the screen underneath")


async def test_assessment_keys_still_work(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_record(pilot, ALEX)
        await pilot.press("m")
        await wait_for_screen(pilot, AssessmentScreen)
    async with WorkwellApp(app.services).run_test(size=(100, 30)) as pilot:
        await open_participant(pilot, JORDAN)
        await pilot.press("a")
        await wait_for_screen(pilot, AssessmentScreen)


async def test_hostile_objectives_show_as_plain_words(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    hostile = tuple(("work", value, 1 + n % 12, "in_progress") for n, value in enumerate(HOSTILE))
    ids = add_alex_plan(store, people, objectives=hostile[:40])
    async with app.run_test(size=(200, 60)) as pilot:
        await open_record(pilot, ALEX)
        picture = app.export_screenshot()
        assert not any(code in picture for code in FORBIDDEN)
        await pilot.press("p")
        plan = await wait_for_screen(pilot, PlanScreen, lambda shown: shown.view is not None)
        for objective_id in ids:
            plan.grid.select(objective_id)
            await pilot.pause()
            picture = app.export_screenshot()
            assert not any(code in picture for code in FORBIDDEN)
        text = screen_text(app)
        shown = [value for value in HOSTILE[:40] if visible(value, 8) and visible(value, 8) in text]
        assert len(shown) >= 30, text
        assert app.is_running  # no markup ran ([@click=app.quit])
    with Session(store.engine) as session:
        assert session.get(Objective, ids[0]) is not None
