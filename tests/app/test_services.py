"""Pilot tests: the services directory as a coach uses it, from a participant and on its own."""

from __future__ import annotations

from functools import partial

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from tests.hostile_strings import FORBIDDEN, HOSTILE
from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.directory.report import ImportBatch
from workwell_tui.domain.directory.service import ServiceDraft
from workwell_tui.domain.enums import ReferralStatus
from workwell_tui.screens.navigation import OpenDirectory, OpenServices
from workwell_tui.screens.services.referral import ReferralScreen
from workwell_tui.screens.services.referrals import ReferralsScreen
from workwell_tui.screens.services.screen import ServicesScreen
from workwell_tui.screens.services.service_form import ServiceFormScreen
from workwell_tui.widgets.service_list import ServiceList

from .helpers import (
    screen_text,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

DIRECTORY = [
    ServiceDraft(
        name="Community Counselling",
        categories=("counselling",),
        areas=("Preston",),
        routes=("self",),
        phones=("01632 960001",),
        description="Free short-term counselling for adults.",
        source_id="1",
    ),
    ServiceDraft(
        name="Pendle Hill Counselling",
        categories=("counselling",),
        areas=("Burnley",),
        routes=("gp",),
        source_id="2",
    ),
    ServiceDraft(
        name="Money Advice Line", categories=("debt advice",), routes=("self",), source_id="3"
    ),
    ServiceDraft(name="Sleep Well Workshop", categories=("sleep",), source_id="4"),
]


@pytest.fixture(autouse=True)
def directory(store: Store, people: dict[str, Participant]) -> None:
    store.import_services(ImportBatch(services=list(DIRECTORY)))


def shown(app: WorkwellApp) -> list[str]:
    """The services listed, or nothing while another screen is on top."""
    if not isinstance(app.screen, ServicesScreen):
        return []
    return [service.name for service in app.screen.query_one(ServiceList).services]


def starts_a_row(app: WorkwellApp, start: str) -> bool:
    return any(name.startswith(start) for name in shown(app))


async def open_directory(pilot: Pilot[None], participant_id: str | None) -> ServicesScreen:
    await wait_for_caseload(pilot)
    pilot.app.post_message(
        OpenServices(participant_id) if participant_id is not None else OpenDirectory()
    )
    screen = await wait_for_screen(pilot, ServicesScreen, lambda shown: shown.loaded)
    await wait_for_focus(pilot, screen.query_one("#find"))  # where the keys typed next go
    return screen


async def test_find_as_you_type_and_filters(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, None)
        assert len(shown(app)) == 4 and "4 of 4" in screen_text(app)
        await pilot.press(*"couns")
        await wait_until(pilot, lambda: len(shown(app)) == 2, "two matches")
        assert sorted(shown(app)) == ["Community Counselling", "Pendle Hill Counselling"]
        assert "2 of 4" in screen_text(app)
        # The details pane follows the highlighted service.
        first = shown(app)[0]
        assert f"╭─ {first}" in screen_text(app)
        await pilot.press("down", "s")  # into the list, then self-referral only
        await wait_until(pilot, lambda: shown(app) == ["Community Counselling"], "self only")
        await pilot.press("s", "slash", *"x", "backspace", "backspace")
        await wait_until(pilot, lambda: len(shown(app)) == 4, "everything again")
        app.screen.query_one("#district").value = "Burnley"  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: "Community Counselling" not in shown(app), "Burnley")
        assert shown(app) == ["Pendle Hill Counselling", "Money Advice Line", "Sleep Well Workshop"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ServicesScreen), "it closed")
        assert not isinstance(app.screen, ServicesScreen)


