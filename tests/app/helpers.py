"""Small helpers for Pilot tests: reading the screen, and waiting for a condition (never a fixed
time) - a screen shown, a widget focused, workers done, text on screen."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from workwell_tui.app import WorkwellApp

ScreenType = TypeVar("ScreenType", bound=Screen[Any])
WAIT_LIMIT = 15.0  # seconds; only bounds a broken test (a loaded CI machine can be slow)


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


def flat_text(app: App[Any]) -> str:
    """The screen's text as one line, each run of spaces and line breaks one space: words
    that a long message wraps (where its length says) read as they were written. (Not inside
    a bordered box: its sides come between the lines.)"""
    return " ".join(screen_text(app).split())


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


async def wait_until(
    pilot: Pilot[None], check: Callable[[], object], what: str = "the condition"
) -> None:
    """Let the app run until `check()` is true, then let the screen settle: a condition, never
    a fixed time. The limit only bounds a broken test; a loaded CI machine with four test
    workers can be slow. Gives up loudly, saying what it waited for and what was on screen."""
    deadline = time.monotonic() + WAIT_LIMIT
    while time.monotonic() < deadline:
        if check():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    if check():  # the last look, in case the deadline passed during the pause
        await pilot.pause()
        return
    raise AssertionError(f"gave up waiting for {what}; the screen shows:\n{screen_text(pilot.app)}")


async def wait_for_text(pilot: Pilot[None], text: str) -> None:
    """Let the app run until `text` is on screen."""
    await wait_until(pilot, lambda: text in screen_text(pilot.app), repr(text))


async def wait_for_screen(
    pilot: Pilot[None],
    kind: type[ScreenType],
    ready: Callable[[ScreenType], object] | None = None,
) -> ScreenType:
    """Wait until the app shows a mounted `kind` screen for which `ready(screen)` holds (its
    record read, say), and return it. A pushed screen is on top before it has mounted."""

    def shown() -> bool:
        screen = pilot.app.screen
        return (
            isinstance(screen, kind)
            and screen.is_mounted
            and (ready is None or bool(ready(screen)))
        )

    await wait_until(pilot, shown, f"the {kind.__name__}")
    screen = pilot.app.screen
    assert isinstance(screen, kind), type(screen).__name__
    return screen


async def wait_for_focus(pilot: Pilot[None], widget: Widget) -> None:
    """Wait until `widget` really has the focus (a screen's on_mount or `focus()` only asks
    for it; the screen moves it on a later turn)."""
    await wait_until(pilot, lambda: pilot.app.focused is widget, f"the focus on {widget!r}")


async def focus_and_type(pilot: Pilot[None], widget: Widget, *keys: str) -> None:
    """Focus `widget`, wait until it has the focus, then press `keys` (characters of text, or
    key names) into it. Keys pressed straight after `focus()` can reach the old focus."""
    widget.focus()
    await wait_for_focus(pilot, widget)
    await pilot.press(*keys)


async def settled(pilot: Pilot[None]) -> None:
    """Let every worker finish (saves, reads), then the messages they posted be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
