"""Pilot tests for what the field test found on the wizard, the forms and the participant screen."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input

from workwell_tui.app import WorkwellApp
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import CaseloadFlag
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.cover import LockScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.widgets.tick_box import TickBox

from .helpers import (
    focus_and_type,
    screen_text,
    settled,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)
from .wizard import (
    answer,
    eligible_first_step,
    next_step,
    open_participant,
    start_assessment,
    type_into,
    wizard,
)

SIZE = (100, 40)


def digit_for(screen: AssessmentScreen, key: str, value: str) -> str:
    """The digit that picks `value` in a numbered choice (whatever order the options are in)."""
    values = [option for option, _ in screen.pages.questions[key].options]
    return str(values.index(value) + 1)


def wizard_open(pilot: Any) -> bool:
    screen = pilot.app.screen
    return isinstance(screen, AssessmentScreen) and bool(screen.fields)


async def change_work_situation(pilot: Any, value: str) -> None:
    await answer(pilot, "work_situation", digit_for(wizard(pilot), "work_situation", value))


async def test_a_change_that_drops_answers_asks_first_and_ctrl_z_brings_them_back(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await eligible_first_step(pilot)
        await next_step(pilot)
        await type_into(pilot, "job_title", "Care assistant")
        await type_into(pilot, "hours", "30")
        await pilot.press("ctrl+b")
        await wait_until(
            pilot, lambda: screen.step.title == "Eligibility and consent", "back on step 1"
        )

        # One wrong digit: the answers that would go are listed, and "n" keeps them all.
        await change_work_situation(pilot, "out_of_work_short")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        text = screen_text(pilot.app)
        assert "Job title: Care assistant" in text and "Hours a week: 30" in text
        await pilot.press("n")
        await wait_for_screen(pilot, AssessmentScreen)
        assert screen.answers["work_situation"] == "off_sick"
        assert screen.pages.answer("work_situation") == "off_sick"
        assert screen.answers["job_title"] == "Care assistant"

        # Removed when the coach agrees; ctrl+z brings every one back.
        await change_work_situation(pilot, "out_of_work_short")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, AssessmentScreen)
        assert (
            "job_title" not in screen.answers and "consent_contact_employer" not in screen.answers
        )
        assert "Undo removal" in screen_text(pilot.app)  # offered in the footer
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.answers["work_situation"] == "off_sick"
        assert screen.answers["job_title"] == "Care assistant"
        assert screen.answers["consent_contact_employer"] == "yes"
        assert screen.fields["consent_contact_employer"].display
        await settled(pilot)
        draft = store.assessment_draft(screen.participant_id)
        assert draft is not None and draft.answers["job_title"] == "Care assistant"

        # Once the step is left, the removal stands.
        await change_work_situation(pilot, "out_of_work_short")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, AssessmentScreen)
        await next_step(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "job_title" not in screen.answers
        assert "Undo removal" not in screen_text(pilot.app)


async def test_the_under_16_box_is_not_in_the_typing_path(app: WorkwellApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("ctrl+n")
        form = await wait_for_screen(pilot, ReferralFormScreen, lambda shown: shown.keeper.ready)
        assert isinstance(form, ReferralFormScreen)
        await wait_for_focus(pilot, form.query_one("#first_name"))
        await pilot.press(*"Young", "tab", *"Person", "tab", "tab", *"01/06/2012", "tab")
        under_16 = form.query_one("#field-record_under_16")
        await wait_until(pilot, lambda: under_16.display, "the under-16 choice")
        assert form.query_one("#field-record_under_16").display  # it does apply
        await pilot.press(*"07700 900456")
        assert form.query_one("#phone", Input).value == "07700 900456"
        assert form.query_one("#record_under_16", Checkbox).value is False


async def test_form_tick_boxes_differ_in_shape_ticked_and_not(app: WorkwellApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_caseload(pilot)
        await pilot.press("ctrl+n")
        form = await wait_for_screen(pilot, ReferralFormScreen, lambda shown: shown.keeper.ready)
        boxes = list(form.query(Checkbox))
        assert boxes and all(isinstance(box, TickBox) for box in boxes)
        consent = form.query_one("#consent_processing", Checkbox)
        unticked = consent.render().plain
        await focus_and_type(pilot, consent, "space")
        await pilot.pause()
        assert consent.value
        ticked = consent.render().plain
        assert unticked != ticked  # the characters differ, not only their colours


async def test_signposted_at_referral_does_not_read_assessed(app: WorkwellApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_participant(pilot, "WW-000006")
        await wait_until(
            pilot, lambda: "signposted" in screen_text(pilot.app).lower(), "'signposted'"
        )
        text = screen_text(pilot.app)
        assert "Assessed." not in text
        assert "Not assessed: signposted at referral." in text


async def test_m_then_escape_leaves_no_draft(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    alex = str(people["alex"].id)
    async with app.run_test(size=SIZE) as pilot:
        await open_participant(pilot, "WW-000001")
        await pilot.press("m")
        await wait_for_screen(pilot, AssessmentScreen, lambda shown: shown.fields)
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        await settled(pilot)
        assert store.assessment_draft(alex) is None
        assert "draft at" not in screen_text(pilot.app)
        await pilot.press("escape")
        await wait_for_screen(pilot, CaseloadScreen)
        await settled(pilot)
        row = next(row for row in store.caseload() if row.reference == "WW-000001")
        assert CaseloadFlag.DRAFT_SAVED not in row.flags

        # A review with an answer in it is kept, to be resumed.
        await pilot.press("escape")  # clear the find box
        await open_participant(pilot, "WW-000001")
        await pilot.press("m")
        await wait_for_screen(pilot, AssessmentScreen, lambda shown: shown.fields)
        first = next(iter(wizard(pilot).fields))
        await answer(pilot, first, "y")
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        await settled(pilot)
        assert store.assessment_draft(alex) is not None


async def test_the_lock_says_1_idle_minute(app: WorkwellApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_caseload(pilot)
        await pilot.app.push_screen(LockScreen(1))
        await pilot.pause()
        assert "Locked after 1 idle minute. Nothing" in screen_text(pilot.app)
