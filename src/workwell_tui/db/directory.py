"""The directory in the database: import by source id, hand edits, "checked today", search.

Query functions add, change and flush; the Store commits (one unit of work per action, and one
per imported file, so a file that fails as a whole leaves the directory as it was). An import
updates a service with the same source and source id, never duplicates one, and never touches a
service the coach added or edited by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, case, cast, func, or_
from sqlmodel import Session, col, select

from workwell_tui.db.audit import record_event
from workwell_tui.db.backends import Backend
from workwell_tui.db.errors import StoreError
from workwell_tui.db.models import Service
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.directory.search import search_words
from workwell_tui.domain.directory.service import ServiceDraft, ServiceView, match_districts

__all__ = [
    "ImportCounts",
    "add_service",
    "all_services",
    "edit_service",
    "import_drafts",
    "mark_checked",
    "search_ids",
    "service_view",
]

# The screen lists at most 200 (`ServiceList.SHOWN`); the rest would only cost time per key.
SEARCH_LIMIT = 200


class ServiceGone(StoreError):
    """The service was removed while the coach looked at it."""

    default_title = "Service not found"
    default_message = "This service is no longer in the directory."


@dataclass
class ImportCounts:
    """What one import did to the directory."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited by hand, so left as the coach made it


def _columns(draft: ServiceDraft, districts: Sequence[str]) -> dict[str, Any]:
    """The service's columns from a draft (`category`/`phone` keep the first, for old readers)."""
    return {
        "source_id": draft.source_id,
        "name": draft.name,
        "organisation": draft.organisation,
        "description": draft.description,
        "categories": list(draft.categories),
        "category": draft.categories[0][:100] if draft.categories else "",
        "areas": list(draft.areas),
        "service_area": ", ".join(draft.areas)[:300],
        "districts": list(match_districts(draft.areas, draft.address, districts)),
        "address": draft.address,
        "postcode": draft.postcode,
        "latitude": draft.latitude,
        "longitude": draft.longitude,
        "phones": list(draft.phones),
        "phone": draft.phones[0][:60] if draft.phones else "",
        "email": draft.email,
        "website": draft.website,
        "schedule": draft.schedule,
        "referral_routes": list(draft.routes),
        "how_to_refer": draft.how_to_refer,
        "eligibility": draft.eligibility,
        "min_age": draft.min_age,
        "max_age": draft.max_age,
        "cost": draft.cost,
        "last_verified": draft.last_verified,
    }


def service_view(row: Service) -> ServiceView:
    """The read model of a stored service."""
    draft = ServiceDraft(
        name=row.name,
        organisation=row.organisation,
        description=row.description,
        categories=tuple(row.categories or ([row.category] if row.category else [])),
        areas=tuple(row.areas or ([row.service_area] if row.service_area else [])),
        address=row.address,
        postcode=row.postcode,
        latitude=row.latitude,
        longitude=row.longitude,
        phones=tuple(row.phones or ([row.phone] if row.phone else [])),
        email=row.email,
        website=row.website,
        schedule=row.schedule,
        routes=tuple(row.referral_routes or ()),
        how_to_refer=row.how_to_refer,
        eligibility=row.eligibility,
        min_age=row.min_age,
        max_age=row.max_age,
        cost=row.cost,
        last_verified=row.last_verified,
        source_id=row.source_id,
    )
    return ServiceView(
        id=str(row.id),
        version=row.version,
        source=row.source,
        draft=draft,
        districts=tuple(row.districts or ()),
        edited_by_hand=row.edited_by_hand,
    )


def all_services(session: Session) -> list[ServiceView]:
    """Every service, by name."""
    rows = session.exec(select(Service).order_by(func.lower(col(Service.name))))
    return [service_view(row) for row in rows]


def get_service(session: Session, service_id: uuid.UUID | str) -> Service:
    """One service by id; ServiceGone if it is not there."""
    key = service_id if isinstance(service_id, uuid.UUID) else uuid.UUID(str(service_id))
    found = session.get(Service, key)
    if found is None:
        raise ServiceGone()
    return found


