"""The adjustment checklist: not shared with the employer by default, statuses, dates, links,
and the fit note.

Until now every suggested adjustment was stored as shareable with the employer, whatever the
participant had agreed to. Existing rows now keep sharing only when the participant consented to
employer contact and the item had got past "suggested" (it was talked over and taken forward);
every other row becomes not shared. "Requested" becomes "raised" (with the employer); the date
columns get the names the checklist uses (requested_on -> raised_on, review_on -> due_on), an
item in place takes its in-place date from when it was agreed, and each row's last update is
its latest known date, so the "no update for 21 days" flag has something to count from.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """New columns and table, then fill them from what is stored."""
    # Batch mode: SQLite cannot rename a column or add a foreign key in place, so the table is
    # copied (small: a few rows per participant); other databases alter it directly.
    with op.batch_alter_table("adjustment") as batch:
        batch.alter_column("requested_on", new_column_name="raised_on")
        batch.alter_column("review_on", new_column_name="due_on")
        batch.alter_column(
            "employer_shareable", existing_type=sa.Boolean(), server_default=sa.false()
        )
        batch.add_column(sa.Column("label", sa.String(80), server_default="", nullable=False))
        batch.add_column(sa.Column("reason", sa.String(200), server_default="", nullable=False))
        batch.add_column(sa.Column("in_place_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("employer_note", sa.String(), server_default="", nullable=False))
        batch.add_column(
            sa.Column(
                "employer_note_health", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch.add_column(sa.Column("objective_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("referral_id", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("last_update_on", sa.Date(), nullable=True))
        batch.create_foreign_key(
            "fk_adjustment_objective_id",
            "objective",
            ["objective_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_foreign_key(
            "fk_adjustment_referral_id", "referral", ["referral_id"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "fitnote",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("issued_by", sa.String(length=30), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("advice", sa.JSON(), nullable=False),
        sa.Column("comments", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_fitnote_participant_id", "fitnote", ["participant_id"], unique=False)
    _fill()


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _fill() -> None:
    adjustment = sa.table(
        "adjustment",
        sa.column("id", sa.Uuid()),
        sa.column("participant_id", sa.Uuid()),
        sa.column("status", sa.String()),
        sa.column("raised_on", sa.Date()),
        sa.column("agreed_on", sa.Date()),
        sa.column("in_place_on", sa.Date()),
        sa.column("updated_at", sa.String()),
        sa.column("employer_shareable", sa.Boolean()),
        sa.column("last_update_on", sa.Date()),
    )
    participant = sa.table(
        "participant",
        sa.column("id", sa.Uuid()),
        sa.column("consent_contact_employer", sa.Boolean()),
    )
    bind = op.get_bind()
    bind.execute(
        adjustment.update().where(adjustment.c.status == "requested").values(status="raised")
    )
    consented = set(
        bind.execute(
            sa.select(participant.c.id).where(participant.c.consent_contact_employer == sa.true())
        ).scalars()
    )
    rows = bind.execute(
        sa.select(
            adjustment.c.id,
            adjustment.c.participant_id,
            adjustment.c.status,
            adjustment.c.raised_on,
            adjustment.c.agreed_on,
            adjustment.c.updated_at,
            adjustment.c.employer_shareable,
        )
    ).all()
    for row_id, pid, status, raised, agreed, updated, shared in rows:
        keep = bool(shared) and pid in consented and status != "suggested"
        in_place = _day(agreed) if status == "in_place" else None
        known = [day for day in (_day(raised), _day(agreed), _day(updated)) if day is not None]
        bind.execute(
            adjustment.update()
            .where(adjustment.c.id == row_id)
            .values(
                employer_shareable=keep,
                in_place_on=in_place,
                last_update_on=max(known) if known else None,
            )
        )


def downgrade() -> None:
    """Drop the fit note and the new columns; raised goes back to requested."""
    op.drop_index("ix_fitnote_participant_id", table_name="fitnote")
    op.drop_table("fitnote")
    op.execute("UPDATE adjustment SET status = 'requested' WHERE status = 'raised'")
    with op.batch_alter_table("adjustment") as batch:
        batch.drop_constraint("fk_adjustment_referral_id", type_="foreignkey")
        batch.drop_constraint("fk_adjustment_objective_id", type_="foreignkey")
        for name in (
            "last_update_on",
            "referral_id",
            "objective_id",
            "employer_note_health",
            "employer_note",
            "in_place_on",
            "reason",
            "label",
        ):
            batch.drop_column(name)
        batch.alter_column("due_on", new_column_name="review_on")
        batch.alter_column("raised_on", new_column_name="requested_on")
