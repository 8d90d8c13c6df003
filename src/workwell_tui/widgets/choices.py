"""One focus stop for a choice: options on a line, answered with a digit, a letter or the arrows.

Used for yes/no, one-of-several, scales (0–3, 0–8, 0–10) and tick-any lists. A digit answers a
scale at speaking pace; `answered_by_key` on the message lets the wizard move on at once.

As Textual's own `Input`: the answer is the reactive `value`, and its watcher posts `Changed`
(so setting `value` from code posts it too; wrap that in `prevent(Choices.Changed)` when the
change is not the coach's).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

Value = str | list[str] | None


def pack(labels: list[str], width: int, gap: int = 2) -> list[list[int]]:
    """Option indexes laid out in lines no wider than `width` (an option never splits)."""
    lines: list[list[int]] = [[]]
    used = 0
    for index, label in enumerate(labels):
        size = len(label)
        if lines[-1] and used + gap + size > width:
            lines.append([])
            used = 0
        used += (gap if lines[-1] else 0) + size
        lines[-1].append(index)
    return lines


class Choices(Widget, can_focus=True):
    """A row of options; one answer (or several, with `multi`)."""

    DEFAULT_CSS = """
    Choices {
        width: 1fr;
        height: auto;
    }
    Choices:focus {
        background: $primary 15%;
    }
    Choices > .choices--chosen {
        text-style: bold;
    }
    Choices > .choices--cursor {
        text-style: reverse;
    }
    Choices > .choices--number {
        text-style: dim;
    }
    """

    COMPONENT_CLASSES = {"choices--chosen", "choices--cursor", "choices--number"}
    """
    | Class | Description |
    | :- | :- |
    | `choices--chosen` | An option that is chosen (or ticked). |
    | `choices--cursor` | The option under the cursor, while the widget has focus. |
    | `choices--number` | The digit that answers an option, on options not chosen. |
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Previous option", show=False),
        Binding("right", "move(1)", "Next option", show=False),
        Binding("space", "tick", "Choose", show=False),
        Binding("backspace,delete", "clear", "Clear answer", show=False),
    ]

    # Always: a digit that chooses the option already chosen still answers (and moves the
    # coach on), as it did before the answer was a reactive.
    value: reactive[Value] = reactive(None, layout=True, always_update=True, init=False)
    """The chosen value: an option's value, None for no answer, or a list when `multi`."""

    cursor: reactive[int] = reactive(0)
    """Index of the option the arrows and space act on."""

    @dataclass
    class Changed(Message):
        """The answer changed."""

        choices: Choices
        value: Value
        answered_by_key: bool

        @property
        def control(self) -> Choices:
            """The widget that changed (for `on(..., "#id")` selectors)."""
            return self.choices

    def __init__(
        self,
        options: tuple[tuple[str, str], ...],
        *,
        value: Value = None,
        multi: bool = False,
        numbered: bool = False,
        first_digit: int = 1,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = options
        self.multi = multi
        self.numbered = numbered
        self.first_digit = first_digit
        self.set_reactive(Choices.value, self.validate_value(value))
        self.set_reactive(Choices.cursor, self._index_of(self.value))
        # How the change being made came about: by a key (for `Changed`), from an option.
        self._by_key = False
        self._from_option = False
        self._last_digit: tuple[int, float] | None = None
        self._spans: list[tuple[int, int, int, int]] = []  # line, start, end, option
        self._number_ends: dict[int, int] = {}

    def validate_value(self, value: Value) -> Value:
        """A list (in option order) for tick-any lists, one value or None otherwise."""
        if self.multi:
            ticked = value if isinstance(value, list) else [] if value is None else [value]
            return [item for item, _ in self.options if item in ticked]
        return value if isinstance(value, str) else None

    def watch_value(self, value: Value) -> None:
        """Move the cursor to the answer and say that it changed."""
        by_key, self._by_key = self._by_key, False
        from_option, self._from_option = self._from_option, False
        if not from_option:  # set from code: the cursor goes to the answer
            self.cursor = self._index_of(value)
        self.post_message(self.Changed(self, value, by_key))

    def _index_of(self, value: Value) -> int:
        values = [item for item, _ in self.options]
        chosen = value[0] if isinstance(value, list) and value else value
        return values.index(chosen) if isinstance(chosen, str) and chosen in values else 0

    def _labels(self) -> list[str]:
        labels = []
        for index, (value, label) in enumerate(self.options):
            chosen = self._is_chosen(value)
            mark = ("[x]" if chosen else "[ ]") if self.multi else "(•)" if chosen else "( )"
            number = f"{index + self.first_digit} " if self.numbered else ""
            labels.append(f"{mark} {number}{label}".rstrip())
            self._number_ends[index] = len(mark) + 1 + len(number)
        return labels

    def _is_chosen(self, value: str) -> bool:
        if isinstance(self.value, list):
            return value in self.value
        return self.value == value

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as all options side by side, or the container."""
        labels = self._labels()
        return min(container.width, sum(len(label) for label in labels) + 2 * (len(labels) - 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per packed row of options."""
        return len(pack(self._labels(), max(width, 1)))

    def render(self) -> Text:
        """The options, the cursor shown when focused."""
        labels = self._labels()
        chosen_style = self.get_component_rich_style("choices--chosen", partial=True)
        cursor_style = self.get_component_rich_style("choices--cursor", partial=True)
        number_style = self.get_component_rich_style("choices--number", partial=True)
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for line_number, line in enumerate(pack(labels, max(self.content_size.width, 1))):
            if line_number:
                text.append("\n")
            column = 0
            for position, index in enumerate(line):
                if position:
                    text.append("  ")
                    column += 2
                label = labels[index]
                chosen = self._is_chosen(self.options[index][0])
                under_cursor = self.has_focus and index == self.cursor
                style = chosen_style if chosen else None
                if under_cursor:
                    style = cursor_style + style if style else cursor_style
                start = len(text)
                text.append(label, style=style)
                if self.numbered and style is None:
                    # The digit to press is quieter than the answer it stands for.
                    text.stylize(number_style, start + 4, start + self._number_ends[index])
                self._spans.append((line_number, column, column + len(label), index))
                column += len(label)
        return text

    def action_move(self, step: int) -> None:
        """Move the cursor (single choice: the answer moves with it, like radio buttons)."""
        self.cursor = (self.cursor + step) % len(self.options)
        if not self.multi:
            self._choose(self.cursor, by_key=False)

    def action_tick(self) -> None:
        """Choose (or, for tick-any lists, tick or untick) the option under the cursor."""
        self._choose(self.cursor, by_key=False)

    def action_clear(self) -> None:
        """Take the answer back."""
        self._by_key = False
        self.value = [] if self.multi else None

    def _choose(self, index: int, by_key: bool) -> None:
        option = self.options[index][0]
        self.cursor = index
        self._by_key = by_key
        self._from_option = True
        if isinstance(self.value, list):
            self.value = [item for item in self.value if item != option] + (
                [] if option in self.value else [option]
            )
        else:
            self.value = option

    def on_key(self, event: events.Key) -> None:
        """Digits pick by number; the first letter of an option picks it (y / n)."""
        if event.character is None:
            return
        if event.character.isdigit():
            index = self._digit_index(int(event.character))
        else:
            index = self._letter_index(event.character.lower())
        if index is not None:
            event.stop()
            event.prevent_default()
            # "1" on a 0–10 scale may be the start of "10": stay for the next digit.
            waiting = len(self.options) > 10 and index + self.first_digit == 1
            self._choose(index, by_key=not self.multi and not waiting)

    def _digit_index(self, digit: int) -> int | None:
        count = len(self.options)
        now = time.monotonic()
        # On a 0–10 scale, "1" then "0" within a second means 10.
        previous = self._last_digit
        self._last_digit = (digit, now)
        if previous and previous[0] == 1 and digit == 0 and now - previous[1] < 1.0:
            number = 10
        else:
            number = digit
        index = number - self.first_digit
        return index if 0 <= index < count else None

    def _letter_index(self, letter: str) -> int | None:
        if not letter.isalpha():
            return None
        starts = [label.lower().startswith(letter) for _, label in self.options]
        return starts.index(True) if starts.count(True) == 1 else None

    def on_click(self, event: events.Click) -> None:
        """Clicking an option chooses it."""
        for line, start, end, index in self._spans:
            if event.y == line and start <= event.x < end:
                self.focus()
                self._choose(index, by_key=False)
                return

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()
