"""Small helpers for Pilot tests."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot

from workwell_tui.app import WorkwellApp


async def wait_for_caseload(pilot: Pilot[None]) -> None:
    """Wait until the caseload rows have been read and shown."""
    app = pilot.app
    assert isinstance(app, WorkwellApp)
    await wait_until(pilot, lambda: app.caseload_rows is not None, "the caseload read")


# Rich draws each terminal cell 12.2 px wide in its SVG export (0.61 of a 20 px font).
SVG_CELL_WIDTH = 12.2
_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([0-9.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>'
)


def screen_text(app: App[Any]) -> str:
    """Everything visible on the screen as plain text, line by line (from the public screenshot).

    The screenshot is what the terminal would be sent, so a control code that slipped through
    any widget would show up here too.
    """
    return svg_text(app.export_screenshot())


def svg_text(picture: str) -> str:
    """The plain text of a screenshot, line by line."""
    lines: dict[int, str] = {}
    for x, line, text in _SVG_TEXT.findall(picture):
        shown = html.unescape(text).replace("\xa0", " ").replace("\n", "")
        so_far = lines.get(int(line), "")
        column = round(float(x) / SVG_CELL_WIDTH)
        lines[int(line)] = so_far + " " * max(0, column - cell_len(so_far)) + shown
    return "\n".join(lines.get(number, "").rstrip() for number in range(max(lines, default=-1) + 1))


def record_notifications(app: App[Any]) -> list[str]:
    """Every message the app shows as a notification from now on (toasts are not in a
    screenshot taken by a test, and Textual keeps its own list private)."""
    messages: list[str] = []
    show = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(message)
        show(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return messages


async def wait_until(pilot: Pilot[None], check: Callable[[], object], what: str) -> None:
    """Let the app run until `check()` is true: a condition, never a fixed time. The 15 s limit
    only bounds a broken test; a loaded CI machine with four test workers can be slow."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"gave up waiting for {what}")


async def wait_for_text(pilot: Pilot[None], text: str) -> None:
    """Let the app run until `text` is on screen."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), repr(text))
