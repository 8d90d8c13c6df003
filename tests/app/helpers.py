"""Small helpers for Pilot tests."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp


async def wait_for_caseload(pilot: Pilot[None]) -> None:
    """Wait until the caseload rows have been read and shown."""
    app = pilot.app
    assert isinstance(app, WorkwellApp)
    for _ in range(250):
        if app.caseload_rows:
            break
        await pilot.pause(0.02)
    await pilot.pause()


def screen_text(app: App[object]) -> str:
    """Everything visible on the screen as plain text, line by line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)
