"""Reading everything an export may need about one participant into an `ExportView`.

One short read in one session: the participant, their plan (`plan_view`), the latest completed
first assessment read back as the wizard's summary, every measure, adjustments, referrals with
the service's contact details, and the audit events about any of their records. Rows become
frozen values here and never leave this module. Nothing here decides who may see what: that is
the renderers' job (`workwell_tui.export`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from workwell_tui.db.models import (
    Adjustment,
    Assessment,
    AuditEvent,
    Contact,
    MeasureResult,
    Objective,
    Participant,
    Plan,
    PlanReview,
    Referral,
    SafeguardingRecord,
    Service,
)
from workwell_tui.db.participants import find_by_reference, get_participant
from workwell_tui.db.plan_view import plan_view
from workwell_tui.db.read_models import participant_record
from workwell_tui.db.safeguarding import records_for
from workwell_tui.domain.adjustments.catalogue import Catalogue
from workwell_tui.domain.adjustments.names import adjustment_name
from workwell_tui.domain.assessment.flow import prune
from workwell_tui.domain.assessment.options import FIT_NOTE_ADVICE_OPTIONS, FIT_NOTE_OPTIONS
from workwell_tui.domain.assessment.outcome import summary_sections
from workwell_tui.domain.assessment.questions import Answers, as_date, as_list, as_text
from workwell_tui.domain.audit import AuditEntry, fold_views
from workwell_tui.domain.enums import (
    AdjustmentOwner,
    AdjustmentStatus,
    AssessmentKind,
    AssessmentStatus,
    Instrument,
    ReferralStatus,
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
from workwell_tui.domain.plan.views import SafeguardingView
from workwell_tui.domain.plan.vocabulary import SafeguardingStatus
from workwell_tui.domain.plan.weeks import local_day

__all__ = ["export_view", "export_view_by_reference"]


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC; other databases aware times.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _label(kind: type[AdjustmentStatus | AdjustmentOwner | ReferralStatus], value: str) -> str:
    try:
        return kind(value).label
    except ValueError:
        return value.replace("_", " ")  # a value a newer version wrote, shown as it is


def export_view_by_reference(
    session: Session,
    reference: str,
    now: datetime,
    coach_name: str,
    area: str,
    catalogue: Catalogue | None = None,
) -> ExportView | None:
    """The export view of the participant with this reference (WW-000123), or None."""
    found = find_by_reference(session, reference)
    if found is None:
        return None
    return export_view(session, found.id, now, coach_name, area, catalogue)


def export_view(
    session: Session,
    participant_id: uuid.UUID | str,
    now: datetime,
    coach_name: str,
    area: str,
    catalogue: Catalogue | None = None,
) -> ExportView | None:
    """Everything an export may show about one participant as of `now`, or None.

    `catalogue` (the built-in one plus the area's additions) names the adjustments; without it
    only the built-in list is known and an area's item is named from its key.
    """
    participant = get_participant(session, participant_id)
    if participant is None:
        return None
    today = local_day(now)
    measures = _measures(session, participant.id)
    return ExportView(
        participant=participant_record(participant),
        plan=plan_view(session, participant.id, now),
        assessment=_assessment(session, participant.id, today),
        measures=measures,
        distance=distance_travelled(measures),
        adjustments=_adjustments(session, participant.id, catalogue),
        referrals=_referrals(session, participant.id),
        safeguarding=_safeguarding(session, participant.id),
        audit=_audit(session, participant, catalogue),
        today=today,
        coach_name=coach_name,
        area=area,
    )


def _assessment(
    session: Session, participant_id: uuid.UUID, today: date
) -> AssessmentSummary | None:
    row = session.exec(
        select(Assessment)
        .where(
            Assessment.participant_id == participant_id,
            Assessment.status == AssessmentStatus.COMPLETED.value,
            Assessment.kind == AssessmentKind.INITIAL.value,
        )
        .order_by(col(Assessment.completed_at).desc())
    ).first()
    if row is None:
        return None
    # Only answers that still apply, as the wizard's own summary shows them.
    answers: Answers = prune(dict(row.answers))[0]
    when = row.completed_at or row.saved_at
    sections = tuple(
        (section.step.title, section.lines)
        for section in summary_sections(AssessmentKind.INITIAL, answers, today)
    )
    return AssessmentSummary(
        completed_on=local_day(_aware(when)) if when else None,
        sections=sections,
        fit_note=_fit_note(answers),
        job_title=as_text(answers.get("job_title")),
        conditions=as_text(answers.get("conditions")),
        daily_effects=as_text(answers.get("daily_effects")),
        hard_at_work=as_text(answers.get("hard_at_work")),
        gp_practice=as_text(answers.get("gp_practice")),
        own_words=as_text(answers.get("own_words")),
    )


def _fit_note(answers: Answers) -> FitNote | None:
    kind = as_text(answers.get("fit_note"))
    labels = dict(FIT_NOTE_OPTIONS)
    if kind not in labels:
        return None
    advice_labels = dict(FIT_NOTE_ADVICE_OPTIONS)
    return FitNote(
        kind=kind,
        kind_label=labels[kind],
        advice=tuple(
            advice_labels[key]
            for key in as_list(answers.get("fit_note_advice"))
            if key in advice_labels
        ),
        ends_on=as_date(answers.get("fit_note_ends")),
    )


def _measures(session: Session, participant_id: uuid.UUID) -> tuple[MeasurePoint, ...]:
    points = []
    for row in session.exec(
        select(MeasureResult)
        .where(MeasureResult.participant_id == participant_id)
        .order_by(col(MeasureResult.taken_at))
    ):
        if row.total is None:
            continue
        try:
            instrument, timepoint = Instrument(row.instrument), Timepoint(row.timepoint)
        except ValueError:
            continue  # a measure a newer version knows: left out, never shown wrongly
        points.append(
            MeasurePoint(
                instrument, row.total, local_day(_aware(row.taken_at)), timepoint, row.review_week
            )
        )
    return tuple(points)


def _adjustments(
    session: Session, participant_id: uuid.UUID, catalogue: Catalogue | None
) -> tuple[AdjustmentLine, ...]:
    lines = []
    for row in session.exec(
        select(Adjustment)
        .where(Adjustment.participant_id == participant_id)
        .order_by(col(Adjustment.created_at))
    ):
        # What the coach named a free-text item, else the catalogue's words (the area's own too).
        name = adjustment_name(row.catalogue_key, row.label, catalogue)
        lines.append(
            AdjustmentLine(
                label=name.label,
                description=name.description,
                status=row.status,
                status_label=_label(AdjustmentStatus, row.status),
                owner_label=_label(AdjustmentOwner, row.owner),
                requested_on=row.raised_on,
                agreed_on=row.agreed_on,
                review_on=row.due_on,
                notes=row.notes,
                shared_with_employer=row.employer_shareable,
                employer_note=row.employer_note,
                employer_note_health=row.employer_note_health,
            )
        )
    return tuple(lines)


def _referrals(session: Session, participant_id: uuid.UUID) -> tuple[ReferralLine, ...]:
    rows = session.exec(
        select(Referral, Service)
        .join(Service, col(Referral.service_id) == col(Service.id), isouter=True)
        .where(Referral.participant_id == participant_id)
        .order_by(col(Referral.made_on), col(Referral.created_at))
    )
    lines = []
    for referral, service in rows:
        address = (
            ", ".join(part for part in (service.address, service.postcode) if part)
            if service
            else ""
        )
        lines.append(
            ReferralLine(
                service_name=referral.service_name or (service.name if service else ""),
                organisation=service.organisation if service else "",
                status=referral.status,
                status_label=_label(ReferralStatus, referral.status),
                made_on=referral.made_on,
                phone=service.phone if service else "",
                email=service.email if service else "",
                website=service.website if service else "",
                address=address,
                schedule=service.schedule if service else "",
                outcome=referral.outcome,
                notes=referral.notes,
            )
        )
    return tuple(lines)


def _safeguarding(session: Session, participant_id: uuid.UUID) -> tuple[SafeguardingView, ...]:
    return tuple(
        SafeguardingView(
            id=row.id,
            raised_on=row.raised_on,
            source=row.source,
            action_taken=row.action_taken,
            status=SafeguardingStatus.FOLLOWED_UP
            if row.status == SafeguardingStatus.FOLLOWED_UP.value
            else SafeguardingStatus.OPEN,
            follow_up=row.follow_up,
            followed_up_on=row.followed_up_on,
            version=row.version,
        )
        for row in records_for(session, participant_id)
    )


def _audit(
    session: Session, participant: Participant, catalogue: Catalogue | None
) -> tuple[AuditLine, ...]:
    """Audit events about the participant or any record of theirs, oldest first (a day's
    openings of one screen folded into one line; an added adjustment named, not keyed)."""
    pid = participant.id
    ids: set[uuid.UUID] = {pid}
    plan_ids = list(session.exec(select(Plan.id).where(Plan.participant_id == pid)))
    ids.update(plan_ids)
    if plan_ids:
        ids.update(session.exec(select(Objective.id).where(col(Objective.plan_id).in_(plan_ids))))
        ids.update(session.exec(select(PlanReview.id).where(col(PlanReview.plan_id).in_(plan_ids))))
    for table in (Assessment, Contact, Adjustment, Referral, SafeguardingRecord, MeasureResult):
        ids.update(session.exec(select(table.id).where(table.participant_id == pid)))
    wanted = [str(each) for each in ids]
    events: list[AuditEvent] = []
    # In slices: SQLite allows a limited number of bound parameters in one IN (...).
    for start in range(0, len(wanted), 500):
        events.extend(
            session.exec(
                select(AuditEvent).where(col(AuditEvent.record_id).in_(wanted[start : start + 500]))
            )
        )
    entries = sorted(
        (
            AuditEntry(e.seq, _aware(e.at), e.actor, e.action, e.record_type, e.record_id, e.detail)
            for e in events
        ),
        key=lambda entry: entry.at,
    )
    # Adding an adjustment logs its catalogue key; the participant reads the item's name.
    own_labels = {
        str(row_id): label
        for row_id, label in session.exec(
            select(Adjustment.id, Adjustment.label).where(Adjustment.participant_id == pid)
        )
    }

    def detail(entry: AuditEntry) -> str:
        if entry.action != "adjustment.add" or not entry.detail:
            return entry.detail
        stored = own_labels.get(str(entry.record_id), "")
        return adjustment_name(entry.detail, stored, catalogue).label

    # Every opening of the record is logged; a day's openings of one screen read as one line.
    return tuple(
        AuditLine(e.at, e.actor, e.action, e.record_type, detail(e)) for e in fold_views(entries)
    )
