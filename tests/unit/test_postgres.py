"""PostgreSQL (a team server): the migrations run on a real server, the audit log refuses UPDATE,
DELETE, upsert and TRUNCATE and its chain verifies, an older database is chained by 0008, and a
save made while the server is down is a coach's message, with the draft whole once it is back.

Each test gets a new database on the throwaway server of `tests/pg_server.py` (skipped without
PostgreSQL on a laptop; CI installs it and sets WORKWELL_REQUIRE_POSTGRES=1, so there it runs).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from tests.pg_server import REQUIRE, PostgresServer, missing
from workwell_tui.config import Settings
from workwell_tui.db.audit_chain import GENESIS, row_hash
from workwell_tui.db.engine import make_engine
from workwell_tui.db.errors import StaleRecordError, StoreError
from workwell_tui.db.schema import HEAD_REVISION, current_revision, ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.enums import AssessmentKind

from .test_db import referral


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> str:
    """A new, empty database on the test server."""
    return postgres_server.new_database()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A Store on a new PostgreSQL database, its schema made by the migrations."""
    store = Store(Settings(), "test-coach", url=pg_url)
    store.warm()
    yield store
    store.close()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def test_the_migrations_build_the_models_schema(pg_engine: Engine) -> None:
    assert ensure_schema(pg_engine) == "created"
    assert current_revision(pg_engine) == HEAD_REVISION
    with pg_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    assert ensure_schema(pg_engine) == "current"


def test_the_store_works_and_its_audit_chain_verifies(pg_store: Store) -> None:
    person = pg_store.add_referral(referral(last="Pgsmith"))
    draft = pg_store.start_assessment(person.id, AssessmentKind.INITIAL)
    pg_store.save_assessment(draft.id, 1, {**draft.answers, "wants_work": "yes"})
    pg_store.record_view(Viewed.PARTICIPANT, person.id)
    assert [row.reference for row in pg_store.caseload()] == [person.reference]
    assert pg_store.verify_audit() is None
    actions = [entry.action for entry in pg_store.audit_entries()]
    assert actions[0] == "participant.view"
    assert {"participant.create", "assessment.start", "assessment.save"} <= set(actions)


RECORD = (
    "INSERT INTO auditevent (id, created_at, updated_at, version, at, actor, action, record_type,"
    " record_id, detail, seq, prev_hash, row_hash) SELECT gen_random_uuid(), now(), now(), 1,"
    " now(), 'mallory', action, record_type, record_id, detail, seq, prev_hash, row_hash"
    " FROM auditevent WHERE seq = 1"
)


@pytest.mark.parametrize(
    "attack",
    [
        "UPDATE auditevent SET actor = 'mallory'",
        "DELETE FROM auditevent WHERE seq = 1",
        "TRUNCATE auditevent",
        "TRUNCATE auditevent CASCADE",
        # PostgreSQL's REPLACE: an upsert updates the row it collides with.
        RECORD + " ON CONFLICT (seq) DO UPDATE SET actor = 'mallory'",
        # A copy of row 1 under a new id: its number is taken (the unique index on seq).
        RECORD,
    ],
)
def test_the_server_refuses_rewriting_the_log(pg_store: Store, attack: str) -> None:
    pg_store.add_referral(referral(last="Pgsmith"))
    with pg_store.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM auditevent")).scalar()
    assert before
    with pytest.raises(DBAPIError), pg_store.engine.begin() as connection:
        connection.execute(text(attack))
    with pg_store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM auditevent")).scalar() == before
        actors = set(connection.execute(text("SELECT actor FROM auditevent")).scalars())
    assert actors == {"test-coach"}
    assert pg_store.verify_audit() is None


def test_verify_finds_an_edit_made_with_the_guards_off(pg_store: Store) -> None:
    for number in range(3):
        pg_store.add_referral(referral(last=f"Pgsmith{number}"))
    with pg_store.engine.begin() as connection:
        connection.execute(text("ALTER TABLE auditevent DISABLE TRIGGER auditevent_no_change"))
        connection.execute(text("UPDATE auditevent SET actor = 'mallory' WHERE seq = 2"))
        connection.execute(text("ALTER TABLE auditevent ENABLE TRIGGER auditevent_no_change"))
    assert "row 2 was changed" in str(pg_store.verify_audit())


def test_verify_finds_a_dropped_truncate_guard(pg_store: Store) -> None:
    pg_store.add_referral(referral(last="Pgsmith"))
    with pg_store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER auditevent_no_truncate ON auditevent"))
    assert pg_store.verify_audit() == (
        "the audit log's guard auditevent_no_truncate has been removed"
    )


def _audit_row(connection: sa.Connection, at: datetime, action: str, record_id: str) -> None:
    connection.execute(
        text(
            "INSERT INTO auditevent (id, created_at, updated_at, version, at, actor, action, "
            "record_type, record_id, detail) VALUES (:id, :at, :at, 1, :at, 'coach', :action, "
            "'participant', :rid, '')"
        ),
        {"id": uuid.uuid4(), "at": at, "action": action, "rid": record_id},
    )


