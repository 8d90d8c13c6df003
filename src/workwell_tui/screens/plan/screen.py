"""The plan screen: objectives by domain on a week grid, run by keyboard with the participant.

A draft plan from the assessment arrives with its objectives marked "suggested": the coach
accepts (y), rewords (w) or discards (d) each, then agrees and starts it (g). On a running plan:
add (a), edit (e), change status (s), drop with a reason (d), a progress note (n), reorder
(shift+↑/↓) and move the target week (←/→). A closed plan is read only.

Every change is saved at once by one Store call. Changes whose result is known (a status, a
target week, the order) show at once (`quick_changes.py`) and are saved in order by one worker
(`ordered_saves.py`), so a quick run of ←→ keys never saves out of order; the plan as stored
then replaces what was shown. A change the database refuses is reported and the plan read again.
Which keys apply when is `keys.py`; the objective forms are `objective_form.py`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale, WorkFailed
from workwell_tui.screens.ordered_saves import OrderedSaves, SaveCall
from workwell_tui.screens.plan import quick_changes, words
from workwell_tui.screens.plan.agree_form import AgreeForm
from workwell_tui.screens.plan.keys import DESTINATIONS, OFFERED, allowed
from workwell_tui.screens.plan.note_form import NoteForm
from workwell_tui.screens.plan.objective_form import objective_form, reword_form
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.week_grid import WeekGridView


class PlanScreen(WorkwellScreen[None]):
    """One participant's plan."""

    DEFAULT_CSS = """
    PlanScreen #banner {
        height: auto;
        padding: 0 1;
        color: $warning;
    }
    PlanScreen #grid-scroll {
        height: 1fr;
    }
    PlanScreen #detail {
        height: auto;
        max-height: 4;
        padding: 0 1;
        border-top: solid $panel;
        color: $foreground-muted;
    }
    PlanScreen #foot {
        height: auto;
        padding: 0 1;
    }
    """

    BINDINGS = [
        # A draft's keys, then a running plan's; each shows only where it applies.
        Binding("y", "accept", "Accept", id="plan.accept"),
        Binding("w", "reword", "Reword", id="plan.reword"),
        Binding("g", "agree", "Agree and start", id="plan.agree"),
        Binding("a", "add", "Add", id="plan.add"),
        Binding("e", "edit", "Edit", id="plan.edit"),
        Binding("enter", "edit", "Edit", show=False),
        Binding("s", "status", "Status", id="plan.status"),
        Binding("d", "discard", "Discard", id="plan.discard"),
        Binding("d", "drop", "Drop", id="plan.drop"),
        Binding("n", "note", "Note", id="plan.note"),
        Binding("left", "target(-1)", "Target", key_display="←→", id="plan.target"),
        Binding("right", "target(1)", "Target", show=False),
        Binding("shift+up", "reorder(-1)", "Order", key_display="⇧↑↓", id="plan.reorder"),
        Binding("shift+down", "reorder(1)", "Order", show=False),
        Binding("exclamation_mark", "app.crisis_contacts", "Crisis", id="plan.crisis"),
        Binding("c", "go('LogContact')", "Contact", id="plan.contact"),
        Binding("r", "go('StartReview')", "Review", id="plan.review"),
        Binding("C", "go('ClosePlan')", "Close plan", show=False),
        Binding("E", "go('ExtendPlan')", "Extend", show=False),
        Binding("x", "go('ExportPlan')", "Export", id="plan.export"),
        Binding("escape", "app.pop_screen", "Back", id="plan.back"),
    ]

    @dataclass
    class Loaded(Message):
        """The plan was read."""

        view: PlanView | None

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.view: PlanView | None = None
        self.saves = OrderedSaves(self, "plan-save")
        self.changes: deque[SaveCall] = self.saves.queue  # the quick changes waiting to be saved
        # Which keys were last offered: the footer is only redrawn when that changes.
        self.offered: tuple[bool | None, ...] = ()
        self.said: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """Title, banner, the grid, the highlighted objective, legend and measures."""
        yield TitleBar("Plan")
        yield Static("", id="banner", markup=False)
        with VerticalScroll(id="grid-scroll", can_focus=False):
            yield WeekGridView(id="grid")
        yield Static("", id="detail", markup=False)
        yield Static("", id="foot", markup=False)
        yield Footer(compact=True)

    @property
    def grid(self) -> WeekGridView:
        """The week grid."""
        return self.query_one(WeekGridView)

    @property
    def objective(self) -> ObjectiveView | None:
        """The highlighted objective."""
        return self.grid.objective

    def on_mount(self) -> None:
        """Keys go to the grid."""
        self.grid.focus()

    def on_screen_resume(self) -> None:
        """Shown (first time, or back from a form or another screen): read the plan."""
        if not self.saving:
            self.load()

    # Reading and showing ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="plan-read", exit_on_error=False)
    def load(self) -> None:
        """Read the plan off the UI thread."""
        self.post_message(self.Loaded(self.services.store.plan_view(self.participant_id)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.view is not None:
            self.audit_view(Viewed.PLAN, message.view.id)
        if not self.saving:
            self.show(message.view)

    def worker_failed(self, worker: Worker[object]) -> None:
        """The plan could not be read: say so where it would be."""
        if self.view is None:
            self.query_one("#banner", Static).update("Could not read this plan.")

    def show(self, view: PlanView | None) -> None:
        """Draw `view` (what is stored, or a change about to be)."""
        self.view = view
        title_bar = self.query_one(TitleBar)
        if view is None:
            self.say(
                "#banner", Text("No plan yet: it is drafted when the assessment is confirmed.")
            )
            self.offer_keys()
            return
        self.grid.plan = view
        title_bar.title = words.title(view)
        for name, text, kind in words.facts(view):
            title_bar.set_fact(name, text, kind)
        self.say("#banner", words.banner(view))
        self.say("#foot", words.foot(view))
        self.offer_keys()

    def say(self, selector: str, text: Text) -> None:
        """Update a line only when its words change (each update lays the screen out again)."""
        if self.said.get(selector) != text.plain:
            self.said[selector] = text.plain
            line = self.query_one(selector, Static)
            line.update(text)
            line.display = bool(text.plain)

    def offer_keys(self) -> None:
        """Redraw the footer's keys only when what they may do has changed (a status change
        every few seconds should not rebuild the footer)."""
        offered = tuple(self.check_action(action, params) for action, params in OFFERED)
        if offered != self.offered:
            self.offered = offered
            self.refresh_bindings()

    @on(WeekGridView.Highlighted)
    def _highlighted(self, message: WeekGridView.Highlighted) -> None:
        self.say("#detail", words.detail(message.objective))
        self.offer_keys()

    # Saving, in order ------------------------------------------------------------------------

    @property
    def saving(self) -> bool:
        """A quick change is still being saved (the plan read meanwhile is not shown)."""
        return self.saves.running

    def change(self, change: quick_changes.Change | None) -> None:
        """Show a quick key's change at once; save it after any still saving (None: nothing)."""
        if change is None:
            return
        save, shown = change
        self.show(shown)
        self.query_one(TitleBar).set_fact("saved", "saving…", "quiet")
        self.saves.add(save)

    def change_highlighted(
        self, change: Callable[[PlanView, ObjectiveView], quick_changes.Change | None]
    ) -> None:
        """A quick change to the highlighted objective (when there is one)."""
        objective, view = self.objective, self.view
        if objective is not None and view is not None:
            self.change(change(view, objective))

    def on_ordered_saves_done(self, message: OrderedSaves.Done) -> None:
        """Saved: show the plan as stored; refused: say so and read the plan again."""
        if not self.saves.finished(message):
            return  # more arrived after the worker last looked
        title_bar = self.query_one(TitleBar)
        if message.error is not None:
            title_bar.set_fact("saved", "not saved", "alert")
            self.post_message(WorkFailed(message.error))
            self.load()
            return
        title_bar.set_fact("saved", f"saved {clock.now():%H:%M}", "quiet")
        if isinstance(message.result, PlanView):
            self.show(message.result)

    def after_form(self, view: PlanView | None, select_new: bool = False) -> None:
        """A form saved (or was left): show the plan as stored."""
        if view is None:
            return
        known = {o.id for o in self.view.objectives} if self.view else set()
        self.show(view)
        self.query_one(TitleBar).set_fact("saved", f"saved {clock.now():%H:%M}", "quiet")
        added = [o.id for o in view.objectives if o.id not in known]
        if select_new and added:
            self.grid.select(added[0])

    # What the keys may do --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that fit the plan and the highlighted objective; a closed plan only reads."""
        return allowed(action, parameters, self.view, self.objective)

    # Suggestions and agreeing ------------------------------------------------------------------

    def action_accept(self) -> None:
        """Accept the highlighted suggestion as it is."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        self.change(quick_changes.accepted(view, objective, clock.today()))
        self.grid.action_move_cursor(1)

    def action_discard(self) -> None:
        """Discard the highlighted suggestion (it was never agreed; the audit keeps the event)."""
        self.change_highlighted(quick_changes.discarded)

    def action_reword(self) -> None:
        """Reword the highlighted suggestion with them; saving accepts it as reworded."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return

        def reworded(result: PlanView | None) -> None:
            self.after_form(result)
            if result is not None:
                self.grid.action_move_cursor(1)  # on to the next suggestion, as after accepting

        self.app.push_screen(reword_form(view, objective), reworded)

    def action_agree(self) -> None:
        """Agree the plan and start it (start date, default today)."""
        view = self.view
        if view is None:
            return
        weeks = max(view.length_weeks, self.services.settings.plan_length_weeks)

        def agreed(result: PlanView | None) -> None:
            self.after_form(result)
            if result is not None:
                self.notify(f"Plan agreed: {result.week_text}", timeout=3, markup=False)
                self.post_message(CaseloadStale())

        self.app.push_screen(AgreeForm("Agree and start", view, weeks), agreed)

    # Objectives -------------------------------------------------------------------------------

    def open_form(
        self,
        title: str,
        objective: ObjectiveView | None,
        kind: FormKind,
        status: ObjectiveStatus | None = None,
    ) -> None:
        """The objective form: a new objective when `objective` is None (then highlighted)."""
        view = self.view
        if view is None:
            return
        form = objective_form(title, view, objective, kind, status)
        self.app.push_screen(form, lambda result: self.after_form(result, objective is None))

    def action_add(self) -> None:
        """Add an objective typed with them."""
        self.open_form("Add objective", None, FormKind.NEW_OBJECTIVE)

    def action_edit(self) -> None:
        """Edit the highlighted objective."""
        self.open_form("Edit objective", self.objective, FormKind.EDIT_OBJECTIVE)

    def action_drop(self) -> None:
        """Drop the highlighted objective, with the reason (it stays in the record)."""
        self.open_form(
            "Drop objective", self.objective, FormKind.DROP_OBJECTIVE, ObjectiveStatus.DROPPED
        )

    def action_note(self) -> None:
        """A dated progress note on the highlighted objective."""
        objective = self.objective
        if objective is not None:
            self.app.push_screen(NoteForm("Progress note", objective.id), self.after_form)

    def action_status(self) -> None:
        """Move the highlighted objective's status on: not started, in progress, achieved."""
        self.change_highlighted(quick_changes.status_moved)

    def action_target(self, step: int) -> None:
        """Move the highlighted objective's target week one week earlier or later."""
        self.change_highlighted(lambda view, o: quick_changes.target_moved(view, o, step))

    def action_reorder(self, step: int) -> None:
        """Move the highlighted objective up or down within its domain."""
        self.change_highlighted(lambda view, o: quick_changes.order_moved(view, o, step))

    def action_go(self, kind: str) -> None:
        """Another screen about this participant, through the App."""
        self.post_message(DESTINATIONS[kind](self.participant_id))
