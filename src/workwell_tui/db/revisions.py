"""The schema revisions this app knows, oldest first (no imports: read on the start-up path).

A test checks this matches the migration scripts in `migrations/versions`.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]
