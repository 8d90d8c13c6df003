"""Which file a database URL points at (no SQLAlchemy import: used on the start-up path)."""

from __future__ import annotations

from pathlib import Path


def sqlite_file(url: str) -> Path | None:
    """The file behind a `sqlite:///` URL (plain or SQLCipher), or None for memory and others."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///", "sqlite+pysqlcipher:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :].split("?", 1)[0]
            return None if rest in ("", ":memory:") else Path(rest)
    return None


# The first 16 bytes of every plain SQLite file; an SQLCipher file starts with its random salt.
SQLITE_HEADER = b"SQLite format 3\x00"


def file_state(path: Path | None) -> str:
    """What is at `path`: "memory", "missing", "folder", "empty" (0 bytes), "plain" (an
    unencrypted SQLite file), "damaged" (neither, and not whole pages: no database at all) or
    "encrypted" (SQLCipher, or something else made of whole pages)."""
    if path is None:
        return "memory"
    if path.is_dir():
        return "folder"
    if not path.exists():
        return "missing"
    if path.stat().st_size == 0:
        return "empty"
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == SQLITE_HEADER:
        return "plain"
    # Every database is whole pages (a power of two, 512 bytes or more); a file that is not
    # cannot be SQLCipher, so it is not asked for a passphrase it could never take.
    return "encrypted" if path.stat().st_size % 512 == 0 else "damaged"


def encrypted_url(path: Path) -> str:
    """The SQLCipher URL for a file (the key is never part of it)."""
    return f"sqlite+pysqlcipher:///{path}"


# Folder names the common sync clients use (macOS keeps them all under Library/CloudStorage).
_SYNCED = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "cloudstorage",
           "mobile documents")  # fmt: skip


def cloud_synced(folder: Path) -> str | None:
    """The part of `folder` that looks like a cloud-synced folder (OneDrive, Dropbox...), or None:
    a copy of the database would leave the laptop, and a sync mid-write can damage it."""
    for part in folder.expanduser().parts:
        if any(name in part.lower() for name in _SYNCED):
            return part
    return None
