"""`workwell export REF --audience …`: write one participant's document, and say where.

Prints the path of each file written (the Markdown, then the PDF) on stdout. Exit status: 0
written; 1 the store could not open, the file could not be written, or the PDF asked for could
not be made (the Markdown is still written, and stderr says what to install); 2 an unknown
reference; 3 refused, because the participant has not consented to this audience (the reason is
on stderr). Nothing about the participant is printed anywhere else.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from workwell_tui.cli.common import quiet_on_closed_pipe, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.export import Audience
from workwell_tui.domain.text import clean_line
from workwell_tui.errors import WorkwellError

__all__ = ["export", "write_document"]

REFUSED = 3


def write_document(
    store: Store,
    reference: str,
    audience: Audience,
    *,
    include_measures: bool,
    pdf: bool,
    output: Path | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Render, write and audit one export; the exit status (see the module docstring)."""
    from workwell_tui.export import ExportRefused, render
    from workwell_tui.export_files import write_export

    shown = clean_line(reference).strip()[:40]
    view = store.export_view_by_reference(reference)
    if view is None:
        err.write(f"workwell: no participant with reference {shown!r}\n")
        return 2
    try:
        document = render(view, audience, include_measures=include_measures)
    except ExportRefused as refusal:
        err.write(f"workwell: {refusal.message}\n")
        return REFUSED
    try:
        written = write_export(store, view, audience, document, pdf=pdf, output=output)
    except WorkwellError as error:
        err.write(f"workwell: {error.message}\n")
        return 1
    out.write(f"{written.markdown}\n")
    if written.pdf is not None:
        out.write(f"{written.pdf}\n")
    if written.pdf_problem:
        err.write(f"workwell: {written.pdf_problem}\n")
        return 1
    return 0


def export(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The `export` subcommand."""
    output = Path(args.output).expanduser() if args.output else None
    return quiet_on_closed_pipe(
        lambda: with_store(
            paths,
            settings,
            lambda store: write_document(
                store,
                args.reference,
                Audience(args.audience),
                include_measures=args.include_measures,
                pdf=args.pdf,
                output=output,
                out=sys.stdout,
                err=sys.stderr,
            ),
        )
    )
