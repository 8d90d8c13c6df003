"""A document being written: YAML front matter for pandoc's title block, then Markdown blocks.

The builder only ever takes text that is already Markdown (escaped by `escape.py`, or the
renderers' own fixed words), and keeps the blocks apart with blank lines, which both CommonMark
and pandoc need before a list, a table or a heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workwell_tui.export.escape import yaml_string

__all__ = ["PAGE_BREAK", "Document", "Writer"]

# A thematic break: a line in the preview, and a new page on paper (styles/print.css).
PAGE_BREAK = "* * *"


@dataclass(frozen=True)
class Document:
    """One rendered export: its title block and its Markdown body."""

    title: str
    subtitle: str
    author: str
    date: str
    body: str

    @property
    def markdown(self) -> str:
        """The whole file: front matter (pandoc's title block), then the body."""
        front = [
            "---",
            f"title: {yaml_string(self.title)}",
            f"subtitle: {yaml_string(self.subtitle)}",
            f"author: {yaml_string(self.author)}",
            f"date: {yaml_string(self.date)}",
            "lang: en-GB",
            "---",
            "",
        ]
        return "\n".join(front) + self.body

    @property
    def preview(self) -> str:
        """The same document for an on-screen Markdown viewer, the title block as a heading."""
        from workwell_tui.export.escape import inline

        byline = " · ".join(
            inline(part) for part in (self.subtitle, self.author, self.date) if part
        )
        return f"# {inline(self.title)}\n\n{byline}\n\n{self.body}"


@dataclass
class Writer:
    """Markdown blocks in order; each call adds one block."""

    blocks: list[str] = field(default_factory=list)

    def heading(self, level: int, text: str) -> None:
        """A heading; `text` is Markdown already."""
        self.blocks.append(f"{'#' * level} {text}")

    def paragraph(self, text: str) -> None:
        """A paragraph of Markdown (nothing when empty)."""
        if text:
            self.blocks.append(text)

    def bullets(self, items: Iterable[str]) -> None:
        """A bullet list; each item is Markdown and may hold indented continuation lines."""
        lines = [f"- {item}" for item in items]
        if lines:
            self.blocks.append("\n".join(lines))

    def tasks(self, items: Iterable[tuple[bool, str, Sequence[str]]]) -> None:
        """A task list: done or not, the item, and lines shown under it."""
        lines = []
        for done, text, below in items:
            lines.append(f"- [{'x' if done else ' '}] {text}")
            # A hard break keeps the detail lines inside the same list item, under its text.
            for detail in below:
                lines[-1] += "\\"
                lines.append(f"  {detail}")
        if lines:
            self.blocks.append("\n".join(lines))

    def table(
        self, header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int]
    ) -> None:
        """A pipe table; `widths` (dashes per column) set pandoc's relative column widths."""
        found = list(rows)
        if not found:
            return
        lines = [
            "| " + " | ".join(header) + " |",
            "|" + "|".join("-" * width for width in widths) + "|",
        ]
        lines += ["| " + " | ".join(row) + " |" for row in found]
        self.blocks.append("\n".join(lines))

    def page_break(self) -> None:
        """Start a new page when printed."""
        self.blocks.append(PAGE_BREAK)

    def text(self) -> str:
        """The body so far, blocks apart by blank lines, ending with a newline."""
        return "\n\n".join(self.blocks) + "\n"
