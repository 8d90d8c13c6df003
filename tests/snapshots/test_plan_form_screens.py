"""Snapshots of the plan forms and the edit form, at 80×24 and 120×40.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot

from tests.app.helpers import wait_until
from tests.app.plan_forms import (
    add_measures,
    add_objectives,
    add_risk,
    message,
    open_form,
    type_in,
)
from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.navigation import (
    ClosePlan,
    EditParticipant,
    ExtendPlan,
    FollowUpSafeguarding,
    LogContact,
    StartReview,
)
from workwell_tui.screens.participant_edit import ParticipantEditScreen
from workwell_tui.screens.plan.closure import ClosureScreen
from workwell_tui.screens.plan.contact import LogContactScreen
from workwell_tui.screens.plan.extension import ExtensionScreen
from workwell_tui.screens.plan.review import ReviewScreen
from workwell_tui.screens.plan.safeguarding import FollowUpScreen
from workwell_tui.screens.record_form import RecordFormScreen

SIZES = [(80, 24), (120, 40)]
FORMS: dict[str, tuple[type[Message], type[RecordFormScreen]]] = {
    "contact": (LogContact, LogContactScreen),
    "review": (StartReview, ReviewScreen),
    "closure": (ClosePlan, ClosureScreen),
    "extension": (ExtendPlan, ExtensionScreen),
    "follow_up": (FollowUpSafeguarding, FollowUpScreen),
    "edit": (EditParticipant, ParticipantEditScreen),
}


@pytest.fixture
def alex(store: Store, people: dict[str, Participant]) -> Participant:
    """Alex, in week 6 with a review due, two objectives, measures and an open risk."""
    person = people["alex"]
    add_objectives(store, person)
    add_measures(store, person)
    add_risk(store, person)
    return person


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("form", list(FORMS))
def test_form(
    snap_compare: Any, app: WorkwellApp, alex: Participant, form: str, size: tuple[int, int]
) -> None:
    message, kind = FORMS[form]

    async def run_before(pilot: Pilot[None]) -> None:
        await open_form(pilot, message(str(alex.id)), kind)  # type: ignore[call-arg]

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_contact_with_problems_80x24(
    snap_compare: Any, app: WorkwellApp, alex: Participant
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await open_form(pilot, LogContact(str(alex.id)), LogContactScreen)
        await type_in(pilot, screen, "date", "23/11/2026")
        await type_in(pilot, screen, "duration", "forty")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "duration"), "the problems")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
