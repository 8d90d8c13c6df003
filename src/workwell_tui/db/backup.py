"""Backups and restore of a database file: checked, atomic, and never losing the file replaced.

`workwell backup` and the daily backup at start use SQLite's backup API through the backend (an
encrypted database gives an encrypted copy). The daily ones are named by date and the newest 7
are kept. `restore` checks a copy (integrity_check, and that it is a workwell-tui database)
before it replaces anything, and keeps the file it replaces aside.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workwell_tui.db.errors import StoreError

if TYPE_CHECKING:
    from workwell_tui.db.backends.sqlite import SqliteBackend
    from workwell_tui.db.store import Store

__all__ = ["DAILY_KEPT", "daily_backup", "newest_backup", "restore"]

DAILY_KEPT = 7
_DAILY = "daily-"


def _backups(backup_dir: Path) -> list[Path]:
    if not backup_dir.is_dir():
        return []
    found = [p for p in backup_dir.glob("*.sqlite3") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def newest_backup(backup_dir: Path) -> Path | None:
    """The most recent backup file in `backup_dir`, or None."""
    found = _backups(backup_dir)
    return found[-1] if found else None


def daily_backup(store: Store, today: date) -> Path | None:
    """Today's backup, once a day, keeping the newest 7; None when there was one already or the
    database cannot be backed up (memory, a server)."""
    if store.backup_dir is None or not store.backend.can_backup:
        return None
    stem = store.backend.database_file.stem if store.backend.database_file else "workwell"
    target = store.backup_dir / f"{stem}-{_DAILY}{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    made = store.backup(target)
    daily = sorted(p for p in store.backup_dir.glob(f"{stem}-{_DAILY}*.sqlite3") if p.is_file())
    for old in daily[:-DAILY_KEPT]:
        old.unlink(missing_ok=True)
    return made


def restore(database: Path, source: Path, backend: SqliteBackend, stamp: datetime) -> Path:
    """Replace `database` with the checked copy `source`; returns where the old file was put.

    `backend` opens `source` (it carries the passphrase for an encrypted copy). The database's
    -wal and -shm files go aside with it, so the old file stays whole.
    """
    if not source.is_file():
        raise StoreError(f"There is no backup file at {source}. Nothing has been changed.")
    problems = backend.check_copy(source)
    if problems:
        raise StoreError(
            f"The backup {source.name} did not pass the check (it is damaged, not a workwell-tui "
            "database, or needs another passphrase). Nothing has been changed."
        )
    aside = database.with_name(f"{database.name}.before-restore-{stamp:%Y%m%d-%H%M%S}")
    incoming = database.with_name(database.name + ".restoring")
    shutil.copyfile(source, incoming)
    os.chmod(incoming, 0o600)
    with incoming.open("rb+") as handle:
        os.fsync(handle.fileno())
    if database.exists():
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(database) + suffix)
            if part.exists():
                os.replace(part, Path(str(aside) + suffix))
    os.replace(incoming, database)
    return aside
