"""An audit log that cannot be rewritten, and one open draft per participant and kind.

The audit log gains its hash chain (seq, prev_hash, row_hash), filled in for the rows already
there in the order they were written, and the database refuses REPLACE on it (a BEFORE INSERT
trigger on an existing id or number: REPLACE deletes without firing delete triggers) and, on
PostgreSQL, TRUNCATE (a statement trigger). Assessments get a partial unique index: one draft per
participant and kind. Duplicate drafts that an older version let two windows make are kept, all
but the newest marked abandoned, so the index can be built and no answers are lost.

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from workwell_tui.db.audit_chain import GENESIS, row_hash

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_REFUSE = "SELECT RAISE(ABORT, 'the audit log is append-only')"
_SQLITE_NO_UPDATE = (
    "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent BEGIN " + _REFUSE + "; END"
)
_SQLITE_REPLACE = (
    "CREATE TRIGGER auditevent_no_replace BEFORE INSERT ON auditevent "
    "WHEN EXISTS (SELECT 1 FROM auditevent WHERE id = NEW.id OR seq = NEW.seq) "
    "BEGIN " + _REFUSE + "; END"
)
_POSTGRES_TRUNCATE = (
    "CREATE TRIGGER auditevent_no_truncate BEFORE TRUNCATE ON auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION auditevent_append_only()"
)


def _chain_existing_rows(dialect: str) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, at, actor, action, record_type, record_id, detail FROM auditevent "
            "ORDER BY at, created_at, id"
        )
    ).fetchall()
    previous = GENESIS
    for seq, row in enumerate(rows, start=1):
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        found = row_hash(previous, seq, str(row.id), at, row.actor, row.action,
                         row.record_type, row.record_id, row.detail)  # fmt: skip
        connection.execute(
            sa.text(
                "UPDATE auditevent SET seq = :seq, prev_hash = :prev, row_hash = :hash "
                "WHERE id = :id"
            ),
            {"seq": seq, "prev": previous, "hash": found, "id": row.id},
        )
        previous = found
    now = datetime.now(UTC)
    connection.execute(
        sa.text(
            "INSERT INTO referencecounter (id, created_at, updated_at, version, name, value) "
            "VALUES (:id, :now, :now, 1, 'audit', :value)"
        ),
        {
            "id": uuid.uuid4().hex if dialect == "sqlite" else uuid.uuid4(),
            "now": now,
            "value": len(rows),
        },
    )


def _one_draft_each() -> None:
    connection = op.get_bind()
    drafts = connection.execute(
        sa.text(
            "SELECT id, participant_id, kind FROM assessment WHERE status = 'draft' "
            "ORDER BY participant_id, kind, saved_at DESC, id"
        )
    ).fetchall()
    seen: set[tuple[object, object]] = set()
    for draft in drafts:
        key = (draft.participant_id, draft.kind)
        if key in seen:  # an older duplicate: kept, with its answers, but no longer open
            connection.execute(
                sa.text("UPDATE assessment SET status = 'abandoned' WHERE id = :id"),
                {"id": draft.id},
            )
        seen.add(key)


def upgrade() -> None:
    """Chain the audit log, refuse REPLACE and TRUNCATE, one draft per participant and kind."""
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("auditevent") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("row_hash", sa.String(64), nullable=False, server_default=""))
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_update")
        _chain_existing_rows(dialect)
        op.execute(_SQLITE_NO_UPDATE)
        op.execute(_SQLITE_REPLACE)
    elif dialect == "postgresql":
        op.execute("ALTER TABLE auditevent DISABLE TRIGGER auditevent_no_change")
        _chain_existing_rows(dialect)
        op.execute("ALTER TABLE auditevent ENABLE TRIGGER auditevent_no_change")
        op.execute(_POSTGRES_TRUNCATE)
    else:
        _chain_existing_rows(dialect)
    op.create_index("ix_auditevent_seq", "auditevent", ["seq"], unique=True)
    _one_draft_each()
    op.create_index(
        "uq_assessment_one_draft",
        "assessment",
        ["participant_id", "kind"],
        unique=True,
        sqlite_where=sa.text("status = 'draft'"),
        postgresql_where=sa.text("status = 'draft'"),
    )


def downgrade() -> None:
    """Drop the draft index, the REPLACE/TRUNCATE guards and the chain columns."""
    dialect = op.get_bind().dialect.name
    op.drop_index("uq_assessment_one_draft", table_name="assessment")
    op.drop_index("ix_auditevent_seq", table_name="auditevent")
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_replace")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_truncate ON auditevent")
    op.execute("DELETE FROM referencecounter WHERE name = 'audit'")
    for name in ("row_hash", "prev_hash", "seq"):
        op.drop_column("auditevent", name)
