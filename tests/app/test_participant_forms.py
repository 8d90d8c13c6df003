"""Pilot tests: editing details and consents (audited), withdrawing the consent to keep details
leading to closure, the safeguarding flag and its follow-up, drafts offered back on reopening,
and hostile text in every new form."""

from __future__ import annotations

from sqlmodel import Session
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.hostile_strings import FORBIDDEN
from workwell_tui.app import WorkwellApp
from workwell_tui.db.audit import recent_events
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import CaseloadFlag, Stage
from workwell_tui.domain.form_drafts import NEW_RECORD, FormKind
from workwell_tui.domain.plan.vocabulary import ClosureOutcome
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.navigation import (
    ClosePlan,
    EditParticipant,
    ExtendPlan,
    FollowUpSafeguarding,
    LogContact,
    NewReferral,
    StartReview,
)
from workwell_tui.screens.participant_edit import ParticipantEditScreen
from workwell_tui.screens.plan.closure import ClosureScreen
from workwell_tui.screens.plan.contact import LogContactScreen
from workwell_tui.screens.plan.extension import ExtensionScreen
from workwell_tui.screens.plan.review import ReviewScreen
from workwell_tui.screens.plan.safeguarding import FollowUpScreen
from workwell_tui.screens.record_form import RecordFormScreen
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.tick_box import TickBox

from .helpers import (
    focus_and_type,
    screen_text,
    settled,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .plan_forms import add_measures, add_risk, message, open_form, type_in

HOSTILE_NAME = "Smith [/] [bold]x\x1b[2J\x1b]0;owned\x07"


def row_of(app: WorkwellApp, reference: str):  # type: ignore[no-untyped-def]
    return next(row for row in app.caseload_rows or [] if row.reference == reference)


async def test_edit_details_and_a_consent_change_is_dated_and_audited(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, EditParticipant(str(alex.id)), ParticipantEditScreen)
        assert screen.query_one("#last_name", Input).value == "Smith"
        assert "Given 8 Oct 2026" in screen_text(app)
        await type_in(pilot, screen, "phone", "0770")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "phone"), "the message")
        assert message(screen, "phone").startswith("A UK number has 10 or 11 digits")
        await type_in(pilot, screen, "phone", "07700 900123")
        await focus_and_type(pilot, screen.query_one("#consent_share_gp", TickBox), "space")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
    person = store.participant(alex.id)
    assert person is not None and person.phone == "07700 900123"
    assert person.consent_share_gp and person.consent_share_gp_on is not None
    events = recent_events(store.session())
    assert [(e.action, e.detail) for e in events if e.action.startswith("consent.")] == [
        ("consent.given", "consent_share_gp")
    ]
    assert all("900123" not in e.detail for e in events)
    assert store.form_draft(FormKind.PARTICIPANT_DETAILS, str(alex.id)) is None


async def test_withdrawing_consent_to_keep_details_leads_to_closure(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, EditParticipant(str(alex.id)), ParticipantEditScreen)
        await focus_and_type(pilot, screen.query_one("#consent_processing", TickBox), "space")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "taking back consent to keep their details" in screen_text(app)
        await pilot.press("y")
        closure = await wait_for_closure(pilot)
        assert closure.query_one("#outcome", Choices).value == ClosureOutcome.WITHDREW.value
        assert "They have taken back consent to keep their details" in screen_text(app)
        await type_in(pilot, closure, "summary", "Withdrew consent; signposted to GP")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot, lambda: row_of(app, "WW-000001").stage is Stage.CLOSED, "closed on the caseload"
        )
    person = store.participant(alex.id)
    assert person is not None and not person.consent_processing
    assert person.stage == Stage.CLOSED.value
    actions = [e.action for e in recent_events(store.session())]
    assert "consent.withdrawn" in actions and "plan.close" in actions


async def wait_for_closure(pilot: Pilot[None]) -> ClosureScreen:
    closure = await wait_for_screen(pilot, ClosureScreen, lambda shown: shown.can_save)
    await settled(pilot)
    return closure


async def test_keeping_editing_after_the_consent_question_saves_nothing(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    sam = people["sam"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, EditParticipant(str(sam.id)), ParticipantEditScreen)
        await focus_and_type(
            pilot, screen.query_one("#consent_processing", TickBox), "space", "ctrl+s"
        )
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen, "the form")
        assert not screen.query_one("#consent_processing", TickBox).value
    person = store.participant(sam.id)
    assert person is not None and person.consent_processing


