"""The caseload query: one pass per table, merged in Python (fast at 100,000 participants)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, and_, case, func, select

from workwell_tui.db.models import Assessment, Contact, Participant, Plan
from workwell_tui.domain.caseload import CaseloadRow, ParticipantFacts, build_row, next_action_key
from workwell_tui.domain.enums import AssessmentStatus, ContactPurpose, ContactStatus, Stage


def load_facts(engine: Engine, now: datetime) -> list[ParticipantFacts]:
    """Everything the caseload needs about every participant."""
    p = Participant.__table__.c  # type: ignore[attr-defined]
    plan = Plan.__table__.c  # type: ignore[attr-defined]
    contact = Contact.__table__.c  # type: ignore[attr-defined]
    assessment = Assessment.__table__.c  # type: ignore[attr-defined]
    held = ContactStatus.HELD.value
    with engine.connect() as connection:
        people = connection.execute(
            select(
                p.id,
                p.reference,
                p.first_name,
                p.last_name,
                p.preferred_name,
                p.district,
                p.stage,
                p.referral_date,
            )
        ).all()
        plans = {
            row[0]: row[1:]
            for row in connection.execute(
                select(plan.participant_id, plan.start_date, plan.length_weeks, plan.review_weeks)
                .where(plan.status == "active")
                .order_by(plan.start_date)
            )
        }
        contacts = {
            row[0]: row[1:]
            for row in connection.execute(
                select(
                    contact.participant_id,
                    func.max(case((contact.status == held, contact.at))),
                    func.max(
                        case(
                            (
                                and_(
                                    contact.status == held,
                                    contact.purpose == ContactPurpose.REVIEW.value,
                                ),
                                contact.at,
                            )
                        )
                    ),
                    func.min(
                        case(
                            (
                                and_(
                                    contact.status == ContactStatus.BOOKED.value,
                                    contact.at >= now,
                                ),
                                contact.at,
                            )
                        )
                    ),
                ).group_by(contact.participant_id)
            )
        }
        drafts = set(
            connection.execute(
                select(assessment.participant_id)
                .where(assessment.status == AssessmentStatus.DRAFT.value)
                .distinct()
            ).scalars()
        )
    facts = []
    for pid, reference, first, last, preferred, district, stage, referred in people:
        plan_row = plans.get(pid)
        contact_row = contacts.get(pid)
        last_held = last_review = next_booked = None
        if contact_row is not None:
            last_held, last_review, next_booked = contact_row
        facts.append(
            ParticipantFacts(
                participant_id=str(pid),
                reference=reference,
                first_name=first,
                last_name=last,
                preferred_name=preferred,
                district=district,
                stage=Stage(stage),
                referral_date=referred,
                plan_start=plan_row[0] if plan_row else None,
                plan_length=plan_row[1] if plan_row else None,
                review_weeks=tuple(plan_row[2] or ()) if plan_row else (),
                last_held_contact=_local_date(last_held),
                last_review_contact=_local_date(last_review),
                next_booked_contact=next_booked,
                has_draft_assessment=pid in drafts,
            )
        )
    return facts


def _local_date(moment: datetime | None) -> date | None:
    return None if moment is None else moment.astimezone().date()


def load_caseload(engine: Engine, now: datetime, no_contact_days: int = 14) -> list[CaseloadRow]:
    """The whole caseload as rows, in next-action order."""
    today = now.date()
    rows = [build_row(f, today, no_contact_days) for f in load_facts(engine, now)]
    rows.sort(key=next_action_key)
    return rows
