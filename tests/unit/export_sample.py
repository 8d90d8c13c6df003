"""A realistic participant for the export tests: Alex Smith, care assistant, week 6 of 12.

Built straight as read models (no database), so the golden files change only when a renderer
does. `sample_view(text=...)` puts the same text into every typed field, for hostile text.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from workwell_tui.domain.enums import (
    ContactMode,
    ContactPurpose,
    ContactStatus,
    Domain,
    Instrument,
    ObjectiveStatus,
    PlanStatus,
    Timepoint,
)
from workwell_tui.domain.export import (
    AdjustmentLine,
    AssessmentSummary,
    AuditLine,
    ExportView,
    FitNote,
    ReferralLine,
)
from workwell_tui.domain.plan.distance import MeasurePoint, distance_travelled
from workwell_tui.domain.plan.views import (
    ContactView,
    ObjectiveView,
    PlanView,
    ProgressNoteView,
    ReviewView,
    SafeguardingView,
)
from workwell_tui.domain.plan.vocabulary import SafeguardingStatus
from workwell_tui.domain.records import ParticipantRecord

TODAY = date(2026, 11, 22)
START = date(2026, 10, 12)
PID = uuid.UUID("00000000-0000-4000-8000-000000000031")


def _id(n: int) -> uuid.UUID:
    return uuid.UUID(int=n)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    # 2026-10/11 in London: GMT from 25 Oct, BST before; UTC times chosen to read on the hour.
    offset = 1 if day < date(2026, 10, 25) else 0
    return datetime(day.year, day.month, day.day, hour - offset, minute, tzinfo=UTC)


def participant(t: str | None = None) -> ParticipantRecord:
    """Alex Smith, with every consent given (tests take consents away with `replace`)."""
    return ParticipantRecord(
        id=PID,
        reference="WW-000031",
        first_name=t or "Alexandra",
        last_name=t or "Smith",
        preferred_name=t or "Alex",
        date_of_birth=date(1984, 3, 9),
        email=t or "alex.smith@example.org",
        phone=t or "07700 900031",
        address=t or "12 Ribble Avenue, Preston",
        postcode=t or "PR1 4XY",
        district=t or "Preston",
        referral_source="gp",
        referral_date=date(2026, 10, 1),
        work_situation="off_sick",
        employer_name=t or "Ribble Care Homes",
        consent_processing=True,
        consent_processing_on=date(2026, 10, 5),
        consent_share_gp=True,
        consent_share_gp_on=date(2026, 10, 5),
        consent_contact_employer=True,
        consent_contact_employer_on=date(2026, 10, 5),
        consent_share_health_with_employer=True,
        consent_share_health_with_employer_on=date(2026, 10, 12),
        stage="on_plan",
        stage_reason=t or "",
        signposted_to=t or "",
        stage_changed_on=START,
        notes=t or "Prefers mornings.\nCOACH ONLY: worried about money; talk about debt advice.",
        created_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
        updated_at=datetime(2026, 11, 16, 9, tzinfo=UTC),
        version=4,
    )


def _objective(
    n: int, domain: Domain, what: str, steps: str, week: int, status: ObjectiveStatus, t: str | None
) -> ObjectiveView:
    notes = (ProgressNoteView(_id(100 + n), date(2026, 11, 2), t or f"COACH ONLY progress {n}"),)
    return ObjectiveView(
        id=_id(n),
        domain=domain,
        what=t or what,
        steps=t or steps,
        target_week=week,
        status=status,
        status_reason=t or "",
        position=n,
        accepted_on=START,
        notes=notes,
        version=1,
    )


def plan(t: str | None = None) -> PlanView:
    """Week 6 of 12: four objectives, contacts every week, a review in week 6."""
    objectives = (
        _objective(
            1, Domain.PHYSICAL, "Physio exercises, as agreed",
            "Self-refer to MSK physio\nExercises on the sheet, 10 minutes a day",
            6, ObjectiveStatus.IN_PROGRESS, t,
        ),
        _objective(
            2, Domain.PSYCHOLOGICAL, "Sleep routine with a CBT-I app",
            "Same wake-up time every day", 5, ObjectiveStatus.ACHIEVED, t,
        ),
        _objective(
            3, Domain.WORK, "Phased return, 3 days a week",
            "Return-to-work meeting with the manager", 8, ObjectiveStatus.AGREED, t,
        ),
        _objective(
            4, Domain.SOCIAL, "Debt advice appointment",
            "Ring the Money Advice Line", 2, ObjectiveStatus.ACHIEVED, t,
        ),
    )  # fmt: skip
    contacts = tuple(
        ContactView(
            id=_id(200 + week),
            at=_at(date(2026, 10, 12) + (date(2026, 10, 19) - date(2026, 10, 12)) * (week - 1), 10),
            status=ContactStatus.HELD,
            mode=ContactMode.PHONE if week % 2 else ContactMode.IN_PERSON,
            purpose=ContactPurpose.REVIEW if week == 6 else ContactPurpose.CHECK_IN,
            duration_minutes=30,
            notes=t or f"COACH ONLY contact note {week}",
            objectives_discussed=(_id(1),),
            week=week,
            version=1,
        )
        for week in range(1, 7)
    )
    booked = ContactView(
        id=_id(299),
        at=_at(date(2026, 11, 24), 15),
        status=ContactStatus.BOOKED,
        mode=ContactMode.IN_PERSON,
        purpose=ContactPurpose.CHECK_IN,
        duration_minutes=None,
        notes="",
        objectives_discussed=(),
        week=7,
        version=1,
    )
    points = _points()
    return PlanView(
        id=_id(300),
        participant_id=PID,
        reference="WW-000031",
        first_name=t or "Alexandra",
        last_name=t or "Smith",
        status=PlanStatus.ACTIVE,
        start_date=START,
        agreed_on=START,
        length_weeks=12,
        review_weeks=(6, 12),
        today=TODAY,
        current_week=6,
        weeks_over=0,
        goals=(t or "Back to work three days a week by week 8", t or "Sleep through the night"),
        objectives=objectives,
        contacts=(*contacts, booked),
        next_contact=booked,
        reviews=(
            ReviewView(
                _id(400),
                6,
                date(2026, 11, 16),
                t or "Sleeping better; back pain still worse after long shifts.",
                tuple(p for p in points if p.timepoint is Timepoint.REVIEW),
            ),
        ),
        review_slots=(),
        review_due_week=None,
        distance=distance_travelled(points),
        safeguarding=(
            SafeguardingView(
                _id(500),
                date(2026, 10, 5),
                "phq9_item9",
                t or "Crisis contacts shared; safety plan agreed; GP surgery told the same day.",
                SafeguardingStatus.FOLLOWED_UP,
                t or "No thoughts of self-harm at the 2-week check.",
                date(2026, 10, 19),
                2,
            ),
        ),
        extension_reason="",
        extended_from_weeks=None,
        closed_on=None,
        closure_outcome=None,
        closing_summary="",
        overrun_reason="",
        version=3,
    )


def _points() -> tuple[MeasurePoint, ...]:
    baseline, review = date(2026, 10, 5), date(2026, 11, 16)
    totals = {
        Instrument.PHQ9: (14, 9),
        Instrument.GAD7: (12, 8),
        Instrument.WSAS: (22, 15),
        Instrument.CONFIDENCE: (3, 6),
    }
    return tuple(
        point
        for instrument, (before, after) in totals.items()
        for point in (
            MeasurePoint(instrument, before, baseline, Timepoint.BASELINE),
            MeasurePoint(instrument, after, review, Timepoint.REVIEW, 6),
        )
    )


def assessment(t: str | None = None) -> AssessmentSummary:
    """The first assessment, read back."""
    conditions = t or "Lower back pain since a fall at work; low mood"
    return AssessmentSummary(
        completed_on=date(2026, 10, 5),
        sections=(
            (
                "Eligibility and consent",
                (("Date of birth", "09/03/1984"), ("Wants to work", "Yes")),
            ),
            (
                "Work",
                (
                    ("Job title", t or "Care assistant"),
                    ("Employer", t or "Ribble Care Homes"),
                    ("Fit note", "may be fit"),
                    ("Fit note advice", "phased return, altered hours"),
                    ("What is hard now", t or "Lifting residents; night shifts make pain worse"),
                ),
            ),
            (
                "Health",
                (
                    ("Kind of condition", "musculoskeletal, mental health"),
                    ("Conditions", conditions),
                    ("Current treatment", t or "Naproxen; waiting for physio"),
                    ("GP practice", t or "Fishergate Surgery"),
                ),
            ),
            ("Needs", (("Pain", "severe"), ("Sleep", "moderate"), ("Physical notes", t or "—"))),
            ("Goals", (("What they want, in their words", t or "To get back to the job I love"),)),
        ),
        fit_note=FitNote(
            "may_be_fit", "may be fit", ("phased return", "altered hours"), date(2026, 11, 30)
        ),
        job_title=t or "Care assistant",
        conditions=conditions,
        daily_effects=t or "Cannot stand for long; tired after poor nights",
        hard_at_work=t or "Lifting residents; night shifts make pain worse",
        gp_practice=t or "Fishergate Surgery",
        own_words=t or "To get back to the job I love, without the pain running my life",
    )


def adjustments(t: str | None = None) -> tuple[AdjustmentLine, ...]:
    """Five adjustments: two in place or requested and shared, one not shared, two not agreed.
    Two carry words agreed for the employer, one of them with health detail."""

    def line(label: str, description: str, status: str, owner: str, shared: bool,
             agreed: date | None = None, review: date | None = None,
             for_employer: str = "", health: bool = False) -> AdjustmentLine:  # fmt: skip
        return AdjustmentLine(
            label=t or label, description=t or description, status=status,
            status_label=status.replace("_", " ").capitalize(), owner_label=owner,
            requested_on=date(2026, 10, 20), agreed_on=agreed, review_on=review,
            notes=t or f"COACH ONLY adjustment note: {label}", shared_with_employer=shared,
            employer_note=(t or for_employer) if for_employer else "", employer_note_health=health,
        )  # fmt: skip

    return (
        line("Altered hours", "Fewer hours, or different start and finish times, for a while",
             "in_place", "Employer", True, date(2026, 11, 2), date(2026, 12, 14),
             for_employer="Starts at 10:00 on Mondays and Wednesdays until the review"),
        line("Phased return", "Build back up to usual hours and duties over a few weeks",
             "raised", "Employer", True,
             for_employer="HEALTH NOTE: back pain flares after long shifts", health=True),
        line("Adaptive technology", "Software or equipment such as an ergonomic chair",
             "agreed", "Access to Work", True),
        line("Time off for appointments", "Time to attend physio appointments",
             "agreed", "Employer", False),
        line("Quiet space", "A quieter place to work", "suggested", "Employer", True),
    )  # fmt: skip


def referrals(t: str | None = None) -> tuple[ReferralLine, ...]:
    """Physio attended, talking therapies waiting, one declined."""
    return (
        ReferralLine(
            t or "Community Physiotherapy", t or "Red Rose Community Health CIC", "attended",
            "Attended", date(2026, 10, 14), t or "01632 960111", t or "physio@example.org",
            t or "https://example.org/physio", t or "12 Fishergate, Preston, PR1 2AB",
            t or "Mon to Fri 9:00 to 17:00", t or "Six sessions", t or "COACH ONLY referral note",
        ),
        ReferralLine(
            t or "Talking Therapies", t or "Ribble NHS Talking Therapies", "waiting", "Waiting",
            date(2026, 10, 20), t or "01632 960222", "", "", "", "", "", "",
        ),
        ReferralLine(
            t or "Pendle Hill Counselling", "", "declined", "Declined", None,
            "", "", "", "", "", "", t or "COACH ONLY declined: too far",
        ),
    )  # fmt: skip


def audit(t: str | None = None) -> tuple[AuditLine, ...]:
    """A few audit events."""
    return (
        AuditLine(datetime(2026, 10, 1, 9, tzinfo=UTC), t or "Sam Coach", "participant.create",
                  "participant", ""),
        AuditLine(datetime(2026, 10, 5, 11, tzinfo=UTC), t or "Sam Coach", "assessment.complete",
                  "assessment", "initial"),
        AuditLine(datetime(2026, 10, 12, 10, tzinfo=UTC), t or "Sam Coach", "plan.agree", "plan",
                  "12 weeks"),
    )  # fmt: skip


def sample_view(text: str | None = None) -> ExportView:
    """Alex Smith's whole record; `text` (if given) in every typed field instead."""
    return ExportView(
        participant=participant(text),
        plan=plan(text),
        assessment=assessment(text),
        measures=_points(),
        distance=distance_travelled(_points()),
        adjustments=adjustments(text),
        referrals=referrals(text),
        safeguarding=plan(text).safeguarding,
        audit=audit(text),
        today=TODAY,
        coach_name=text or "Sam Coach",
        area=text or "Lancashire and South Cumbria",
    )


def without_consent(view: ExportView, **consents: bool) -> ExportView:
    """The same view with some consents taken away (`consent_share_gp=False`, ...)."""
    changes: dict[str, Any] = dict(consents)
    return replace(view, participant=replace(view.participant, **changes))
