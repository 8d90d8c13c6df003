"""Make the audit log append-only: the database itself refuses updates and deletes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE = (
    "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)
_POSTGRES = (
    "CREATE FUNCTION auditevent_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER auditevent_no_change BEFORE UPDATE OR DELETE ON auditevent "
    "FOR EACH ROW EXECUTE FUNCTION auditevent_append_only()",
)


def upgrade() -> None:
    """Add triggers that refuse UPDATE and DELETE on auditevent."""
    dialect = op.get_bind().dialect.name
    statements = _SQLITE if dialect == "sqlite" else _POSTGRES if dialect == "postgresql" else ()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Drop the append-only triggers."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_update")
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditevent_no_change ON auditevent")
        op.execute("DROP FUNCTION IF EXISTS auditevent_append_only()")
