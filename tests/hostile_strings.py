"""Text people could type (or a damaged database could hold) that must show as plain words.

Markup, unclosed tags, click actions, ANSI and OSC sequences, NUL, one-byte CSI, bidi overrides,
combining marks, emoji and a 100,000-character name. Every screen, the palette and every CLI
format is tried with each; see tests/app/test_hostile_text.py and tests/unit/test_text.py.
"""

from __future__ import annotations

from workwell_tui.domain.text import clean_line

HOSTILE = (
    "[bold]Bold[/bold]",
    "[bold red]X[/]",
    "Smith [/]",
    "[/]",
    "[link=https://evil.example]Z[/link]",
    "[@click=app.quit]Y[/]",
    "[@click=app.bell]ring",
    "[b",
    "x[/b]y",
    "[",
    "]]]",
    "\\[escaped]",
    "back\\",
    "$accent on $primary",
    "\x1b[2Jcleared",
    "\x1b]0;pwned\x07title",
    "\x1b[5mblink",
    "\x1b[31mred\x1b[0m",
    "\x9b2Jcsi",
    "\x00nul",
    "a\x07bell",
    "del\x7f",
    "\x08\x08backspace",
    "\u202eevil\u202c",
    "\u2066isolate\u2069",
    "e\u0301\u0301\u0301",
    "Zoë Łódź",
    "😀 Joy",
    "👩\u200d👩\u200d👧 family",
    "名前",
    "O'Brien",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)",
    "-2+3",
    "<script>alert(1)</script>",
    "%s%n{0}",
    "line\nbreak",
    "tab\there",
    "x" * 100_000,
)

# Bytes that must never reach a terminal or a file meant for one.
FORBIDDEN = ("\x1b", "\x00", "\x07", "\x08", "\x7f", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069")


def visible(value: str, room: int = 10) -> str:
    """The start of `value` as it must appear on screen: cleaned, at most `room` characters."""
    return clean_line(value).strip()[:room]
