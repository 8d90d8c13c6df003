"""Snapshots of the services directory and its dialogs, at 120×40 and 80×24.

Review the SVGs by eye before committing (`pytest --snapshot-update`, then open them).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.directory.report import ImportBatch
from workwell_tui.domain.directory.referrals import ReferralDraft
from workwell_tui.domain.directory.service import ServiceDraft
from workwell_tui.domain.enums import ReferralStatus
from workwell_tui.screens.navigation import OpenDirectory, OpenServices
from workwell_tui.screens.services.importing import ImportScreen
from workwell_tui.screens.services.screen import ServicesScreen

from ..app.helpers import (
    focus_and_type,
    settled,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)

DIRECTORY = [
    ServiceDraft(
        name="Community Counselling",
        organisation="Red Rose Counselling CIC",
        description="Free short-term counselling for adults. Mon–Fri 9–5.",
        categories=("counselling",),
        areas=("Preston",),
        address="12 Fishergate, Preston",
        postcode="PR1 2AB",
        phones=("01632 960001",),
        website="example.org/counselling",
        routes=("self",),
        how_to_refer="Phone or use the online form",
        min_age=18,
        cost="Free",
        last_verified=date(2026, 11, 3),
        source_id="1",
    ),
    ServiceDraft(
        name="Mind in Lancashire (fictional)",
        categories=("counselling", "mental health"),
        routes=("self", "gp"),
        last_verified=date(2026, 10, 1),
        source_id="2",
    ),
    ServiceDraft(
        name="NHS Talking Therapies (16+)",
        categories=("talking therapies",),
        routes=("self",),
        min_age=16,
        last_verified=date(2026, 9, 12),
        source_id="3",
    ),
    ServiceDraft(
        name="Pendle Hill Counselling",
        categories=("counselling",),
        areas=("Burnley",),
        routes=("gp", "professional"),
        source_id="4",
    ),
    ServiceDraft(name="Money Advice Line", categories=("debt advice",), source_id="5"),
]


@pytest.fixture(autouse=True)
def directory(store: Store, people: dict[str, Participant]) -> None:
    store.import_services(ImportBatch(services=list(DIRECTORY)))


def opener(participant_id: str | None, *keys: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        pilot.app.post_message(
            OpenServices(participant_id) if participant_id is not None else OpenDirectory()
        )
        screen = await wait_for_screen(pilot, ServicesScreen, lambda shown: shown.loaded)
        await wait_for_focus(pilot, screen.query_one("#find"))  # where the keys start
        for key in keys:
            await pilot.press(key)
            await settled(pilot)
        await settled(pilot)

    return run_before


def test_services_for_a_participant(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    run_before = opener(str(people["alex"].id))
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_services_for_a_participant_80x24(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    run_before = opener(str(people["alex"].id), *"couns", "down")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_services_directory_80x24(snap_compare: Any, app: WorkwellApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=opener(None, "down"))


def test_services_refer_80x24(
    snap_compare: Any, app: WorkwellApp, people: dict[str, Participant]
) -> None:
    run_before = opener(str(people["alex"].id), *"couns", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_services_their_referrals(
    snap_compare: Any, app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = str(people["alex"].id)
    ids = {s.name: s.id for s in store.directory()}
    store.refer(
        alex, ids["Community Counselling"], ReferralDraft(ReferralStatus.MADE, date(2026, 11, 1))
    )
    store.refer(
        alex,
        ids["Money Advice Line"],
        ReferralDraft(ReferralStatus.ATTENDED, date(2026, 11, 2), "Went to the first appointment"),
    )
    from sqlalchemy import text

    with store.unit_of_work() as session:  # the first one has been quiet since 1 Nov
        session.execute(
            text("UPDATE referral SET last_update_on = '2026-11-01' WHERE status = 'made'")
        )
    assert snap_compare(app, terminal_size=(100, 30), run_before=opener(alex, "down", "v"))


def test_service_form_80x24(snap_compare: Any, app: WorkwellApp) -> None:
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=opener(None, "down", "e", "ctrl+a", "ctrl+k")
    )


def test_services_import_summary(
    snap_compare: Any, app: WorkwellApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    records = [
        {"id": "n1", "name": "Walking for Health", "service_areas": [{"name": "Preston"}]},
        {"id": "n2", "name": ""},
        {
            "id": "n3",
            "name": "Bay Carers",
            "service_at_locations": [{"location": {"latitude": 100, "longitude": 101}}],
        },
    ]
    (tmp_path / "page.json").write_text(json.dumps({"contents": records}), "utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await opener(None, "down", "i")(pilot)
        importing = await wait_for_screen(pilot, ImportScreen)
        await focus_and_type(pilot, importing.query_one("#import-path"), *"page.json", "enter")
        await wait_until(pilot, lambda: importing.summary is not None, "the summary")
        await settled(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
