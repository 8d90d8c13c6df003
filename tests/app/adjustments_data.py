"""A realistic checklist for the Pilot tests, snapshots and benchmark: Alex Smith, on a plan,
consented to employer contact but not to health details going to the employer."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.db.models import Adjustment, FitNote, Objective, Participant, Plan, Referral
from workwell_tui.db.store import Store

# key, status, owner, reason, days since raised / in place, shared
ITEMS: tuple[tuple[str, str, str, str, int | None, bool], ...] = (
    ("altered_hours", "in_place", "employer", "fit note: altered hours", 20, True),
    ("phased_return", "raised", "employer", "fit note: phased return", 13, True),
    ("time_off_for_appointments", "suggested", "participant", "pain (severe)", None, False),
    ("sit_stand_desk", "raised", "access_to_work", "", 25, True),
    ("atw_mental_health_support", "discussed", "participant", "low mood (moderate)", None, False),
    ("return_to_work_meeting", "in_place", "coach", "work: off sick", 6, True),
    ("stress_risk_assessment", "agreed", "employer", "stress (severe)", None, False),
)


def add_checklist(
    store: Store,
    person: Participant,
    *,
    items: tuple[tuple[str, str, str, str, int | None, bool], ...] = ITEMS,
    employer_consent: bool = True,
    health_consent: bool = False,
) -> dict[str, uuid.UUID]:
    """Store the checklist (and a plan objective, a referral and a fit note); ids by key."""
    today = clock.today()
    ids: dict[str, uuid.UUID] = {}
    with Session(store.engine) as session:
        row = session.get(Participant, person.id)
        assert row is not None
        row.consent_contact_employer = employer_consent
        row.consent_share_health_with_employer = health_consent
        row.employer_name = "Ribble Valley Foods"
        plan = session.exec(select(Plan).where(Plan.participant_id == person.id)).first()
        if plan is not None:
            session.add(
                Objective(plan_id=plan.id, domain="work", what="Back to work three days a week")
            )
        session.add(Referral(participant_id=person.id, service_name="Access to Work"))
        session.add(
            FitNote(
                participant_id=person.id,
                issued_by="gp",
                issued_on=date(2026, 11, 2),
                review_on=date(2026, 11, 30),
                advice=["altered_hours", "phased_return"],
                comments="Back pain: cannot sit for long",
            )
        )
        for key, status, owner, reason, days, shared in items:
            when = today - timedelta(days=days) if days is not None else None
            adjustment = Adjustment(
                participant_id=person.id,
                plan_id=plan.id if plan else None,
                catalogue_key=key,
                status=status,
                owner=owner,
                reason=reason,
                raised_on=when if status == "raised" else None,
                in_place_on=when if status == "in_place" else None,
                due_on=date(2026, 11, 30) if key == "phased_return" else None,
                employer_shareable=shared and employer_consent,
                last_update_on=when or today,
            )
            session.add(adjustment)
            ids[key] = adjustment.id
        session.commit()
    return ids
