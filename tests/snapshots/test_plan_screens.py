"""Snapshots of the participant record and the plan screen (running, draft, 16 weeks) at 80×24
and 120×40, and the crisis contacts. Review the SVGs by eye before committing
(`pytest --snapshot-update`, then open them)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant, Plan
from workwell_tui.db.store import Store
from workwell_tui.screens.crisis import CrisisContactsScreen
from workwell_tui.widgets.form_field import FormField

from ..app.helpers import wait_for_screen, wait_until
from ..app.plan_data import ALEX, JORDAN, add_alex_plan, add_draft_plan
from ..app.test_participant_record import open_record
from ..app.test_plan_screen import form_open, open_plan, plan_saved

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_participant_record(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    add_alex_plan(store, people)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_record(pilot, ALEX)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_plan(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    add_alex_plan(store, people)

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await open_plan(pilot, ALEX)
        await pilot.press("down")
        await plan_saved(pilot, screen)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_draft_plan(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant],
    size: tuple[int, int],
) -> None:  # fmt: skip
    add_draft_plan(store, people)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_plan(pilot, JORDAN)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_plan_of_16_weeks_80x24(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    with Session(store.engine) as session:
        plan = session.exec(select(Plan).where(Plan.participant_id == people["alex"].id)).one()
        plan.length_weeks, plan.review_weeks = 16, [6, 12, 16]
        session.add(plan)
        session.commit()

    async def run_before(pilot: Pilot[None]) -> None:
        await open_plan(pilot, ALEX)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_objective_form_with_problems_80x24(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_plan(pilot, ALEX)
        await pilot.press("a")
        form = await form_open(pilot)
        await pilot.press("tab", "tab", "tab", "9", "9", "ctrl+s")
        fields = form.query(FormField)
        await wait_until(pilot, lambda: any(field.invalid for field in fields), "the problems")
        await pilot.app.workers.wait_for_complete()  # the draft, written on leaving the field
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_crisis_contacts_80x24(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_record(pilot, ALEX)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, CrisisContactsScreen)
        await pilot.app.workers.wait_for_complete()  # their age read: Alex is an adult
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
