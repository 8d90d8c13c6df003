"""The local-services directory: richer services, a search index, tracked referrals.

Services gain lists (categories, areas, districts, phones, who can refer), coordinates, who they
are for (eligibility, ages), when they were last checked, and whether the coach edited them by
hand (an import never overwrites those). On SQLite an FTS5 index with triggers makes
find-as-you-type fast. Referrals gain the day of their last update, filled from what is stored.
The national contacts every directory starts with are added (see `domain/directory/national`).

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_LISTS = ("categories", "areas", "districts", "phones", "referral_routes")


def upgrade() -> None:
    """Add the columns, fill them from what is stored, index, and add the national contacts."""
    for name in _LISTS:
        op.add_column("service", sa.Column(name, sa.JSON(), server_default="[]", nullable=False))
    op.add_column("service", sa.Column("latitude", sa.Float(), nullable=True))
    op.add_column("service", sa.Column("longitude", sa.Float(), nullable=True))
    for name in ("how_to_refer", "eligibility"):
        op.add_column("service", sa.Column(name, sa.String(), server_default="", nullable=False))
    op.add_column("service", sa.Column("min_age", sa.Integer(), nullable=True))
    op.add_column("service", sa.Column("max_age", sa.Integer(), nullable=True))
    op.add_column("service", sa.Column("last_verified", sa.Date(), nullable=True))
    op.add_column(
        "service",
        sa.Column("edited_by_hand", sa.Boolean(), server_default="0", nullable=False),
    )
    op.add_column("referral", sa.Column("last_update_on", sa.Date(), nullable=True))

    bind = op.get_bind()
    service = sa.table(
        "service",
        *(sa.column(n) for n in ("id", "category", "phone", "service_area", "source")),
        sa.column("categories", sa.JSON()),
        sa.column("phones", sa.JSON()),
        sa.column("areas", sa.JSON()),
    )
    stored = sa.select(service.c.id, service.c.category, service.c.phone, service.c.service_area)
    for row in bind.execute(stored).all():
        bind.execute(
            service.update()
            .where(service.c.id == row.id)
            .values(
                categories=[row.category.lower()] if row.category else [],
                phones=[row.phone] if row.phone else [],
                areas=[row.service_area] if row.service_area else [],
            )
        )
    referral = sa.table(
        "referral",
        sa.column("id"),
        sa.column("created_at", sa.DateTime()),
        sa.column("last_update_on", sa.Date()),
        sa.column("status_changed_on", sa.Date()),
        sa.column("made_on", sa.Date()),
    )
    bind.execute(
        referral.update().values(
            last_update_on=sa.func.coalesce(referral.c.status_changed_on, referral.c.made_on)
        )
    )
    undated = sa.select(referral.c.id, referral.c.created_at).where(
        referral.c.last_update_on.is_(None)
    )
    for undated_row in bind.execute(undated).all():
        created = undated_row.created_at
        day = (
            created.date()
            if isinstance(created, datetime)
            else date.fromisoformat(str(created)[:10])
        )
        bind.execute(
            referral.update().where(referral.c.id == undated_row.id).values(last_update_on=day)
        )

    if bind.dialect.name == "sqlite":
        from workwell_tui.db.backends.sqlite_search import install_search_index

        install_search_index(bind.connection.dbapi_connection)
    _add_national(bind)


def _add_national(bind: Any) -> None:
    """The national contacts, unless a service with the same source id is already there."""
    from workwell_tui.domain.directory.national import NATIONAL_SERVICES, SOURCE

    typed: dict[str, Any] = {
        "id": sa.Uuid(),
        "created_at": sa.DateTime(timezone=True),
        "updated_at": sa.DateTime(timezone=True),
        "edited_by_hand": sa.Boolean(),
        **{name: sa.JSON() for name in (*_LISTS, "extra")},
    }
    plain = (
        "version", "source", "source_id", "name", "organisation", "description", "category",
        "phone", "email", "website", "address", "postcode", "service_area", "cost", "schedule",
        "how_to_refer", "eligibility", "min_age", "max_age",
    )  # fmt: skip
    table = sa.table(
        "service",
        *(sa.column(name, kind) for name, kind in typed.items()),
        *(sa.column(name) for name in plain),
    )
    have = set(bind.execute(sa.select(table.c.source_id).where(table.c.source == SOURCE)).scalars())
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "source": SOURCE,
            "source_id": draft.source_id,
            "name": draft.name,
            "organisation": draft.organisation,
            "description": draft.description,
            "category": draft.categories[0] if draft.categories else "",
            "phone": draft.phones[0] if draft.phones else "",
            "email": draft.email,
            "website": draft.website,
            "address": draft.address,
            "postcode": draft.postcode,
            "service_area": ", ".join(draft.areas),
            "cost": draft.cost,
            "schedule": draft.schedule,
            "how_to_refer": draft.how_to_refer,
            "eligibility": draft.eligibility,
            "min_age": draft.min_age,
            "max_age": draft.max_age,
            "edited_by_hand": False,
            "extra": {},
            "categories": list(draft.categories),
            "areas": list(draft.areas),
            "districts": [],
            "phones": list(draft.phones),
            "referral_routes": list(draft.routes),
        }
        for draft in NATIONAL_SERVICES
        if draft.source_id not in have
    ]
    if rows:
        bind.execute(table.insert(), rows)


def downgrade() -> None:
    """Drop what 0006 added (the national contacts stay, as ordinary services)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in (
            "DROP TRIGGER IF EXISTS service_search_insert",
            "DROP TRIGGER IF EXISTS service_search_update",
            "DROP TRIGGER IF EXISTS service_search_delete",
            "DROP TABLE IF EXISTS service_fts",
            "DROP TABLE IF EXISTS service_search",
        ):
            op.execute(statement)
    with op.batch_alter_table("referral") as batch:
        batch.drop_column("last_update_on")
    with op.batch_alter_table("service") as batch:
        for name in (*_LISTS, "latitude", "longitude", "how_to_refer", "eligibility",
                     "min_age", "max_age", "last_verified", "edited_by_hand"):  # fmt: skip
            batch.drop_column(name)
