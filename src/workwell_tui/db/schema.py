"""Bring a database to the schema this version of the app expects, keeping its data.

The revision check is one small query so that start-up stays fast; Alembic is imported only when
a database is new or older than the app. A database written by a newer app is refused, untouched.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from workwell_tui.db.engine import sqlite_file
from workwell_tui.db.revisions import HEAD_REVISION, KNOWN_REVISIONS

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaError(Exception):
    """The database cannot be used by this version of the app; the message says why."""


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


def ensure_schema(engine: Engine, backup_dir: Path | None = None) -> str:
    """Create or upgrade the schema; returns "current", "created" or "upgraded from <rev>"."""
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
    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None and backup_dir is not None:
        _backup_before_upgrade(engine, path, backup_dir, revision)
    upgrade(engine)
    return f"upgraded from {revision}"


def _backup_before_upgrade(engine: Engine, path: Path, backup_dir: Path, revision: str) -> None:
    """Copy the database aside (SQLite backup API) before changing its schema."""
    import sqlite3

    from workwell_tui.config import ensure_private_dir

    ensure_private_dir(backup_dir)
    target = backup_dir / f"{path.stem}-before-schema-{HEAD_REVISION}-from-{revision}.sqlite3"
    engine.dispose()
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    target.chmod(0o600)
