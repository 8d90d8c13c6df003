"""The export screen as a coach uses it: open it from a participant, choose the audience,
preview, write; refusals in place of the preview; hostile names shown as typed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session
from textual.command import CommandInput, CommandPalette
from textual.pilot import Pilot

from tests.hostile_strings import FORBIDDEN, HOSTILE, visible
from workwell_tui.app import WorkwellApp
from workwell_tui.db.audit import recent_events
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.export import ExportScreen
from workwell_tui.screens.navigation import ExportPlan
from workwell_tui.screens.participant import ParticipantScreen

from .helpers import (
    focus_and_type,
    record_notifications,
    screen_text,
    settled,
    wait_for_caseload,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


async def open_export(pilot: Pilot[None], participant_id: object) -> ExportScreen:
    """The export screen of one participant, with its preview shown."""
    app = pilot.app
    await wait_for_caseload(pilot)
    app.post_message(ExportPlan(str(participant_id)))
    screen = await wait_for_screen(pilot, ExportScreen, lambda shown: shown.view)
    await wait_for_text(pilot, PARTICIPANT_COPY)  # the preview is drawn after the record is read
    return screen


PARTICIPANT_COPY = "Your WorkWell plan"  # each audience's document, by its title
SUBJECT_ACCESS_COPY = "Everything WorkWell holds about you"


def exports(tmp_path: Path) -> list[str]:
    folder = tmp_path / "exports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


async def test_export_from_the_participant_screen_through_the_palette(
    app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press(*"ww-000001", "enter")
        await wait_for_screen(pilot, ParticipantScreen)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await focus_and_type(pilot, palette.query_one(CommandInput), *"Export")
        await wait_for_text(pilot, "Write this participant's plan")
        await pilot.press("enter")
        await wait_for_screen(pilot, ExportScreen, lambda shown: shown.view)
        await wait_for_text(pilot, PARTICIPANT_COPY)
        text = screen_text(app)
        assert "Export · Smith, Alex · WW-000001" in text
        assert "Your WorkWell plan" in text
        assert "Will write: exports/WW-000001-participant-2026-11-22.md" in text


async def test_enter_writes_the_participant_copy_and_audits_it(
    app: WorkwellApp, people: dict[str, Participant], store: Store, tmp_path: Path
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(app)
        await open_export(pilot, people["alex"].id)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: exports(tmp_path), "the file written")
        assert exports(tmp_path) == ["WW-000001-participant-2026-11-22.md"]
        assert any("WW-000001-participant-2026-11-22.md" in note for note in notes)
        with Session(store.engine) as session:
            latest = recent_events(session, 1)[0]
        assert (latest.action, latest.detail) == ("participant.export", "participant, markdown")


async def test_refused_copy_shows_why_and_writes_nothing(
    app: WorkwellApp, people: dict[str, Participant], tmp_path: Path
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot, people["alex"].id)
        await pilot.press("2")
        await wait_for_text(pilot, "Nothing will be written.")
        text = screen_text(app)
        assert "Alex has not agreed that WorkWell contacts their employer" in text
        assert "Nothing will be written." in text
        assert "Write" not in text.splitlines()[-1]  # the footer offers no Write
        await pilot.press("enter", "p")
        await settled(pilot)
        assert exports(tmp_path) == []
        assert screen.refusal


async def test_gp_copy_once_consented(
    app: WorkwellApp, people: dict[str, Participant], store: Store
) -> None:
    with Session(store.engine) as session:
        alex = session.get(Participant, people["alex"].id)
        assert alex is not None
        alex.consent_share_gp = True
        session.commit()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(pilot, people["alex"].id)
        await pilot.press("3")
        await wait_for_text(pilot, "WorkWell update for the GP")
        assert "WorkWell update for the GP" in screen_text(app)


async def test_measures_only_when_ticked(app: WorkwellApp, people: dict[str, Participant]) -> None:
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await open_export(pilot, people["alex"].id)
        assert "How you are doing" not in screen_text(app)
        await pilot.press("m")
        await wait_for_text(pilot, "How you are doing")
        assert screen.include_measures
        assert "How you are doing" in screen_text(app)
        await pilot.press("4")  # measures belong to the participant's copy only
        await wait_for_text(pilot, SUBJECT_ACCESS_COPY)
        assert "Everything WorkWell holds about you" in screen_text(app)
        assert not screen.check_action("toggle_measures", ())


async def test_pdf_without_pandoc_writes_markdown_and_says_what_to_install(
    app: WorkwellApp,
    people: dict[str, Participant],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(app)
        await open_export(pilot, people["alex"].id)
        assert "(+ PDF: needs pandoc and WeasyPrint)" in screen_text(app)
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await wait_until(
            pilot, lambda: any("PDF needs pandoc" in note for note in notes), "the message"
        )
        assert exports(tmp_path) == ["WW-000001-participant-2026-11-22.md"]


SOME_HOSTILE = [
    value
    for value in HOSTILE
    if any(mark in value for mark in ("[", "\x1b", "\u202e", "<script>", "`", "\x9b"))
][:10]


@pytest.mark.parametrize("value", SOME_HOSTILE)
async def test_hostile_names_preview_as_typed(
    value: str, app: WorkwellApp, people: dict[str, Participant], store: Store
) -> None:
    # Written straight to the row, past the cleaning write path, as an old database could be.
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE participant SET first_name = ?, preferred_name = ? WHERE id = ?",
            (value, value, people["alex"].id.hex),
        )
    async with app.run_test(size=(140, 40)) as pilot:
        await open_export(pilot, people["alex"].id)
        for audience, title in (("1", PARTICIPANT_COPY), ("4", SUBJECT_ACCESS_COPY)):
            await pilot.press(audience)
            await wait_for_text(pilot, title)
            text = screen_text(app)
            assert visible(value) in text
            assert not any(code in text for code in FORBIDDEN)
