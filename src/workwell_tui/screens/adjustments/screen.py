"""The adjustments checklist of one participant: what to ask for, and how it stands with the
employer, grouped under the catalogue's headings.

Keyboard first: space moves the highlighted item's status on (backspace back), s shares it with
the employer or stops sharing (only under the participant's consent, and the screen says why
not), o and e show only open or only shared items, ⏎ opens the details, a adds from the
catalogue, f records the fit note. A status or sharing change is drawn at once and saved in the
background, one save after another in the order pressed (`quick_changes.py`,
`ordered_saves.py`); if a save fails the message shows and the checklist is read again, so the
screen never shows what is not stored. The panel and the title bar's words are `info.py`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.config_adjustments import LoadedCatalogue, built_in_catalogue, load_catalogue
from workwell_tui.domain.adjustments.checklist import checklist_lines, row_of
from workwell_tui.domain.adjustments.records import AdjustmentRecord, ChecklistData
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.enums import AdjustmentStatus
from workwell_tui.screens.adjustments import info
from workwell_tui.screens.adjustments.checklist import Checklist
from workwell_tui.screens.adjustments.quick_changes import shared_or_why, status_step, with_item
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale, WorkFailed
from workwell_tui.screens.ordered_saves import OrderedSaves, SaveCall
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined

if TYPE_CHECKING:
    from workwell_tui.domain.adjustments.catalogue import Catalogue

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
    """
    # What fits a footer 80 wide (⏎ Details comes from the checklist itself); the others are
    # named in the panel's last line (`info.MORE_KEYS`).
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

    @dataclass
    class Loaded(Message):
        """The checklist (and the catalogue) were read."""

        data: ChecklistData | None
        loaded: LoadedCatalogue

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.data: ChecklistData | None = None
        self.catalogue: Catalogue = built_in_catalogue()
        self.open_only = False
        self.shared_only = False
        self.current_id: uuid.UUID | None = None
        self.saves = OrderedSaves(self, "adjustments-save", after_refresh=True)
        # Something was saved here: the caseload's flags may have changed.
        self.changed = False

    def compose(self) -> ComposeResult:
        """Title, a line for a bad catalogue file, the checklist, and the item's details."""
        yield TitleBar("Adjustments")
        problem = Static("", id="catalogue-problem", markup=False)
        problem.display = False
        yield problem
        yield Checklist(id="checklist")
        yield info.ItemPanel("Reading…", id="item-info", markup=False)
        yield Static(info.MORE_KEYS, id="more-keys", markup=False)
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
            self.query_one(info.ItemPanel).update("This participant is no longer here.")
            return
        self.show(message.data)
        self.audit_view(Viewed.ADJUSTMENTS, self.participant_id)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not read (the message is shown): read again."""
        self.load()

    # Drawing ----------------------------------------------------------------------------------

    def show(self, data: ChecklistData) -> None:
        """Draw the whole checklist from `data`."""
        self.data = data
        bar = self.query_one(TitleBar)
        bar.title = joined("Adjustments", f"{data.last_name}, {data.first_name}")
        for name, text, kind in info.consent_title_facts(data):
            bar.set_fact(name, text, kind)
        self.show_facts(data)
        self.query_one("#more-keys", Static).update(info.more_keys(data))
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
        facts = info.list_title_facts(
            data, open_only=self.open_only, shared_only=self.shared_only, today=clock.today()
        )
        for name, text, kind in facts:
            bar.set_fact(name, text, kind)

    def show_info(self) -> None:
        """Fill the panel for the highlighted item (or say what to do when there is none)."""
        record, data = self.record(self.current_id), self.data
        if data is not None:
            name = self.query_one(Checklist).rows[str(record.id)].label if record else ""
            self.query_one(info.ItemPanel).show(data, record, name, self.catalogue)

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

    @property
    def saving(self) -> bool:
        """A change is still being saved."""
        return self.saves.running

    def change(self, record: AdjustmentRecord, save: SaveCall) -> None:
        """Draw a changed item at once, and save it after any earlier change (the store's copy
        replaces it when saved)."""
        assert self.data is not None
        self.data = with_item(self.data, record)
        row = row_of(record, self.catalogue, self.data.consents, clock.today())
        if self.open_only or self.shared_only:
            self.show(self.data)  # it may leave the filtered list
        else:
            self.query_one(Checklist).update_row(row)
            self.show_facts(self.data)
            self.show_info()
        self.saves.add(save)

    def on_ordered_saves_done(self, message: OrderedSaves.Done) -> None:
        """Stored: show the checklist as the database has it (usually what is already drawn).
        Not stored (the message is shown): drop what was queued and show what is stored."""
        if not self.saves.finished(message):
            self.changed = True
            return  # more came in meanwhile: those are being saved
        if message.error is not None:
            self.saves.queue.clear()
            self.post_message(WorkFailed(message.error))
            self.load()
            return
        self.changed = True
        data = message.result
        assert isinstance(data, ChecklistData)
        if self.data is not None and data.items == self.data.items:
            self.data = data  # exactly as drawn: nothing to redraw
        else:
            self.show(data)

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
        moved = status_step(record, forward=forward, today=clock.today())
        if isinstance(moved, str):
            self.notify(moved, timeout=4, markup=False)
            return
        status = AdjustmentStatus(moved.status)
        self.change(
            moved, lambda store: store.set_adjustment_status(record.id, status, record.version)
        )

    def action_share(self) -> None:
        """Share with the employer, or stop; without consent, say why and change nothing."""
        record = self.record(self.current_id)
        if record is None or self.data is None:
            return
        changed = shared_or_why(record, self.data.consents, clock.today())
        if isinstance(changed, str):
            self.notify(changed, title="Not shared", severity="warning", markup=False)
            return
        share = changed.employer_shareable
        self.change(changed, lambda store: store.share_adjustment(record.id, share, record.version))

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
        if record is None or self.data is None or self.saves.queue:
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
            if new:
                self.query_one(Checklist).select(new[0])

        self.app.push_screen(AddAdjustmentScreen(self.data, self.catalogue), added)

    def action_fit_note(self) -> None:
        """Record or change the fit note."""
        from workwell_tui.screens.adjustments.fit_note import FitNoteScreen

        if self.data is not None:
            self.app.push_screen(FitNoteScreen(self.data), self.after_change)
