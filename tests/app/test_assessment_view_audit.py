"""Opening a participant's assessment is audited as a view, like their other records: once per
opening (a new start or a resumed draft; moving between steps is not another), by the
assessment's id only, from a worker, and an audit that fails leaves the assessment on screen."""

from __future__ import annotations

from typing import Any

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import is_view
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.participant import ParticipantScreen

from .helpers import record_notifications, wait_until
from .wizard import eligible_first_step, open_participant, start_assessment

SIZE = (100, 30)
JORDAN = "WW-000003"  # referred, not yet assessed


def assessment_views(store: Store) -> list[tuple[str, str, str, str]]:
    """The assessment view events so far, oldest first: action, type, id, detail."""
    entries = reversed(store.audit_entries(500))
    return [
        (e.action, e.record_type, e.record_id, e.detail)
        for e in entries
        if is_view(e.action) and e.record_type == "assessment"
    ]


async def test_each_opening_of_the_assessment_is_one_view(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, JORDAN)
        await wait_until(pilot, lambda: len(assessment_views(store)) == 1, "the first view")
        draft = screen.assessment_id
        assert draft is not None
        await eligible_first_step(pilot)  # a step further on: the same opening
        await wait_until(pilot, lambda: not app.workers, "the step's saves")
        assert len(assessment_views(store)) == 1
        await pilot.press("escape")  # save and leave, then resume the draft
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantScreen), "the record")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AssessmentScreen), "resumed")
        await wait_until(pilot, lambda: len(assessment_views(store)) == 2, "the second view")

    view = ("assessment.view", "assessment", str(draft), "")
    assert assessment_views(store) == [view, view]
    names = {"Jordan", "Psmith", people["jordan"].reference}
    entries = [e for e in store.audit_entries(500) if e.action == "assessment.view"]
    assert all(e.actor == "test-coach" for e in entries)
    assert not any(name in repr(entries) for name in names)
    # The participant's own record export lists the openings with their other audit lines.
    export = store.export_view(people["jordan"].id)
    assert export is not None
    assert "assessment.view" in {line.action for line in export.audit}


async def test_an_assessment_view_that_cannot_be_audited_leaves_the_assessment_open(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    def busy(*args: Any, **kwargs: Any) -> None:
        raise WorkwellError("The database is busy (locked by another program).")

    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_participant(pilot, JORDAN)
        store.record_view = busy  # type: ignore[method-assign]
        await pilot.press("a")
        await wait_until(pilot, lambda: any("busy" in m for m in messages), "the message")
        await wait_until(pilot, lambda: not app.workers, "workers done")
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.fields
