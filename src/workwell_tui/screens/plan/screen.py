"""The plan screen: objectives by domain on a week grid, run by keyboard with the participant.

A draft plan from the assessment arrives with its objectives marked "suggested": the coach
accepts (y), rewords (w) or discards (d) each, then agrees and starts it (g). On a running plan:
add (a), edit (e), change status (s), drop with a reason (d), a progress note (n), reorder
(shift+↑/↓) and move the target week (←/→). A closed plan is read only.

Every change is saved at once by one Store call. Changes whose result is known (a status, a
target week, the order) show at once and are saved in order by one worker (`drain`), so a quick
run of ←→ keys never saves out of order; the plan as stored then replaces what was shown. A
change the database refuses is reported and the stored plan is read again.
"""

from __future__ import annotations

import dataclasses
from collections import deque
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
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import ObjectiveStatus, PlanStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.objectives import ObjectiveDraft, move_target
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.domain.plan.vocabulary import SuggestionChoice
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import (
    CaseloadStale,
    ClosePlan,
    ExportPlan,
    ExtendPlan,
    LogContact,
    ParticipantDestination,
    StartReview,
    WorkFailed,
)
from workwell_tui.screens.plan import words
from workwell_tui.screens.plan.agree_form import AgreeForm
from workwell_tui.screens.plan.form import Save
from workwell_tui.screens.plan.note_form import NoteForm
from workwell_tui.screens.plan.objective_form import ObjectiveForm
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined
from workwell_tui.widgets.week_grid import WeekGridView, grouped

# `s` steps through these; a changed or dropped objective taken up again goes to "in progress".
STATUS_CYCLE = (ObjectiveStatus.NOT_STARTED, ObjectiveStatus.IN_PROGRESS, ObjectiveStatus.ACHIEVED)
DESTINATIONS: dict[str, type[ParticipantDestination]] = {
    kind.__name__: kind for kind in (LogContact, StartReview, ExportPlan, ClosePlan, ExtendPlan)
}
# What each action needs of the highlighted objective: a suggestion, or an agreed objective.
ON_SUGGESTION = {"accept", "reword", "discard"}
ON_AGREED = {"edit", "status", "drop", "note", "reorder", "target"}
OFFERED: tuple[tuple[str, tuple[object, ...]], ...] = (
    *((action, ()) for action in ("accept", "reword", "discard", "agree", "add")),
    *((action, ()) for action in sorted(ON_AGREED)),
    *(("go", (kind,)) for kind in DESTINATIONS),
)


def next_status(status: ObjectiveStatus) -> ObjectiveStatus:
    """The status `s` moves to."""
    if status in STATUS_CYCLE:
        return STATUS_CYCLE[(STATUS_CYCLE.index(status) + 1) % len(STATUS_CYCLE)]
    return ObjectiveStatus.IN_PROGRESS


def with_objective(view: PlanView, changed: ObjectiveView) -> PlanView:
    """The plan with one objective replaced (what is shown until the save comes back)."""
    objectives = tuple(changed if o.id == changed.id else o for o in view.objectives)
    return dataclasses.replace(view, objectives=objectives)


