"""The one way participant and service text reaches the screen: as text, never as markup.

Names, notes, employers and service names are what people typed. Passed to a widget as a string,
Textual would read `[bold]` as markup, crash on `[/]`, and run `[@click=app.quit]` as an action;
passed straight to the terminal, ESC sequences would clear the screen or set its title. These
helpers make a `rich.text.Text` or a Textual `Content` that is only ever the literal characters,
with control codes removed (see `domain/text.py`).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.content import Content

from workwell_tui.domain.text import clean_line, clean_note

EMPTY = "—"


def user_text(
    value: str | None, *, style: str | Style = "", note: bool = False, empty: str = EMPTY
) -> Text:
    """Typed text as a literal `Text`: one line, or (for notes) with its line breaks kept."""
    if not value:
        return Text(empty, style=style)
    return Text(clean_note(value) if note else clean_line(value), style=style)


def user_content(value: str | None, *, empty: str = EMPTY) -> Content:
    """Typed text as literal Textual `Content`, one line (for the command palette and the like)."""
    return Content(clean_line(value) if value else empty)


def joined(*parts: str | Text, separator: str = " · ") -> Text:
    """Several pieces on one line, each shown literally; empty pieces are left out."""
    return Text(separator).join(
        part if isinstance(part, Text) else user_text(part) for part in parts if part
    )
