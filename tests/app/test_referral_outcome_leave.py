"""Recording a referral: Esc with outcome notes typed asks before throwing them away, and
"Keep typing" keeps them; with nothing typed, Esc simply leaves."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.directory.report import ImportBatch
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.services.referral import ReferralScreen
from workwell_tui.screens.services.screen import ServicesScreen

from .helpers import screen_text, wait_until
from .test_services import DIRECTORY, open_directory


@pytest.fixture(autouse=True)
def directory(store: Store, people: dict[str, Participant]) -> None:
    store.import_services(ImportBatch(services=list(DIRECTORY)))


async def test_leaving_a_referral_with_notes_typed_asks_first(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = str(people["alex"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, alex)
        await pilot.press(*"counsel", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferralScreen), "the referral")
        await pilot.press("escape")  # nothing typed: no question
        await wait_until(pilot, lambda: isinstance(app.screen, ServicesScreen), "back")

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferralScreen), "the referral")
        form = app.screen
        form.query_one("#outcome", TextArea).focus()
        await wait_until(pilot, lambda: app.focused is form.query_one("#outcome"), "notes")
        await pilot.press(*"Called them; a letter comes within two weeks")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "Leave without recording this?" in screen_text(app)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is form, "the form again")
        text = form.query_one("#outcome", TextArea).text
        assert text == "Called them; a letter comes within two weeks"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, ServicesScreen), "back")
    assert store.participant_referrals(alex) == []
