"""The checklist as the screen lays it out: headings in catalogue order, items under them.

Pure: built from the stored items, the catalogue and the participant's consents, so the screen,
the tests and the benchmark all agree. Each row carries plain strings; the screen decides colour.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.adjustments.catalogue import Catalogue, Group
from workwell_tui.domain.adjustments.consent import Consents, Shareable, share_word
from workwell_tui.domain.adjustments.records import AdjustmentRecord
from workwell_tui.domain.adjustments.status import (
    OPEN,
    SHORT_WORDS,
    SYMBOLS,
    status_of,
    waiting_too_long,
)
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus

# Items whose key an area's extension no longer has still show, under their own heading.
UNLISTED = Group("unlisted", "Other (no longer in the catalogue)")
OWNER_SHORT: dict[str, str] = {
    AdjustmentOwner.PARTICIPANT.value: "participant",
    AdjustmentOwner.EMPLOYER.value: "employer",
    AdjustmentOwner.COACH.value: "coach",
    AdjustmentOwner.GP.value: "GP",
    AdjustmentOwner.ACCESS_TO_WORK.value: "AtW",
}


@dataclass(frozen=True)
class Heading:
    """A heading line of the checklist."""

    group: Group
    count: int


@dataclass(frozen=True)
class Row:
    """One adjustment line of the checklist."""

    id: uuid.UUID
    group: str
    status: AdjustmentStatus
    symbol: str
    status_word: str
    label: str
    who: str
    when: str
    share: str
    shared: bool
    stale: bool
    linked: str


def label_of(record: AdjustmentRecord, catalogue: Catalogue) -> str:
    """The item's name: what the coach typed for a free-text item, else the catalogue's."""
    item = catalogue.item(record.catalogue_key)
    base = item.label if item is not None else record.catalogue_key.replace("_", " ").capitalize()
    return record.label or base


def group_of(record: AdjustmentRecord, catalogue: Catalogue) -> Group:
    """The heading the item goes under."""
    item = catalogue.item(record.catalogue_key)
    group = catalogue.group(item.group) if item is not None else None
    return group or UNLISTED


def status_word(status: AdjustmentStatus, group: Group) -> str:
    """The short word for a status under this heading ("applied" for Access to Work)."""
    if status is AdjustmentStatus.RAISED:
        return group.raised_word
    if status is AdjustmentStatus.IN_PLACE:
        return group.done_word
    return SHORT_WORDS[status]


def _day(value: date) -> str:
    return f"{value.day} {value:%b}"


def when_text(record: AdjustmentRecord, status: AdjustmentStatus) -> str:
    """The one date that matters now: since, due or raised."""
    if status is AdjustmentStatus.IN_PLACE and record.in_place_on:
        return f"since {_day(record.in_place_on)}"
    if status in OPEN and record.due_on:
        return f"due {_day(record.due_on)}"
    if status is AdjustmentStatus.RAISED and record.raised_on:
        return f"raised {_day(record.raised_on)}"
    if status is AdjustmentStatus.AGREED and record.agreed_on:
        return f"agreed {_day(record.agreed_on)}"
    return ""


def row_of(record: AdjustmentRecord, catalogue: Catalogue, consents: Consents, today: date) -> Row:
    """One checklist line."""
    status = status_of(record.status)
    group = group_of(record, catalogue)
    label = label_of(record, catalogue)
    if record.reason.startswith("fit note"):
        label += " (fit note)"
    links = ("objective" if record.objective_id else "", "referral" if record.referral_id else "")
    return Row(
        id=record.id,
        group=group.key,
        status=status,
        symbol=SYMBOLS[status],
        status_word=status_word(status, group),
        label=label,
        who=OWNER_SHORT.get(record.owner, record.owner),
        when=when_text(record, status),
        share=share_word(record.employer_shareable, consents),
        shared=record.employer_shareable and consents.contact_employer,
        stale=waiting_too_long(status, record.last_update_on, today),
        linked=" + ".join(link for link in links if link),
    )


def checklist_lines(
    items: Iterable[AdjustmentRecord],
    catalogue: Catalogue,
    consents: Consents,
    today: date,
    *,
    open_only: bool = False,
    shared_only: bool = False,
) -> list[Heading | Row]:
    """Headings (only those with items shown) and their rows, in catalogue order."""
    rows = [row_of(record, catalogue, consents, today) for record in items]
    if open_only:
        rows = [row for row in rows if row.status in OPEN]
    if shared_only:
        rows = [row for row in rows if row.shared]
    order = {record.id: catalogue.position(record.catalogue_key) for record in items}
    lines: list[Heading | Row] = []
    for group in (*catalogue.groups, UNLISTED):
        mine = sorted((row for row in rows if row.group == group.key), key=lambda r: order[r.id])
        if mine:
            lines.append(Heading(group, len(mine)))
            lines.extend(mine)
    return lines


def shareable(record: AdjustmentRecord, catalogue: Catalogue) -> Shareable:
    """The item as the employer copy sees it (consent is applied by `employer_lines`)."""
    status = status_of(record.status)
    group = group_of(record, catalogue)
    return Shareable(
        label=label_of(record, catalogue),
        status_word=status_word(status, group),
        who=OWNER_SHORT.get(record.owner, record.owner),
        raised_on=record.raised_on,
        due_on=record.due_on,
        in_place_on=record.in_place_on,
        employer_note=record.employer_note,
        note_has_health=record.employer_note_health,
        reason=record.reason,
        marked_shared=record.employer_shareable,
    )
