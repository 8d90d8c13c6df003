"""Pilot tests: the assessment wizard driven by keyboard, as a coach does it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select
from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import (
    Adjustment,
    Assessment,
    AuditEvent,
    Contact,
    MeasureResult,
    Objective,
    Participant,
    Plan,
)
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.steps import MEASURES
from workwell_tui.screens.assessment.risk import RiskScreen
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.widgets.answer_controls import control_id
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField

from .helpers import (
    focus_and_type,
    record_notifications,
    screen_text,
    settled,
    wait_for_focus,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .wizard import answer, eligible_first_step, next_step, start_assessment, type_into, wizard

SIZE = (100, 40)


def saved_draft(store: Store, person: Participant) -> Assessment:
    with Session(store.engine) as session:
        return session.exec(
            select(Assessment).where(
                Assessment.status == "draft", Assessment.participant_id == person.id
            )
        ).one()


async def test_full_eligible_run(app: WorkwellApp, store: Store, people: dict[str, Any]) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        assert "Step 1 of 7" in screen_text(pilot.app)
        await eligible_first_step(pilot)
        assert "✓ eligible" in screen_text(pilot.app)
        await next_step(pilot)

        assert "Step 2 of 7 · Work" in screen_text(pilot.app)
        await type_into(pilot, "job_title", "Care assistant")
        await type_into(pilot, "hours", "30")
        await type_into(pilot, "off_sick_since", "02/10/2026")
        await answer(pilot, "fit_note", "3")  # may be fit
        await answer(pilot, "fit_note_advice", "1", "2")  # phased return, altered hours
        await next_step(pilot)

        await answer(pilot, "condition_types", "1")
        await type_into(pilot, "conditions", "Lower back pain")
        await next_step(pilot)

        await answer(pilot, "need.physical.pain", "3")
        await answer(pilot, "need.social.money", "2")
        await next_step(pilot)

        await answer(pilot, "phq9.take", "y")
        for number in range(1, 10):
            await answer(pilot, f"phq9.{number}", "0" if number == 9 else "2")
        await answer(pilot, "gad7.take", "n")
        await answer(pilot, "wsas.take", "n")
        await answer(pilot, "confidence", "4")
        await next_step(pilot)

        await type_into(pilot, "own_words", "Back at work without pain")
        await type_into(pilot, "priority_1", "Less pain")
        await next_step(pilot)

        text = screen_text(pilot.app)
        assert "Summary" in text and "Care assistant" in text
        assert pilot.app.focused is pilot.app.screen.query_one("#finish")
        await pilot.press("end")  # scroll to the foot of the summary
        await wait_for_text(pilot, "16 of 27")
        assert "16 of 27" in screen_text(pilot.app), screen_text(pilot.app)
        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: wizard(pilot).step.title == "Goals", "back to Goals")
        assert wizard(pilot).step.title == "Goals"
        await next_step(pilot)
        await pilot.press("enter")  # the summary's Confirm button has the focus
        await wait_for_screen(pilot, ParticipantScreen)
        await settled(pilot)
        assert isinstance(pilot.app.screen, ParticipantScreen), screen_text(pilot.app)

    with Session(store.engine) as session:
        person = session.get(Participant, people["jordan"].id)
        assert person is not None and person.stage == "on_plan"
        assert person.consent_share_gp and person.consent_share_gp_on is not None
        assessment = session.exec(
            select(Assessment).where(Assessment.participant_id == person.id)
        ).one()
        assert assessment.status == "completed" and assessment.answers["job_title"] == (
            "Care assistant"
        )
        plan = session.exec(select(Plan).where(Plan.participant_id == person.id)).one()
        assert plan.status == "draft" and plan.goals == ["Less pain"]
        objectives = session.exec(select(Objective).where(Objective.plan_id == plan.id)).all()
        assert {objective.domain for objective in objectives} >= {"physical", "social", "work"}
        adjustments = session.exec(
            select(Adjustment).where(Adjustment.participant_id == person.id)
        ).all()
        assert [item.catalogue_key for item in adjustments][:2] == [
            "phased_return",
            "altered_hours",
        ]
        measures = {
            m.instrument: m
            for m in session.exec(
                select(MeasureResult).where(MeasureResult.participant_id == person.id)
            )
        }
        assert measures["phq9"].total == 16 and measures["phq9"].timepoint == "baseline"
        assert measures["confidence"].total == 4 and "gad7" not in measures
        held = session.exec(
            select(Contact).where(Contact.participant_id == person.id, Contact.status == "held")
        ).all()
        assert [contact.purpose for contact in held] == ["assessment"]  # counts as a meeting
        actions = {event.action for event in session.exec(select(AuditEvent))}
        assert {"assessment.start", "assessment.complete", "plan.create"} <= actions


async def test_not_eligible_run_ends_in_signposting(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        await answer(pilot, "work_situation", "4")  # out of work 6 months or more
        text = screen_text(pilot.app)
        assert "not eligible" in text and "out of work 6 months or more" in text
        await next_step(pilot)
        assert "Signposting" in screen_text(pilot.app)
        reason = wizard(pilot).fields["signpost_reason"].control
        assert isinstance(reason, Input) and "out of work" in reason.value.lower()
        await pilot.press("enter")  # the last step asks before recording
        await wait_for_screen(pilot, ConfirmScreen)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, ParticipantScreen)
        await settled(pilot)
        assert "Not eligible / signposted" in screen_text(pilot.app)

    with Session(store.engine) as session:
        person = session.get(Participant, people["jordan"].id)
        assert person is not None and person.stage == "signposted"
        assert "out of work" in person.stage_reason.lower() and person.signposted_to
        assert session.exec(select(Plan).where(Plan.participant_id == person.id)).first() is None


async def test_phq9_item_9_stops_for_the_risk_record(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await screen.show_step(MEASURES)
        await answer(pilot, "phq9.take", "y")
        await answer(pilot, "phq9.9", "2")
        assert isinstance(pilot.app.screen, RiskScreen)
        text = screen_text(pilot.app)
        assert "116 123" in text and "85258" in text and "999" in text
        await pilot.press("escape")  # cannot skip the record
        assert isinstance(pilot.app.screen, RiskScreen)
        await pilot.press("enter")  # nor leave it empty
        assert isinstance(pilot.app.screen, RiskScreen)
        await wait_for_focus(pilot, pilot.app.screen.query_one("#risk-action", Input))
        await pilot.press(*"Shared Samaritans number; GP told", "enter")
        screen = await wait_for_screen(pilot, AssessmentScreen)
        assert screen.answers["phq9.risk_action"] == "Shared Samaritans number; GP told"
        await settled(pilot)
        assert saved_draft(store, people["jordan"]).answers["phq9.risk_action"].startswith("Shared")


async def test_a_step_with_problems_stays_and_keeps_what_was_typed(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        await type_into(pilot, "date_of_birth", "31/02/1985")
        await answer(pilot, "wants_work", "y")
        await pilot.press("enter")
        await wait_for_text(pilot, "to put right")
        screen = wizard(pilot)
        assert screen.step.title == "Eligibility and consent"
        text = screen_text(pilot.app)
        assert "to put right" in text and "There is no day 31 in that month" in text
        assert screen.fields["date_of_birth"].has_class("-invalid")
        assert screen.answers["date_of_birth"] == "31/02/1985"
        assert screen.answers["wants_work"] == "yes"
        await wait_for_focus(pilot, screen.fields["date_of_birth"].control)  # taken to it
        assert pilot.app.focused is screen.fields["date_of_birth"].control
        # Put right, the message goes at once.
        await type_into(pilot, "date_of_birth", "28/02/1985")
        assert not screen.fields["date_of_birth"].has_class("-invalid")


async def test_skip_logic_hides_and_drops_answers(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        await eligible_first_step(pilot)
        screen = wizard(pilot)
        assert screen.fields["consent_share_health_with_employer"].display
        await answer(pilot, "consent_contact_employer", "n")
        assert isinstance(pilot.app.screen, ConfirmScreen)  # an answer would go: ask first
        await pilot.press("y")
        await wait_for_screen(pilot, AssessmentScreen)
        assert not screen.fields["consent_share_health_with_employer"].display
        assert "consent_share_health_with_employer" not in screen.answers
        await answer(pilot, "consent_contact_employer", "y")
        await answer(pilot, "consent_share_health_with_employer", "n")
        await next_step(pilot)
        await type_into(pilot, "off_sick_since", "02/10/2026")
        await answer(pilot, "fit_note", "2")  # not fit
        assert screen.fields["fit_note_ends"].display
        assert not screen.fields["fit_note_advice"].display
        await type_into(pilot, "fit_note_ends", "30/11/2026")
        await answer(pilot, "fit_note", "1")  # none: the end date no longer applies
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, AssessmentScreen)
        assert not screen.fields["fit_note_ends"].display
        assert "fit_note_ends" not in screen.answers
        assert any("removed: Fit note ends" in message for message in notes)
        await settled(pilot)
        draft = saved_draft(store, people["jordan"])
        assert "fit_note_ends" not in draft.answers and draft.answers["fit_note"] == "none"


async def test_digits_answer_scales_and_move_on(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        screen = wizard(pilot)
        await screen.show_step(MEASURES)
        await answer(pilot, "phq9.take", "y")
        assert pilot.app.focused is screen.fields["phq9.1"].control
        await pilot.press("1", "2", "3", "0")
        assert [screen.answers[f"phq9.{n}"] for n in range(1, 5)] == [1, 2, 3, 0]
        assert pilot.app.focused is screen.fields["phq9.5"].control
        choices = screen.fields["confidence"].control
        assert isinstance(choices, Choices)
        await focus_and_type(pilot, choices, "1", "0")
        assert screen.answers["confidence"] == 10


async def test_resume_lands_on_the_saved_step(
    app: WorkwellApp, store: Store, people: dict[str, Any]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_assessment(pilot, "WW-000003")
        await eligible_first_step(pilot)
        await next_step(pilot)
        await type_into(pilot, "job_title", "Porter")
        await pilot.press("escape")  # leaves once the save is in (a worker)
        await wait_for_screen(pilot, ParticipantScreen, lambda shown: shown.draft is not None)
        assert "press a to resume (saved 14:05)" in screen_text(pilot.app)
        await pilot.press("a")
        await wait_for_screen(pilot, AssessmentScreen, lambda shown: shown.fields)
        screen = wizard(pilot)
        assert screen.step.title == "Work"
        job = screen.query_one(f"#{control_id('job_title')}", Input)
        assert job.value == "Porter"
        assert isinstance(screen.fields["job_title"], FormField)


async def test_at_80_columns_the_title_keeps_who_it_is_for(
    app: WorkwellApp, people: dict[str, Any]
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start_assessment(pilot, "WW-000003")
        await answer(pilot, "health_affects_work", "y")  # saves, so "saved 14:05" shows too
        await wait_for_text(pilot, "saved 14:05")
        top = screen_text(pilot.app).splitlines()[0]
        assert top.startswith(" Psmith, Jordan · WW-0")
        assert "Step 1 of 7 · Eligibility and consent" in top
