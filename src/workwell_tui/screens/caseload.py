"""The caseload (home) screen: find anyone in a keystroke, filter by stage and district, sort.

It is the first thing drawn, so its first frame is only the masthead and the find box (the find
box is there at once, so nothing typed is lost). The table, the filters, the footer and the
caseload rules they need are imported and mounted just after that frame, while the database
is still opening: importing them first would make the app appear about 20 ms later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from workwell_tui import clock
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale, NewReferral, OpenParticipant
from workwell_tui.widgets.masthead import Masthead

if TYPE_CHECKING:
    from workwell_tui.domain.caseload import CaseloadRow
    from workwell_tui.domain.enums import Stage
    from workwell_tui.widgets.caseload_table import CaseloadTable

RESULTS_KEPT = 32


class CaseloadScreen(WorkwellScreen[None]):
    """Every participant of the coach, sorted by what needs doing next."""

    # Styled by caseload.tcss, loaded by the App: this is its default screen.
    AUTO_FOCUS = "#find"
    BINDINGS = [
        # Priority, so the find box (an Input, which claims these keys without using them)
        # lets them through and the footer offers them while the coach types.
        Binding("down", "to_rows", "Rows", key_display="↓", priority=True, id="caseload.rows"),
        Binding("enter", "open_row", "Open", key_display="⏎", priority=True, id="caseload.open"),
        Binding("escape", "clear_find", "Clear", id="caseload.clear"),
        Binding("slash", "find", "Find", id="caseload.find"),
        Binding("ctrl+n", "new_referral", "New referral", id="caseload.new"),
        Binding("n", "new_referral", "New referral", show=False),
        Binding("s", "choose('#stage')", "Stage", id="caseload.stage"),
        Binding("d", "choose('#district')", "District", id="caseload.district"),
        Binding("o", "sort(1)", "Sort", id="caseload.sort"),
        Binding("O", "sort(-1)", "Sort back", show=False),
        Binding("r", "reverse", "Reverse", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[CaseloadRow] = []
        self.sort_key = "next_action"
        self.sort_reverse = False
        # Recent filter results, so backspace and Esc are as quick as typing forward.
        self._results: dict[tuple[str, Stage | None, str | None], list[CaseloadRow]] = {}
        self._rows_read = False
        self._had_rows = False
        self._table: CaseloadTable | None = None  # mounted just after the first frame
        # Made here, not looked up: check_action runs while the footer composes and during
        # teardown, when a DOM query can find nothing (the cause of a flaky start-up test).
        self.find_box = Input(placeholder="Name or WW-ref", compact=True, id="find")
        # Where the coach was before a filter list opened: picking returns there.
        self._before_filter: Widget | None = None

    def compose(self) -> ComposeResult:
        """Masthead, filters, the table and the footer."""
        settings = self.services.settings
        yield Masthead(f"WorkWell · {settings.area}", id="masthead")
        with Horizontal(id="filters"):
            yield self.find_box
            yield Static("", id="count")

    def on_mount(self) -> None:
        """Start the clock; add the filters and footer just after the first frame."""
        self._tick()
        self.set_interval(30, self._tick)
        self.call_after_refresh(self._mount_second)
        # Watching the value (not waiting for Input.Changed) puts the typed letter and the
        # narrowed rows in the same frame.
        self.watch(self.find_box, "value", self._find_changed, init=False)
        # The rows are the App's state; this screen shows them whenever they change.
        self.watch(self.app, "caseload_rows", self._rows_changed)

    def _rows_changed(self, rows: list[CaseloadRow] | None) -> None:
        if rows is not None:
            self.show_rows(rows)

    def _mount_second(self) -> None:
        # The first frame comes sooner without these; they arrive a moment later.
        if not self.is_attached:
            return
        from textual.widgets import Footer

        from workwell_tui.domain.enums import Stage
        from workwell_tui.widgets.caseload_table import CaseloadTable

        settings = self.services.settings
        self.query_one("#filters").mount(
            Select(
                [(stage.label, stage.value) for stage in Stage],
                prompt="Stage: all",
                compact=True,
                id="stage",
            ),
            Select(
                [(district, district) for district in settings.districts],
                prompt="District: all",
                compact=True,
                id="district",
            ),
            before="#count",
        )
        for select in self.query("#filters Select").results(Select):
            self.watch(select, "expanded", self._filter_closed, init=False)
        self._table = CaseloadTable(id="caseload")
        self.mount(self._table, Footer(compact=True))
        if self._rows_read:
            self._show_table()
        self.call_after_refresh(self.refresh_bindings)

    def on_screen_resume(self) -> None:
        """Coming back from a participant: read the caseload again in the background."""
        self.post_message(CaseloadStale())

    def _tick(self) -> None:
        moment = clock.now()
        when = f"{moment:%a} {moment.day} {moment:%b %Y  %H:%M}"
        self.query_one(Masthead).show_time(when)

    @property
    def table(self) -> CaseloadTable:
        """The caseload table (only once `has_table`)."""
        assert self._table is not None, "the table arrives just after the first frame"
        return self._table

    @property
    def has_table(self) -> bool:
        """Whether the table is mounted yet (it arrives just after the first frame)."""
        return self._table is not None

    def show_rows(self, rows: list[CaseloadRow]) -> None:
        """New rows from the database: sort, filter, keep the cursor where it was."""
        from workwell_tui.domain.caseload import sort_rows

        self._rows_read = True
        current = self.table.current if self.has_table else None
        self.all_rows = sort_rows(rows, self.sort_key, self.sort_reverse)
        self._results.clear()
        if self.has_table:
            self._show_table(keep=current.participant_id if current else None)

    def _show_table(self, keep: str | None = None) -> None:
        self.table.empty_message = (
            "No one matches. Esc clears the search."
            if self.all_rows
            # ctrl+n, not n: with the cursor in the find box, n is a letter of a name.
            else "No participants yet. Press ctrl+n to add the first referral."
        )
        self.refilter(keep=keep)

    def refilter(self, keep: str | None = None) -> None:
        """Apply the find text, stage and district; reuse the last result while typing on."""
        from workwell_tui.domain.caseload import filter_rows
        from workwell_tui.domain.enums import Stage

        if not self.has_table:
            return
        text = self.find_box.value.strip().lower()
        stage_value = self._chosen("#stage")
        stage = Stage(stage_value) if stage_value is not None else None
        district = self._chosen("#district")
        key = (text, stage, district)
        result = self._results.get(key)
        if result is None:
            # Typing one more letter can only narrow the list: start from the shorter one.
            source = self.all_rows
            for (seen, seen_stage, seen_district), rows in self._results.items():
                narrower = seen_stage == stage and seen_district == district
                if narrower and text.startswith(seen) and len(rows) < len(source):
                    source = rows
            result = filter_rows(source, text, stage, district)
            if len(self._results) >= RESULTS_KEPT:
                self._results.pop(next(iter(self._results)))
            self._results[key] = result
        self.table.sort_key, self.table.sort_reverse = self.sort_key, self.sort_reverse
        self.table.set_rows(result, keep=keep)
        self.query_one("#count", Static).update(f"{len(result):,} of {len(self.all_rows):,}")
        if bool(result) != self._had_rows:
            # "↓ Rows" and "⏎ Open" come and go with the matches (not redrawn on every key).
            self._had_rows = bool(result)
            self.refresh_bindings()

    def _chosen(self, selector: str) -> str | None:
        """A filter's choice; None for "all" (or before the lazy filter is mounted)."""
        for select in self.query(selector).results(Select):
            return select.value if isinstance(select.value, str) else None
        return None

    def _find_changed(self, value: str) -> None:
        self.refilter()

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.refilter()

    def action_open_row(self) -> None:
        """Enter in the find box: open the highlighted participant (the first match)."""
        self.table.action_open()

    def action_back_to_find(self) -> None:
        """From the rows back to the find box, keeping the search."""
        self.find_box.focus()

    def action_to_rows(self) -> None:
        """From the find box down into the rows."""
        self.table.focus()

    def action_clear_find(self) -> None:
        """Clear the search and put the cursor back in the find box."""
        find = self.find_box
        find.value = ""
        find.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Clear, Rows and Open only from the find box, Rows and Open once there is a row to go
        to (elsewhere the keys keep their usual meaning).

        Clear stays on offer while the box is empty, so the footer holds still as the coach
        starts typing and clears (Textual rebuilds a footer that changes).
        """
        find = self.find_box
        if action == "clear_find":
            return self.focused is find
        if action in ("to_rows", "open_row"):
            return self.focused is find and self.has_table and self.table.current is not None
        if action == "find":
            return self.focused is not find
        return True

    def on_caseload_table_opened(self, message: CaseloadTable.Opened) -> None:
        """Enter or a double click on a row: open that participant."""
        self.post_message(OpenParticipant(message.participant_id))

    def on_caseload_table_sort_requested(self, message: CaseloadTable.SortRequested) -> None:
        """A click on a column title: sort by it, or reverse if it is already the sort."""
        if message.key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = message.key, False
        self._resort()

    def action_find(self) -> None:
        """Put the cursor in the find box."""
        self.find_box.focus()

    def on_descendant_focus(self) -> None:
        """The keys on offer depend on where the cursor is."""
        focused = self.focused
        if focused is not None and not self._in_filter(focused):
            self._before_filter = focused
        self.refresh_bindings()

    def _in_filter(self, widget: Widget) -> bool:
        return any(isinstance(node, Select) for node in widget.ancestors_with_self)

    def _filter_closed(self, expanded: bool) -> None:
        """A stage or district list closed (picked or not): back to where the coach was."""
        if expanded:
            return
        back = self._before_filter
        if back is None or not back.is_attached:
            back = self.find_box
        # After the Select's own focus() (which runs later, on the message queue).
        self.call_after_refresh(back.focus)

    def action_new_referral(self) -> None:
        """Open the referral form for a new participant."""
        self.post_message(NewReferral())

    def action_choose(self, selector: str) -> None:
        """Open the stage or district list."""
        select = self.query_one(selector, Select)
        select.focus()
        select.expanded = True

    def action_sort(self, step: int) -> None:
        """Sort by the next (or previous) column on screen; next action is the first."""
        from workwell_tui.widgets.caseload_table import COLUMNS, layout

        order = ("next_action", *(column.key for column in COLUMNS))
        # A column too wide for this screen is hidden; sorting by it would show no ▲.
        width = (self.table if self.has_table else self).size.width
        shown = {"next_action", *(column.key for column, _ in layout(width))}
        index = order.index(self.sort_key)
        for _ in order:
            index = (index + step) % len(order)
            if order[index] in shown:
                break
        self.sort_key = order[index]
        self.sort_reverse = False
        self._resort()
        self.notify(f"Sorted by {self.sort_label}", timeout=2)

    def action_reverse(self) -> None:
        """Reverse the sort order."""
        self.sort_reverse = not self.sort_reverse
        self._resort()

    @property
    def sort_label(self) -> str:
        """The sort in words."""
        from workwell_tui.widgets.caseload_table import COLUMNS

        if self.sort_key == "next_action":
            return "next action"
        return next(c.title for c in COLUMNS if c.key == self.sort_key).lower()

    def _resort(self) -> None:
        from workwell_tui.domain.caseload import sort_rows

        current = self.table.current if self.has_table else None
        self.all_rows = sort_rows(self.all_rows, self.sort_key, self.sort_reverse)
        self._results.clear()
        self.refilter(keep=current.participant_id if current else None)
