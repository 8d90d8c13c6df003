"""Navigation: screens say where to go (messages from screens/navigation.py), the App takes them.

One handler per message, each pushing the screen asked for, imported when first used so that
start-up stays light. A mixin of the App (Textual finds `on_*` handlers along the class's MRO),
kept apart so app.py holds start-up, the caseload and the covers.
"""

from __future__ import annotations

from textual.app import App

from workwell_tui.screens.navigation import (
    ClosePlan,
    EditParticipant,
    ExportPlan,
    ExtendPlan,
    FollowUpSafeguarding,
    LogContact,
    NewReferral,
    OpenAdjustments,
    OpenDirectory,
    OpenParticipant,
    OpenPlan,
    OpenServices,
    StartAssessment,
    StartReview,
)

__all__ = ["Navigation"]


class Navigation(App[None]):
    """The App's handlers for where the screens ask to go."""

    def on_open_participant(self, message: OpenParticipant) -> None:
        """Show one participant's record."""
        self.open_participant(message.participant_id)

    def open_participant(self, participant_id: str) -> None:
        """Show one participant's record."""
        from workwell_tui.screens.participant import ParticipantScreen

        self.push_screen(ParticipantScreen(participant_id))

    def on_new_referral(self, _message: NewReferral) -> None:
        """Open the form for a new referral."""
        self.new_referral()

    def new_referral(self) -> None:
        """Open the form for a new referral."""
        from workwell_tui.screens.referral_form import ReferralFormScreen

        self.push_screen(ReferralFormScreen())

    def on_start_assessment(self, message: StartAssessment) -> None:
        """Start or resume an assessment."""
        from workwell_tui.screens.assessment.screen import AssessmentScreen

        self.push_screen(AssessmentScreen(message.participant_id, message.kind))

    # The plan's forms: each opens over the screen that asked, and comes back to it.

    def on_log_contact(self, message: LogContact) -> None:
        """Log a contact held and book the next."""
        from workwell_tui.screens.plan.contact import LogContactScreen

        self.push_screen(LogContactScreen(message.participant_id))

    def on_start_review(self, message: StartReview) -> None:
        """Hold a review: distance travelled, what changed."""
        from workwell_tui.screens.plan.review import ReviewScreen

        self.push_screen(ReviewScreen(message.participant_id))

    def on_close_plan(self, message: ClosePlan) -> None:
        """Close the plan (or the case, with no plan)."""
        from workwell_tui.screens.plan.closure import ClosureScreen

        self.push_screen(ClosureScreen(message.participant_id, message.consent_withdrawn))

    def on_extend_plan(self, message: ExtendPlan) -> None:
        """Make the plan longer, with the reason."""
        from workwell_tui.screens.plan.extension import ExtensionScreen

        self.push_screen(ExtensionScreen(message.participant_id))

    def on_edit_participant(self, message: EditParticipant) -> None:
        """Edit the participant's details and consents."""
        from workwell_tui.screens.participant_edit import ParticipantEditScreen

        self.push_screen(ParticipantEditScreen(message.participant_id))

    def on_follow_up_safeguarding(self, message: FollowUpSafeguarding) -> None:
        """Record the follow-up of an open safeguarding record."""
        from workwell_tui.screens.plan.safeguarding import FollowUpScreen

        self.push_screen(FollowUpScreen(message.participant_id))

    def on_open_services(self, message: OpenServices) -> None:
        """Show the services directory, to refer the participant."""
        from workwell_tui.screens.services.screen import ServicesScreen

        self.push_screen(ServicesScreen(message.participant_id))

    def on_open_directory(self, _message: OpenDirectory) -> None:
        """Show the services directory with nobody to refer."""
        from workwell_tui.screens.services.screen import ServicesScreen

        self.push_screen(ServicesScreen(None))

    def on_open_adjustments(self, message: OpenAdjustments) -> None:
        """Show one participant's workplace-adjustment checklist."""
        from workwell_tui.screens.adjustments.screen import AdjustmentsScreen

        self.push_screen(AdjustmentsScreen(message.participant_id))

    def on_export_plan(self, message: ExportPlan) -> None:
        """Export one participant's plan or record."""
        from workwell_tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(message.participant_id))

    def on_open_plan(self, message: OpenPlan) -> None:
        """Show the participant's plan."""
        from workwell_tui.screens.plan.screen import PlanScreen

        self.push_screen(PlanScreen(message.participant_id))
