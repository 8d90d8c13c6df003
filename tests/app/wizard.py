"""Driving the assessment wizard from Pilot tests and snapshots, the way a coach drives it."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import position
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.participant import ParticipantScreen

from .helpers import screen_text, wait_for_caseload


def wizard(pilot: Pilot[None]) -> AssessmentScreen:
    screen = pilot.app.screen
    assert isinstance(screen, AssessmentScreen), type(screen).__name__
    return screen


async def answer(pilot: Pilot[None], key: str, *keys: str) -> None:
    """Focus a question's control and press keys into it."""
    wizard(pilot).fields[key].control.focus()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


async def type_into(pilot: Pilot[None], key: str, text: str) -> None:
    """Type into a typed question, key by key."""
    control = wizard(pilot).fields[key].control
    assert isinstance(control, Input)
    control.focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def fill(pilot: Pilot[None], key: str, text: str) -> None:
    """Put text into a typed question at once (like pasting); typing is tested elsewhere."""
    control = wizard(pilot).fields[key].control
    assert isinstance(control, Input)
    control.focus()
    control.value = text
    await pilot.pause()


async def next_step(pilot: Pilot[None]) -> None:
    """Enter, and wait until the next step is on screen (its position shown, its focus set)."""
    screen = wizard(pilot)
    before = screen.step
    await pilot.press("enter")
    for _ in range(100):
        if screen.step is not before:
            where = position(screen.kind, screen.step.key, screen.answers, clock.today())
            if where.label in screen_text(pilot.app):
                await pilot.pause()
                return
        await pilot.pause(0.02)
    raise AssertionError(f"stayed on {before.title}: {screen_text(pilot.app)}")


async def eligible_first_step(pilot: Pilot[None]) -> None:
    """Jordan's first step, answered by keys (date of birth and work come from the referral)."""
    for key in ("health_affects_work", "wants_work", "agrees_to_take_part"):
        await answer(pilot, key, "y")
    await answer(pilot, "complex_needs", "n")
    await answer(pilot, "consent_share_gp", "y")
    await answer(pilot, "consent_contact_employer", "y")
    await answer(pilot, "consent_share_health_with_employer", "n")


async def wait_for(pilot: Pilot[None], check: Callable[[], object]) -> None:
    for _ in range(200):
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"gave up waiting: {screen_text(pilot.app)}")


async def open_participant(pilot: Pilot[None], reference: str) -> ParticipantScreen:
    await wait_for_caseload(pilot)
    await pilot.press(*reference.lower(), "enter")
    for _ in range(100):
        screen = pilot.app.screen
        if isinstance(screen, ParticipantScreen) and screen.stage:
            return screen
        await pilot.pause(0.02)
    raise AssertionError("participant screen did not load")


async def start_assessment(pilot: Pilot[None], reference: str) -> AssessmentScreen:
    await open_participant(pilot, reference)
    await pilot.press("a")
    for _ in range(100):
        screen = pilot.app.screen
        if isinstance(screen, AssessmentScreen) and screen.fields:
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise AssertionError("assessment did not open")


async def settle(pilot: Pilot[None]) -> None:
    """Let autosave workers finish."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
