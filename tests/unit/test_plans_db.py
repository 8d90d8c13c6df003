"""Plans in the database through the Store: suggestions, agree and start, objectives, contacts,
reviews, extension, closure, safeguarding, the caseload's week and next contact, and audit."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from workwell_tui import clock
from workwell_tui.db.audit import recent_events
from workwell_tui.db.models import Assessment, MeasureResult, Objective, Participant, Plan
from workwell_tui.db.plans import PlanError
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import CaseloadFlag, Domain, ObjectiveStatus, PlanStatus, Stage
from workwell_tui.domain.plan.closure import check_closure
from workwell_tui.domain.plan.contacts import ContactDraft, check_contact
from workwell_tui.domain.plan.objectives import ObjectiveDraft
from workwell_tui.domain.plan.vocabulary import ClosureOutcome, SuggestionChoice
from workwell_tui.domain.referral import check_referral

REFERRAL: dict[str, str | bool | None] = {
    "first_name": "Aisha",
    "last_name": "Khan",
    "date_of_birth": "02/10/1985",
    "referral_date": "10/11/2026",
    "district": "Preston",
    "referral_source": "gp",
    "work_situation": "off_sick",
    "consent_processing": True,
}
SUGGESTED = (
    ("work", "Phased return", 8),
    ("physical", "Physio exercises", 4),
    ("social", "Debt advice", 2),
)


def draft_plan(
    store: Store, risk: int = 0
) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID], uuid.UUID]:
    """A participant on plan with a draft plan of three suggestions (as the assessment makes)."""
    referral = check_referral(REFERRAL, clock.today(), ("Preston",)).referral
    assert referral is not None
    person = store.add_referral(referral)
    with store.unit_of_work() as session:
        answers = {"phq9.9": risk, "phq9.risk_action": "Shared crisis contacts"}
        assessment = Assessment(
            participant_id=person.id,
            status="completed",
            answers=answers,
            completed_at=clock.now().astimezone(UTC),
        )
        session.add(assessment)
        plan = Plan(
            participant_id=person.id,
            assessment_id=assessment.id,
            status="draft",
            start_date=clock.today(),
            review_weeks=[6, 12],
        )
        session.add(plan)
        session.flush()
        objectives = [
            Objective(plan_id=plan.id, domain=d, what=w, target_week=t, position=n)
            for n, (d, w, t) in enumerate(SUGGESTED)
        ]
        session.add_all(objectives)
        participant = session.get(Participant, person.id)
        assert participant is not None
        participant.stage = Stage.ON_PLAN.value
        aid = assessment.id
    return person.id, plan.id, [o.id for o in objectives], aid


def held(
    day: str, time: str = "10:00", ids: Sequence[object] = (), **extra: str | list[str]
) -> ContactDraft:
    check = check_contact(
        {"date": day, "time": time, "mode": "phone", "duration": "30", **extra},
        clock.now(),
        booked=False,
        objective_ids=[str(x) for x in ids],
    )
    assert check.contact is not None, check.errors
    return check.contact


def test_suggestions_are_accepted_reworded_or_discarded_then_agreed(store: Store) -> None:
    pid, plan_id, (work, physio, debt), _ = draft_plan(store)
    view = store.plan_view(pid)
    assert view is not None and view.is_draft and len(view.pending_suggestions) == 3
    assert view.week_text == "Draft plan" and view.current_week is None
    with pytest.raises(PlanError, match="suggested"):
        store.agree_and_start(plan_id, clock.today())
    store.decide_suggestion(work, SuggestionChoice.ACCEPT)
    reworded = ObjectiveDraft(Domain.PHYSICAL, "Physio twice a week, as agreed", "", 5)
    store.decide_suggestion(physio, SuggestionChoice.REWORD, reworded)
    view = store.decide_suggestion(debt, SuggestionChoice.DISCARD)
    assert [o.what for o in view.objectives] == ["Phased return", "Physio twice a week, as agreed"]
    assert not view.pending_suggestions
    # The caseload shows no week until the plan is agreed.
    assert store.caseload()[0].plan_week is None
    start = clock.today() - timedelta(days=28)
    view = store.agree_and_start(plan_id, start)
    assert view.status is PlanStatus.ACTIVE and view.current_week == 5
    assert view.week_text == "Week 5 of 12" and view.agreed_on == clock.today()
    row = store.caseload()[0]
    assert (row.stage_text, row.plan_week) == ("Week 5 of 12", 5)
    with pytest.raises(PlanError, match="already agreed"):
        store.agree_and_start(plan_id, start)
    actions = {event.action for event in recent_events(store.session())}
    assert {"objective.accept", "objective.reword", "objective.discard", "plan.agree"} <= actions


def test_an_eight_week_plan_keeps_only_its_review_weeks(store: Store) -> None:
    _pid, plan_id, ids, _ = draft_plan(store)
    for oid in ids:
        store.decide_suggestion(oid, SuggestionChoice.ACCEPT)
    view = store.agree_and_start(plan_id, clock.today(), length_weeks=8)
    assert view.length_weeks == 8 and view.review_weeks == (6,)


def agreed(store: Store, weeks_ago: int = 5) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]:
    pid, plan_id, ids, _ = draft_plan(store)
    for oid in ids:
        store.decide_suggestion(oid, SuggestionChoice.ACCEPT)
    store.agree_and_start(plan_id, clock.today() - timedelta(days=7 * weeks_ago))
    return pid, plan_id, ids


def test_objectives_added_edited_reordered_dropped_and_moved(store: Store) -> None:
    _pid, plan_id, (work, physio, debt) = agreed(store)
    view = store.add_objective(
        plan_id, ObjectiveDraft(Domain.PSYCHOLOGICAL, "Sleep routine", "", 3)
    )
    added, version = view.objectives[-1], view.objectives[0].version
    assert added.what == "Sleep routine" and not added.suggested and added.position == 3
    with pytest.raises(PlanError, match="12 weeks"):
        store.add_objective(plan_id, ObjectiveDraft(Domain.WORK, "Too late", "", 13))
    view = store.edit_objective(
        work,
        ObjectiveDraft(
            Domain.WORK, "Phased return, 3 days", "Ask HR", 9, ObjectiveStatus.IN_PROGRESS
        ),
        version=version,
    )
    assert view.objectives[0].what == "Phased return, 3 days"
    assert view.objectives[0].version == version + 1
    from workwell_tui.db.errors import StaleRecordError

    with pytest.raises(StaleRecordError):
        store.edit_objective(work, ObjectiveDraft(Domain.WORK, "Old copy", "", 9), version=version)
    view = store.move_objective(added.id, -3)
    assert next(o.what for o in view.objectives) == "Sleep routine"
    with pytest.raises(PlanError, match="reason"):
        store.set_objective_status(debt, ObjectiveStatus.DROPPED)
    view = store.set_objective_status(debt, ObjectiveStatus.DROPPED, "Sorted it themselves")
    dropped = next(o for o in view.objectives if o.id == debt)
    assert (
        dropped.status is ObjectiveStatus.DROPPED
        and dropped.status_reason == "Sorted it themselves"
    )
    view = store.move_target_week(physio, 7)
    assert next(o for o in view.objectives if o.id == physio).target_week == 7
    with pytest.raises(PlanError):
        store.move_target_week(physio, 13)
    view = store.add_progress_note(physio, clock.today(), "First session done")
    assert [n.note for n in next(o for o in view.objectives if o.id == physio).notes] == [
        "First session done"
    ]
    grid = view.week_grid()
    row = grid.row_of(physio)
    assert row is not None and row.cells[6].target and grid.current_week == 6


def test_log_a_contact_and_book_the_next_feeds_the_caseload(store: Store) -> None:
    pid, _plan_id, (work, *_rest) = agreed(store)
    today = clock.today()
    talked = held(f"{today - timedelta(days=1):%d/%m/%Y}", objectives=[str(work)], ids=[work])
    booking = check_contact(
        {"date": f"{today + timedelta(days=3):%d/%m/%Y}", "time": "11:00", "mode": "video"},
        clock.now(),
        booked=True,
    ).contact
    view = store.log_contact(pid, talked, booking)
    assert view is not None and view.next_contact is not None
    assert view.next_contact.at == booking.at  # type: ignore[union-attr]
    logged = [c for c in view.contacts if c.objectives_discussed]
    assert logged[0].objectives_discussed == (work,) and logged[0].week == 5  # yesterday
    row = store.caseload()[0]
    assert row.next_contact == booking.at and row.days_since_contact == 1  # type: ignore[union-attr]
    assert view.week_grid().row_of(work).cells[4].discussed  # type: ignore[union-attr]
    # The booking, once held, becomes the logged contact rather than a second row.
    clock.freeze(booking.at + timedelta(hours=1))  # type: ignore[union-attr]
    view = store.log_contact(pid, held(f"{booking.at:%d/%m/%Y}"), booked_id=view.next_contact.id)  # type: ignore[union-attr]
    assert view is not None and view.next_contact is None
    assert [c.status.value for c in view.contacts] == ["held", "held"]  # no third row


def test_a_review_with_measures_shows_distance_travelled(store: Store) -> None:
    pid, plan_id, _ = agreed(store, weeks_ago=5)  # week 6: review due
    view = store.plan_view(pid)
    assert view is not None and view.review_due_week == 6
    assert CaseloadFlag.REVIEW_DUE in store.caseload()[0].flags
    with store.unit_of_work() as session:
        base = clock.now() - timedelta(days=40)
        review = Assessment(
            participant_id=pid,
            kind="review",
            status="completed",
            completed_at=clock.now().astimezone(UTC) - timedelta(minutes=30),
        )
        session.add(review)
        session.add(MeasureResult(participant_id=pid, instrument="phq9", total=14, taken_at=base))
        session.add(
            MeasureResult(
                participant_id=pid,
                assessment_id=review.id,
                instrument="phq9",
                total=8,
                timepoint="review",
                review_week=6,
                taken_at=clock.now(),
            )
        )
    today = clock.today()
    view = store.record_review(plan_id, held(f"{today:%d/%m/%Y}", "13:00"), "Sleeping better")
    assert view.review_due_week is None
    assert CaseloadFlag.REVIEW_DUE not in store.caseload()[0].flags
    (done,) = view.reviews
    assert done.week == 6 and done.what_changed == "Sleeping better"
    assert [(p.instrument.value, p.total) for p in done.measures] == [("phq9", 8)]
    assert [c.text for c in view.distance] == ["PHQ-9 14 → 8, moderate → mild"]


def test_extend_then_close_makes_the_plan_read_only(store: Store) -> None:
    pid, plan_id, (work, *_rest) = agreed(store, weeks_ago=13)  # week 14 of 12
    view = store.plan_view(pid)
    assert view is not None and view.weeks_over == 2 and view.week_text == "Week 14 (12 planned)"
    with pytest.raises(PlanError, match="reason"):
        store.extend_plan(plan_id, 16, " ")
    view = store.extend_plan(plan_id, 16, "Waiting for the OH report")
    assert (view.length_weeks, view.extended_from_weeks, view.weeks_over) == (16, 12, 0)
    booking = check_contact(
        {"date": f"{clock.today() + timedelta(days=2):%d/%m/%Y}", "time": "10:00", "mode": "phone"},
        clock.now(),
        booked=True,
    ).contact
    store.log_contact(pid, None, booking)
    closure = check_closure(
        {"outcome": "returned_same_employer", "summary": "Back full time"},
        clock.today(),
        start=view.start_date,
        length_weeks=16,
    )
    view = store.close_plan(plan_id, closure)
    assert view.read_only and view.closure_outcome is ClosureOutcome.RETURNED_SAME_EMPLOYER
    assert view.next_contact is None  # the booking was cancelled
    person = store.participant(pid)
    assert person is not None and person.stage == Stage.CLOSED.value
    assert store.caseload()[0].next_contact is None
    changes: list[Callable[[], object]] = [
        lambda: store.move_target_week(work, 3),
        lambda: store.set_objective_status(work, ObjectiveStatus.ACHIEVED),
        lambda: store.extend_plan(plan_id, 20, "more"),
        lambda: store.close_plan(plan_id, closure),
    ]
    for change in changes:
        with pytest.raises(PlanError, match="closed"):
            change()


def test_safeguarding_record_from_the_assessment_is_kept_until_followed_up(store: Store) -> None:
    from workwell_tui.db.safeguarding import (
        participants_with_open_records,
        record_risk_from_assessment,
    )

    pid, _plan_id, _, aid = draft_plan(store, risk=2)
    with store.unit_of_work() as session:
        first = record_risk_from_assessment(session, aid, actor="coach", today=clock.today())
        again = record_risk_from_assessment(session, aid, actor="coach", today=clock.today())
        assert first is not None and again is not None and first.id == again.id
        assert participants_with_open_records(session) == {pid}
    view = store.plan_view(pid)
    assert view is not None and len(view.open_safeguarding) == 1
    record = view.safeguarding[0]
    assert record.action_taken == "Shared crisis contacts"
    view = store.follow_up_safeguarding(record.id, "Rang next day: safe", clock.today(), version=1)
    assert view is not None and not view.open_safeguarding and len(view.safeguarding) == 1
    assert view.safeguarding[0].follow_up == "Rang next day: safe"
    events = [e for e in recent_events(store.session()) if e.action.startswith("safeguarding")]
    assert {e.action for e in events} == {"safeguarding.create", "safeguarding.follow_up"}
    assert all("crisis" not in e.detail.lower() and "safe" not in e.detail for e in events)


def test_no_plan_and_no_participant(store: Store) -> None:
    assert store.plan_view(uuid.uuid4()) is None
    assert store.plan_view_by_reference("WW-123456") is None
    with store.session() as session:
        assert session.exec(select(Plan)).first() is None
    assert date.today()  # the real clock is not used above
    assert datetime.now()
