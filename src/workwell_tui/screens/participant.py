"""One participant's record, the home of one person: stage and plan week, next contact, and
panels for the plan, measures, adjustments, referrals and recent contacts, then who they are,
how they came to us and their consents.

Each panel opens its full screen with one key (p j f c r x e, ! for the crisis contacts) by
posting a navigation message; the App decides what to show. What the panels say is made in
`participant_panels.py` from read models the worker fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Static
from textual.worker import Worker

from workwell_tui import clock
from workwell_tui.domain.age import age_on
from workwell_tui.domain.assessment.flow import step_from_number
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.dates import friendly_when, uk_date
from workwell_tui.domain.enums import (
    AssessmentKind,
    PlanStatus,
    ReferralSource,
    Stage,
    WorkSituation,
)
from workwell_tui.domain.field_labels import CONSENT_LABELS, field_label
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import (
    EditParticipant,
    ExportPlan,
    FollowUpSafeguarding,
    LogContact,
    OpenAdjustments,
    OpenPlan,
    OpenServices,
    ParticipantDestination,
    StartAssessment,
    StartReview,
)
from workwell_tui.screens.participant_panels import (
    adjustments_panel,
    contacts_line,
    measures_panel,
    measures_title,
    plan_panel,
    referrals_panel,
)
from workwell_tui.styles import style
from workwell_tui.widgets.plan_marks import SAFEGUARDING_MARK
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined, user_text

if TYPE_CHECKING:
    from workwell_tui.domain.plan.views import PlanView
    from workwell_tui.domain.records import DraftAssessment, ParticipantRecord
    from workwell_tui.domain.summary import RecordSummary

# Each glance panel, the key that opens its full screen, and where that key goes.
PANEL_KEYS: dict[str, tuple[str, type[ParticipantDestination]]] = {
    "plan-panel": ("p", OpenPlan),
    "adjustments-panel": ("j", OpenAdjustments),
    "referrals-panel": ("f", OpenServices),
    "contacts-line": ("c", LogContact),
}
CONTACT_FIELDS = ("phone", "email", "postcode", "district")
"""The contact panel's fields after the date of birth, in order."""


