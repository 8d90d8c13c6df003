"""Schema management: create, upgrade with data kept, refuse newer or foreign databases."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError
from sqlmodel import SQLModel

from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.db import models
from workwell_tui.db.backends.sqlite_search import is_search_table
from workwell_tui.db.engine import make_engine
from workwell_tui.db.schema import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    MIGRATIONS_DIR,
    SchemaError,
    current_revision,
    ensure_schema,
    upgrade,
)
from workwell_tui.db.store import Store
from workwell_tui.domain.referral import check_referral

REFERRAL: dict[str, str | bool | None] = {
    "first_name": "Bo",
    "last_name": "Brown",
    "date_of_birth": "02/10/1985",
    "referral_date": "20/11/2026",
    "district": "Preston",
    "referral_source": "self",
    "work_situation": "struggling",
    "consent_processing": True,
}
TABLES = {str(table.__tablename__) for table in models.ALL_TABLES}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workwell.sqlite3"


@pytest.fixture
def file_engine(db_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{db_path}")
    yield engine
    engine.dispose()


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_known_revisions_match_scripts() -> None:
    scripts = script_directory()
    chain = [rev.revision for rev in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
    assert scripts.get_heads() == [HEAD_REVISION]
    assert KNOWN_REVISIONS[0] == "0001"


def test_empty_database_is_created(file_engine: Engine) -> None:
    assert current_revision(file_engine) is None
    assert ensure_schema(file_engine) == "created"
    assert current_revision(file_engine) == HEAD_REVISION
    assert set(inspect(file_engine).get_table_names()) >= TABLES
    assert ensure_schema(file_engine) == "current"


def test_audit_log_is_append_only(file_engine: Engine) -> None:
    ensure_schema(file_engine)
    with file_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO auditevent (id, created_at, updated_at, at, actor, action, "
                "record_type, record_id, detail) VALUES (:id, '2026-11-22 10:00:00', "
                "'2026-11-22 10:00:00', '2026-11-22 10:00:00', 'coach', 'x', 'participant', "
                "'', '')"
            ),
            {"id": uuid.uuid4().hex},
        )
    for statement in ("UPDATE auditevent SET actor = 'someone else'", "DELETE FROM auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), file_engine.begin() as connection:
            connection.execute(text(statement))
    with file_engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM auditevent")).scalars().all() == ["coach"]


def fill_at_first_revision(engine: Engine) -> str:
    """Participant, contact and audit rows written with plain SQL, as version 0001 would."""
    pid = uuid.uuid4().hex
    stamp = "2026-10-01 09:00:00.000000"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participant (id, created_at, updated_at, reference, first_name, "
                "last_name, preferred_name, email, phone, address, postcode, district, "
                "referral_source, referral_date, work_situation, employer_name, "
                "consent_processing, consent_share_gp, consent_contact_employer, "
                "consent_share_health_with_employer, stage, stage_reason, signposted_to, notes) "
                "VALUES (:id, :t, :t, 'WW-000007', 'Aisha', 'Khan', '', '', '', '', '', "
                "'Preston', 'gp', '2026-09-30', 'off_sick', '', 1, 0, 0, 0, 'assessing', '', "
                "'', '')"
            ),
            {"id": pid, "t": stamp},
        )
        connection.execute(
            text(
                "INSERT INTO contact (id, created_at, updated_at, participant_id, at, mode, "
                "status, purpose, notes) VALUES (:id, :t, :t, :pid, :t, 'phone', 'held', "
                "'check_in', 'first call')"
            ),
            {"id": uuid.uuid4().hex, "t": stamp, "pid": pid},
        )
        connection.execute(
            text(
                "INSERT INTO auditevent (id, created_at, updated_at, at, actor, action, "
                "record_type, record_id, detail) VALUES (:id, :t, :t, :t, 'coach', "
                "'participant.create', 'participant', :pid, '')"
            ),
            {"id": uuid.uuid4().hex, "t": stamp, "pid": pid},
        )
    return pid


def test_first_revision_upgraded_with_data_kept(
    file_engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    upgrade(file_engine, "0001")
    assert current_revision(file_engine) == "0001"
    pid = fill_at_first_revision(file_engine)
    backups = tmp_path / "data" / "backups"

    assert ensure_schema(file_engine, backup_dir=backups) == "upgraded from 0001"

    assert current_revision(file_engine) == HEAD_REVISION
    with file_engine.connect() as connection:
        people = connection.execute(text("SELECT id, reference, first_name FROM participant"))
        assert [(uuid.UUID(str(row[0])).hex, row[1], row[2]) for row in people] == [
            (pid, "WW-000007", "Aisha")
        ]
        assert connection.execute(text("SELECT notes FROM contact")).scalars().all() == [
            "first call"
        ]
        assert connection.execute(text("SELECT count(*) FROM auditevent")).scalar() == 1
    files = list(backups.iterdir())
    assert len(files) == 1
    backup = files[0]
    assert "0001" in backup.name
    # The backup is the database as it was before: revision 0001, with the data.
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert copy.execute("SELECT reference FROM participant").fetchall() == [("WW-000007",)]
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        copy.close()
    # The upgrade added the append-only triggers to the old table.
    with pytest.raises(DatabaseError), file_engine.begin() as connection:
        connection.execute(text("DELETE FROM auditevent"))


def test_newer_database_refused_and_unchanged(file_engine: Engine, db_path: Path) -> None:
    ensure_schema(file_engine)
    with file_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    file_engine.dispose()
    before = dump(db_path)

    with pytest.raises(SchemaError, match="newer") as caught:
        ensure_schema(file_engine, backup_dir=db_path.parent / "backups")
    assert "9999" in str(caught.value)

    file_engine.dispose()
    assert dump(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_foreign_database_refused(file_engine: Engine, db_path: Path) -> None:
    with file_engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"))
        connection.execute(text("INSERT INTO invoices (total) VALUES (12.5)"))
    file_engine.dispose()
    before = dump(db_path)

    with pytest.raises(SchemaError, match=r"not\s+made by this app"):
        ensure_schema(file_engine)

    file_engine.dispose()
    assert dump(db_path) == before


def test_migrated_database_matches_models(file_engine: Engine) -> None:
    ensure_schema(file_engine)
    with file_engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            # The directory's FTS5 index is SQLite's own (virtual and shadow tables, no model).
            opts={"compare_type": True, "include_name": _not_search_index},
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def _not_search_index(name: str | None, kind: str, _parents: object) -> bool:
    return not (kind == "table" and name is not None and is_search_table(name))


def test_migrated_columns_match_models(file_engine: Engine) -> None:
    ensure_schema(file_engine)
    inspector = inspect(file_engine)
    for name, table in SQLModel.metadata.tables.items():
        columns = {column["name"]: column for column in inspector.get_columns(name)}
        assert set(columns) == set(table.columns.keys()), name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (name, column.name)


def test_0002_upgraded_with_versions_and_counter(file_engine: Engine) -> None:
    """0002 -> head: rows kept at version 1, the counter starts at the highest reference."""
    previous = "0002"
    upgrade(file_engine, previous)
    pid = fill_at_first_revision(file_engine)

    assert ensure_schema(file_engine) == f"upgraded from {previous}"

    with file_engine.connect() as connection:
        for name in TABLES - {"referencecounter"}:
            versions = connection.execute(sa.select(sa.table(name, sa.column("version")).c.version))
            assert set(versions.scalars()) <= {1}, name
        assert connection.execute(text("SELECT version FROM participant")).scalar() == 1
        counter = connection.execute(
            text("SELECT name, value, version FROM referencecounter WHERE name != 'audit'")
        )
        assert counter.all() == [("participant", 7, 1)]
    store = Store(Settings(), "test-coach", engine=file_engine)
    with store.unit_of_work() as session:
        person = session.get(models.Participant, uuid.UUID(pid))
        assert person is not None and person.version == 1
        person.notes = "Seen after the upgrade"
    assert person.version == 2
    checked = check_referral(REFERRAL, clock.today(), ("Preston",)).referral
    assert checked is not None
    added = store.add_referral(checked)
    assert added.reference == "WW-000008"
