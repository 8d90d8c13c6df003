"""Cleaning text that people typed, so it can be stored, shown and printed as plain words.

A name, a note or an employer can arrive holding terminal control codes (ESC starts a sequence
that can clear the screen, set the window title or make text blink), NUL, or Unicode bidi
overrides that make text read backwards. None of these is ever something a coach meant to type,
so every write path removes them, and everything that shows stored text removes them again (a
database written by an older version, or by hand, may still hold them).

What stays: every printable character in any script, emoji and their joiners, combining marks,
and (where a field is a note) newlines and tabs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# C0 controls but tab and newline, DEL, and the C1 controls (0x9B is a one-byte CSI).
_CONTROL_CODES = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
# Bidi embeddings, overrides and isolates (Unicode TR9): they reorder what follows them, the
# "Trojan Source" trick; the Arabic letter mark is a bidi control too.
_BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C]

_NOTE_TABLE: dict[int, str | None] = dict.fromkeys(_CONTROL_CODES + _BIDI_CONTROLS)
_NOTE_TABLE.update({0x0D: "\n", 0x2028: "\n", 0x2029: "\n"})
_LINE_TABLE: dict[int, str | None] = dict(_NOTE_TABLE)
_LINE_TABLE.update({0x09: " ", 0x0A: " ", 0x0D: " ", 0x2028: " ", 0x2029: " "})

# Characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"); the tab and
# carriage return OWASP also lists are already spaces after `clean_line`.
FORMULA_STARTS = ("=", "+", "-", "@")


def clean_line(value: str) -> str:
    """One line of text with control codes removed and line breaks and tabs made spaces."""
    if value.isprintable():
        return value  # the common case, checked in C: no copy
    return value.translate(_LINE_TABLE)


def clean_note(value: str) -> str:
    """Free text with control codes removed; newlines and tabs kept, CR LF made one newline."""
    if value.isprintable():
        return value
    return value.replace("\r\n", "\n").translate(_NOTE_TABLE)


def clean_value(value: Any) -> Any:
    """Strings anywhere inside answers (lists, dicts) cleaned as notes; other values unchanged."""
    if isinstance(value, str):
        return clean_note(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, Mapping):
        return {key: clean_value(item) for key, item in value.items()}
    return value


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: formula-leading cells get a leading apostrophe."""
    cell = clean_line(value)
    # Some spreadsheets skip leading spaces before reading a formula.
    return "'" + cell if cell.lstrip().startswith(FORMULA_STARTS) else cell
