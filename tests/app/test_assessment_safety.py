"""Pilot tests for what the domain review changed on the wizard: crisis, records, attributions."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.steps import CRISIS_ACTION, MEASURES, RISK_ACTION, WORK
from workwell_tui.screens.assessment.risk import RiskScreen
from workwell_tui.screens.confirm import ConfirmScreen

from .helpers import (
    flat_text,
    screen_text,
    settled,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .test_assessment import SIZE, saved_draft
from .wizard import answer, start_assessment, type_into, wizard


async def test_in_crisis_shows_the_crisis_contacts_and_asks_what_the_coach_did(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        await answer(pilot, "complex_needs", "y")
        assert not isinstance(pilot.app.screen, RiskScreen)  # complex needs alone: no alarm
        await answer(pilot, "in_crisis", "y")
        await wait_for_screen(pilot, RiskScreen)
        text = screen_text(pilot.app)
        for contact in ("999", "A&E", "option 2", "116 123", "85258"):
            assert contact in text
        assert "0800 1111" not in text  # Jordan is an adult: no Childline
        await pilot.press("escape")  # the record cannot be skipped
        assert isinstance(pilot.app.screen, RiskScreen)
        await wait_for_focus(pilot, pilot.app.screen.query_one("#risk-action", Input))
        await pilot.press(*"Called 111 with them", "enter")
        await wait_until(
            pilot, lambda: not isinstance(pilot.app.screen, RiskScreen), "the record kept"
        )
        screen = wizard(pilot)
        assert screen.answers[CRISIS_ACTION] == "Called 111 with them"
        assert screen.fields[CRISIS_ACTION].display  # the record shows on the step
        # Changing their mind about complex needs keeps what the coach did.
        await answer(pilot, "complex_needs", "n")
        assert screen.answers[CRISIS_ACTION] == "Called 111 with them"
        await settled(pilot)
        assert saved_draft(store, people["jordan"]).answers[CRISIS_ACTION] == (
            "Called 111 with them"
        )


async def test_risk_record_stays_when_item_9_goes_back_to_0(
    app: WorkwellApp, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await screen.show_step(MEASURES)
        await answer(pilot, "phq9.take", "y")
        await answer(pilot, "phq9.9", "2")
        risk = await wait_for_screen(pilot, RiskScreen)
        await wait_for_focus(pilot, risk.query_one("#risk-action", Input))
        await pilot.press(*"Shared Samaritans number", "enter")
        await wait_until(
            pilot, lambda: not isinstance(pilot.app.screen, RiskScreen), "the record kept"
        )
        await answer(pilot, "phq9.9", "0")
        await answer(pilot, "phq9.take", "n")
        # The PHQ-9 answers would go: the coach is asked first, and the list leaves out the record.
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "What I did" not in pilot.app.screen.question
        await pilot.press("y")
        await wait_until(
            pilot, lambda: not isinstance(pilot.app.screen, ConfirmScreen), "the answer"
        )
        screen = wizard(pilot)
        assert screen.answers[RISK_ACTION] == "Shared Samaritans number"
        assert screen.fields[RISK_ACTION].display


async def test_measures_step_shows_the_instruments_attribution_lines(
    app: WorkwellApp, people: dict[str, Any]
) -> None:
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await screen.show_step(MEASURES)
        await wait_for_text(pilot, "Measures")
        text = flat_text(pilot.app)
        assert "Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc." in text
        attribution = "Mundt et al. 2002; reproduced with permission of Professor Isaac Marks"
        screen.fields["wsas.take"].control.focus()  # scrolls it into view
        await wait_for_focus(pilot, screen.fields["wsas.take"].control)
        await wait_until(pilot, lambda: attribution in flat_text(pilot.app), attribution)
        text = flat_text(pilot.app)
        assert "Mundt et al. 2002; reproduced with permission of Professor Isaac Marks" in text


async def test_out_of_work_since_over_6_months_is_flagged_beside_the_field(
    app: WorkwellApp, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        screen.answers["work_situation"] = "out_of_work_short"
        await screen.show_step(WORK)
        await type_into(pilot, "out_of_work_since", "01/01/2026")
        await pilot.press("enter")  # try to go on
        flagged = "More than 6 months ago, but the work situation says under 6 months"
        await wait_for_text(pilot, flagged)
        assert wizard(pilot).step.key is WORK.key
        text = screen_text(pilot.app)
        assert flagged in text


async def test_referral_form_words_the_district_and_the_privacy_notice(app: WorkwellApp) -> None:
    from .test_referral_form import open_form

    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        text = flat_text(pilot.app)
        assert "The delivery district that will support them" in text
        assert "Taking part is voluntary." in text
        assert "as the service's privacy notice explains" in text
        assert "They agree to WorkWell keeping these details" not in text
