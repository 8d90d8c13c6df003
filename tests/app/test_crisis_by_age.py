"""The crisis box (!) lists Childline for a participant under 19, and for someone whose age is not
recorded or when no participant is on screen; never for an adult. Every contact names its site."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.crisis import CrisisContactsScreen

from .helpers import screen_text, wait_for_caseload, wait_until
from .wizard import open_participant

EVERYONE = ("999", "A&E", "option 2", "116 123", "85258", "nhs.uk", "samaritans.org")
CHILDLINE = ("0800 1111", "for under-19s", "childline.org.uk")


def born(store: Store, person: Participant, on: date | None) -> None:
    with Session(store.engine) as session:
        row = session.get(Participant, person.id)
        assert row is not None
        row.date_of_birth = on
        session.add(row)
        session.commit()


async def crisis_text(app: WorkwellApp, pilot: Pilot[None]) -> str:
    """The crisis box's text, once it has read the participant's age."""
    await wait_until(pilot, lambda: isinstance(app.screen, CrisisContactsScreen))
    screen = app.screen
    assert isinstance(screen, CrisisContactsScreen)
    await wait_until(pilot, lambda: screen.age_known)
    return screen_text(app)


@pytest.mark.parametrize(
    ("date_of_birth", "childline"),
    [
        (date(2009, 6, 1), True),  # 17
        (date(2007, 11, 23), True),  # 18, 19 tomorrow
        (date(2007, 11, 22), False),  # 19 today
        (date(1985, 3, 1), False),
        (None, True),  # not recorded: listed, marked for under-19s
    ],
)
async def test_childline_follows_the_participants_age(
    date_of_birth: date | None,
    childline: bool,
    app: WorkwellApp,
    store: Store,
    people: dict[str, Participant],
) -> None:
    born(store, people["jordan"], date_of_birth)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_participant(pilot, "WW-000003")
        await pilot.press("exclamation_mark")
        text = await crisis_text(app, pilot)
    for must in EVERYONE:
        assert must in text, (must, text)
    for line in CHILDLINE:
        assert (line in text) is childline, (line, text)


async def test_from_the_caseload_childline_is_listed(app: WorkwellApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_caseload(pilot)
        app.action_crisis_contacts()  # as the palette's "Crisis contacts" (! types in the find box)
        text = await crisis_text(app, pilot)
    for must in (*EVERYONE, *CHILDLINE):
        assert must in text, (must, text)
