"""The plan screen, driven by keys as a coach drives it: suggestions accepted, reworded and
discarded, agree and start, objectives added, edited, dropped and reordered, target weeks moved
on the grid, status changed; bad input refused beside the field with what was typed kept; a
closed plan read only. Each change is checked in the database, not only on screen."""

from __future__ import annotations

import uuid

from textual.pilot import Pilot
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import ObjectiveStatus, PlanStatus
from workwell_tui.domain.plan.closure import check_closure
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.plan.form import PlanForm
from workwell_tui.screens.plan.screen import PlanScreen
from workwell_tui.widgets.form_field import FormField

from .helpers import (
    screen_text,
    settled,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .plan_data import ALEX, JORDAN, add_alex_plan, add_draft_plan
from .wizard import open_participant


async def open_plan(pilot: Pilot[None], reference: str) -> PlanScreen:
    """From the caseload to the participant, then p to the plan, loaded, keys going to its grid."""
    participant = await open_participant(pilot, reference)
    await wait_until(pilot, lambda: participant.plan is not None, "the record's plan")
    await pilot.press("p")
    screen = await wait_for_screen(pilot, PlanScreen, lambda shown: shown.view is not None)
    await wait_for_focus(pilot, screen.grid)
    return screen


async def plan_saved(pilot: Pilot[None], screen: PlanScreen) -> None:
    """Wait until every queued change is saved and the stored plan is shown."""
    await wait_until(pilot, lambda: not screen.saving and not screen.changes, "the plan saved")
    await settled(pilot)


def stored(store: Store, person: Participant) -> PlanView:
    view = store.plan_view(person.id)
    assert view is not None
    return view


async def form_open(pilot: Pilot[None]) -> PlanForm:
    """A plan form, its first field focused (where the keys typed next go)."""
    screen = await wait_for_screen(pilot, PlanForm)
    first = screen.first_field()
    if first is not None:
        await wait_for_focus(pilot, first)
    return screen


async def back_on_plan(pilot: Pilot[None], plan: PlanScreen) -> None:
    await wait_until(pilot, lambda: pilot.app.screen is plan, "the plan again")
    await plan_saved(pilot, plan)


async def test_suggestions_are_accepted_reworded_and_discarded_then_agreed(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    first, second, third = add_draft_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, JORDAN)
        text = screen_text(app)
        assert "Draft: 3 suggestions to decide with them" in text, text
        assert text.count("suggested") == 3
        # The grid lists by domain: physical, social, work.
        assert plan.grid.rows[0].what == "Agree a safe activity level with the GP"
        await pilot.press("y")  # accept the physical one; the cursor moves on
        await plan_saved(pilot, plan)
        assert plan.objective is not None and plan.objective.id == third
        await pilot.press("d")  # discard the social one
        await plan_saved(pilot, plan)
        await pilot.press("w")  # reword the work one
        form = await form_open(pilot)
        what = form.query_one("#what", Input)
        assert what.value == "Talk to the employer about a phased return"
        await wait_for_focus(pilot, what)
        await pilot.press("ctrl+u", *"Ask for a phased return by week 5")
        form.query_one("#target_week", Input).value = "5"
        await pilot.press("ctrl+s")
        await back_on_plan(pilot, plan)

        view = stored(store, people["jordan"])
        assert not view.pending_suggestions
        assert {o.id for o in view.objectives} == {first, second}
        reworded = next(o for o in view.objectives if o.id == first)
        assert (reworded.what, reworded.target_week) == ("Ask for a phased return by week 5", 5)
        assert "Press g to agree and start" in screen_text(app)

        await pilot.press("g")
        agree = await form_open(pilot)
        assert agree.query_one("#start_date", Input).value == "22/11/2026"
        await pilot.press("enter")
        await back_on_plan(pilot, plan)
        view = stored(store, people["jordan"])
        assert view.status is PlanStatus.ACTIVE and view.start_date == clock.today()
        assert "Week 1 of 12" in screen_text(app)
        # The caseload shows the week once agreed.
        await wait_until(
            pilot,
            lambda: any(
                row.reference == JORDAN and row.stage_text == "Week 1 of 12"
                for row in app.caseload_rows or ()
            ),
            "the week on the caseload",
        )


async def test_agree_is_refused_while_suggestions_wait(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_draft_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, JORDAN)
        assert plan.check_action("agree", ()) is None  # shown, not yet usable
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is plan
        assert stored(store, people["jordan"]).is_draft


async def test_add_edit_drop_and_reorder_objectives(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        # Add: a work objective, typed with them.
        await pilot.press("a")
        form = await form_open(pilot)
        await pilot.press("4", "tab", *"Meet the manager with HR", "tab", *"Coach books it")
        await pilot.press("tab", *"7", "enter")
        await back_on_plan(pilot, plan)
        view = stored(store, people["alex"])
        added = view.objectives[-1]
        assert (added.what, added.steps, added.target_week) == (
            "Meet the manager with HR", "Coach books it", 7,
        )  # fmt: skip
        assert plan.objective is not None and plan.objective.id == added.id

        # Reorder: the new one goes above the phased return, within Work.
        await pilot.press("shift+up")
        await plan_saved(pilot, plan)
        work = [
            o.what for o in stored(store, people["alex"]).objectives if o.domain.value == "work"
        ]
        assert work == ["Meet the manager with HR", "Phased return, 3 days a week"]

        # Edit the phased return's words.
        plan.grid.select(ids[0])
        await pilot.press("e")
        form = await form_open(pilot)
        what = form.query_one("#what", Input)
        what.value = "Phased return, 4 days a week"
        await pilot.press("ctrl+s")
        await back_on_plan(pilot, plan)
        edited = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[0])
        assert edited.what == "Phased return, 4 days a week"

        # Drop it: no reason is refused beside the field; the reason saves it.
        await pilot.press("d")
        form = await form_open(pilot)
        await wait_for_focus(pilot, form.query_one("#reason", Input))
        await pilot.press("ctrl+s")
        field = form.query_one("#field-reason", FormField)
        await wait_until(pilot, lambda: field.has_class("-invalid"), "the reason refused")
        assert field.has_class("-invalid")
        assert "Say why it was dropped" in screen_text(app)
        await pilot.press(*"Employer said no; agreed to look for other work", "enter")
        await back_on_plan(pilot, plan)
        dropped = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[0])
        assert dropped.status is ObjectiveStatus.DROPPED
        assert dropped.status_reason == "Employer said no; agreed to look for other work"
        assert "dropped" in screen_text(app)


