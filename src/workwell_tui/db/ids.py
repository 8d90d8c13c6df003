"""Record ids as they arrive from screens and commands: a UUID, or its text form."""

from __future__ import annotations

import uuid

__all__ = ["as_uuid"]


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    """`value` as a UUID (screens pass ids as text; the database wants UUIDs)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)
