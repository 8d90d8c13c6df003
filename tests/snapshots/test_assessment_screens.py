"""Snapshots of the assessment wizard, step by step, driven by keys as a coach drives it.

Most steps open from a saved draft (the way a coach resumes one), so each test only drives the
step it shows. Review the SVGs by eye before committing (`pytest --snapshot-update`, then open
them).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.screens.assessment.risk import RiskScreen
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.participant import ParticipantScreen

from ..app.helpers import (
    screen_text,
    settled,
    wait_for_caseload,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from ..app.wizard import answer, eligible_first_step, fill, next_step, type_into, wizard
from ..unit.test_assessment_flow import eligible_answers, full_answers

SIZE = (100, 30)
JORDAN = "WW-000003"  # referred, employed and off sick

Steps = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def draft_id(store: Store, people: dict[str, Participant]) -> uuid.UUID:
    """Jordan's draft, started as the wizard starts it (stamped by the frozen clock)."""
    draft = store.start_assessment(people["jordan"].id, AssessmentKind.INITIAL)
    return draft.id


@pytest.fixture
def jordan(people: dict[str, Participant]) -> str:
    return str(people["jordan"].id)


def saved_at(store: Store, draft: uuid.UUID, step: StepKey, answers: dict[str, Any]) -> None:
    """The draft as a coach left it: on `step`, with `answers` (saved at 14:05)."""
    store.save_assessment(draft, step_number(step), answers)


async def open_wizard(pilot: Pilot[None], participant_id: str) -> AssessmentScreen:
    """Open (resume) the wizard and wait until its step is shown and focused."""
    await wait_for_caseload(pilot)
    screen = AssessmentScreen(participant_id)
    await pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: step_shown(pilot, screen), "the wizard's first step")
    return screen


def step_shown(pilot: Pilot[None], screen: AssessmentScreen) -> bool:
    """The wizard has read its draft and the focus is on its step."""
    focused = pilot.app.focused
    return bool(screen.assessment_id) and focused is not None and focused.screen is screen


def all_saved(pilot: Pilot[None]) -> bool:
    """What every open wizard shows is written: no save waiting for a pause in the typing,
    none in flight (a wizard that has closed has nothing more to write)."""
    for screen in pilot.app.screen_stack:
        if isinstance(screen, AssessmentScreen) and not screen.saving.closed:
            autosave = screen.saving.autosave
            if autosave is None or autosave.pending or autosave.base != screen.answers:
                return False
    return True


async def steady(pilot: Pilot[None]) -> None:
    """Let the pause after typing pass and every save land."""
    await wait_until(pilot, lambda: all_saved(pilot), "every answer saved")
    await settled(pilot)


def snapshot(snap_compare: Any, app: WorkwellApp, steps: Steps, size: tuple[int, int]) -> bool:
    async def run_before(pilot: Pilot[None]) -> None:
        await steps(pilot)
        await steady(pilot)

    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


# The snapshots ------------------------------------------------------------------------------


def test_eligibility_answered(snap_compare: Any, app: WorkwellApp, jordan: str) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await eligible_first_step(pilot)
        assert "Eligibility: ✓ eligible" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, SIZE)


def test_eligibility_fresh_80x24(snap_compare: Any, app: WorkwellApp, jordan: str) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        assert "Step 1 of 7" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, (80, 24))


def test_work_in_work_with_fit_note_advice(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.WORK, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await type_into(pilot, "job_title", "Care assistant")
        await fill(pilot, "employer", "Ribble Care Homes")
        await type_into(pilot, "hours", "30")
        await answer(pilot, "time_in_job", "3")
        await type_into(pilot, "off_sick_since", "02/10/2026")
        await answer(pilot, "fit_note", "3")  # may be fit: the advice question appears
        await answer(pilot, "fit_note_advice", "1", "3")
        assert "Fit note advice" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, SIZE)