async def test_the_safeguarding_flag_stays_until_the_follow_up(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    sam = people["sam"]
    add_risk(store, sam)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.caseload_rows, "the caseload")
        assert row_of(app, "WW-000004").flags[0] is CaseloadFlag.SAFEGUARDING
        assert app.caseload_rows is not None and app.caseload_rows[0].reference == "WW-000004"
        assert "▲ safeguarding" in screen_text(app)
        screen = await open_form(pilot, FollowUpSafeguarding(str(sam.id)), FollowUpScreen)
        text = screen_text(app)
        assert "Raised 19 Nov 2026 from PHQ-9 question 9" in text, text
        assert "Crisis contacts shared; GP told the same day" in text
        assert "Samaritans 116 123" in text
        await type_in(pilot, screen, "date", "18/11/2026")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "follow_up"), "the messages")
        assert message(screen, "follow_up") == "Say what was done to follow this up"
        assert message(screen, "date") == "The follow-up cannot be before the risk was recorded"
        await type_in(pilot, screen, "follow_up", "Rang Sam; GP appointment on Friday")
        await type_in(pilot, screen, "date", "22/11/2026")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot,
            lambda: CaseloadFlag.SAFEGUARDING not in row_of(app, "WW-000004").flags,
            "the flag gone",
        )
        assert "▲ safeguarding" not in screen_text(app)
        # Opened again: nothing waiting, the follow-up kept on the record.
        await open_form(pilot, FollowUpSafeguarding(str(sam.id)), FollowUpScreen)
        text = screen_text(app)
        assert "No safeguarding record is waiting for a follow-up." in text
        assert "Followed up 22 Nov 2026: Rang Sam; GP appointment on Friday" in text
    actions = [e.action for e in recent_events(store.session())]
    assert "safeguarding.follow_up" in actions


async def test_a_form_left_unsaved_is_offered_back(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, LogContact(str(alex.id)), LogContactScreen)
        await pilot.press("3")
        await type_in(pilot, screen, "notes", "Talked about the return-to-work meeting")
        await wait_until(
            pilot,
            lambda: (
                (draft := store.form_draft(FormKind.CONTACT, str(alex.id))) is not None
                and draft.values.get("notes") == "Talked about the return-to-work meeting"
            ),
            "the draft",
        )
        assert "draft 14:05" in screen_text(app)
        app.pop_screen()  # as if the app had gone: no save, no discard
        await pilot.pause()
        app.post_message(LogContact(str(alex.id)))
        await wait_for_screen(pilot, ConfirmScreen)
        assert "You were typing this contact at 14:05" in screen_text(app)
        await pilot.press("y")
        form = await wait_for_screen(pilot, LogContactScreen, lambda shown: shown.keeper.ready)
        assert isinstance(form, LogContactScreen)
        notes = form.query_one("#notes", TextArea).text
        assert notes == "Talked about the return-to-work meeting"
        assert form.query_one("#mode", Choices).value == "video"
        # Thrown away on purpose, it is not offered again.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, CaseloadScreen)
    assert store.form_draft(FormKind.CONTACT, str(alex.id)) is None


async def test_a_half_filled_referral_is_offered_back(app: WorkwellApp, store: Store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: app.caseload_rows, "the caseload")
        app.post_message(NewReferral())
        form = await wait_for_screen(pilot, ReferralFormScreen, lambda shown: shown.keeper.ready)
        await focus_and_type(pilot, form.query_one("#first_name"), *"Dana", "tab", *"Okafor")
        await wait_until(
            pilot,
            lambda: (
                (draft := store.form_draft(FormKind.REFERRAL, NEW_RECORD)) is not None
                and draft.values.get("last_name") == "Okafor"
            ),
            "the draft",
        )
        app.pop_screen()
        await pilot.pause()
        app.post_message(NewReferral())
        await wait_for_screen(pilot, ConfirmScreen)
        assert "You were typing a referral at 14:05" in screen_text(app)
        await pilot.press("n")  # start afresh: the typing goes
        await wait_for_screen(pilot, ReferralFormScreen, lambda shown: shown.keeper.ready)
        await settled(pilot)
        assert app.screen.query_one("#first_name", Input).value == ""
    assert store.form_draft(FormKind.REFERRAL, NEW_RECORD) is None


async def test_hostile_names_and_notes_show_as_text_on_every_form(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    with Session(store.engine) as session:
        row = session.get(Participant, alex.id)
        assert row is not None
        row.last_name = HOSTILE_NAME  # as an older version might have stored it
        session.add(row)
        session.commit()
    add_measures(store, alex)
    add_risk(store, alex)
    forms: list[tuple[object, type[RecordFormScreen]]] = [
        (LogContact(str(alex.id)), LogContactScreen),
        (StartReview(str(alex.id)), ReviewScreen),
        (ExtendPlan(str(alex.id)), ExtensionScreen),
        (FollowUpSafeguarding(str(alex.id)), FollowUpScreen),
        (EditParticipant(str(alex.id)), ParticipantEditScreen),
        (ClosePlan(str(alex.id)), ClosureScreen),
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        for message_, kind in forms:
            screen = await open_form(pilot, message_, kind)  # type: ignore[arg-type]
            text = screen_text(app)
            assert "Smith [/] [bold]x" in text, text
            for code in FORBIDDEN:
                assert code not in app.export_screenshot()
            if isinstance(screen, ExtensionScreen):
                # Pasted, not typed: a paste can carry control codes that keys cannot.
                screen.query_one("#reason", TextArea).text = "[red]\x1b[31mno[/red]"
                await wait_for_text(pilot, "[red]")
                assert "[red]" in screen_text(app)
                assert "\x1b" not in app.export_screenshot()
            screen.keeper.closed = True
            app.pop_screen()
            await pilot.pause()
