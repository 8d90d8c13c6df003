"""Escaping: any string, escaped for Markdown, parses back (markdown-it-py) as the same text.

Hypothesis tries strings of any characters, and strings built from the characters Markdown
gives a meaning to, at the start of a line, inside a table cell and as a note of several lines.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workwell_tui.domain.text import clean_line, clean_note
from workwell_tui.export.escape import cell, inline, note, yaml_string

PARSER = MarkdownIt("commonmark").enable("table")
MARKDOWN_CHARACTERS = "\\`*_[]()<>#|~^$@{}!&:;-+=.,'\"/ \t\n1aA\u00a0é😀"
tricky = st.text(alphabet=st.sampled_from(MARKDOWN_CHARACTERS), max_size=40)
anything = st.text(max_size=60)
# What opens a block at the start of a line: lists, quotes, headings, fences, rules, HTML.
OPENERS = ("1.", "1)", "12. ", "- ", "+ ", "* ", "# ", "> ", "=", "```", "~~~", "<div>", "---",
           "| ", ": ", "a. ", "iv) ", "(@) ", "[^1]: ", "    ")  # fmt: skip
line_starts = st.builds(lambda a, b: a + b, st.sampled_from(OPENERS), tricky)
typed = st.one_of(anything, tricky, line_starts)


def rendered_text(markdown: str) -> str:
    """The text a reader sees: text nodes joined, line breaks as newlines; fails on markup."""
    seen = []
    for token in PARSER.parse(markdown):
        assert token.type in {
            "paragraph_open", "paragraph_close", "inline",
            "table_open", "table_close", "thead_open", "thead_close", "tbody_open",
            "tbody_close", "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
        }, token.type  # fmt: skip
        for child in token.children or ():
            assert child.type in ("text", "softbreak", "hardbreak"), child.type
            seen.append(child.content if child.type == "text" else "\n")
    return "".join(seen)


@settings(max_examples=400)
@given(typed)
def test_a_line_reads_back_as_typed(value: str) -> None:
    assert rendered_text(inline(value)) == clean_line(value).strip()


@settings(max_examples=300)
@given(typed)
def test_a_line_after_words_reads_back_as_typed(value: str) -> None:
    assert rendered_text(f"Name: {inline(value)}") == f"Name: {clean_line(value).strip()}".strip()


@settings(max_examples=300)
@given(st.lists(typed, min_size=1, max_size=3))
def test_a_table_cell_reads_back_as_typed(values: list[str]) -> None:
    header = " | ".join("h" for _ in values)
    row = " | ".join(cell(value, empty="-") for value in values)
    table = f"| {header} |\n|{'|'.join('---' for _ in values)}|\n| {row} |"
    expected = "h" * len(values) + "".join(clean_line(v).strip() or "-" for v in values)
    assert rendered_text(table) == expected


@settings(max_examples=300)
@given(st.lists(typed, max_size=4))
def test_a_note_keeps_its_lines_and_reads_back_as_typed(lines: list[str]) -> None:
    value = "\n".join(lines)
    expected = [line.strip() for line in clean_note(value).split("\n") if line.strip()]
    assert rendered_text(note(value)) == "\n".join(expected)


@given(anything)
def test_front_matter_values_are_one_quoted_line(value: str) -> None:
    quoted = yaml_string(value)
    assert quoted.startswith('"') and quoted.endswith('"') and "\n" not in quoted