def test_0008_chains_the_rows_written_before_it_and_keeps_one_draft(pg_engine: Engine) -> None:
    upgrade(pg_engine, "0007")
    store = Store(Settings(), "test-coach", engine=pg_engine)
    pid = uuid.uuid4()
    with pg_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participant (id, created_at, updated_at, version, reference, "
                "first_name, last_name, preferred_name, email, phone, address, postcode, "
                "district, referral_source, referral_date, work_situation, employer_name, "
                "consent_processing, consent_share_gp, consent_contact_employer, "
                "consent_share_health_with_employer, stage, stage_reason, signposted_to, notes, "
                "stage_changed_on) VALUES (:id, now(), now(), 1, 'WW-000007', 'Aisha', 'Khan', "
                "'', '', '', '', '', 'Preston', 'gp', '2026-09-30', 'off_sick', '', true, false, "
                "false, false, 'assessing', '', '', '', '2026-09-30')"
            ),
            {"id": pid},
        )
        # Two open drafts of one kind, as an older version let two windows make.
        for saved in ("2026-10-01 09:00:00+00", "2026-10-02 09:00:00+00"):
            connection.execute(
                text(
                    "INSERT INTO assessment (id, created_at, updated_at, version, "
                    "participant_id, kind, status, step, answers, started_at, saved_at) "
                    "VALUES (:id, now(), now(), 1, :pid, 'initial', 'draft', 0, '{}', "
                    ":saved, :saved)"
                ),
                {"id": uuid.uuid4(), "pid": pid, "saved": saved},
            )
        for hour in (9, 10, 11):
            _audit_row(connection, datetime(2026, 10, 1, hour, tzinfo=UTC), "x", str(pid))

    assert ensure_schema(pg_engine, backend=store.backend) == "upgraded from 0007"

    assert store.verify_audit() is None
    with pg_engine.connect() as connection:
        rows = connection.execute(
            text("SELECT seq, prev_hash, row_hash FROM auditevent ORDER BY seq")
        ).all()
        drafts = connection.execute(
            text("SELECT status FROM assessment ORDER BY saved_at")
        ).scalars()
        assert list(drafts) == ["abandoned", "draft"]
    assert [row.seq for row in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS
    # The chain goes on from the migrated rows, and one draft per kind is now the server's rule.
    store.add_referral(referral(last="Pgsmith"))
    assert store.verify_audit() is None
    with pytest.raises(DBAPIError), pg_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO assessment (id, created_at, updated_at, version, participant_id, "
                "kind, status, step, answers, started_at, saved_at) VALUES (:id, now(), now(), "
                "1, :pid, 'initial', 'draft', 0, '{}', now(), now())"
            ),
            {"id": uuid.uuid4(), "pid": pid},
        )


def test_the_chain_hash_reads_back_the_same_from_the_server(pg_store: Store) -> None:
    """The hash covers `at`: a server time zone other than UTC must not change what is read."""
    pg_store.add_referral(referral(last="Pgsmith"))
    with pg_store.engine.begin() as connection:
        connection.execute(text("SET TIME ZONE 'America/Los_Angeles'"))
        row = connection.execute(
            text(
                "SELECT seq, id, at, actor, action, record_type, record_id, detail, prev_hash, "
                "row_hash FROM auditevent WHERE seq = 1"
            )
        ).one()
    found = row_hash(row.prev_hash, row.seq, str(row.id), row.at, row.actor, row.action,
                     row.record_type, row.record_id, row.detail)  # fmt: skip
    assert found == row.row_hash


def test_a_save_while_the_server_is_down_is_a_message_and_nothing_is_lost(
    pg_store: Store, postgres_server: PostgresServer
) -> None:
    person = pg_store.add_referral(referral(last="Pgsmith"))
    draft = pg_store.start_assessment(person.id, AssessmentKind.INITIAL)
    first = {**draft.answers, "wants_work": "yes"}
    pg_store.save_assessment(draft.id, 1, first, expected_version=draft.version)

    with postgres_server.stopped():
        # What "Esc, save and leave" calls: a coach's message, not a driver's traceback.
        with pytest.raises(StoreError) as refused:
            pg_store.save_assessment(
                draft.id, 2, {**first, "employer": "Ribble"}, expected_version=draft.version + 1
            )
        assert not isinstance(refused.value, StaleRecordError)
        assert "server cannot be reached" in refused.value.message
        assert "psycopg" not in refused.value.message and "SELECT" not in refused.value.message
        with pytest.raises(StoreError):
            pg_store.record_view(Viewed.PARTICIPANT, person.id)

    # Back up: the pool's dead connections are replaced, the save goes in at the version held.
    pg_store.save_assessment(
        draft.id, 2, {**first, "employer": "Ribble"}, expected_version=draft.version + 1
    )
    stored = pg_store.assessment_draft(person.id)
    assert stored is not None and stored.answers["employer"] == "Ribble"
    assert stored.answers["wants_work"] == "yes"
    assert pg_store.verify_audit() is None


def test_audit_verify_and_list_commands_on_a_server(
    pg_store: Store, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from workwell_tui.cli import main

    person = pg_store.add_referral(referral(last="Pgsmith"))
    pg_store.record_view(Viewed.PLAN, person.id)
    assert main(["audit", "verify", "--database-url", pg_url]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["audit", "list", "--database-url", pg_url]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "plan.view" in listed[0] and "participant.create" in listed[-1]
    assert "Pgsmith" not in "\n".join(listed)


def test_no_server_skips_on_a_laptop_and_fails_where_it_is_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("no PostgreSQL server binaries")
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="must run"):
        missing("no PostgreSQL server binaries")
