"""Any database SQLAlchemy can reach (PostgreSQL for a team server...) with no special handling.

Used for every URL the registry has no dedicated backend for, so `--database-url` keeps working:
the caseload is read through the engine and the app takes no backups (the server does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workwell_tui.db.backends.base import Backend

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["SqlAlchemyBackend"]


class SqlAlchemyBackend(Backend):
    """A database reached through SQLAlchemy alone."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.label = url.split("://", 1)[0].split("+", 1)[0] or "database"

    def create_engine(self) -> Engine:
        """An engine that checks a pooled connection is alive before use (servers drop them)."""
        from sqlalchemy import create_engine

        return create_engine(self.url, pool_pre_ping=True)
