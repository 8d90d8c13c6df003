"""Reading one field of a published record as what it should be, noting what had to give.

Real files put numbers where text goes, wrap values in an extra pair of quotes ("\"+44 ...\""),
use 0,0 or 100,101 as placeholder coordinates, and carry control codes and markup in free text.
Each reader here returns a sound value or nothing, and says why in a note on the record.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from workwell_tui.directory.report import Problem
from workwell_tui.domain.text import clean_line, clean_note

_QUOTES = ('"', "'", "\u201c", "\u201d")


def unquote(text: str) -> str:
    """Text without the extra quotes some exports wrap values in ("\"0800 1\"" -> "0800 1")."""
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


class Fields:
    """Typed reads from one record, with notes about what could not be read."""

    def __init__(self, record: Mapping[str, Any], file: str, record_id: str) -> None:
        self.record = record
        self.file = file
        self.record_id = record_id
        self.problems: list[Problem] = []

    def note(self, problem: str) -> None:
        """Note a field that was left out or changed (the record still imports)."""
        self.problems.append(Problem(self.file, self.record_id, problem))

    def text(self, value: Any, what: str, limit: int, note: bool = False) -> str:
        """`value` as clean text within `limit` characters; numbers become text."""
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.note(f"{what}: expected text, found {type_name(value)}; left out")
            return ""
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        cleaned = clean_note(str(value)) if note else clean_line(str(value))
        cleaned = unquote(cleaned)
        if len(cleaned) > limit:
            self.note(f"{what}: {len(cleaned):,} characters, cut to {limit:,}")
            cleaned = cleaned[:limit].rstrip()
        return cleaned

    def get(self, key: str, what: str, limit: int, note: bool = False) -> str:
        """The record's `key` as text (see `text`)."""
        return self.text(self.record.get(key), what, limit, note)

    def number(self, value: Any, what: str) -> float | None:
        """`value` as a finite number (text digits allowed), else None with a note."""
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.note(f"{what}: expected a number, found true/false; left out")
            return None
        try:
            number = float(unquote(value) if isinstance(value, str) else value)
        except (TypeError, ValueError):
            self.note(f"{what}: not a number; left out")
            return None
        if not math.isfinite(number):
            self.note(f"{what}: not a number; left out")
            return None
        return number

    def age(self, value: Any, what: str) -> int | None:
        """An age in whole years, 0 to 120."""
        number = self.number(value, what)
        if number is None:
            return None
        if number != int(number) or not 0 <= number <= 120:
            self.note(f"{what}: {value!r:.20} is not an age in years; left out")
            return None
        return int(number)

    def day(self, value: Any, what: str, today: date) -> date | None:
        """A date written 2026-11-03 (a timestamp's date part counts); not after today."""
        text = self.text(value, what, 40)
        if not text:
            return None
        try:
            found = (
                datetime.fromisoformat(text.replace("Z", "+00:00")).date()
                if "T" in text
                else date.fromisoformat(text[:10])
            )
        except ValueError:
            self.note(f"{what}: {text[:20]!r} is not a date (YYYY-MM-DD); left out")
            return None
        if found > today:
            self.note(f"{what}: {found.isoformat()} is in the future; left out")
            return None
        return found


def type_name(value: Any) -> str:
    """What JSON calls this kind of value, for messages."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "text"


def items(value: Any) -> list[Mapping[str, Any]]:
    """The objects in a list field (a single object counts as a list of one; others ignored)."""
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping)]
    return []
