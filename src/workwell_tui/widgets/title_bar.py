"""The one-line bar at the top of a screen: who or what it is about, then a few short facts.

The title (usually a participant's name) gives way first when the line is short, ending in an
ellipsis; the facts on the right (the step, when it was saved, the stage) stay whole, because they
are what the coach glances at. Typed text in the title is shown literally (see `user_text`).
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workwell_tui.widgets.user_text import user_text

GAP = "  "


def _as_text(value: str | Text) -> Text:
    return value.copy() if isinstance(value, Text) else user_text(value, empty="")


class TitleBar(Widget):
    """A title on the left and short facts on the right, on one line."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        width: 1fr;
        background: $panel;
        padding: 0 1;
    }
    TitleBar > .title-bar--title {
        text-style: bold;
        color: $primary;
    }
    TitleBar > .title-bar--fact {
        color: $foreground;
    }
    TitleBar > .title-bar--quiet {
        color: $foreground-muted;
    }
    TitleBar > .title-bar--alert {
        color: $error;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "title-bar--title",
        "title-bar--fact",
        "title-bar--quiet",
        "title-bar--alert",
    }
    """
    | Class | Description |
    | :- | :- |
    | `title-bar--title` | The title (a name, or the screen's name). |
    | `title-bar--fact` | A fact on the right, such as the step or the stage. |
    | `title-bar--quiet` | A quieter fact, such as when the draft was saved. |
    | `title-bar--alert` | A fact that needs the coach now, such as "NOT SAVED". |
    """

    title: reactive[str | Text] = reactive("", layout=False)
    """Who or what the screen is about."""

    facts: reactive[tuple[tuple[str | Text, str], ...]] = reactive((), layout=False)
    """(text, kind) pairs shown on the right; kind is "fact", "quiet" or "alert"."""

    def __init__(self, title: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(TitleBar.title, title)
        self._named: dict[str, tuple[str | Text, str]] = {}

    def set_fact(self, name: str, text: str | Text, kind: str = "fact") -> None:
        """Show (or change) the fact called `name`; an empty text hides it."""
        self._named[name] = (text, kind)
        self.facts = tuple(value for value in self._named.values() if value[0])

    def fact(self, name: str) -> str:
        """The plain text of the fact called `name` (empty when not shown)."""
        text = self._named.get(name, ("", ""))[0]
        return text.plain if isinstance(text, Text) else text

    def render(self) -> Text:
        """The title, cut to what is left after the facts, then the facts."""
        width = self.content_region.width
        right = Text()
        for text, kind in self.facts:
            right.append(GAP)
            fact = _as_text(text)
            fact.stylize(self.get_component_rich_style(f"title-bar--{kind}"))
            right.append_text(fact)
        title = _as_text(self.title)
        title.stylize(self.get_component_rich_style("title-bar--title"))
        room = max(0, width - right.cell_len)
        title.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(title, right, no_wrap=True, end="")
