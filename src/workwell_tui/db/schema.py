"""Bring a database to the schema this version of the app expects, keeping its data.

The revision check is one small query so that start-up stays fast; Alembic is imported only when
a database is new or older than the app. A database written by a newer app is refused, untouched.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from workwell_tui.db.backends import Backend, backend_for
from workwell_tui.db.errors import SchemaError
from workwell_tui.db.revisions import HEAD_REVISION, KNOWN_REVISIONS

__all__ = [
    "HEAD_REVISION",
    "KNOWN_REVISIONS",
    "MIGRATIONS_DIR",
    "SchemaError",
    "current_revision",
    "ensure_schema",
    "upgrade",
]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    """The database's Alembic revision, or None when it has never been migrated."""
    with engine.connect() as connection:
        try:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        except Exception:
            connection.rollback()
            return None
    return None if row is None else str(row[0])


def alembic_config(engine: Engine) -> object:
    """An Alembic Config pointing at the packaged migrations (imports Alembic)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to `revision` on `engine`."""
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection  # type: ignore[attr-defined]
        command.upgrade(config, revision)  # type: ignore[arg-type]


def ensure_schema(
    engine: Engine, backup_dir: Path | None = None, backend: Backend | None = None
) -> str:
    """Create or upgrade the schema; returns "current", "created" or "upgraded from <rev>".

    Before an upgrade the database is backed up into `backup_dir` when its backend can do so.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return "current"
    if revision is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise SchemaError(
                "This database has tables but no workwell-tui schema version, so it was not "
                "made by this app. Nothing in it has been changed."
            )
        upgrade(engine)
        return "created"
    if revision not in KNOWN_REVISIONS:
        raise SchemaError(
            f"This database was written by a newer version of workwell-tui (schema {revision}; "
            f"this app knows up to {HEAD_REVISION}). Update the app to open it. "
            "Nothing in it has been changed."
        )
    if backend is None:
        backend = backend_for(engine.url.render_as_string(hide_password=False))
    # A server keeps its own backups; a file is copied aside (and checked) before it changes.
    if backup_dir is not None and backend.can_backup:
        backend.backup(engine, backup_dir, f"before-schema-{HEAD_REVISION}-from-{revision}")
    upgrade(engine)
    return f"upgraded from {revision}"