async def test_bad_input_is_refused_beside_the_field_and_kept(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    before = stored(store, people["alex"])
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await open_plan(pilot, ALEX)
        await pilot.press("a")
        form = await form_open(pilot)
        await pilot.press("tab", "tab", "tab", *"99", "enter")
        await wait_for_text(pilot, "The plan has 12 weeks: choose week 12 or earlier")
        assert isinstance(app.screen, PlanForm)
        text = screen_text(app)
        assert "Choose physical, psychological, social or work" in text, text
        assert "Say what they want to achieve, in their words" in text
        assert "The plan has 12 weeks: choose week 12 or earlier" in text
        assert form.query_one("#target_week", Input).value == "99"
        # Esc with something typed asks first; "n" keeps typing.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is form, "the form again")
        assert app.screen is form
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await back_on_plan(pilot, plan)
    assert stored(store, people["alex"]).objectives == before.objectives


async def test_target_week_moves_on_the_grid_and_status_steps_on(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        plan.grid.select(ids[1])  # physio, week 6
        await pilot.press("right", "right", "right", "left")
        await plan_saved(pilot, plan)
        physio = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[1])
        assert physio.target_week == 8
        row = plan.grid.grid.row_of(ids[1]) if plan.grid.grid else None
        assert row is not None and [c.week for c in row.cells if c.target] == [8]
        await pilot.press("s")
        await plan_saved(pilot, plan)
        physio = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[1])
        assert physio.status is ObjectiveStatus.ACHIEVED
        # Held within the plan: week 12 is as late as a target goes.
        for _ in range(6):
            await pilot.press("right")
        await plan_saved(pilot, plan)
        physio = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[1])
        assert physio.target_week == 12


async def test_a_progress_note_is_dated_and_kept(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_alex_plan(store, people)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        plan.grid.select(ids[1])
        await pilot.press("n")
        form = await form_open(pilot)
        form.query_one("#date", Input).value = "23/11/2026"
        await pilot.press(*"Did the stretches daily", "enter")
        await wait_for_text(pilot, "cannot be dated in the future")
        assert "cannot be dated in the future" in screen_text(app)
        form.query_one("#date", Input).value = "20/11/2026"
        await pilot.press("ctrl+s")
        await back_on_plan(pilot, plan)
        physio = next(o for o in stored(store, people["alex"]).objectives if o.id == ids[1])
        assert [(n.written_on.day, n.note) for n in physio.notes] == [
            (20, "Did the stretches daily")
        ]
        assert "20 Nov 2026: Did the stretches daily" in screen_text(app)


async def test_a_closed_plan_is_read_only(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    view = stored(store, people["alex"])
    closure = check_closure(
        {"outcome": "returned_same_employer", "summary": "Back at work"},
        clock.today(),
        start=view.start_date,
        length_weeks=view.length_weeks,
    )
    assert closure.ok, closure.errors
    store.close_plan(view.id, closure)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan_closed(pilot)
        text = screen_text(app)
        assert "Kept as it was (read only)" in text, text
        for action in ("add", "edit", "status", "drop", "note", "target", "reorder"):
            assert not plan.check_action(action, ()), action
        await pilot.press("s", "right", "a")
        await pilot.pause()
        assert app.screen is plan
    assert stored(store, people["alex"]).objectives == view.objectives


async def open_plan_closed(pilot: Pilot[None]) -> PlanScreen:
    """A closed plan still opens with p."""
    return await open_plan(pilot, ALEX)


def objective_ids(view: PlanView) -> list[uuid.UUID]:
    return [o.id for o in view.objectives]