async def test_refer_then_record_what_happened(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = str(people["alex"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_directory(pilot, alex)
        assert "refer Alex Smith (WW-000001)" in screen_text(app)
        # Alex is in Preston: the district filter starts there, so Burnley's service is not shown.
        assert screen.query_one("#district").value == "Preston"  # type: ignore[attr-defined]
        assert "Pendle Hill Counselling" not in shown(app)
        await pilot.press(*"counsel", "enter")
        referral = await wait_for_screen(pilot, ReferralScreen)
        await wait_for_focus(pilot, referral.query_one("#status"))
        await pilot.press("tab", *"31/02/2026", "ctrl+s")  # a wrong date stays on the form
        await wait_for_text(pilot, "There is no day 31 in that month")
        assert isinstance(app.screen, ReferralScreen)
        assert "There is no day 31 in that month" in screen_text(app)
        app.screen.query_one("#made_on", Input).value = "20/11/2026"
        app.screen.query_one("#status").value = "made"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(store.participant_referrals(alex)), "the referral")
        [made] = store.participant_referrals(alex)
        assert made.status is ReferralStatus.MADE and made.service_name == "Community Counselling"
        assert made.made_on is not None and made.made_on.day == 20

        await pilot.press("escape")  # from the find box: back is the directory's escape
        await open_directory(pilot, alex)
        await pilot.press("down", "v")
        their = await wait_for_screen(pilot, ReferralsScreen)
        await wait_until(pilot, lambda: "Community Counselling: made" in screen_text(app), "row")
        await wait_for_focus(pilot, their.query_one(OptionList))  # Enter opens its row
        await pilot.press("enter")
        change = await wait_for_screen(pilot, ReferralScreen)
        status = change.query_one("#status", Select)
        await wait_for_focus(pilot, status)
        await pilot.press("enter", "down", "down", "enter")  # made -> accepted -> attended
        await wait_until(
            pilot, lambda: not status.expanded and app.focused is status, "the list closed"
        )
        await pilot.press("tab", "tab", *"Went to two sessions", "ctrl+s")
        await wait_until(
            pilot,
            lambda: store.participant_referrals(alex)[0].status is ReferralStatus.ATTENDED,
            "attended",
        )
        await wait_until(pilot, lambda: "attended 22 Nov 2026" in screen_text(app), "the list")
        assert store.participant_referrals(alex)[0].outcome == "Went to two sessions"


async def test_add_a_service_by_hand_and_mark_it_checked(app: WorkwellApp, store: Store) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, None)
        await pilot.press("down", "a")
        form = await wait_for_screen(pilot, ServiceFormScreen)
        name = form.query_one("#name", Input)
        await wait_for_focus(pilot, name)
        await pilot.press("ctrl+s")  # no name: a message beside the field, nothing lost
        await wait_for_text(pilot, "A service needs a name")
        assert "A service needs a name" in screen_text(app)
        await wait_for_focus(pilot, name)  # taken to it
        await pilot.press(*"Walking Group")
        app.screen.query_one("#postcode", Input).value = "nowhere"
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Not a UK postcode")
        assert "Not a UK postcode" in screen_text(app)
        app.screen.query_one("#postcode", Input).value = "pr1 2ab"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Walking Group" in shown(app), "the new service")
        added = next(s for s in store.directory() if s.name == "Walking Group")
        assert added.edited_by_hand and added.draft.postcode == "PR1 2AB"
        await pilot.press("slash", *"walk")
        await wait_until(pilot, lambda: shown(app) == ["Walking Group"], "found")
        await pilot.press("down", "t")
        await wait_until(
            pilot,
            lambda: store.service(added.id).draft.last_verified is not None,
            "checked today",
        )
        await wait_until(pilot, lambda: "checked 22 Nov 2026" in screen_text(app), "shown")


async def test_hostile_service_text_shows_literally(app: WorkwellApp, store: Store) -> None:
    hostile = [
        ServiceDraft(
            name=f"Svc{n} {value}",
            description=value,
            organisation=value,
            phones=(value[:50],),
            address=value,
            source_id=f"h{n}",
        )
        for n, value in enumerate(HOSTILE)
    ]
    store.import_services(ImportBatch(services=hostile))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_directory(pilot, None)
        for number in range(len(HOSTILE)):
            app.screen.query_one("#find", Input).value = f"Svc{number}"
            await wait_until(
                pilot,
                partial(starts_a_row, app, f"Svc{number} "),
                f"svc {number}",
            )
            picture = app.export_screenshot()
            assert not any(code in picture for code in FORBIDDEN), number
            assert isinstance(app.screen, ServicesScreen)


async def test_hostile_text_in_refer_referrals_and_edit(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    bad = "Smith [/] [bold]x\x1b[2J\x1b]0;owned\x07"
    store.import_services(
        ImportBatch(services=[ServiceDraft(name=f"Hostile {bad}", description=bad, source_id="h")])
    )
    alex = str(people["alex"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_directory(pilot, alex)
        app.screen.query_one("#district").value = "Burnley"  # type: ignore[attr-defined]
        await pilot.press(*"hostile")
        await wait_until(
            pilot,
            lambda: shown(app)[:1] == ["Hostile Smith [/] [bold]x[2J]0;owned"],
            "the hostile service",
        )
        for key, screen_type in (("enter", ReferralScreen), ("e", ServiceFormScreen)):
            if key == "e":
                await pilot.press("down")
            await pilot.press(key)
            await wait_for_screen(pilot, screen_type)
            picture = app.export_screenshot()
            assert not any(code in picture for code in FORBIDDEN), key
            assert "Smith [/] [bold]x" in screen_text(app)
            await pilot.press("ctrl+s")
            await wait_for_screen(pilot, ServicesScreen)
        await wait_until(pilot, lambda: bool(store.participant_referrals(alex)), "referral")
        await pilot.press("v")
        await wait_until(pilot, lambda: "Hostile Smith [/]" in screen_text(app), "their list")
        assert not any(code in app.export_screenshot() for code in FORBIDDEN)
