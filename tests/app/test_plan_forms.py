"""Pilot tests: log a contact and book the next, a review with distance travelled, closure and
extension, opened through the navigation messages the participant and plan screens post."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.app import WorkwellApp
from workwell_tui.db.audit import recent_events
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import AssessmentKind, CaseloadFlag, ContactStatus, PlanStatus
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.domain.plan.vocabulary import ClosureOutcome
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.caseload import CaseloadScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.navigation import ClosePlan, ExtendPlan, LogContact, StartReview
from workwell_tui.screens.plan.closure import ClosureScreen
from workwell_tui.screens.plan.contact import LogContactScreen
from workwell_tui.screens.plan.extension import ExtensionScreen
from workwell_tui.screens.plan.review import ReviewScreen
from workwell_tui.widgets.choices import Choices

from .helpers import (
    focus_and_type,
    screen_text,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .plan_forms import add_measures, add_objectives, message, open_form, type_in


def row_of(app: WorkwellApp, reference: str):  # type: ignore[no-untyped-def]
    return next(row for row in app.caseload_rows or [] if row.reference == reference)


async def test_log_a_contact_and_book_the_next(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    discussed = add_objectives(store, alex)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, LogContact(str(alex.id)), LogContactScreen)
        text = screen_text(app)
        assert "Booked for Today 15:00" in text, text
        assert app.focused is screen.query_one("#mode", Choices)
        await pilot.press("2")  # phone
        await type_in(pilot, screen, "duration", "30")
        # The first objective: phased return.
        await focus_and_type(pilot, screen.query_one("#objectives", Choices), "space")
        await type_in(pilot, screen, "notes", "Talked about [bold]hours[/]")
        await type_in(pilot, screen, "next_date", "24/11/2026")
        await type_in(pilot, screen, "next_time", "10:30")
        await focus_and_type(pilot, screen.query_one("#next_mode", Choices), "1")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot,
            lambda: (
                row_of(app, "WW-000001").next_contact == datetime(2026, 11, 24, 10, 30).astimezone()
            ),
            "the new next contact on the caseload",
        )
        assert "Tue 24 Nov" in screen_text(app)
    view = store.plan_view(alex.id)
    assert view is not None
    held = [c for c in view.contacts if c.status is ContactStatus.HELD]
    # Today's booking became the contact held: it is not left as a booking in the past.
    today = [c for c in held if c.at.astimezone().date() == clock.today()]
    assert len(today) == 1 and today[0].notes == "Talked about [bold]hours[/]"
    assert today[0].mode.value == "phone" and today[0].duration_minutes == 30
    assert [str(o) for o in today[0].objectives_discussed] == [discussed[0]]
    assert view.next_contact is not None and view.next_contact.mode.value == "in_person"
    assert store.form_draft(FormKind.CONTACT, str(alex.id)) is None


async def test_a_held_contact_in_the_future_and_a_booking_in_the_past_are_refused(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    sam = people["sam"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, LogContact(str(sam.id)), LogContactScreen)
        await pilot.press("1")
        await type_in(pilot, screen, "date", "23/11/2026")
        await type_in(pilot, screen, "duration", "45")
        await type_in(pilot, screen, "next_date", "20/11/2026")
        await type_in(pilot, screen, "next_time", "9:00")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "date"), "the messages")
        assert isinstance(app.screen, LogContactScreen)
        assert message(screen, "date") == "A contact that was held cannot be in the future"
        assert message(screen, "next_date") == "A booked contact must be in the future"
        assert message(screen, "next_mode") == "Choose in person, phone, video or text"
        # What was typed is all still there.
        assert screen.query_one("#date", Input).value == "23/11/2026"
        assert screen.query_one("#next_time", Input).value == "9:00"
        assert "3 things to put right" in screen_text(app)
        # Put right, the messages go as the fields change.
        await type_in(pilot, screen, "date", "22/11/2026")
        assert message(screen, "date") == ""
        # Esc with typing asks first; "keep typing" keeps it.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen, "the form again")
        assert app.screen is screen and screen.query_one("#duration", Input).value == "45"
    view = store.plan_view(sam.id)
    assert view is not None and len(view.contacts) == 2  # nothing was saved


async def test_an_empty_contact_form_says_what_to_do(
    app: WorkwellApp, people: dict[str, Participant]
) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot, LogContact(str(people["sam"].id)), LogContactScreen)
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "Log the contact held")
        assert "Log the contact held, or book the next one (or both)." in screen_text(app)
        await pilot.press("escape")  # nothing typed: leaves without asking
        await wait_for_screen(pilot, CaseloadScreen)


async def test_a_review_shows_distance_travelled_and_clears_review_due(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    add_measures(store, alex)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: app.caseload_rows, "the caseload")
        assert CaseloadFlag.REVIEW_DUE in row_of(app, "WW-000001").flags
        screen = await open_form(pilot, StartReview(str(alex.id)), ReviewScreen)
        text = screen_text(app)
        assert "PHQ-9 14 → 8, moderate → mild" in text, text
        assert "Baseline 14 · Week 6 8" in text
        assert "▅▃" in text  # the small chart: 14 then 8 of 27
        assert "GAD-7 12, moderate (baseline)" in text
        assert "review due (week 6)" in text
        await type_in(pilot, screen, "duration", "50")
        await type_in(pilot, screen, "what_changed", "Back two days a week; sleeping better")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot,
            lambda: CaseloadFlag.REVIEW_DUE not in row_of(app, "WW-000001").flags,
            "review due to clear",
        )
    view = store.plan_view(alex.id)
    assert view is not None and [r.week for r in view.reviews] == [6]
    assert view.reviews[0].what_changed == "Back two days a week; sleeping better"


async def test_a_review_takes_the_measures_first(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    add_measures(store, alex, review_phq9=None)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, StartReview(str(alex.id)), ReviewScreen)
        assert "Press ctrl+t to take the measures again first." in screen_text(app)
        await type_in(pilot, screen, "duration", "50")
        await type_in(pilot, screen, "what_changed", "Back at work")
        # Without measures it asks; "not yet" stays.
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen, "the review again")
        await pilot.press("ctrl+t")  # works with the cursor in a field
        await wait_for_screen(pilot, AssessmentScreen)
        assessment = app.screen
        assert isinstance(assessment, AssessmentScreen)
        assert assessment.kind is AssessmentKind.REVIEW
        # Back (measures not finished): the review is as it was, typing kept.
        add_measures(store, alex, review_phq9=5)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "the review")
        await wait_for_text(pilot, "PHQ-9 14 → 5, moderate → mild")
        assert screen.query_one("#duration", Input).value == "50"


async def test_close_a_plan_then_it_is_read_only(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, ClosePlan(str(alex.id)), ClosureScreen)
        assert "The plan is in week 6 of 12." in screen_text(app)
        assert not screen.query_one("#field-overrun_reason").display
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "outcome"), "the messages")
        assert message(screen, "outcome") == "Choose how the plan ended"
        assert message(screen, "summary") == "Write a short closing summary"
        await wait_for_focus(pilot, screen.query_one("#outcome"))  # taken to the first
        await pilot.press("2")  # returned to the same employer
        await type_in(pilot, screen, "closed_on", "23/11/2026")
        await type_in(pilot, screen, "summary", "Back full time with adjusted duties")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "closed_on"), "the message")
        assert message(screen, "closed_on") == "A plan cannot be closed on a date still to come"
        await type_in(pilot, screen, "closed_on", "22/11/2026")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot,
            lambda: row_of(app, "WW-000001").stage.value == "closed",
            "closed on the caseload",
        )
        # Opened again, it shows how the plan ended and cannot be changed.
        screen = await open_form(pilot, ClosePlan(str(alex.id)), ClosureScreen)
        text = screen_text(app)
        assert "Closed 22 Nov 2026: Returned to the same employer" in text, text
        assert "This plan is closed: it is kept as it was" in text
        assert not screen.can_save
    view = store.plan_view(alex.id)
    assert view is not None and view.read_only
    assert view.closure_outcome is ClosureOutcome.RETURNED_SAME_EMPLOYER
    assert view.next_contact is None  # today's 15:00 booking was cancelled


async def test_extend_a_plan_with_a_reason_then_close_it_past_the_planned_length(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, ExtendPlan(str(alex.id)), ExtensionScreen)
        assert screen.query_one("#length_weeks", Input).value == "16"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "reason"), "the message")
        assert message(screen, "reason") == "Going past the planned length needs a reason"
        await type_in(pilot, screen, "length_weeks", "10")
        await type_in(pilot, screen, "reason", "Phased return starts late")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "length_weeks"), "the message")
        assert message(screen, "length_weeks") == "The plan is 12 weeks now: give a longer one"
        await type_in(pilot, screen, "length_weeks", "16")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
        await wait_until(
            pilot, lambda: row_of(app, "WW-000001").plan_length == 16, "16 weeks on the caseload"
        )
    view = store.plan_view(alex.id)
    assert view is not None and view.length_weeks == 16 and view.extended_from_weeks == 12
    assert view.extension_reason == "Phased return starts late"
    assert view.status is PlanStatus.ACTIVE
    assert "plan.extend" in {e.action for e in recent_events(store.session())}


async def test_closing_past_the_planned_length_needs_a_reason(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    alex = people["alex"]
    clock.freeze(datetime(2027, 2, 20, 11, 0))  # week 19 of a 12-week plan
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_form(pilot, ClosePlan(str(alex.id)), ClosureScreen)
        assert screen.query_one("#field-overrun_reason").display
        assert "past its planned end" in screen_text(app)
        await pilot.press("1")
        await type_in(pilot, screen, "summary", "Stayed in work")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: message(screen, "overrun_reason"), "the message")
        assert message(screen, "overrun_reason").startswith("This plan ran past its 12 weeks")
        await type_in(pilot, screen, "overrun_reason", "Waited for physiotherapy")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CaseloadScreen)
    view = store.plan_view(alex.id)
    assert view is not None and view.overrun_reason == "Waited for physiotherapy"
