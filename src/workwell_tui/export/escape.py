"""Typed text made into Markdown that reads back as exactly the same text.

A name like `Smith [/] *x*`, a note starting `1.` or `- `, `<script>`, a pipe in a table cell or
`@citation` must print as typed, in CommonMark (the preview, markdown-it-py) and in pandoc's
Markdown (the PDF). Text is first cleaned (`domain/text.py`: control codes out, line breaks made
spaces), then every character either reader could take as formatting gets a backslash. Both
readers treat a backslash before any ASCII punctuation as that character, so the escapes never
show. The property test in tests/unit/test_export_escape.py checks this for any string.
"""

from __future__ import annotations

import json
import re

from workwell_tui.domain.text import clean_line, clean_note

__all__ = ["cell", "inline", "note_lines", "yaml_string"]

# Formatting anywhere in a line: CommonMark (\ ` * _ [ ] < > & ! #), tables (|), and pandoc's
# extensions (~ strikeout and subscript, ^ superscript, $ maths, @ citations, { } attributes).
_ANYWHERE = re.compile(r"([\\`*_\[\]<>&!#|~^$@{}])")
# At the start of a line: any ASCII punctuation can open a block (list, quote, heading, setext
# underline, definition, fenced div, example list), and so can "12. " or "a) " (CommonMark's
# ordered lists, pandoc's fancy lists with letters and roman numerals): their delimiter is
# escaped. "1.5 hours" or "abena.rahman@" are no list and keep their full stop as it is.
_LEADING_PUNCTUATION = re.compile(r"^([!-/:-@\[-`{-~])")
_LEADING_ORDINAL = re.compile(r"^(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")


def _escape(line: str) -> str:
    escaped = _ANYWHERE.sub(r"\\\1", line)
    if escaped.startswith("\\"):
        return escaped
    escaped = _LEADING_PUNCTUATION.sub(r"\\\1", escaped)
    return _LEADING_ORDINAL.sub(r"\1\\\2", escaped)


def inline(value: str) -> str:
    """One line of typed text, cleaned, trimmed and escaped: safe anywhere in a line."""
    return _escape(clean_line(value).strip())


def cell(value: str, empty: str = "—") -> str:
    """A pipe-table cell: one line, pipes escaped; `empty` when there is nothing."""
    text = inline(value)
    return text or empty


def note_lines(value: str) -> list[str]:
    """A note's non-blank lines, each escaped so it can start a Markdown line."""
    return [_escape(line.strip()) for line in clean_note(value).split("\n") if line.strip()]


def note(value: str) -> str:
    """A note as one paragraph, its lines kept apart by hard line breaks (a trailing backslash)."""
    return "\\\n".join(note_lines(value))


def yaml_string(value: str) -> str:
    """A YAML front-matter value: pandoc reads it as Markdown, so it is escaped, then quoted."""
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(inline(value), ensure_ascii=False)
