"""`workwell erase REF`: remove a participant and everything linked, leaving no trace in the
file or its WAL; asks for the reference to be typed again unless --yes."""

from __future__ import annotations

import argparse
import sys

from workwell_tui.cli.common import with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store


def erase(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Erase one participant; status 2 for an unknown reference, 1 when not confirmed."""
    reference = args.reference.strip().upper()

    def act(store: Store) -> int:
        found = store.participant_by_reference(reference)
        if found is None:
            print(f"workwell: no participant has the reference {reference}.", file=sys.stderr)
            return 2
        if not args.yes:
            print(f"This removes {reference} and all their records for good (not backups).")
            if input("Type the reference again to erase: ").strip().upper() != reference:
                print("Nothing has been changed.")
                return 1
        removed = store.erase_participant(found.id)
        print(f"Erased {reference}: {removed} records removed; the audit log notes the erasure.")
        return 0

    return with_store(paths, settings, act)
