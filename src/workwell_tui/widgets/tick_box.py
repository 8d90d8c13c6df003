"""A checkbox whose ticked and unticked states differ in shape, not only in colour.

Textual's Checkbox draws `▐X▌` either way and shows the state by colour alone, which someone
who cannot tell the colours apart cannot read (WCAG 1.4.1, use of colour). Every form checkbox
in the app is a `TickBox`: a tick when ticked, an empty box when not.
"""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED = "✓"
UNTICKED = " "


class TickBox(Checkbox):
    """A Checkbox showing ✓ when ticked and a blank when not.

    Styled as Textual's Checkbox, through the same component classes:

    | Class | Description |
    | :- | :- |
    | `toggle--button` | The box with the tick (✓ when ticked, blank when not). |
    | `toggle--label` | The words beside the box. |
    """

    DEFAULT_CSS = """
    TickBox {
        width: auto;
    }
    """

    def __init__(self, label: str = "", value: bool = False, **kwargs: object) -> None:
        super().__init__(label, value, **kwargs)  # type: ignore[arg-type]
        self.BUTTON_INNER = TICKED if value else UNTICKED

    def watch_value(self) -> None:
        """Redraw the mark with the state (and keep Textual's `-on` class)."""
        super().watch_value()
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        self.refresh()
