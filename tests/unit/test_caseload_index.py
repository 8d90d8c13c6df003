"""The caseload reads contacts from their index alone (migration 0009), on a fresh and an
upgraded database, and the index goes back to its old shape on downgrade."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from workwell_tui import clock
from workwell_tui.db.caseload import CASELOAD_SQL, caseload_now
from workwell_tui.db.engine import make_engine
from workwell_tui.db.schema import alembic_config, upgrade

NEW = "ix_contact_participant_status_at_purpose"
OLD = "ix_contact_participant_status_at"


def contact_indexes(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {index["name"] or "" for index in inspect(engine).get_indexes("contact")}
    finally:
        engine.dispose()


def test_the_caseload_reads_contacts_from_the_covering_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'caseload.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.connect() as connection:
        plan = connection.execute(
            text("EXPLAIN QUERY PLAN " + CASELOAD_SQL),
            {"now": caseload_now(clock.now(), sqlite=True)},
        ).all()
    engine.dispose()
    steps = [str(row[-1]) for row in plan]
    assert any(f"COVERING INDEX {NEW}" in step for step in steps), steps
    assert not any(step.startswith("SCAN contact") and "INDEX" not in step for step in steps)


def test_0009_replaces_the_index_and_goes_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine, "0008")
    engine.dispose()
    assert OLD in contact_indexes(url) and NEW not in contact_indexes(url)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    assert NEW in contact_indexes(url) and OLD not in contact_indexes(url)
    engine = make_engine(url)
    downgrade(engine, "0008")
    engine.dispose()
    assert OLD in contact_indexes(url) and NEW not in contact_indexes(url)


def downgrade(engine: Engine, revision: str) -> None:
    """Alembic's downgrade on `engine` (the app itself only ever upgrades)."""
    from alembic import command
    from alembic.config import Config

    config = alembic_config(engine)
    assert isinstance(config, Config)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
