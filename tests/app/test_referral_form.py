"""Pilot tests: adding a participant from a referral, and every way the form can be wrong."""

from __future__ import annotations

from sqlmodel import Session, select
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import AuditEvent, Participant
from workwell_tui.db.participants import count_participants
from workwell_tui.db.store import Store
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.widgets.form_field import FormField

from .helpers import (
    focus_and_type,
    screen_text,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)


def record_read(app: WorkwellApp) -> bool:
    """The participant screen is up and has read the record."""
    return isinstance(app.screen, ParticipantScreen) and bool(app.screen.stage)


async def open_form(pilot: Pilot[None]) -> ReferralFormScreen:
    """The new-referral form, asked for by key, with no draft to offer, its cursor in the
    first field (the keys typed next go there)."""
    await wait_for_caseload(pilot)
    await pilot.press("down", "n")
    screen = await wait_for_screen(pilot, ReferralFormScreen, lambda form: form.keeper.ready)
    await wait_for_focus(pilot, screen.query_one("#first_name"))
    return screen


def set_value(screen: ReferralFormScreen, widget_id: str, value: object) -> None:
    screen.query_one(f"#{widget_id}").value = value  # type: ignore[attr-defined]


def message(screen: ReferralFormScreen, field: str) -> str:
    widget = screen.query_one(f"#field-{field}", FormField)
    return widget.message if widget.invalid else ""


async def test_add_a_participant_by_keyboard(app: WorkwellApp, store: Store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot)
        await pilot.press(*"Dana", "tab", *"Okafor", "tab", "tab", *"02/10/1990", "tab")
        await pilot.press(*"07700 900456", "tab", *"dana@example.org", "tab", *"pr1 2ab")
        set_value(screen, "district", "Preston")
        set_value(screen, "referral_source", "employer")
        set_value(screen, "work_situation", "struggling")
        await focus_and_type(pilot, screen.query_one("#consent_processing"), "space")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: record_read(app), "the new participant's record")
        assert isinstance(app.screen, ParticipantScreen)
        text = screen_text(app)
        assert "Dana Okafor · WW-000007" in text
        assert "PR1 2AB" in text
        assert "In work (employed or" in text and "self-employed): struggling" in text
        with store.session() as session:
            saved = session.exec(select(Participant).where(Participant.last_name == "Okafor")).one()
            assert saved.stage == "referred"
            assert saved.consent_processing and saved.consent_processing_on is not None
            actions = [e.action for e in session.exec(select(AuditEvent))]
            assert "participant.create" in actions
        await pilot.press("escape")
        await wait_until(pilot, lambda: "7 of 7" in screen_text(app), "the caseload")
        assert isinstance(app.screen, CaseloadScreen)
        assert "7 of 7" in screen_text(app)


async def test_bad_input_shows_messages_and_keeps_everything(
    app: WorkwellApp, store: Store
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot)
        await pilot.press(*"Dana", "tab", "tab", "tab", *"31/02/1990", "tab", *"12345", "tab")
        await pilot.press(*"not-an-email", "tab", *"XYZ")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "last_name"), "the problems")
        assert isinstance(app.screen, ReferralFormScreen)
        assert message(screen, "last_name") == "Last name is needed"
        assert message(screen, "date_of_birth") == "There is no day 31 in that month"
        assert "10 or 11 digits" in message(screen, "phone")
        assert "email" in message(screen, "email")
        assert "postcode" in message(screen, "postcode")
        assert message(screen, "district") == "Choose a district"
        assert "voluntary" in message(screen, "consent_processing")
        # Nothing typed is lost.
        assert screen.values()["first_name"] == "Dana"
        assert screen.values()["date_of_birth"] == "31/02/1990"
        assert screen.values()["email"] == "not-an-email"
        # The first problem has the cursor.
        await wait_for_focus(pilot, screen.query_one("#last_name"))
        assert app.focused is not None and app.focused.id == "last_name"
        with store.session() as session:
            assert count_participants(session) == 6
        # Mending a field clears its message at once.
        await pilot.press(*"Okafor")
        assert message(screen, "last_name") == ""


async def test_future_referral_date_refused(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot)
        set_value(screen, "referral_date", "01/01/2027")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "referral_date"), "the message")
        assert "future" in message(screen, "referral_date")


async def test_under_16_is_refused_unless_recorded_as_not_eligible(
    app: WorkwellApp, store: Store
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot)
        set_value(screen, "first_name", "Young")
        set_value(screen, "last_name", "Person")
        set_value(screen, "date_of_birth", "01/06/2012")
        set_value(screen, "district", "Blackpool")
        set_value(screen, "referral_source", "gp")
        set_value(screen, "work_situation", "other")
        under_16 = screen.query_one("#field-record_under_16")
        await wait_until(pilot, lambda: under_16.display, "the under-16 choice")
        assert screen.query_one("#field-record_under_16").display
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "date_of_birth"), "the message")
        assert "under 16" in message(screen, "date_of_birth")
        set_value(screen, "record_under_16", True)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ParticipantScreen)
        assert isinstance(app.screen, ParticipantScreen)
        with Session(store.engine) as session:
            young = session.exec(select(Participant).where(Participant.first_name == "Young")).one()
            assert young.stage == "signposted"
            assert "Under 16" in young.stage_reason
            assert young.signposted_to


async def test_cancel_asks_before_discarding_typed_text(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot)
        await pilot.press(*"Dana", "escape")
        await wait_for_screen(pilot, ConfirmScreen)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen  # type: ignore[comparison-overlap]
        assert screen.values()["first_name"] == "Dana"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, CaseloadScreen)
        assert isinstance(app.screen, CaseloadScreen)


async def test_cancel_an_empty_form_leaves_at_once(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, CaseloadScreen)
        assert isinstance(app.screen, CaseloadScreen)
