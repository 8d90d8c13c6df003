"""Recording the follow-up of a safeguarding record: what was done, and when.

A risk answered in the assessment (PHQ-9 question 9 above 0) is a record of its own that stays
flagged on the caseload and marked on the participant until the coach records a follow-up (see
`domain/plan/safeguarding.py` for the rule and its sources). The record is never deleted; the
follow-up is added to it and audited without its words. With several open records the oldest is
followed up first; the flag stays until every one has its follow-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date, uk_short
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.safeguarding import SOURCE_PHQ9_ITEM_9, FollowUpCheck, check_follow_up
from workwell_tui.domain.plan.views import SafeguardingView
from workwell_tui.screens.record_form import RecordFormScreen, Saved, Values
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.note_area import NoteArea
from workwell_tui.widgets.user_text import user_text

if TYPE_CHECKING:
    from workwell_tui.db.store import Store

SOURCES = {SOURCE_PHQ9_ITEM_9: "PHQ-9 question 9 in the assessment"}
# Shown again here: the coach may be about to ring the participant back (DESIGN.md contacts).
CRISIS_LINE = (
    "Risk to life: 999 or A&E · NHS 111 option 2 · Samaritans 116 123 · text SHOUT to 85258"
)


class FollowUpScreen(RecordFormScreen):
    """Record what was done to follow up an open safeguarding record."""

    FORM = FormKind.SAFEGUARDING_FOLLOW_UP
    HEADING = "Safeguarding follow-up"
    WHAT = "this follow-up"

    def __init__(self, participant_id: str) -> None:
        super().__init__(participant_id)
        self.records: tuple[SafeguardingView, ...] = ()

    @property
    def record(self) -> SafeguardingView | None:
        """The oldest record still waiting for a follow-up."""
        return next((record for record in self.records if record.open), None)

    def read_more(self, store: Store) -> None:
        """The participant's safeguarding records (with or without a plan)."""
        self.records = store.safeguarding_records(self.participant_id)

    def fields(self) -> ComposeResult:
        """What was done, and when."""
        yield FormField(
            "What was done",
            NoteArea(compact=True, id="follow_up"),
            required=True,
            hint="Who was contacted and what was agreed (it stays on the record)",
        )
        yield FormField(
            "Date", Input(placeholder="dd/mm/yyyy", compact=True, id="date"), required=True
        )

    def cannot_save(self) -> str | None:
        """Nothing to do without an open record."""
        if self.record is None:
            return "No safeguarding record is waiting for a follow-up."
        return None

    def fill(self) -> None:
        """The record being followed up, and today's date."""
        record = self.record
        self.query_one("#date", Input).value = uk_short(clock.today())
        lines = Text()
        if record is None:
            for field in self.query(FormField):
                field.display = False
            done = [r for r in self.records if not r.open]
            for past in done:
                lines.append(f"Followed up {uk_date(past.followed_up_on)}: ")
                lines.append_text(user_text(past.follow_up, note=True))
                lines.append("\n")
            self.show_context(lines)
            return
        waiting = sum(1 for r in self.records if r.open)
        lines.append(
            f"Raised {uk_date(record.raised_on)} from {SOURCES.get(record.source, record.source)}",
            style="bold",
        )
        if waiting > 1:
            lines.append(f" (1 of {waiting} waiting)")
        lines.append("\nWhat was done then: ")
        lines.append_text(user_text(record.action_taken, note=True, empty="nothing recorded"))
        lines.append(f"\n{CRISIS_LINE}", style="dim")
        self.show_context(lines)

    def check_values(self, values: Values) -> tuple[dict[str, str], object | None]:
        """Something done, dated today or before, not before the record."""
        record = self.record
        assert record is not None
        check = check_follow_up(values, clock.today(), record.raised_on)
        return check.errors, check

    def store_change(self, checked: object) -> Saved:
        """Add the follow-up to the record, then drop the draft."""
        assert isinstance(checked, FollowUpCheck) and checked.followed_up_on is not None
        record = self.record
        assert record is not None
        self.services.store.follow_up_safeguarding(
            record.id, checked.text, checked.followed_up_on, version=record.version
        )
        self.discard_draft_now()
        return Saved("Follow-up recorded. The safeguarding record is kept.")
