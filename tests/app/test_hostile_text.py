"""Hostile names on every screen that shows participant text: literal, no crash, no escape codes.

The people are written straight into the database with SQL, past every cleaning write path, as
a database from an older version (or edited by hand) could hold them: the screens themselves must
show the text literally.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert
from textual.command import CommandInput, CommandPalette
from textual.content import Content
from textual.widgets import Input

from tests.hostile_strings import FORBIDDEN, HOSTILE, visible
from workwell_tui.app import WorkwellApp
from workwell_tui.commands import ParticipantCommands
from workwell_tui.config import Settings
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.services import Services

from .helpers import (
    focus_and_type,
    settled,
    svg_text,
    wait_for_caseload,
    wait_for_screen,
    wait_for_text,
)


def last_name(number: int) -> str:
    return f"Hostile{number:02d}"


@pytest.fixture
def hostile_app(store: Store, settings: Settings) -> WorkwellApp:
    """One participant per hostile string, in every free-text field, stored raw."""
    rows = [
        {
            "reference": f"WW-{number + 1:06d}",
            "first_name": value,
            "last_name": last_name(number),
            "preferred_name": value,
            "date_of_birth": date(1980, 1, 1),
            "district": "Preston",
            "stage": "signposted",
            "stage_reason": value,
            "signposted_to": value,
            "employer_name": value,
            "referral_date": date(2026, 11, 1),
            "referral_source": "gp",
            "work_situation": "off_sick",
            "consent_processing": True,
            "stage_changed_on": date(2026, 11, 1),
        }
        for number, value in enumerate(HOSTILE)
    ]
    with store.engine.begin() as connection:
        connection.execute(insert(Participant), rows)
    return WorkwellApp(Services.for_store(store, settings))


def assert_safe(app: WorkwellApp) -> str:
    """The screen as sent to the terminal holds no control code; returns its text."""
    picture = app.export_screenshot()
    assert not any(code in picture for code in FORBIDDEN)
    assert "&#27;" not in picture  # not even escaped
    return svg_text(picture)


async def test_caseload_rows_show_hostile_names_literally(hostile_app: WorkwellApp) -> None:
    async with hostile_app.run_test(size=(160, 50)) as pilot:
        await wait_for_caseload(pilot)
        for number, value in enumerate(HOSTILE):
            hostile_app.screen.query_one("#find", Input).value = last_name(number)
            await pilot.pause()
            text = assert_safe(hostile_app)
            assert f"{last_name(number)}, {visible(value, 8)}" in text, value[:40]


async def test_participant_screen_shows_hostile_text_literally(hostile_app: WorkwellApp) -> None:
    async with hostile_app.run_test(size=(160, 50)) as pilot:
        await wait_for_caseload(pilot)
        rows = {row.last_name: row for row in hostile_app.caseload_rows or []}
        for number, value in enumerate(HOSTILE):
            row = rows[last_name(number)]
            hostile_app.open_participant(row.participant_id)

            def read(shown: ParticipantScreen, wanted: str = row.participant_id) -> bool:
                """This participant's screen (not the last one's), their record read."""
                return shown.participant_id == wanted and bool(shown.stage)

            await wait_for_screen(pilot, ParticipantScreen, read)
            text = assert_safe(hostile_app)
            assert hostile_app.is_running
            title = text.splitlines()[0]
            assert title.lstrip().startswith(visible(value, 8)), value[:40]
            assert len(value) > 100 or last_name(number) in title, value[:40]
            # Employer, reason and signpost panels wrap long text, so look for its start.
            assert text.count(visible(value, 8)) >= 4, value[:40]
            await pilot.press("escape")
            await wait_for_screen(pilot, CaseloadScreen)


async def test_assessment_title_shows_hostile_names_literally(hostile_app: WorkwellApp) -> None:
    async with hostile_app.run_test(size=(160, 50)) as pilot:
        await wait_for_caseload(pilot)
        rows = {row.last_name: row for row in hostile_app.caseload_rows or []}
        for number in (1, 2, 5, 14, 15, 23):
            row = rows[last_name(number)]
            hostile_app.push_screen(AssessmentScreen(row.participant_id))
            await wait_for_screen(pilot, AssessmentScreen, lambda shown: shown.fields)
            await wait_for_text(pilot, last_name(number))
            text = assert_safe(hostile_app)
            assert f"{last_name(number)}, {visible(HOSTILE[number], 8)}" in text
            await pilot.press("escape")  # leaves once its draft is saved (a worker)
            await wait_for_screen(pilot, CaseloadScreen)
            await settled(pilot)


async def test_palette_hits_show_every_hostile_name_literally(hostile_app: WorkwellApp) -> None:
    async with hostile_app.run_test(size=(160, 50)) as pilot:
        await wait_for_caseload(pilot)
        provider = ParticipantCommands(hostile_app.screen)
        for number, value in enumerate(HOSTILE):
            reference = f"WW-{number + 1:06d}"
            hits = [hit async for hit in provider.search(reference.lower())]
            assert len(hits) == 1, reference
            prompt = hits[0].prompt
            assert isinstance(prompt, Content)
            assert prompt.plain == f"{last_name(number)}, {clean_line(value)} ({reference})"
            assert not prompt.spans or all(span.end - span.start == 1 for span in prompt.spans)


async def test_palette_finds_and_shows_hostile_names_on_screen(hostile_app: WorkwellApp) -> None:
    async with hostile_app.run_test(size=(160, 50)) as pilot:
        await wait_for_caseload(pilot)
        for number in (1, 2, 4, 5, 14, 15, 23, 28):
            reference = f"WW-{number + 1:06d}"
            await pilot.press("ctrl+p")
            palette = await wait_for_screen(pilot, CommandPalette)
            await focus_and_type(pilot, palette.query_one(CommandInput), *reference.lower())
            await wait_for_text(pilot, f"{last_name(number)}, {visible(HOSTILE[number], 8)}")
            assert_safe(hostile_app)
            await pilot.press("escape")
            await wait_for_screen(pilot, CaseloadScreen)
            assert hostile_app.is_running
