"""What the checklist screen says besides the list: the panel under it (`ItemPanel`: everything
about the highlighted item, and its heading's facts, or what to do when none is highlighted), the
facts on its title bar and the line naming the keys the footer has no room for.

Typed text (notes, the note for the employer, a free-text name, linked objectives and service
names) goes through `user_text`; the facts come from the catalogue file and are cleaned there.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static

from workwell_tui.domain.adjustments.catalogue import Catalogue, Group
from workwell_tui.domain.adjustments.checklist import OWNER_SHORT, group_of, label_of
from workwell_tui.domain.adjustments.consent import Consents, consent_facts, share_problem
from workwell_tui.domain.adjustments.details import FIT_NOTE_ADVICE, FIT_NOTE_ISSUERS
from workwell_tui.domain.adjustments.records import AdjustmentRecord, ChecklistData, summarise
from workwell_tui.domain.adjustments.status import status_of
from workwell_tui.domain.dates import uk_date
from workwell_tui.widgets.user_text import joined, user_text

_ISSUERS = dict(FIT_NOTE_ISSUERS)
_ADVICE = dict(FIT_NOTE_ADVICE)


LABEL_WIDTH = 9
MORE_KEYS = "e shared only · f fit note · ⌫ back a status"
"""The keys the footer has no room for (at 80 wide), named under the panel."""

Fact = tuple[str, str, str]
"""A title-bar fact: its name, its words, its kind."""


class _Lines:
    """Label and value lines; plain `Text` (a table costs more to lay out on every key)."""

    def __init__(self) -> None:
        self.text = Text()

    def add_row(self, label: str, value: Text | str) -> None:
        if self.text:
            self.text.append("\n")
        self.text.append(label.ljust(LABEL_WIDTH), style="bold")
        self.text.append_text(value if isinstance(value, Text) else Text(value))


def sharing_text(record: AdjustmentRecord, consents: Consents) -> str:
    """Whether it is shared, and why it cannot be when it cannot."""
    if record.employer_shareable and consents.contact_employer:
        return "Shared with the employer (s to stop)"
    problem = share_problem(consents, note_has_health=record.employer_note_health)
    if record.employer_shareable:
        return f"Marked to share, but not shared: {problem}"
    return f"Not shared. {problem}" if problem else "Not shared (s to share with the employer)"


def fit_note_text(data: ChecklistData) -> Text:
    """The fit note on one line, or how to record it."""
    note = data.fit_note
    if note is None:
        return Text("No fit note recorded: press f to record one")
    parts: list[str | Text] = [f"From: {_ISSUERS.get(note.issued_by, note.issued_by)}"]
    if note.issued_on:
        parts.append(f"issued {uk_date(note.issued_on)}")
    parts.append(f"review {uk_date(note.review_on)}")
    if note.advice:
        parts.append("advice: " + ", ".join(_ADVICE.get(a, a).lower() for a in note.advice))
    if note.comments:
        parts.append(Text("comments: ").append_text(user_text(note.comments)))
    return joined(*parts)


def facts(group: Group) -> Text:
    """The heading's facts, one to a line."""
    return Text("\n".join(group.facts), style="dim")


def item_info(
    record: AdjustmentRecord, data: ChecklistData, catalogue: Catalogue
) -> RenderableType:
    """Everything about one item."""
    item = catalogue.item(record.catalogue_key)
    group = group_of(record, catalogue)
    status = status_of(record.status)
    grid = _Lines()
    if item is not None and item.description:
        grid.add_row("What", Text(item.description))
    if record.reason:
        grid.add_row("Why", user_text(record.reason))
    dates = [
        f"{label} {uk_date(day)}"
        for label, day in (
            ("agreed", record.agreed_on),
            ("raised", record.raised_on),
            ("due", record.due_on),
            ("in place", record.in_place_on),
        )
        if day
    ]
    grid.add_row(
        "Status",
        joined(status.label, f"who acts: {OWNER_SHORT.get(record.owner, record.owner)}", *dates),
    )
    if record.notes:
        grid.add_row("Notes", user_text(record.notes, note=True))
    if record.employer_note:
        health = " (has health detail)" if record.employer_note_health else ""
        grid.add_row("Employer", user_text(record.employer_note + health, note=True))
    links = [
        *(f"objective: {link.text}" for link in data.objectives if link.id == record.objective_id),
        *(f"referral: {link.text}" for link in data.referrals if link.id == record.referral_id),
    ]
    if links:
        grid.add_row("Linked", joined(*links))
    grid.add_row("Sharing", Text(sharing_text(record, data.consents)))
    parts: list[RenderableType] = [grid.text]
    if group.key == "fit_note":
        parts.append(fit_note_text(data))
    if group.facts:
        parts.append(facts(group))
    return RichGroup(*parts)


def title_of(record: AdjustmentRecord, catalogue: Catalogue) -> str:
    """The panel's title: the item's name."""
    return label_of(record, catalogue)


class ItemPanel(Static):
    """Everything about the highlighted item under the list, its name as the border title."""

    DEFAULT_CSS = """
    ItemPanel {
        height: auto;
        max-height: 35%;
        border-top: solid $panel-lighten-2;
        border-title-color: $primary;
        padding: 0 1;
    }
    """

    def show(
        self, data: ChecklistData, record: AdjustmentRecord | None, name: str, catalogue: Catalogue
    ) -> None:
        """Fill the panel for `record` called `name` (or say what to do when there is none)."""
        if record is None:
            self.border_title = None
            self.update(no_item_text(data))
            return
        self.border_title = user_text(name)
        self.update(item_info(record, data, catalogue))


def no_item_text(data: ChecklistData) -> Text | str:
    """The panel when no item is highlighted: how to add one, or how to show them all."""
    if not data.items:
        return Text.assemble(
            "No adjustments yet. Press a to add one from the catalogue.\n", fit_note_text(data)
        )
    return "Nothing to show with these filters: press o or e to show all."


def consent_title_facts(data: ChecklistData) -> list[Fact]:
    """The participant's two consents about the employer, for the title bar."""
    employer, health = consent_facts(data.consents)
    return [
        ("employer", employer, "fact" if data.consents.contact_employer else "quiet"),
        ("health", health, "fact" if data.consents.share_health else "quiet"),
    ]


def list_title_facts(
    data: ChecklistData, *, open_only: bool, shared_only: bool, today: date
) -> list[Fact]:
    """The filters in use and how many have waited too long, for the title bar."""
    filters = [name for name, on in (("open", open_only), ("shared", shared_only)) if on]
    summary = summarise([(r.status, r.last_update_on) for r in data.items], today)
    waiting = summary.waiting_too_long
    return [
        ("filter", f"showing {' and '.join(filters)} only" if filters else "", "fact"),
        ("waiting", f"{waiting} no update 21 d" if waiting else "", "alert"),
    ]


def more_keys(data: ChecklistData) -> str:
    """The line under the panel: the fit note's review date, then the keys named there."""
    note = data.fit_note
    fit = f"Fit note review {uk_date(note.review_on)}  ·  " if note is not None else ""
    return fit + MORE_KEYS
