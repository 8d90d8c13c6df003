"""Driving the assessment wizard from Pilot tests and snapshots, the way a coach drives it."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import position
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.participant import ParticipantScreen

from .helpers import (
    focus_and_type,
    screen_text,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)


def wizard(pilot: Pilot[None]) -> AssessmentScreen:
    screen = pilot.app.screen
    assert isinstance(screen, AssessmentScreen), type(screen).__name__
    return screen


async def answer(pilot: Pilot[None], key: str, *keys: str) -> None:
    """Focus a question's control and press keys into it."""
    await focus_and_type(pilot, wizard(pilot).fields[key].control, *keys)
    await pilot.pause()


async def type_into(pilot: Pilot[None], key: str, text: str) -> None:
    """Type into a typed question, key by key."""
    control = wizard(pilot).fields[key].control
    assert isinstance(control, Input)
    await focus_and_type(pilot, control, *text)
    await pilot.pause()


async def fill(pilot: Pilot[None], key: str, text: str) -> None:
    """Put text into a typed question at once (like pasting); typing is tested elsewhere."""
    control = wizard(pilot).fields[key].control
    assert isinstance(control, Input)
    control.focus()
    control.value = text
    await wait_for_focus(pilot, control)


async def next_step(pilot: Pilot[None]) -> None:
    """Enter, and wait until the next step is on screen (its position shown, its focus set)."""
    screen = wizard(pilot)
    before = screen.step

    def moved_on() -> bool:
        if screen.step is before:
            return False
        where = position(screen.kind, screen.step.key, screen.answers, clock.today())
        return where.label in screen_text(pilot.app)

    await pilot.press("enter")
    await wait_until(pilot, moved_on, f"the step after {before.title}")


async def eligible_first_step(pilot: Pilot[None]) -> None:
    """Jordan's first step, answered by keys (date of birth and work come from the referral)."""
    for key in ("health_affects_work", "wants_work", "agrees_to_take_part"):
        await answer(pilot, key, "y")
    await answer(pilot, "complex_needs", "n")
    await answer(pilot, "consent_share_gp", "y")
    await answer(pilot, "consent_contact_employer", "y")
    await answer(pilot, "consent_share_health_with_employer", "n")


async def open_participant(pilot: Pilot[None], reference: str) -> ParticipantScreen:
    """Find someone on the caseload by their reference and open their record."""
    await wait_for_caseload(pilot)
    await pilot.press(*reference.lower(), "enter")
    return await wait_for_screen(pilot, ParticipantScreen, lambda screen: screen.stage)


async def start_assessment(pilot: Pilot[None], reference: str) -> AssessmentScreen:
    """Open someone's record and start (or resume) their assessment: its questions shown."""
    await open_participant(pilot, reference)
    await pilot.press("a")
    return await wait_for_screen(pilot, AssessmentScreen, lambda screen: screen.fields)
