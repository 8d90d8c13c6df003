"""The audit log's hash chain: each row's hash covers its fields and the hash of the row before.

Pure (hashlib only), so the migration that fills in old rows, the writer and `workwell audit
verify` compute exactly the same thing. Editing, deleting or replacing any row, or dropping the
rows at the end, breaks a link that `first_break` reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["GENESIS", "ChainRow", "first_break", "row_hash", "stamp"]

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainRow:
    """The fields of one audit row that the chain covers."""

    seq: int
    id: str
    at: datetime
    actor: str
    action: str
    record_type: str
    record_id: str
    detail: str
    prev_hash: str
    row_hash: str


def stamp(moment: datetime) -> str:
    """A datetime as the chain writes it: UTC, microseconds, no zone (as SQLite gives it back)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def row_hash(
    prev_hash: str, seq: int, row_id: str, at: datetime, actor: str, action: str,
    record_type: str, record_id: str, detail: str,
) -> str:  # fmt: skip
    """The SHA-256 of a row's fields and the previous row's hash (unit separators between)."""
    parts = (prev_hash, str(seq), row_id.replace("-", ""), stamp(at), actor, action,
             record_type, record_id, detail)  # fmt: skip
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def first_break(rows: Iterable[ChainRow], last_seq: int | None = None) -> str | None:
    """Where the chain first breaks, in words; None when every link holds.

    `rows` in seq order; `last_seq` is the counter's last number, so rows cut off the end
    are found too.
    """
    previous = GENESIS
    expected = 1
    for row in rows:
        if row.seq != expected:
            return f"row {expected} is missing (the next row is {row.seq})"
        if row.prev_hash != previous:
            return f"row {row.seq} does not follow row {row.seq - 1} (a row was changed or removed)"
        found = row_hash(row.prev_hash, row.seq, row.id, row.at, row.actor, row.action,
                         row.record_type, row.record_id, row.detail)  # fmt: skip
        if found != row.row_hash:
            what = f"{row.action} {row.record_type}"
            return f"row {row.seq} was changed after it was written ({what})"
        previous = row.row_hash
        expected += 1
    if last_seq is not None and last_seq >= expected:
        return f"rows {expected} to {last_seq} are missing from the end"
    return None
