"""Give every record a version (optimistic concurrency) and count WW- references in a table.

Existing rows start at version 1. The counter starts at the highest WW- number already stored,
so the next participant added after the upgrade gets the number that would have come next.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every table there was at 0002 (the counter table is made below with its version).
TABLES = (
    "auditevent",
    "participant",
    "service",
    "assessment",
    "contact",
    "plan",
    "adjustment",
    "measureresult",
    "objective",
    "referral",
)
_REFERENCE = re.compile(r"^WW-(\d+)$")


def upgrade() -> None:
    """Add `version` to every table and create `referencecounter`, seeded from the data."""
    for table in TABLES:
        # A plain ADD COLUMN (no table copy): SQLite fills old rows from the default and the
        # audit log's append-only triggers are not involved.
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    counter = op.create_table(
        "referencecounter",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    participant = sa.table("participant", sa.column("reference", sa.String()))
    references = op.get_bind().execute(sa.select(participant.c.reference)).scalars()
    numbers = [int(found.group(1)) for found in map(_REFERENCE.match, references) if found]
    now = datetime.now(UTC)
    op.bulk_insert(
        counter,
        [
            {
                "id": uuid.uuid4(),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "name": "participant",
                "value": max(numbers, default=0),
            }
        ],
    )


def downgrade() -> None:
    """Drop the counter table and the version columns."""
    op.drop_table("referencecounter")
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