def test_work_out_of_work(snap_compare: Any, app: WorkwellApp, jordan: str) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "work_situation", "3")  # out of work under 6 months
        for key in ("health_affects_work", "wants_work", "agrees_to_take_part"):
            await answer(pilot, key, "y")
        await answer(pilot, "complex_needs", "n")
        await answer(pilot, "consent_share_gp", "y")
        await next_step(pilot)
        await fill(pilot, "last_job", "Warehouse operative")
        text = screen_text(pilot.app)
        assert "Step 2 of 7 · Work" in text and "Job title" not in text

    assert snapshot(snap_compare, app, steps, SIZE)


def test_health(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.HEALTH, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "condition_types", "1", "2")
        await fill(pilot, "conditions", "Lower back pain; low mood since the spring")
        await fill(pilot, "gp_practice", "Fishergate Hill Surgery")

    assert snapshot(snap_compare, app, steps, SIZE)


def test_needs(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.NEEDS, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "need.physical.pain", "3")
        await answer(pilot, "need.physical.mobility", "1")

    assert snapshot(snap_compare, app, steps, SIZE)


def test_measures_phq9_half_answered(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.MEASURES, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "phq9.take", "y")
        await pilot.press("2", "1", "3")  # each digit answers and moves to the next item
        await wait_until(pilot, lambda: "phq9.3" in wizard(pilot).answers, "item 3 answered")
        assert wizard(pilot).answers["phq9.3"] == 3

    assert snapshot(snap_compare, app, steps, SIZE)


def test_risk_prompt(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.MEASURES, eligible_answers(**{"phq9.take": "yes"}))

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "phq9.9", "2")
        assert isinstance(pilot.app.screen, RiskScreen)

    assert snapshot(snap_compare, app, steps, SIZE)


def test_goals(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.GOALS, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await fill(pilot, "own_words", "Back at work without my back stopping me")
        await fill(pilot, "priority_1", "Less pain at work")
        await type_into(pilot, "priority_2", "Sleep better")

    assert snapshot(snap_compare, app, steps, SIZE)


def test_summary(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.GOALS, full_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await next_step(pilot)  # every step answered: Enter on Goals reads it all back
        assert wizard(pilot).step.key is StepKey.SUMMARY
        assert "Eligibility and consent" in screen_text(pilot.app)  # read from the top

    assert snapshot(snap_compare, app, steps, SIZE)


def test_summary_end(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.GOALS, full_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await next_step(pilot)
        wizard(pilot).query_one("#form").scroll_end(animate=False)
        await wait_for_text(pilot, "Confirm and make plan")
        assert "Confirm and make plan" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, SIZE)


def test_signposting(snap_compare: Any, app: WorkwellApp, jordan: str) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await answer(pilot, "work_situation", "4")  # out of work 6 months or more
        await next_step(pilot)
        assert wizard(pilot).step.key is StepKey.SIGNPOSTING

    assert snapshot(snap_compare, app, steps, SIZE)


def test_step_with_problems(
    snap_compare: Any, app: WorkwellApp, store: Store, draft_id: uuid.UUID, jordan: str
) -> None:
    saved_at(store, draft_id, StepKey.WORK, eligible_answers())

    async def steps(pilot: Pilot[None]) -> None:
        await open_wizard(pilot, jordan)
        await pilot.press("enter")  # nothing answered on Work
        await wait_for_text(pilot, "3 things to put right")
        assert "3 things to put right" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, SIZE)


def test_participant_with_a_draft_to_resume(snap_compare: Any, app: WorkwellApp) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await wait_for_caseload(pilot)
        await pilot.press(*JORDAN.lower(), "enter")  # filter the caseload, open them
        await wait_for_screen(pilot, ParticipantScreen)
        await pilot.press("a")
        wizard_screen = await wait_for_screen(pilot, AssessmentScreen)
        await wait_until(pilot, lambda: step_shown(pilot, wizard_screen), "the wizard's step")
        await eligible_first_step(pilot)
        await next_step(pilot)
        await type_into(pilot, "job_title", "Care assistant")
        await pilot.press("escape")

        await wait_for_screen(pilot, ParticipantScreen, lambda shown: shown.draft is not None)
        assert "press a to resume (saved 14:05)" in screen_text(pilot.app)

    assert snapshot(snap_compare, app, steps, SIZE)
