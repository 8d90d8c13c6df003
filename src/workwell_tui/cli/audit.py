"""`workwell audit verify|list`: check the audit log's hash chain and guards, or show its newest
events (who, what, which record by id, when; never a name or anything health-related)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from workwell_tui.cli.common import quiet_on_closed_pipe, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import AuditEntry
from workwell_tui.domain.text import clean_line

__all__ = ["audit", "audit_line", "print_events"]


def audit(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """`verify`: status 0 when intact, 1 with the first broken link. `list`: the newest events."""
    if args.action == "list":
        limit = max(1, min(int(getattr(args, "limit", 50) or 50), 100_000))
        return quiet_on_closed_pipe(
            lambda: with_store(
                paths, settings, lambda store: print_events(store, limit, sys.stdout)
            )
        )

    def act(store: Store) -> int:
        problem = store.verify_audit()
        if problem is None:
            print("The audit log is intact: every link of its chain holds.")
            return 0
        print(f"workwell: the audit log has been tampered with: {problem}.", file=sys.stderr)
        return 1

    return with_store(paths, settings, act)


def audit_line(entry: AuditEntry) -> str:
    """One event on one line: number, local time, who, what, which record, detail."""
    when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    number = "-" if entry.seq is None else str(entry.seq)
    record = f"{entry.record_type} {entry.record_id}".strip()
    # The coach's name is typed text: no control codes reach the terminal.
    parts = (number.rjust(6), when, clean_line(entry.actor)[:30].ljust(20), entry.action.ljust(24))
    line = "  ".join((*parts, record))
    return f"{line}  ({clean_line(entry.detail)})" if entry.detail else line


def print_events(store: Store, limit: int, out: TextIO) -> int:
    """Print the newest `limit` audit events, newest first."""
    entries = store.audit_entries(limit)
    if not entries:
        out.write("The audit log is empty.\n")
        return 0
    for entry in entries:
        out.write(audit_line(entry) + "\n")
    return 0