def _label(enum: type[Stage] | type[ReferralSource] | type[WorkSituation], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _yes(flag: bool, on: object) -> str:
    return f"yes, {uk_date(on)}" if flag and on else "yes" if flag else "no"  # type: ignore[arg-type]


class ParticipantScreen(WorkwellScreen[None]):
    """Details and stage of one participant; later screens hang off this one."""

    CSS_PATH = style("participant.tcss")
    BINDINGS = [
        # In the wireframe's order; the crisis contacts early, so 80 columns still show them.
        Binding("p", "go('OpenPlan')", "Plan", id="participant.plan"),
        Binding("j", "go('OpenAdjustments')", "Adjust", id="participant.adjustments"),
        Binding("f", "go('OpenServices')", "Services", id="participant.services"),
        Binding("c", "go('LogContact')", "Contact", id="participant.contact"),
        Binding("r", "go('StartReview')", "Review", id="participant.start_review"),
        Binding("exclamation_mark", "app.crisis_contacts", "Crisis", id="participant.crisis"),
        Binding("x", "go('ExportPlan')", "Export", id="participant.export"),
        Binding("e", "go('EditParticipant')", "Edit", id="participant.edit"),
        Binding("escape", "app.pop_screen", "Back", id="participant.back"),
        Binding("a", "assess", "Assessment", id="participant.assess"),
        Binding("m", "review_measures", "Review measures", id="participant.review"),
        Binding("u", "go('FollowUpSafeguarding')", "Safeguarding follow-up", show=False),
    ]
    DESTINATIONS: dict[str, type[ParticipantDestination]] = {
        kind.__name__: kind
        for kind in (
            OpenPlan,
            OpenAdjustments,
            OpenServices,
            LogContact,
            StartReview,
            ExportPlan,
            EditParticipant,
            FollowUpSafeguarding,
        )
    }

    @dataclass
    class Loaded(Message):
        """The record was read."""

        person: ParticipantRecord | None
        draft: DraftAssessment | None
        assessed: bool
        plan: PlanView | None = None
        summary: RecordSummary | None = None

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.stage = ""
        self.draft: DraftAssessment | None = None
        self.plan: PlanView | None = None

    def compose(self) -> ComposeResult:
        """A title line, then panels filled in when the record has been read."""
        yield TitleBar("Participant")
        with VerticalScroll(id="body"):
            with Horizontal(classes="glance"):
                yield Static("Reading…", id="plan-panel", classes="panel", markup=False)
                yield Static("", id="measures-panel", classes="panel", markup=False)
            with Horizontal(classes="glance"):
                yield Static("", id="adjustments-panel", classes="panel", markup=False)
                yield Static("", id="referrals-panel", classes="panel", markup=False)
            yield Static("", id="contacts-line", markup=False)
            with Horizontal(id="panels"):
                yield Static("Reading…", id="person", classes="panel", markup=False)
                yield Static("", id="referral", classes="panel", markup=False)
            yield Static("", id="assessment", classes="panel", markup=False)
            yield Static("", id="consent", classes="panel", markup=False)
        yield Footer(compact=True)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        """Fetch the participant off the UI thread."""
        store = self.services.store
        person = store.participant(self.participant_id)
        if person is None:
            self.post_message(self.Loaded(None, None, False))
            return
        draft = store.assessment_draft(self.participant_id)
        assessed = store.assessed(self.participant_id)
        plan = store.plan_view(self.participant_id)
        summary = store.record_summary(self.participant_id)
        if plan is not None:
            # Most visits go on to the plan (p): have its screen's code ready for that key.
            import workwell_tui.screens.plan.screen  # noqa: F401
        self.post_message(self.Loaded(person, draft, assessed, plan, summary))

    def on_participant_screen_loaded(self, message: Loaded) -> None:
        """Show what was read."""
        self.show(message.person, message.draft, message.assessed)
        if message.person is not None:
            self.show_glance(message.plan, message.summary)
            self.audit_view(Viewed.PARTICIPANT, message.person.id)

    def worker_failed(self, worker: Worker[object]) -> None:
        """The record could not be read: say so where it would have been."""
        self.query_one("#plan-panel", Static).update("Could not read this record.")

    def on_screen_resume(self) -> None:
        """Shown (first time, or back from the assessment): read the record in the background."""
        self.load()

    def show(
        self,
        person: ParticipantRecord | None,
        draft: DraftAssessment | None = None,
        assessed: bool = False,
    ) -> None:
        """Fill the panels from the record."""
        if person is None:
            self.query_one("#plan-panel", Static).update("This participant is no longer here.")
            return
        self.stage = person.stage
        self.draft = draft
        self.refresh_bindings()
        self._show_assessment(person, draft, assessed)
        today = clock.today()
        name = f"{person.first_name} {person.last_name}"
        if person.preferred_name:
            name += f" (prefers {person.preferred_name})"
        title_bar = self.query_one(TitleBar)
        title_bar.title = joined(name, person.reference)
        stage = _label(Stage, person.stage)
        title_bar.set_fact("stage", stage, "quiet")
        age = f" (aged {age_on(person.date_of_birth, today)})" if person.date_of_birth else ""
        self._panel(
            "#person",
            "Contact",
            [
                (field_label("date_of_birth"), f"{uk_date(person.date_of_birth)}{age}"),
                *((field_label(n), getattr(person, n) or "—") for n in CONTACT_FIELDS),
            ],
        )
        self._panel(
            "#referral",
            "Referral",
            [
                (field_label("referral_source"), _label(ReferralSource, person.referral_source)),
                (field_label("referral_date"), uk_date(person.referral_date)),
                (field_label("work_situation"), _label(WorkSituation, person.work_situation)),
                (field_label("employer_name"), person.employer_name or "—"),
                (field_label("stage"), f"{stage}, since {uk_date(person.stage_changed_on)}"),
                *([("Reason", person.stage_reason)] if person.stage_reason else []),
                *([("Signposted", person.signposted_to)] if person.signposted_to else []),
            ],
        )
        self._panel(
            "#consent",
            "Consent",
            [
                (label, _yes(getattr(person, name), getattr(person, f"{name}_on")))
                for name, label in CONSENT_LABELS.items()
            ],
        )

    def _show_assessment(
        self, person: ParticipantRecord, draft: DraftAssessment | None, assessed: bool
    ) -> None:
        panel = self.query_one("#assessment", Static)
        panel.border_title = "Assessment"
        if draft is not None or person.stage in (Stage.REFERRED.value, Stage.ASSESSING.value):
            # Before there is a plan, the assessment is what happens next: it goes first.
            body = self.query_one("#body", VerticalScroll)
            if body.children and body.children[0] is not panel:
                body.move_child(panel, before=0)
        if draft is not None:
            saved = draft.saved_at.astimezone()
            what = "Review measures" if draft.kind == AssessmentKind.REVIEW.value else "Assessment"
            step = step_from_number(draft.step).title
            when = f"{saved:%H:%M}" if saved.date() == clock.today() else uk_date(saved.date())
            panel.update(f"{what} draft at {step}: press a to resume (saved {when})")
        elif person.stage in (Stage.REFERRED.value, Stage.ASSESSING.value):
            panel.update("Not assessed yet: press a to start the assessment")
        elif person.stage == Stage.ON_PLAN.value:
            panel.update("Assessed. Press m to take the measures again at a review.")
        elif assessed:
            panel.update("Assessed.")
        elif person.stage == Stage.SIGNPOSTED.value:
            # Signposted from the referral form (under 16): no assessment was ever done.
            panel.update("Not assessed: signposted at referral.")
        else:
            panel.update("Not assessed.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the assessment keys only where they apply."""
        if action == "assess":
            return self.draft is not None or self.stage in (
                Stage.REFERRED.value,
                Stage.ASSESSING.value,
            )
        if action == "review_measures":
            return self.draft is None and self.stage == Stage.ON_PLAN.value
        if action == "go":
            kind = parameters[0] if parameters else ""
            if kind == "OpenPlan":
                return self.plan is not None
            if kind == "FollowUpSafeguarding":
                return self.plan is not None and bool(self.plan.open_safeguarding)
            if kind == "StartReview":
                return self.plan is not None and self.plan.status is PlanStatus.ACTIVE
        return True

    def action_go(self, kind: str) -> None:
        """Open a panel's full screen (or another part of the record) through the App."""
        self.post_message(self.DESTINATIONS[kind](self.participant_id))

    def on_click(self, event: events.Click) -> None:
        """A click on a glance panel opens it, as its key does."""
        widget = event.widget
        found = PANEL_KEYS.get(widget.id or "") if widget is not None else None
        if found is not None and self.check_action("go", (found[1].__name__,)):
            self.post_message(found[1](self.participant_id))

    def action_assess(self) -> None:
        """Start or resume the assessment."""
        kind = AssessmentKind(self.draft.kind) if self.draft else AssessmentKind.INITIAL
        self.post_message(StartAssessment(self.participant_id, kind))

    def action_review_measures(self) -> None:
        """Take the measures again, stored as review measures."""
        self.post_message(StartAssessment(self.participant_id, AssessmentKind.REVIEW))

    def show_glance(self, plan: PlanView | None, summary: RecordSummary | None) -> None:
        """The plan week, next contact and safeguarding marker in the title; the glance panels."""
        self.plan = plan
        self.refresh_bindings()
        title_bar = self.query_one(TitleBar)
        if plan is not None and plan.status is not PlanStatus.CLOSED:
            # "Week 5 of 12" (or "Draft plan") says more than the stage "On plan".
            title_bar.set_fact("stage", "")
            title_bar.set_fact("week", plan.week_text)
        next_contact = plan.next_contact if plan is not None else None
        if next_contact is not None:
            title_bar.set_fact("next", f"next {friendly_when(next_contact.at, clock.today())}")
        marked = plan is not None and bool(plan.open_safeguarding)
        marker = f"{SAFEGUARDING_MARK} safeguarding" if marked else ""
        title_bar.set_fact("safeguarding", marker, "alert")
        self.set_class(marked, "-safeguarding")
        panels = {
            "plan-panel": ("Plan", plan_panel(plan)),
            "measures-panel": (measures_title(plan), measures_panel(plan)),
            "adjustments-panel": (
                f"Adjustments · {len(summary.adjustments)}" if summary else "Adjustments",
                adjustments_panel(summary),
            ),
            "referrals-panel": (
                f"Referrals · {len(summary.referrals)}" if summary else "Referrals",
                referrals_panel(summary),
            ),
        }
        for panel_id, (title, body) in panels.items():
            panel = self.query_one(f"#{panel_id}", Static)
            panel.border_title = title
            key = PANEL_KEYS.get(panel_id)
            # The key under a panel only where it does something (no plan: no p).
            usable = key is not None and self.check_action("go", (key[1].__name__,))
            panel.border_subtitle = key[0] if key and usable else ""
            panel.update(body)
        self.query_one("#contacts-line", Static).update(contacts_line(summary))

    def _panel(self, selector: str, title: str, lines: list[tuple[str, str]]) -> None:
        panel = self.query_one(selector, Static)
        panel.border_title = title
        # A grid, so a long value wraps under itself rather than under the labels.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for label, value in lines:
            grid.add_row(Text(label), user_text(value))
        panel.update(grid)
