"""`workwell encrypt`: turn an existing unencrypted database into an encrypted one (SQLCipher).

The passphrase comes from WORKWELL_PASSPHRASE (scripts) or is asked twice without echo, and must
pass the same strength rules as the app's. The plain file is kept until the encrypted copy
checks out, then overwritten and removed; plain backups in the backups folder are encrypted too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workwell_tui import clock
from workwell_tui.cli.common import env_passphrase
from workwell_tui.config import Paths, Settings
from workwell_tui.errors import WorkwellError


def database_path(paths: Paths) -> Path | None:
    """The SQLite file to work on, or None after saying (on stderr) why there is none."""
    from workwell_tui.db.backends import url_scheme
    from workwell_tui.db.paths import sqlite_file

    path = sqlite_file(paths.database_url)
    if path is None:
        kind = url_scheme(paths.database_url).split("+", 1)[0] or "this database"
        print(
            f"workwell: the database is not a SQLite file ({kind}), so the app cannot encrypt it "
            "or change its passphrase. Use the database server's own encryption at rest. "
            "Nothing has been changed.",
            file=sys.stderr,
        )
    return path


def ask_new_passphrase(prompt: str = "New passphrase") -> str | None:
    """A new passphrase typed twice without echo and checked; None (said why) when refused."""
    import getpass

    from workwell_tui.domain.passphrase import passphrase_problem

    try:
        first = getpass.getpass(f"{prompt} (12 characters or more): ")
        again = getpass.getpass(f"{prompt} again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nworkwell: no passphrase was typed. Nothing has been changed.", file=sys.stderr)
        return None
    problem = passphrase_problem(first, again)
    if problem is not None:
        print(f"workwell: {problem} Nothing has been changed.", file=sys.stderr)
        return None
    return first


def encrypt(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Encrypt the plain database; status 2 when there is nothing to encrypt, 1 on failure."""
    del args
    from workwell_tui.db.encryption import encrypt_database
    from workwell_tui.db.paths import file_state
    from workwell_tui.domain.passphrase import passphrase_problem

    path = database_path(paths)
    if path is None:
        return 2
    state = file_state(path)
    if state == "encrypted":
        print(
            "workwell: this database is already encrypted. `workwell passphrase` changes its "
            "passphrase.",
            file=sys.stderr,
        )
        return 2
    if state != "plain":
        print(
            f"workwell: there is no unencrypted database at {path}. A new database is "
            "encrypted from the start: open WorkWell and choose a passphrase.",
            file=sys.stderr,
        )
        return 2
    passphrase = env_passphrase()
    if passphrase is None:
        print(f"Encrypt {path.name} with SQLCipher. Close WorkWell in any other window first.")
        print("The passphrase cannot be recovered if forgotten: keep it safe.")
        passphrase = ask_new_passphrase("Passphrase")
        if passphrase is None:
            return 2
    else:
        problem = passphrase_problem(passphrase)
        if problem is not None:
            print(f"workwell: WORKWELL_PASSPHRASE: {problem} Nothing has been changed.",
                  file=sys.stderr)  # fmt: skip
            return 2
    try:
        outcome = encrypt_database(path, passphrase, clock.now(), paths.data_dir / "backups")
    except WorkwellError as error:
        print(f"workwell: {error.message}", file=sys.stderr)
        return 1
    print(outcome.summary())
    return _audit(paths, settings, passphrase, outcome.backups)


def _audit(paths: Paths, settings: Settings, passphrase: str, backups: int) -> int:
    """Note the encryption in the (now encrypted) database's audit log."""
    from workwell_tui.db.audit import record_event
    from workwell_tui.db.store import Store

    try:
        store = Store.open(paths, settings, passphrase=passphrase)
        try:
            with store.unit_of_work() as session:
                detail = f"backups encrypted: {backups}" if backups else ""
                record_event(session, store.actor, "database.encrypt", "database", detail=detail)
        finally:
            store.close()
    except WorkwellError as error:
        print(f"workwell: the audit log could not note it: {error.message}", file=sys.stderr)
        return 1
    return 0
