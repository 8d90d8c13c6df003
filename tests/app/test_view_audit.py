"""Opening a record is audited as the coach goes through it: the participant, their plan, their
adjustments, their referrals and the export preview, each once per opening (coming back from
another screen, or choosing another audience, reads again but is not a second opening), by
record id only. A view that cannot be audited says so and leaves the record on screen."""

from __future__ import annotations

from typing import Any

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import is_view
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
from workwell_tui.screens.export.screen import ExportScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.screens.plan.screen import PlanScreen
from workwell_tui.screens.services.referrals import ReferralsScreen
from workwell_tui.screens.services.screen import ServicesScreen

from .helpers import record_notifications, screen_text, wait_until
from .plan_data import ALEX, add_alex_plan
from .wizard import open_participant

SIZE = (100, 30)


def views(store: Store) -> list[tuple[str, str, str]]:
    """The view events so far, oldest first: action, record type, record id."""
    entries = reversed(store.audit_entries(500))
    return [(e.action, e.record_type, e.record_id) for e in entries if is_view(e.action)]


async def back_to(pilot: Any, kind: type) -> None:
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)


async def test_each_record_screen_is_audited_once_per_opening(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    alex = str(people["alex"].id)
    plan = store.plan_view(alex)
    assert plan is not None
    async with app.run_test(size=SIZE) as pilot:
        record = await open_participant(pilot, ALEX)
        await wait_until(pilot, lambda: len(views(store)) == 1, "the record's view")

        await pilot.press("p")
        await wait_until(pilot, lambda: len(views(store)) == 2, "the plan's view")
        assert isinstance(app.screen, PlanScreen)
        await back_to(pilot, ParticipantScreen)  # the record is read again: not a new opening
        await pilot.press("j")
        await wait_until(pilot, lambda: len(views(store)) == 3, "the adjustments' view")
        assert isinstance(app.screen, AdjustmentsScreen)
        await back_to(pilot, ParticipantScreen)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, ServicesScreen), "the directory")
        await wait_until(pilot, lambda: app.screen.person is not None, "the directory read")
        await pilot.press("down", "v")  # from the find box to the list, then their referrals
        await wait_until(pilot, lambda: len(views(store)) == 4, "the referrals' view")
        assert isinstance(app.screen, ReferralsScreen)
        await back_to(pilot, ServicesScreen)
        await back_to(pilot, ParticipantScreen)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(views(store)) == 5, "the export preview's view")
        export = app.screen
        assert isinstance(export, ExportScreen)
        await pilot.press("2", "4")  # other audiences: the same opening
        await wait_until(pilot, lambda: "Everything WorkWell holds" in screen_text(app), "record")
        await back_to(pilot, ParticipantScreen)
        await wait_until(pilot, lambda: not app.workers, "the record read again")
        assert app.screen is record

    assert views(store) == [
        ("participant.view", "participant", alex),
        ("plan.view", "plan", str(plan.id)),
        ("adjustments.view", "participant", alex),
        ("referrals.view", "participant", alex),
        ("export.preview", "participant", alex),
    ]
    names = {"Alex", "Smith", people["alex"].reference}
    entries = [e for e in store.audit_entries(500) if is_view(e.action)]
    assert all(e.detail == "" and e.actor == "test-coach" for e in entries)
    assert not any(name in repr(entries) for name in names)


async def test_opening_the_record_again_is_another_view(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_participant(pilot, ALEX)
        await wait_until(pilot, lambda: len(views(store)) == 1, "the first view")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ParticipantScreen), "caseload")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(views(store)) == 2, "the second view")


async def test_a_view_that_cannot_be_audited_leaves_the_record_on_screen(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    def busy(*args: Any, **kwargs: Any) -> None:
        raise WorkwellError("The database is busy (locked by another program).")

    store.record_view = busy  # type: ignore[method-assign]
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_participant(pilot, ALEX)
        await wait_until(pilot, lambda: any("busy" in m for m in messages), "the message")
        await wait_until(pilot, lambda: not app.workers, "workers done")
        text = screen_text(app)
        assert "Alex Smith" in text and "Could not read this record" not in text
