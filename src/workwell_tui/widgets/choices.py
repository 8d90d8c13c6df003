"""One focus stop for a choice: options on a line, answered with a digit, a letter or the arrows.

Used for yes/no, one-of-several, scales (0–3, 0–8, 0–10) and tick-any lists. A digit answers a
scale at speaking pace; `answered_by_key` on the message lets the wizard move on at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget


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

    BINDINGS = [
        Binding("left", "move(-1)", "Previous option", show=False),
        Binding("right", "move(1)", "Next option", show=False),
        Binding("space", "tick", "Choose", show=False),
        Binding("backspace,delete", "clear", "Clear answer", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The answer changed."""

        choices: Choices
        value: str | list[str] | None
        answered_by_key: bool

        @property
        def control(self) -> Choices:
            """The widget that changed (for `on(..., "#id")` selectors)."""
            return self.choices

    def __init__(
        self,
        options: tuple[tuple[str, str], ...],
        *,
        value: str | list[str] | None = None,
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
        self._value: str | list[str] | None = list(value or []) if multi else value
        self.cursor = self._index_of_value()
        self._last_digit: tuple[int, float] | None = None
        self._spans: list[tuple[int, int, int, int]] = []  # line, start, end, option
        self._number_ends: dict[int, int] = {}

    @property
    def value(self) -> str | list[str] | None:
        """The chosen value (a list when `multi`)."""
        return self._value

    @value.setter
    def value(self, new: str | list[str] | None) -> None:
        self._value = list(new or []) if self.multi else new
        self.cursor = self._index_of_value()
        self.refresh(layout=True)

    def _index_of_value(self) -> int:
        values = [value for value, _ in self.options]
        chosen = self._value[0] if isinstance(self._value, list) and self._value else self._value
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
        if isinstance(self._value, list):
            return value in self._value
        return self._value == value

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
                style = ""
                if self._is_chosen(self.options[index][0]):
                    style = "bold"
                if self.has_focus and index == self.cursor:
                    style = "reverse bold" if style else "reverse"
                text.append(label, style=style)
                if self.numbered and not style:
                    # The digit to press is quieter than the answer it stands for.
                    start = len(text) - len(label)
                    text.stylize("dim", start + 4, start + self._number_ends[index])
                self._spans.append((line_number, column, column + len(label), index))
                column += len(label)
        return text

    def action_move(self, step: int) -> None:
        """Move the cursor (single choice: the answer moves with it, like radio buttons)."""
        self.cursor = (self.cursor + step) % len(self.options)
        if not self.multi:
            self._choose(self.cursor, by_key=False)
        self.refresh()

    def action_tick(self) -> None:
        """Choose (or, for tick-any lists, tick or untick) the option under the cursor."""
        self._choose(self.cursor, by_key=False)

    def action_clear(self) -> None:
        """Take the answer back."""
        self._value = [] if self.multi else None
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.value, False))

    def _choose(self, index: int, by_key: bool) -> None:
        value = self.options[index][0]
        self.cursor = index
        if isinstance(self._value, list):
            chosen = set(self._value) ^ {value}
            self._value = [item for item, _ in self.options if item in chosen]
        else:
            self._value = value
        self.refresh(layout=True)
        self.post_message(self.Changed(self, self.value, by_key))

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
