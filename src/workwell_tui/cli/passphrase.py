"""`workwell passphrase`: change the passphrase of the encrypted database (a SQLCipher rekey).

The current passphrase comes from WORKWELL_PASSPHRASE or is asked; the new one from
WORKWELL_NEW_PASSPHRASE (scripts) or is asked twice. Backups made before keep the old one.
"""

from __future__ import annotations

import argparse
import os
import sys

from workwell_tui.cli.common import env_passphrase
from workwell_tui.cli.encrypt import ask_new_passphrase, database_path
from workwell_tui.config import Paths, Settings
from workwell_tui.errors import WorkwellError

NEW_PASSPHRASE_VARIABLE = "WORKWELL_NEW_PASSPHRASE"


def passphrase(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Re-key the database; status 2 when it is not encrypted or a passphrase is refused, 1 when
    the current one is wrong or the change fails."""
    del args
    import getpass

    from workwell_tui.db.audit import record_event
    from workwell_tui.db.encryption import change_passphrase
    from workwell_tui.db.errors import WrongPassphrase
    from workwell_tui.db.paths import file_state
    from workwell_tui.db.store import Store
    from workwell_tui.domain.passphrase import passphrase_problem

    path = database_path(paths)
    if path is None:
        return 2
    if file_state(path) != "encrypted":
        print(
            "workwell: this database is not encrypted, so it has no passphrase to change. "
            "`workwell encrypt` encrypts it.",
            file=sys.stderr,
        )
        return 2
    current = env_passphrase()
    if current is None:
        try:
            current = getpass.getpass("Current passphrase: ")
        except (EOFError, KeyboardInterrupt):
            print("\nworkwell: no passphrase was typed. Nothing has been changed.", file=sys.stderr)
            return 2
    try:
        store = Store.open(paths, settings, passphrase=current)
    except WrongPassphrase:
        print("workwell: that is not the current passphrase. Nothing has been changed.",
              file=sys.stderr)  # fmt: skip
        return 1
    except WorkwellError as error:
        print(f"workwell: {error.message}", file=sys.stderr)
        return 1
    try:
        new = os.environ.get(NEW_PASSPHRASE_VARIABLE) or None
        if new is None:
            new = ask_new_passphrase()
            if new is None:
                return 2
        elif (problem := passphrase_problem(new)) is not None:
            print(f"workwell: {NEW_PASSPHRASE_VARIABLE}: {problem} Nothing has been changed.",
                  file=sys.stderr)  # fmt: skip
            return 2
        try:
            change_passphrase(store, current, new)
            with store.unit_of_work() as session:
                record_event(session, store.actor, "database.rekey", "database")
        except WorkwellError as error:
            print(f"workwell: {error.message}", file=sys.stderr)
            return 1
    finally:
        store.close()
    print(
        "Passphrase changed: the new one opens the database from now on. Backups made before "
        "now still need the old passphrase."
    )
    return 0
