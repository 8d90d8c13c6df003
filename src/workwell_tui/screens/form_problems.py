"""Showing what is wrong with a form: each message beside its field, how many there are on the
title bar, and the way to the first field to put right.

Every form checks its values with its own rule from `domain/` (messages by field name, the name
being the control's id); this is only how the answer is shown, the same way on every form.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.screen import Screen

from workwell_tui.domain.words import plural
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.title_bar import TitleBar


def field_name(field: FormField) -> str:
    """The name a field's messages are filed under (its id without "field-")."""
    return field.id.removeprefix("field-") if field.id else ""


def show_messages(fields: Iterable[FormField], errors: Mapping[str, str]) -> None:
    """Each message beside the field it names; the other fields show their hints again."""
    for field in fields:
        field.set_message(errors.get(field_name(field)))


def count_problems(screen: Screen[Any], count: int, fact: str = "legend") -> None:
    """ "2 things to put right" on the title bar, in the alert colour (nothing when none)."""
    words = f"{plural(count, 'thing')} to put right" if count else ""
    screen.query_one(TitleBar).set_fact(fact, words, "alert")


def show_problems(screen: Screen[Any], errors: Mapping[str, str], fact: str = "legend") -> None:
    """Every field's message from `errors`, and their count on the title bar."""
    count_problems(screen, len(errors), fact)
    show_messages(screen.query(FormField), errors)


def go_to_first_problem(screen: Screen[Any]) -> None:
    """Put the cursor in the first field to put right, scrolled so its message shows too."""
    first = next((f for f in screen.query(FormField) if f.has_class("-invalid")), None)
    if first is not None:
        first.control.focus(scroll_visible=False)
        first.scroll_visible(animate=False)
