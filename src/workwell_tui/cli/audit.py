"""`workwell audit verify`: check the audit log's hash chain and guards; the first broken link."""

from __future__ import annotations

import argparse
import sys

from workwell_tui.cli.common import with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store


def audit(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Verify the chain: status 0 when intact, 1 with the first broken link."""
    del args  # `verify` is the only audit command so far

    def act(store: Store) -> int:
        problem = store.verify_audit()
        if problem is None:
            print("The audit log is intact: every link of its chain holds.")
            return 0
        print(f"workwell: the audit log has been tampered with: {problem}.", file=sys.stderr)
        return 1

    return with_store(paths, settings, act)
