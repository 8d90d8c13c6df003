"""The storage errors a coach may see, all `WorkwellError`s (no SQLAlchemy: used at start-up)."""

from __future__ import annotations

from pathlib import Path

from workwell_tui.errors import WorkwellError

__all__ = [
    "BackupNotSupported",
    "PassphraseNeeded",
    "SchemaError",
    "StaleRecordError",
    "StoreError",
    "WrongPassphrase",
    "corrupt_message",
]


class StoreError(WorkwellError):
    """The database cannot be opened or used; the message is safe to show a coach."""

    default_title = "The database cannot be used"


class SchemaError(WorkwellError):
    """The database's schema cannot be used by this version of the app; the message says why."""

    default_title = "The database needs a different version of the app"


class StaleRecordError(StoreError):
    """Someone else (another window or laptop) saved this record since it was read."""

    default_title = "Changed elsewhere"

    def __init__(self, message: str = "", title: str | None = None) -> None:
        super().__init__(
            message
            or "This record was changed elsewhere after you opened it, so your change was not "
            "saved. Open it again to see the latest version, then make your change again.",
            title,
        )


class BackupNotSupported(StoreError):
    """This kind of database is not backed up by the app (a server keeps its own backups)."""

    default_title = "No backup from the app"


class PassphraseNeeded(StoreError):
    """The database is encrypted and no passphrase was given."""

    default_title = "Passphrase needed"
    default_message = (
        "This database is encrypted. Type its passphrase to open it (or set WORKWELL_PASSPHRASE "
        "for scripts)."
    )


class WrongPassphrase(StoreError):
    """The passphrase does not open the database (or the file is not a database at all)."""

    default_title = "Wrong passphrase"
    default_message = (
        "That passphrase does not open this database. Check it and try again (capital letters "
        "count). Nothing has been changed."
    )


def corrupt_message(path: Path | None) -> str:
    """What to tell a coach when the database file is damaged or not a database."""
    where = f" ({path.name} in the data folder)" if path is not None else ""
    return (
        f"The database{where} cannot be read: it looks damaged or is not a workwell-tui database. "
        "Nothing has been changed. Restore it from a backup, or start with --data-dir to use "
        "another folder."
    )
