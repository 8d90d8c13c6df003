"""Plans for the app tests: Alex's running plan in full, and a draft plan of suggestions.

Alex (WW-000001, week 6 of 12 in the hand-made caseload) gets four objectives across the four
domains, contacts that discussed them, baseline and review measures, an open safeguarding record,
adjustments and a referral. Jordan (WW-000003) gets a draft plan with three suggestions, as a
confirmed assessment makes one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.db.models import (
    Adjustment,
    Contact,
    MeasureResult,
    Objective,
    Participant,
    Plan,
    ProgressNote,
    Referral,
    SafeguardingRecord,
)
from workwell_tui.db.store import Store

ALEX = "WW-000001"
JORDAN = "WW-000003"
ALEX_OBJECTIVES = (
    ("work", "Phased return, 3 days a week", 8, "in_progress"),
    ("physical", "Physio exercises, as agreed", 6, "in_progress"),
    ("psychological", "Sleep routine with CBT-I app", 5, "achieved"),
    ("social", "Debt advice appointment", 2, "not_started"),
)
SUGGESTIONS = (
    ("work", "Talk to the employer about a phased return", 4),
    ("physical", "Agree a safe activity level with the GP", 3),
    ("social", "Book a debt advice appointment", 2),
)


def _plan_of(session: Session, participant_id: uuid.UUID) -> Plan:
    plan = session.exec(select(Plan).where(Plan.participant_id == participant_id)).first()
    assert plan is not None
    return plan


def add_alex_plan(
    store: Store,
    people: dict[str, Participant],
    *,
    safeguarding: bool = True,
    objectives: tuple[tuple[str, str, int, str], ...] = ALEX_OBJECTIVES,
    contacts: int = 4,
) -> list[uuid.UUID]:
    """Fill Alex's active plan; returns the objective ids in plan order."""
    alex = people["alex"].id
    now = clock.now().astimezone(UTC)
    with Session(store.engine) as session:
        plan = _plan_of(session, alex)
        plan.agreed_on = plan.start_date
        session.add(plan)
        rows = [
            Objective(
                plan_id=plan.id, domain=domain, what=what, target_week=week, status=status,
                position=n, accepted_on=plan.start_date, steps=f"Step for {what.lower()}",
            )
            for n, (domain, what, week, status) in enumerate(objectives)
        ]  # fmt: skip
        session.add_all(rows)
        session.flush()
        session.add(ProgressNote(objective_id=rows[0].id, written_on=clock.today(), note="Rang HR"))
        for n in range(contacts):
            session.add(
                Contact(
                    participant_id=alex, at=now - timedelta(days=5 + 7 * (n % 5), hours=n),
                    status="held", mode="phone" if n % 2 else "in_person", duration_minutes=30,
                    objectives_discussed=[str(rows[n % len(rows)].id)],
                )
            )  # fmt: skip
        start = now - timedelta(days=40)
        for instrument, before, after in (("phq9", 14, 9), ("gad7", 12, 8), ("wsas", 22, 15)):
            session.add(
                MeasureResult(participant_id=alex, instrument=instrument, total=before,
                              taken_at=start, timepoint="baseline")
            )  # fmt: skip
            session.add(
                MeasureResult(participant_id=alex, instrument=instrument, total=after,
                              taken_at=now - timedelta(days=2), timepoint="review", review_week=6)
            )  # fmt: skip
        if safeguarding:
            session.add(
                SafeguardingRecord(participant_id=alex, raised_on=date(2026, 10, 12),
                                   action_taken="Shared crisis contacts")
            )  # fmt: skip
        for key, status in (("altered_hours", "in_place"), ("phased_return", "raised")):
            session.add(
                Adjustment(participant_id=alex, plan_id=plan.id, catalogue_key=key, status=status)
            )
        session.add(
            Referral(participant_id=alex, service_name="MSK physio", status="attended",
                     status_changed_on=date(2026, 11, 12))
        )  # fmt: skip
        session.commit()
        return [row.id for row in rows]


def add_draft_plan(store: Store, people: dict[str, Participant]) -> list[uuid.UUID]:
    """Jordan, assessed, with a draft plan of three suggestions; returns their ids."""
    jordan = people["jordan"].id
    with Session(store.engine) as session:
        person = session.get(Participant, jordan)
        assert person is not None
        person.stage = "on_plan"
        session.add(person)
        plan = Plan(participant_id=jordan, status="draft", length_weeks=12, review_weeks=[6, 12])
        session.add(plan)
        session.flush()
        rows = [
            Objective(plan_id=plan.id, domain=d, what=w, target_week=t, position=n)
            for n, (d, w, t) in enumerate(SUGGESTIONS)
        ]
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]


def when(days_ago: int) -> datetime:
    """A moment `days_ago` days before the frozen now."""
    return clock.now() - timedelta(days=days_ago)
