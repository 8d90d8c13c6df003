"""`workwell import-services PATH`: read Open Referral UK files into the directory.

Prints what happened (created, updated, unchanged, skipped) and every problem with its file,
record and words. The exit status is 0 when the import ran, 1 when nothing in PATH could be
read, 2 when PATH does not exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from workwell_tui import clock
from workwell_tui.cli.common import with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.directory import read_services

MAX_PROBLEMS_SHOWN = 200


def import_path(store: Store, path: Path, source: str, out: TextIO, err: TextIO) -> int:
    """Import `path` into the store and print the summary; returns the exit status."""
    batch = read_services(path, clock.today())
    summary = store.import_services(batch, source=source)
    for problem in summary.problems[:MAX_PROBLEMS_SHOWN]:
        err.write(problem.line() + "\n")
    hidden = len(summary.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        err.write(f"... and {hidden:,} more problems\n")
    out.write(f"Imported from {summary.files:,} file(s): {summary.line()}\n")
    nothing = not batch.services and summary.problems
    return 1 if nothing else 0


def import_services(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The `import-services` subcommand."""
    path = Path(args.path).expanduser()
    if not path.exists():
        print(f"workwell: no file or folder at {args.path}", file=sys.stderr)
        return 2
    source = " ".join(args.source.split())[:40] or "oruk"
    return with_store(
        paths, settings, lambda store: import_path(store, path, source, sys.stdout, sys.stderr)
    )