def import_drafts(
    session: Session, drafts: Sequence[ServiceDraft], source: str, districts: Sequence[str],
    actor: str,
) -> ImportCounts:  # fmt: skip
    """Create or update each draft by (source, source id); hand-edited services are kept."""
    counts = ImportCounts()
    ids = [draft.source_id for draft in drafts if draft.source_id]
    existing: dict[str, Service] = {}
    for start in range(0, len(ids), 500):  # SQLite allows a limited number of bound values
        chunk = ids[start : start + 500]
        statement = select(Service).where(
            Service.source == source, col(Service.source_id).in_(chunk)
        )
        existing.update({row.source_id or "": row for row in session.exec(statement)})
    for draft in drafts:
        values = _columns(draft, districts)
        row = existing.get(draft.source_id or "")
        if row is None:
            session.add(Service(source=source, **values))
            counts.created += 1
        elif row.edited_by_hand:
            counts.kept += 1
        elif all(getattr(row, key) == value for key, value in values.items()):
            counts.unchanged += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
            counts.updated += 1
    session.flush()
    detail = (
        f"created {counts.created}, updated {counts.updated}, unchanged {counts.unchanged}, "
        f"kept {counts.kept}"
    )
    record_event(session, actor, "directory.import", "service", "", detail)
    return counts


def add_service(
    session: Session, draft: ServiceDraft, districts: Sequence[str], actor: str
) -> Service:
    """Add a service the coach typed in (source "local")."""
    service = Service(source="local", edited_by_hand=True, **_columns(draft, districts))
    service.source_id = None
    session.add(service)
    session.flush()
    record_event(session, actor, "service.create", "service", service.id)
    return service


def edit_service(
    session: Session, service_id: uuid.UUID | str, draft: ServiceDraft,
    districts: Sequence[str], actor: str, expected_version: int | None = None,
) -> Service:  # fmt: skip
    """Save the coach's edit; from now on an import leaves this service alone."""
    service = get_service(session, service_id)
    check_version(service.version, expected_version)
    values = _columns(draft, districts)
    values["source_id"] = service.source_id  # the link to the publisher stays
    for key, value in values.items():
        setattr(service, key, value)
    service.edited_by_hand = True
    session.flush()
    record_event(session, actor, "service.edit", "service", service.id)
    return service


def mark_checked(session: Session, service_id: uuid.UUID | str, today: date, actor: str) -> Service:
    """Record that the coach checked the service's details today."""
    service = get_service(session, service_id)
    service.last_verified = today
    session.flush()
    record_event(session, actor, "service.checked", "service", service.id)
    return service


def _dashed(value: str) -> str:
    """A UUID stored as 32 hex digits, written the way `str(uuid)` writes it (fast: per key)."""
    if len(value) != 32:
        return str(uuid.UUID(value))
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_ids(session: Session, backend: Backend, text: str) -> list[str] | None:
    """Ids of services matching every word typed, best first; None when nothing was typed.

    The backend's own full-text search when it has one (SQLite FTS5), else LIKE: a word in the
    name ranks first, then the organisation or categories, then the description.
    """
    words = search_words(text)
    if not words:
        return None
    found = backend.search_service_ids(session.connection(), words, SEARCH_LIMIT)
    if found is not None:
        return [_dashed(value) for value in found]
    name = func.lower(col(Service.name))
    others = func.lower(col(Service.organisation) + " " + cast(col(Service.categories), String))
    description = func.lower(col(Service.description))
    statement = select(Service.id)
    for word in words:
        pattern = _like(word)
        statement = statement.where(
            or_(
                name.like(pattern, escape="\\"),
                others.like(pattern, escape="\\"),
                description.like(pattern, escape="\\"),
            )
        )
    first = _like(words[0])
    rank = case(
        (name.like(first, escape="\\"), 0),
        (others.like(first, escape="\\"), 1),
        else_=2,
    )
    statement = statement.order_by(rank, name).limit(SEARCH_LIMIT)
    return [str(value) for value in session.exec(statement)]
