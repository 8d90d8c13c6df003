"""The plan as it is run: agreed and started, objectives with reasons and progress notes,
contacts with the objectives discussed, reviews, extension and closure, safeguarding records.

Existing data is kept and filled in: objectives of plans already active or closed count as
accepted on the plan's start, those plans as agreed on it, and every risk already recorded in a
completed assessment (PHQ-9 item 9 above 0) becomes an open safeguarding record, so nothing an
older version stored is lost from view.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    """Add the plan's new columns and tables, and fill them from what is stored."""
    # Plain ADD COLUMNs (no table copies): fast on a large file, and nothing else is touched.
    op.add_column("plan", sa.Column("agreed_on", sa.Date(), nullable=True))
    for name in ("extension_reason", "overrun_reason"):
        op.add_column("plan", sa.Column(name, sa.String(), server_default="", nullable=False))
    op.add_column("plan", sa.Column("extended_from_weeks", sa.Integer(), nullable=True))
    op.add_column("plan", sa.Column("extended_on", sa.Date(), nullable=True))
    op.add_column(
        "plan",
        sa.Column("closure_outcome", sa.String(length=30), server_default="", nullable=False),
    )
    op.add_column(
        "objective", sa.Column("status_reason", sa.String(), server_default="", nullable=False)
    )
    op.add_column("objective", sa.Column("status_changed_on", sa.Date(), nullable=True))
    op.add_column("objective", sa.Column("accepted_on", sa.Date(), nullable=True))
    op.add_column(
        "contact",
        sa.Column("objectives_discussed", sa.JSON(), server_default="[]", nullable=False),
    )
    op.create_table(
        "planreview",
        *_record_columns(),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("week", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("what_changed", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_planreview_plan_id", "planreview", ["plan_id"], unique=False)
    op.create_table(
        "progressnote",
        *_record_columns(),
        sa.Column("objective_id", sa.Uuid(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["objective_id"], ["objective.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_progressnote_objective_id", "progressnote", ["objective_id"], unique=False)
    records = op.create_table(
        "safeguardingrecord",
        *_record_columns(),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("action_taken", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("follow_up", sa.String(), nullable=False),
        sa.Column("followed_up_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessment.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assessment_id", "source", name="uq_safeguarding_assessment_source"),
    )
    op.create_index(
        "ix_safeguardingrecord_participant_id",
        "safeguardingrecord",
        ["participant_id"],
        unique=False,
    )
    _fill_agreed()
    _fill_safeguarding(records)


def _fill_agreed() -> None:
    # Plans already under way were agreed when they started, and so were their objectives.
    op.execute(
        "UPDATE plan SET agreed_on = start_date "
        "WHERE status IN ('active', 'closed') AND agreed_on IS NULL"
    )
    op.execute(
        "UPDATE objective SET accepted_on = (SELECT plan.start_date FROM plan "
        "WHERE plan.id = objective.plan_id AND plan.status IN ('active', 'closed')) "
        "WHERE accepted_on IS NULL"
    )


def _fill_safeguarding(records: sa.Table | None) -> None:
    """Every risk already in a completed assessment becomes an open record (same rule as
    `domain/plan/safeguarding.py`, copied so this script never changes with the app)."""
    assessment = sa.table(
        "assessment",
        sa.column("id", sa.Uuid()),
        sa.column("participant_id", sa.Uuid()),
        sa.column("status", sa.String()),
        sa.column("answers", sa.JSON()),
        sa.column("completed_at", sa.DateTime(timezone=True)),
    )
    found = op.get_bind().execute(
        sa.select(
            assessment.c.id,
            assessment.c.participant_id,
            assessment.c.answers,
            assessment.c.completed_at,
        ).where(assessment.c.status == "completed")
    )
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for assessment_id, participant_id, answers, completed_at in found:
        item = answers.get("phq9.9") if isinstance(answers, dict) else None
        if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
            continue
        action = answers.get("phq9.risk_action")
        raised = completed_at.date() if isinstance(completed_at, datetime) else date.today()
        rows.append(
            {
                "id": uuid.uuid4(),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "participant_id": participant_id,
                "assessment_id": assessment_id,
                "raised_on": raised,
                "source": "phq9_item9",
                "action_taken": action if isinstance(action, str) else "",
                "status": "open",
                "follow_up": "",
                "followed_up_on": None,
            }
        )
    if rows and records is not None:
        op.bulk_insert(records, rows)


def downgrade() -> None:
    """Drop the new tables and columns."""
    op.drop_index("ix_safeguardingrecord_participant_id", table_name="safeguardingrecord")
    op.drop_table("safeguardingrecord")
    op.drop_index("ix_progressnote_objective_id", table_name="progressnote")
    op.drop_table("progressnote")
    op.drop_index("ix_planreview_plan_id", table_name="planreview")
    op.drop_table("planreview")
    columns = {
        "contact": ("objectives_discussed",),
        "objective": ("accepted_on", "status_changed_on", "status_reason"),
        "plan": (
            "closure_outcome",
            "extended_on",
            "extended_from_weeks",
            "overrun_reason",
            "extension_reason",
            "agreed_on",
        ),
    }
    for table, names in columns.items():
        with op.batch_alter_table(table) as batch_op:
            for name in names:
                batch_op.drop_column(name)
