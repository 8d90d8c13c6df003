"""Form drafts in the database: saved as the coach types, read back to resume, deleted on save.

Nothing here commits (the Store's unit of work does). One row per form kind and record key:
saving again overwrites it. Drafts are not audited: they are not records of the service, only
typing kept safe, and they go as soon as the form is saved or discarded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlmodel import Session, select

from workwell_tui.db.models import FormDraft, utcnow
from workwell_tui.domain.form_drafts import VALUES_LIMIT, FormKind, SavedDraft, draft_values

__all__ = ["discard_form_draft", "form_draft", "save_form_draft"]


def _row(session: Session, form: FormKind, record_key: str) -> FormDraft | None:
    return session.exec(
        select(FormDraft).where(FormDraft.form == form.value, FormDraft.record_key == record_key)
    ).first()


def save_form_draft(
    session: Session,
    form: FormKind,
    record_key: str,
    values: Mapping[str, object],
    now: datetime | None = None,
) -> datetime:
    """Keep what is typed in `form` for `record_key` (replacing any earlier draft); returns
    when it was saved."""
    kept = draft_values(values)
    if len(json.dumps(kept)) > VALUES_LIMIT:
        # A runaway paste: keep the short fields whole and cut the long ones down.
        kept = {k: v[:4000] if isinstance(v, str) else v for k, v in kept.items()}
    saved_at = (now or utcnow()).astimezone(UTC)
    row = _row(session, form, record_key)
    if row is None:
        row = FormDraft(form=form.value, record_key=record_key, values=kept, saved_at=saved_at)
    else:
        row.values = kept
        row.saved_at = saved_at
        row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return saved_at


def form_draft(session: Session, form: FormKind, record_key: str) -> SavedDraft | None:
    """The draft of `form` for `record_key`, if one is waiting."""
    row = _row(session, form, record_key)
    if row is None:
        return None
    saved = row.saved_at if row.saved_at.tzinfo else row.saved_at.replace(tzinfo=UTC)
    return SavedDraft(form, record_key, dict(row.values), saved)


def discard_form_draft(session: Session, form: FormKind, record_key: str) -> bool:
    """Delete the draft (the form was saved, or the coach threw the typing away); True if one
    was there."""
    row = _row(session, form, record_key)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
