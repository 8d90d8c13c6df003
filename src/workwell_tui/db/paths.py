"""Which file a database URL points at (no SQLAlchemy import: used on the start-up path)."""

from __future__ import annotations

from pathlib import Path


def sqlite_file(url: str) -> Path | None:
    """The file behind a `sqlite:///` URL, or None for memory and other databases."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :].split("?", 1)[0]
            return None if rest in ("", ":memory:") else Path(rest)
    return None
