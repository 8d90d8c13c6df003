"""The last line of defence for stored text: no control codes reach the database.

Every write path already cleans what it is given (the referral and answer checks in domain/),
but a new write path can forget. This listener runs before every flush of every session and
cleans each text column and each string inside JSON answers, so a forgotten path still stores
plain words. Notes keep their newlines and tabs; single-line fields were made single-line by
their own checks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from workwell_tui.domain.text import clean_value


@event.listens_for(Session, "before_flush")
def clean_text_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """Clean the text of every new or changed record before it is written."""
    for record in (*session.new, *session.dirty):
        for column in inspect(record).mapper.column_attrs:
            value = getattr(record, column.key)
            if isinstance(value, str | list | dict):
                cleaned = clean_value(value)
                if cleaned != value:
                    setattr(record, column.key, cleaned)
