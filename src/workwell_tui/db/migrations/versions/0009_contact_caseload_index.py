"""The caseload's contact index also holds each contact's purpose, so the caseload reads it alone.

The caseload finds each participant's last contact held, last review and next booking from
(participant, status, time, purpose). The index had the first three, so every contact row was read
from the table too for its purpose; with the purpose in the index the table is not read at all.
Measured on 10,000 participants (about 65,000 contacts): the caseload read's CPU went from 152 to
108 ms on an encrypted file (where each page read is also decrypted) and from 113 to 93 ms on a
plain one. Only an index changes; no row is touched.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_OLD = ("ix_contact_participant_status_at", ["participant_id", "status", "at"])
_NEW = ("ix_contact_participant_status_at_purpose", ["participant_id", "status", "at", "purpose"])


def upgrade() -> None:
    """Replace the contact index with one that also holds the purpose."""
    op.create_index(_NEW[0], "contact", _NEW[1], unique=False)
    op.drop_index(_OLD[0], table_name="contact")


def downgrade() -> None:
    """Put the three-column index back."""
    op.create_index(_OLD[0], "contact", _OLD[1], unique=False)
    op.drop_index(_NEW[0], table_name="contact")
