"""The demo checklist's extra detail: sharing under consent, dates, notes and employers gone quiet.

Kept apart from `data.py`. Nothing here draws from the generator's random stream: each person's
adjustments get their detail from their own stream, so every other demo row stays as the same
seed made it before. Sharing follows the person's consents, as the app requires: nothing is
shared without consent to employer contact, and only talked-over items are shared at all.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

# Why the assessment suggested each demo key (the same words the app stores).
REASONS = {
    "phased_return": "fit note: phased return",
    "altered_hours": "fit note: altered hours",
    "amended_duties": "fit note: amended duties",
    "workplace_adaptations": "fit note: workplace adaptations",
    "flexible_working": "stress (moderate)",
    "adaptive_technology": "pain (severe)",
    "rest_breaks": "fatigue (moderate)",
    "quiet_space": "anxiety (moderate)",
}
EMPLOYER_NOTES = {
    "raised": "Asked HR by email; waiting for their reply",
    "in_place": "Agreed with the line manager; review at the next one-to-one",
}
COACH_NOTES = ("Talked through what to ask for", "They would rather ask the manager themselves", "")
# One in four people with something raised: the employer has gone quiet for three weeks or more.
QUIET_SHARE = 0.25


def settle(rows: list[dict[str, Any]], person: dict[str, Any], today: date) -> None:
    """Fill the detail of one person's adjustment rows (already built), in place."""
    pid: uuid.UUID = person["id"]
    mine = [row for row in rows if row["participant_id"] == pid]
    if not mine:
        return
    own = random.Random(f"{pid}:adjustments")
    quiet = own.random() < QUIET_SHARE
    consented = bool(person["consent_contact_employer"])
    for row in mine:
        status = row["status"]
        row["reason"] = REASONS.get(row["catalogue_key"], "") if own.random() < 0.8 else ""
        row["employer_shareable"] = (
            consented and status != "suggested" and bool(row["employer_shareable"])
        )
        raised = row["raised_on"]
        if status == "in_place":
            row["in_place_on"] = row["agreed_on"] or raised
        known = [day for day in (raised, row["agreed_on"], row["in_place_on"]) if day]
        last = max(known) if known else today - timedelta(days=own.randint(1, 10))
        if status == "raised" and quiet:
            last = min(last, today - timedelta(days=own.randint(22, 35)))
        row["last_update_on"] = last
        if status == "raised" and raised:
            row["due_on"] = raised + timedelta(days=28)
        row["notes"] = row["notes"] or own.choice(COACH_NOTES)
        if row["employer_shareable"]:
            row["employer_note"] = EMPLOYER_NOTES.get(status, "")
