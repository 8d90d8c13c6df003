"""A multi-line note box that never holds a control code, however the text arrives.

Textual's TextArea draws what it holds as it is, so an ESC pasted in (from a web page, an email
or a terminal) would reach the terminal and could clear the screen or set its title. Every edit
(a key, a paste, an undo) and every text loaded passes through `clean_note` first: line breaks
and tabs stay, control codes go (see `domain/text.py`).
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from workwell_tui.domain.text import clean_note


class NoteArea(TextArea):
    """A TextArea for notes: plain words only."""

    def edit(self, edit: Edit) -> EditResult:
        """Make the edit with its text cleaned."""
        if not edit.text.isprintable():
            edit.text = clean_note(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        """Load cleaned text."""
        super().load_text(clean_note(text))