def reordered(view: PlanView, objective: ObjectiveView, step: int) -> tuple[PlanView, int]:
    """The plan with `objective` swapped with its neighbour in the same domain, and the step in
    the plan's whole order that does it (0 when it is already first or last of its domain)."""
    same = [o for o in grouped(view) if o.domain is objective.domain]
    index = same.index(objective)
    if not 0 <= index + step < len(same):
        return view, 0
    neighbour = same[index + step]
    order = list(view.objectives)
    here, there = order.index(objective), order.index(neighbour)
    order.insert(there, order.pop(here))
    objectives = tuple(dataclasses.replace(o, position=n) for n, o in enumerate(order))
    return dataclasses.replace(view, objectives=objectives), there - here


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

    @dataclass
    class Stored(Message):
        """Every queued change was saved (the plan as stored), or one failed."""

        view: PlanView | None
        error: BaseException | None = None

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.view: PlanView | None = None
        self.changes: deque[Save] = deque()
        self.saving = False
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
        # The start date gives way before the name when the line is short.
        started = f"started {uk_date(view.start_date)}" if view.agreed_on else ""
        title_bar.title = joined("Plan", view.name, started)
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

    def change(self, save: Save, shown: PlanView | None = None) -> None:
        """Save one change (in order after any still saving); show `shown` straight away."""
        if shown is not None:
            self.show(shown)
        self.changes.append(save)
        self.query_one(TitleBar).set_fact("saved", "saving…", "quiet")
        if not self.saving:
            self.saving = True
            self.drain()

    @work(thread=True, group="plan-save", exit_on_error=False)
    def drain(self) -> None:
        """Save queued changes one after another; report the plan as stored, or the failure."""
        store = self.services.store
        view: PlanView | None = None
        while self.changes:
            save = self.changes.popleft()
            try:
                view = save(store)
            except Exception as error:  # reported by the App in the coach's words
                self.changes.clear()
                self.post_message(self.Stored(None, error))
                return
        self.post_message(self.Stored(view))

    @on(Stored)
    def _stored(self, message: Stored) -> None:
        self.saving = False
        title_bar = self.query_one(TitleBar)
        if message.error is not None:
            title_bar.set_fact("saved", "not saved", "alert")
            self.post_message(WorkFailed(message.error))
            self.load()
            return
        if self.changes:  # more arrived after the worker last looked
            self.saving = True
            self.drain()
            return
        title_bar.set_fact("saved", f"saved {clock.now():%H:%M}", "quiet")
        if message.view is not None:
            self.show(message.view)

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
        view, objective = self.view, self.objective
        if action == "go":
            if view is None:
                return False
            if parameters and parameters[0] == "StartReview":
                return view.status is PlanStatus.ACTIVE
            if parameters and parameters[0] in ("LogContact", "ClosePlan", "ExtendPlan"):
                return not view.read_only
            return True
        editable = view is not None and not view.read_only
        if action == "agree":
            if not editable or view is None or not view.is_draft:
                return False
            return None if view.pending_suggestions or not view.objectives else True
        if action == "add":
            return editable
        if action in ON_SUGGESTION:
            return editable and objective is not None and objective.suggested
        if action in ON_AGREED:
            return editable and objective is not None and not objective.suggested
        return True

    # Suggestions and agreeing ------------------------------------------------------------------

    def action_accept(self) -> None:
        """Accept the highlighted suggestion as it is."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        accepted = dataclasses.replace(objective, accepted_on=clock.today())
        oid = objective.id
        self.change(
            lambda store: store.decide_suggestion(oid, SuggestionChoice.ACCEPT),
            with_objective(view, accepted),
        )
        self.grid.action_move_cursor(1)

    def action_discard(self) -> None:
        """Discard the highlighted suggestion (it was never agreed; the audit keeps the event)."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        kept = tuple(o for o in view.objectives if o.id != objective.id)
        oid = objective.id
        self.change(
            lambda store: store.decide_suggestion(oid, SuggestionChoice.DISCARD),
            dataclasses.replace(view, objectives=kept),
        )

    def action_reword(self) -> None:
        """Reword the highlighted suggestion with them; saving accepts it as reworded."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        oid = objective.id

        def save(draft: ObjectiveDraft) -> Save:
            return lambda store: store.decide_suggestion(oid, SuggestionChoice.REWORD, draft)

        def reworded(result: PlanView | None) -> None:
            self.after_form(result)
            if result is not None:
                self.grid.action_move_cursor(1)  # on to the next suggestion, as after accepting

        form = ObjectiveForm(
            "Reword suggestion", view.length_weeks, save, objective, show_status=False,
            draft=(FormKind.REWORD_SUGGESTION, str(oid)),
        )  # fmt: skip
        self.app.push_screen(form, reworded)

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

    def _form(
        self, title: str, objective: ObjectiveView | None, kind: FormKind, **kw: object
    ) -> None:
        view = self.view
        if view is None:
            return
        # What is typed is kept as a draft under the plan (a new one) or the objective.
        kw["draft"] = (kind, str(view.id if objective is None else objective.id))
        if objective is None:
            plan_id = view.id

            def save(draft: ObjectiveDraft) -> Save:
                return lambda store: store.add_objective(plan_id, draft)
        else:
            oid, version = objective.id, objective.version

            def save(draft: ObjectiveDraft) -> Save:
                return lambda store: store.edit_objective(oid, draft, version)

        form = ObjectiveForm(title, view.length_weeks, save, objective, **kw)  # type: ignore[arg-type]
        self.app.push_screen(form, lambda result: self.after_form(result, objective is None))

    def action_add(self) -> None:
        """Add an objective typed with them."""
        self._form("Add objective", None, FormKind.NEW_OBJECTIVE)

    def action_edit(self) -> None:
        """Edit the highlighted objective."""
        self._form("Edit objective", self.objective, FormKind.EDIT_OBJECTIVE)

    def action_drop(self) -> None:
        """Drop the highlighted objective, with the reason (it stays in the record)."""
        self._form(
            "Drop objective",
            self.objective,
            FormKind.DROP_OBJECTIVE,
            status=ObjectiveStatus.DROPPED,
        )

    def action_note(self) -> None:
        """A dated progress note on the highlighted objective."""
        objective = self.objective
        if objective is not None:
            self.app.push_screen(NoteForm("Progress note", objective.id), self.after_form)

    def action_status(self) -> None:
        """Move the highlighted objective's status on: not started, in progress, achieved."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        status = next_status(objective.status)
        shown = dataclasses.replace(objective, status=status, status_reason="")
        oid = objective.id
        self.change(
            lambda store: store.set_objective_status(oid, status), with_objective(view, shown)
        )

    def action_target(self, step: int) -> None:
        """Move the highlighted objective's target week one week earlier or later."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        start = objective.target_week or view.current_week or 1
        week = move_target(start, step, view.length_weeks)
        if week == objective.target_week:
            return
        oid = objective.id
        shown = with_objective(view, dataclasses.replace(objective, target_week=week))
        self.change(lambda store: store.move_target_week(oid, week), shown)

    def action_reorder(self, step: int) -> None:
        """Move the highlighted objective up or down within its domain."""
        objective, view = self.objective, self.view
        if objective is None or view is None:
            return
        shown, places = reordered(view, objective, step)
        if places:
            oid = objective.id
            self.change(lambda store: store.move_objective(oid, places), shown)

    def action_go(self, kind: str) -> None:
        """Another screen about this participant, through the App."""
        self.post_message(DESTINATIONS[kind](self.participant_id))
