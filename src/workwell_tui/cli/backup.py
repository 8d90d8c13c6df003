"""`workwell backup [PATH]` and `workwell restore [PATH]`: a checked copy, and putting one back.

A backup of an encrypted database is encrypted with the same passphrase. Restore checks the
copy first and keeps the file it replaces aside (with its -wal and -shm).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workwell_tui import clock
from workwell_tui.cli.common import env_passphrase, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store


def backup(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Back the database up to PATH (a file or a folder), or into the backup folder."""
    target = Path(args.path).expanduser() if args.path else None

    def act(store: Store) -> int:
        chosen = target
        if chosen is not None and chosen.is_dir() and store.backend.database_file is not None:
            stamp = f"{clock.now():%Y-%m-%d-%H%M%S}"
            chosen = chosen / f"{store.backend.database_file.stem}-{stamp}.sqlite3"
        made = store.backup(chosen)
        print(f"Backed up to {made} (checked with integrity_check).")
        return 0

    return with_store(paths, settings, act)


def restore(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Replace the database with a checked backup (the newest in the backup folder by default)."""
    from workwell_tui.db.backends import backend_for
    from workwell_tui.db.backends.sqlite import SqliteBackend
    from workwell_tui.db.backup import newest_backup
    from workwell_tui.db.backup import restore as put_back
    from workwell_tui.db.paths import sqlite_file
    from workwell_tui.db.store import database_url
    from workwell_tui.errors import WorkwellError

    database = sqlite_file(paths.database_url)
    if database is None:
        print("workwell: only a database file can be restored by the app.", file=sys.stderr)
        return 2
    backups = paths.data_dir / "backups"
    source = Path(args.path).expanduser() if args.path else newest_backup(backups)
    if source is None:
        print("workwell: there is no backup in the data folder; give its path.", file=sys.stderr)
        return 1
    passphrase = env_passphrase()
    backend = backend_for(database_url(f"sqlite:///{source}", passphrase))
    if backend.needs_unlock:
        if passphrase is None:
            print("workwell: this backup is encrypted: set WORKWELL_PASSPHRASE.", file=sys.stderr)
            return 1
        backend.unlock(passphrase)
    assert isinstance(backend, SqliteBackend)
    if not args.yes:
        print(f"Restore {source.name} over {database.name}? The current file is kept aside.")
        if input("Type yes to restore: ").strip().lower() != "yes":
            print("Nothing has been changed.")
            return 1
    try:
        aside = put_back(database, source, backend, clock.now())
    except WorkwellError as error:
        print(f"workwell: {error.message}", file=sys.stderr)
        return 1
    print(f"Restored {source.name}. The file it replaced is kept as {aside.name}.")

    def audit(store: Store) -> int:
        from workwell_tui.db.audit import record_event

        with store.unit_of_work() as session:
            record_event(session, store.actor, "restore", "database", detail=source.name)
        return 0

    return with_store(paths, settings, audit)
