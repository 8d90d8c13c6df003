"""A referral's outcome notes are kept as a draft: typed, then the app went away unsaved, the same
referral opened again offers them back; saving (by the screen that opened the form) drops the
draft. A new referral from the directory keeps its own draft, for that person and service."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.directory.report import ImportBatch
from workwell_tui.domain.directory.referrals import ReferralDraft
from workwell_tui.domain.enums import ReferralStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.services.referral import ReferralScreen, new_referral_key
from workwell_tui.screens.services.referrals import ReferralsScreen
from workwell_tui.services import Services

from .helpers import screen_text, settled, wait_for_focus, wait_for_screen, wait_until
from .test_services import DIRECTORY, open_directory

NOTES = "Rang them [bold]twice[/]; a letter comes within two weeks"


@pytest.fixture(autouse=True)
def directory(store: Store, people: dict[str, Participant]) -> None:
    store.import_services(ImportBatch(services=list(DIRECTORY)))


def made_referral(store: Store, alex: str) -> str:
    service = next(s for s in store.directory() if s.name == "Community Counselling")
    made = store.refer(alex, service.id, ReferralDraft(ReferralStatus.MADE, None, ""))
    return made.id


async def open_their_referral(pilot: Pilot[None], app: WorkwellApp, alex: str) -> None:
    """Alex's referrals, and Enter on the one referral."""
    app.push_screen(ReferralsScreen(app.services, alex, "Alex Smith"))
    their = await wait_for_screen(pilot, ReferralsScreen)
    await wait_until(pilot, lambda: bool(their.referrals), "the list")
    await wait_for_focus(pilot, their.query_one(OptionList))
    await pilot.press("enter")


def drafted(store: Store, key: str) -> bool:
    return store.form_draft(FormKind.REFERRAL_OUTCOME, key) is not None


def kept(store: Store, key: str) -> bool:
    draft = store.form_draft(FormKind.REFERRAL_OUTCOME, key)
    return draft is not None and draft.values.get("outcome") == NOTES


async def test_outcome_notes_are_offered_back_after_the_app_went_away_then_saved(
    app: WorkwellApp, store: Store, settings: Settings, people: dict[str, Participant]
) -> None:
    alex = str(people["alex"].id)
    key = made_referral(store, alex)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: app.caseload_rows is not None, "the caseload")
        await open_their_referral(pilot, app, alex)
        form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        outcome = form.query_one("#outcome", TextArea)
        outcome.focus()
        await wait_for_focus(pilot, outcome)
        await pilot.press(*NOTES)
        await wait_until(pilot, lambda: kept(store, key), "the draft")
        await wait_until(pilot, lambda: "draft 14:05" in screen_text(app), "the draft time")
    assert store.participant_referrals(alex)[0].outcome == ""  # kept, not saved

    again = WorkwellApp(Services.for_store(store, settings))
    async with again.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: again.caseload_rows is not None, "the caseload")
        await open_their_referral(pilot, again, alex)
        await wait_for_screen(pilot, ConfirmScreen)
        assert "You were typing this referral at 14:05" in screen_text(again)
        await pilot.press("y")
        form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        assert form.query_one("#outcome", TextArea).text == NOTES
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: store.participant_referrals(alex)[0].outcome == NOTES, "the save"
        )
        await wait_until(pilot, lambda: not kept(store, key), "the draft dropped")
    assert store.form_draft(FormKind.REFERRAL_OUTCOME, key) is None


async def test_a_new_referral_keeps_its_draft_until_it_is_thrown_away(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = str(people["alex"].id)
    service = next(s for s in store.directory() if s.name == "Community Counselling")
    key = new_referral_key(alex, service.id)
    assert len(key) <= 40
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, alex)
        await pilot.press(*"counsel", "enter")
        form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        form.query_one("#made_on", Input).value = "20/11/2026"
        form.query_one("#status", Select).value = "made"
        await wait_until(pilot, lambda: drafted(store, key))
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ReferralScreen, ConfirmScreen)))
        await wait_until(pilot, lambda: not drafted(store, key))

        await pilot.press("enter")  # opened again: nothing offered, nothing kept
        form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        form.query_one("#made_on", Input).value = "20/11/2026"
        await wait_until(pilot, lambda: drafted(store, key))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(store.participant_referrals(alex)), "the referral")
        await wait_until(pilot, lambda: not drafted(store, key))
    [made] = store.participant_referrals(alex)
    assert made.made_on is not None and made.made_on.day == 20


async def test_a_resumed_new_referral_saved_at_once_drops_its_draft(
    app: WorkwellApp, store: Store, settings: Settings, people: dict[str, Participant]
) -> None:
    """The save runs after the form has gone: the draft is still dropped."""
    alex = str(people["alex"].id)
    service = next(s for s in store.directory() if s.name == "Community Counselling")
    key = new_referral_key(alex, service.id)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, alex)
        await pilot.press(*"counsel", "enter")
        form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        outcome = form.query_one("#outcome", TextArea)
        outcome.focus()
        await wait_for_focus(pilot, outcome)
        await pilot.press(*"Rang them")
        await wait_until(pilot, lambda: drafted(store, key))
    again = WorkwellApp(Services.for_store(store, settings))
    async with again.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, alex)
        await pilot.press(*"counsel", "enter")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(store.participant_referrals(alex)), "the referral")
        await settled(pilot)
        await again.workers.wait_for_complete()
    assert store.form_draft(FormKind.REFERRAL_OUTCOME, key) is None
