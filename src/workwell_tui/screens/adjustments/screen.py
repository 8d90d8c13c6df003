"""The adjustments checklist of one participant: what to ask for, and how it stands with the
employer, grouped under the catalogue's headings.

Keyboard first: space moves the highlighted item's status on (backspace back), s shares it with
the employer or stops sharing (only under the participant's consent, and the screen says why
not), o and e show only open or only shared items, ⏎ opens the details, a adds from the
catalogue, f records the fit note. A status or sharing change is drawn at once and saved in the
background, one save after another in the order pressed; if a save fails the message shows and
the checklist is read again, so the screen never shows what is not stored.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.worker import Worker, WorkerState

from workwell_tui import clock
from workwell_tui.config_adjustments import LoadedCatalogue, built_in_catalogue, load_catalogue
from workwell_tui.domain.adjustments.checklist import checklist_lines, row_of
from workwell_tui.domain.adjustments.consent import consent_facts, share_problem
from workwell_tui.domain.adjustments.records import AdjustmentRecord, ChecklistData, summarise
from workwell_tui.domain.adjustments.status import (
    StatusDates,
    cannot_move_on,
    dates_after,
    next_status,
    previous_status,
    status_of,
)
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import AdjustmentStatus
from workwell_tui.screens.adjustments.checklist import Checklist
from workwell_tui.screens.adjustments.info import fit_note_text, item_info
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined, user_text

if TYPE_CHECKING:
    from workwell_tui.db.store import Store
    from workwell_tui.domain.adjustments.catalogue import Catalogue

SaveJob = Callable[["Store"], ChecklistData]
NEEDS_ITEM = {"next_status", "previous_status", "share", "details"}


class AdjustmentsScreen(WorkwellScreen[None]):
    """One participant's workplace-adjustment checklist."""

    DEFAULT_CSS = """
    AdjustmentsScreen #catalogue-problem {
        color: $warning;
        padding: 0 1;
        height: auto;
    }
    AdjustmentsScreen #more-keys {
        height: 1;
        padding: 0 1;
        color: $foreground-muted;
        text-align: right;
    }
    /* The list takes what it needs, so the item's panel sits right under it. */
    AdjustmentsScreen Checklist {
        height: auto;
        max-height: 55%;
    }
    AdjustmentsScreen #item-info {
        height: auto;
        max-height: 35%;
        border-top: solid $panel-lighten-2;
        border-title-color: $primary;
        padding: 0 1;
    }
    """
    # What fits a footer 80 wide (⏎ Details comes from the checklist itself); the others are
    # named in the panel's last line.
    BINDINGS = [
        Binding("space", "next_status", "Next status", key_display="␣", id="adjustments.next"),
        Binding("backspace", "previous_status", "Back a status", show=False, id="adjustments.prev"),
        Binding("s", "share", "Share", id="adjustments.share"),
        Binding("o", "open_only", "Open only", id="adjustments.open"),
        Binding("e", "shared_only", "Shared only", show=False, id="adjustments.shared"),
        Binding("a", "add", "Add", id="adjustments.add"),
        Binding("f", "fit_note", "Fit note", show=False, id="adjustments.fit_note"),
        Binding("escape", "app.pop_screen", "Back", id="adjustments.back"),
    ]
    MORE_KEYS = "e shared only · f fit note · ⌫ back a status"

    @dataclass
    class Loaded(Message):
        """The checklist (and the catalogue) were read."""

        data: ChecklistData | None
        loaded: LoadedCatalogue

    @dataclass
    class Saved(Message):
        """A change was stored; `data` is the checklist as it now is."""

        data: ChecklistData

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.data: ChecklistData | None = None
        self.catalogue: Catalogue = built_in_catalogue()
        self.open_only = False
        self.shared_only = False
        self.current_id: uuid.UUID | None = None
        self.saves: deque[SaveJob] = deque()
        self.saving = False
        # Something was saved here: the caseload's flags may have changed.
        self.changed = False

    def compose(self) -> ComposeResult:
        """Title, a line for a bad catalogue file, the checklist, and the item's details."""
        yield TitleBar("Adjustments")
        problem = Static("", id="catalogue-problem", markup=False)
        problem.display = False
        yield problem
        yield Checklist(id="checklist")
        yield Static("Reading…", id="item-info", markup=False)
        yield Static(self.MORE_KEYS, id="more-keys", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the checklist in the background."""
        self.query_one(Checklist).focus()
        self.load()

    @work(thread=True, exclusive=True, group="adjustments-read", exit_on_error=False)
    def load(self) -> None:
        """Read the catalogue and the participant's checklist off the UI thread."""
        paths = self.services.paths
        loaded = load_catalogue(paths.config_dir if paths is not None else None)
        data = self.services.store.adjustment_checklist(self.participant_id)
        self.post_message(self.Loaded(data, loaded))

    def on_adjustments_screen_loaded(self, message: Loaded) -> None:
        """Show what was read; say so when the area's catalogue file is wrong."""
        self.catalogue = message.loaded.catalogue
        problem = self.query_one("#catalogue-problem", Static)
        problem.update(message.loaded.problem)
        problem.display = bool(message.loaded.problem)
        if message.data is None:
            self.query_one("#item-info", Static).update("This participant is no longer here.")
            return
        self.show(message.data)
        self.audit_view(Viewed.ADJUSTMENTS, self.participant_id)

    # Drawing ----------------------------------------------------------------------------------

    def show(self, data: ChecklistData) -> None:
        """Draw the whole checklist from `data`."""
        self.data = data
        bar = self.query_one(TitleBar)
        bar.title = joined("Adjustments", f"{data.last_name}, {data.first_name}")
        employer, health = consent_facts(data.consents)
        bar.set_fact("employer", employer, "fact" if data.consents.contact_employer else "quiet")
        bar.set_fact("health", health, "fact" if data.consents.share_health else "quiet")
        self.show_facts(data)
        note = data.fit_note
        fit = f"Fit note review {uk_date(note.review_on)}  ·  " if note is not None else ""
        self.query_one("#more-keys", Static).update(fit + self.MORE_KEYS)
        lines = checklist_lines(
            data.items,
            self.catalogue,
            data.consents,
            clock.today(),
            open_only=self.open_only,
            shared_only=self.shared_only,
        )
        checklist = self.query_one(Checklist)
        checklist.show(lines)
        self.current_id = checklist.current_id
        self.show_info()
        self.refresh_bindings()

    def show_facts(self, data: ChecklistData) -> None:
        """The filters in use and how many have waited too long, on the title bar."""
        bar = self.query_one(TitleBar)
        filters = [name for name, on in (("open", self.open_only), ("shared", self.shared_only))
                   if on]  # fmt: skip
        bar.set_fact("filter", f"showing {' and '.join(filters)} only" if filters else "")
        summary = summarise([(r.status, r.last_update_on) for r in data.items], clock.today())
        waiting = summary.waiting_too_long
        bar.set_fact("waiting", f"{waiting} no update 21 d" if waiting else "", "alert")

    def show_info(self) -> None:
        """Fill the panel for the highlighted item (or say what to do when there is none)."""
        panel = self.query_one("#item-info", Static)
        data = self.data
        record = self.record(self.current_id)
        if data is None:
            return
        if record is None:
            panel.border_title = None
            if not data.items:
                panel.update(
                    Text.assemble(
                        "No adjustments yet. Press a to add one from the catalogue.\n",
                        fit_note_text(data),
                    )
                )
            else:
                panel.update("Nothing to show with these filters: press o or e to show all.")
            return
        panel.border_title = user_text(self.query_one(Checklist).rows[str(record.id)].label)
        panel.update(item_info(record, data, self.catalogue))

    def record(self, adjustment_id: uuid.UUID | None) -> AdjustmentRecord | None:
        """One item of the checklist as last read or changed here."""
        if self.data is None or adjustment_id is None:
            return None
        return self.data.record(adjustment_id)

    @on(OptionList.OptionHighlighted, "#checklist")
    def _highlighted(self) -> None:
        was = self.current_id
        self.current_id = self.query_one(Checklist).current_id
        self.show_info()
        if (was is None) != (self.current_id is None):
            self.refresh_bindings()  # the item keys come or go

    @on(OptionList.OptionSelected, "#checklist")
    def _selected(self) -> None:
        self.action_details()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys about one item only when an item is highlighted; nothing until read."""
        if action in NEEDS_ITEM:
            return self.record(self.current_id) is not None
        if action in {"add", "fit_note", "open_only", "shared_only"}:
            return self.data is not None
        return True

    # Changing, drawn at once and saved in order ---------------------------------------------

    def change_here(self, record: AdjustmentRecord) -> None:
        """Draw a changed item at once (the store's copy replaces it when saved)."""
        assert self.data is not None
        items = tuple(record if item.id == record.id else item for item in self.data.items)
        self.data = replace(self.data, items=items)
        row = row_of(record, self.catalogue, self.data.consents, clock.today())
        if self.open_only or self.shared_only:
            self.show(self.data)  # it may leave the filtered list
        else:
            self.query_one(Checklist).update_row(row)
            self.show_facts(self.data)
            self.show_info()

    def queue_save(self, job: SaveJob) -> None:
        """Save after any earlier change, in the order the keys were pressed.

        The save starts once the change is painted: a worker thread started at once would take
        turns with the painting and the coach would wait for the frame.
        """
        self.saves.append(job)
        if not self.saving:
            self.saving = True
            self.call_after_refresh(self.run_saves)

    @work(thread=True, group="adjustments-save", exit_on_error=False)
    def run_saves(self) -> None:
        """Store the queued changes one after another."""
        store = self.services.store
        while self.saves:
            data = self.saves.popleft()(store)
            if not self.saves:  # the last one: the screen shows what is stored
                self.post_message(self.Saved(data))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A save run ended: start again if a key came in meanwhile; a failure reads again."""
        super().on_worker_state_changed(event)
        if event.worker.group != "adjustments-save":
            return
        if event.state is WorkerState.SUCCESS:
            self.saving = False
            if self.saves:
                self.saving = True
                self.run_saves()

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not saved (the message is shown): drop what was queued and show what is stored."""
        if worker.group == "adjustments-save":
            self.saves.clear()
            self.saving = False
        self.load()

    def on_adjustments_screen_saved(self, message: Saved) -> None:
        """Stored: show the checklist as the database has it (usually what is already drawn)."""
        self.changed = True
        if self.saves:
            return
        if self.data is not None and message.data.items == self.data.items:
            self.data = message.data  # exactly as drawn: nothing to redraw
        else:
            self.show(message.data)

    def on_screen_suspend(self) -> None:
        """Leaving (or covered): the caseload reads its flags again if anything changed."""
        if self.changed:
            self.changed = False
            self.app.post_message(CaseloadStale())

    def on_unmount(self) -> None:
        """Closed: the caseload reads its flags again if anything changed."""
        self.on_screen_suspend()

    def action_next_status(self) -> None:
        """Move the highlighted item's status on one step."""
        self.move_status(forward=True)

    def action_previous_status(self) -> None:
        """Move the highlighted item's status back one step."""
        self.move_status(forward=False)

    def move_status(self, *, forward: bool) -> None:
        """Move the highlighted item along the path; say why when it cannot move."""
        record = self.record(self.current_id)
        if record is None:
            return
        status = status_of(record.status)
        new = next_status(status) if forward else previous_status(status)
        if new is None:
            words = cannot_move_on(status) if forward else "Already at the start: suggested."
            self.notify(words, timeout=4, markup=False)
            return
        self.change_status(record, new)

    def change_status(self, record: AdjustmentRecord, status: AdjustmentStatus) -> None:
        """Draw the new status now, save it next."""
        today = clock.today()
        dates = dates_after(
            status, StatusDates(record.agreed_on, record.raised_on, record.in_place_on), today
        )
        # One update bumps the stored version by one: the next queued change expects that.
        changed = replace(
            record,
            status=status.value,
            agreed_on=dates.agreed_on,
            raised_on=dates.raised_on,
            in_place_on=dates.in_place_on,
            last_update_on=today,
            version=record.version + 1,
        )
        self.change_here(changed)
        self.queue_save(
            lambda store: store.set_adjustment_status(record.id, status, record.version)
        )

    def action_share(self) -> None:
        """Share with the employer, or stop; without consent, say why and change nothing."""
        record = self.record(self.current_id)
        if record is None or self.data is None:
            return
        share = not record.employer_shareable
        if share:
            problem = share_problem(self.data.consents, note_has_health=record.employer_note_health)
            if problem is not None:
                self.notify(problem, title="Not shared", severity="warning", markup=False)
                return
        changed = replace(
            record,
            employer_shareable=share,
            last_update_on=clock.today(),
            version=record.version + 1,
        )
        self.change_here(changed)
        self.queue_save(lambda store: store.share_adjustment(record.id, share, record.version))

    def action_open_only(self) -> None:
        """Show only items still to settle, or everything again."""
        self.open_only = not self.open_only
        if self.data is not None:
            self.show(self.data)

    def action_shared_only(self) -> None:
        """Show only items shared with the employer, or everything again."""
        self.shared_only = not self.shared_only
        if self.data is not None:
            self.show(self.data)

    # Other screens ----------------------------------------------------------------------------

    def after_change(self, data: ChecklistData | None) -> None:
        """Back from a form that saved: show what is stored."""
        if data is not None:
            self.changed = True
            self.show(data)

    def action_details(self) -> None:
        """Open the highlighted item's details to read and change them."""
        from workwell_tui.screens.adjustments.details import AdjustmentDetailsScreen

        record = self.record(self.current_id)
        if record is None or self.data is None or self.saves:
            return
        self.app.push_screen(
            AdjustmentDetailsScreen(self.data, record, self.catalogue), self.after_change
        )

    def action_add(self) -> None:
        """Add an adjustment from the catalogue."""
        from workwell_tui.screens.adjustments.add import AddAdjustmentScreen

        if self.data is None:
            return
        before = {item.id for item in self.data.items}

        def added(data: ChecklistData | None) -> None:
            self.after_change(data)
            new = [item.id for item in data.items if item.id not in before] if data else []
            checklist = self.query_one(Checklist)
            if new and str(new[0]) in checklist.rows:
                checklist.highlighted = checklist.get_option_index(str(new[0]))

        self.app.push_screen(AddAdjustmentScreen(self.data, self.catalogue), added)

    def action_fit_note(self) -> None:
        """Record or change the fit note."""
        from workwell_tui.screens.adjustments.fit_note import FitNoteScreen

        if self.data is not None:
            self.app.push_screen(FitNoteScreen(self.data), self.after_change)
