"""The employer's copy: the workplace adjustments the participant agreed to share.

Only adjustments agreed with the participant and marked shared with the employer, each in the
words the participant agreed the employer may read (its employer note; the catalogue's plain
description when there is none, or when the note has health detail they have not agreed to
share), the fit note's advice and dates, and review dates. Never the coach's notes about an
adjustment. Health details (their conditions and how they affect
work, in their words) only with the consent to share health details with the employer; never
measures, risk, safeguarding or coach notes (see `consent.py`). Refused without the consent to
contact the employer.
"""

from __future__ import annotations

from datetime import date, timedelta

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.export import AdjustmentLine, Audience, ExportView
from workwell_tui.export.consent import (
    check_consent,
    employer_words,
    health_to_employer,
    to_employer,
)
from workwell_tui.export.document import Document, Writer
from workwell_tui.export.escape import cell, inline, note
from workwell_tui.export.parts import ACCESS_TO_WORK_PHONE, author, first_name, full_name

__all__ = ["employer_document"]


def _employer(view: ExportView) -> str:
    return view.participant.employer_name.strip()


def _fit_note(w: Writer, view: ExportView) -> None:
    fit_note = view.assessment.fit_note if view.assessment else None
    if fit_note is None or fit_note.kind == "none":
        return
    w.heading(2, "Fit note")
    lines = []
    if fit_note.kind == "may_be_fit":
        lines.append("They may be fit for work taking account of this advice:")
        if fit_note.advice:
            lines.append(", ".join(fit_note.advice).capitalize() + ".")
    else:
        lines.append("Their fit note says they are not fit for work for now.")
    if fit_note.ends_on is not None and fit_note.ends_on >= view.today:
        lines.append(f"The fit note runs until {uk_date(fit_note.ends_on)}.")
    elif fit_note.ends_on is not None:
        lines.append(f"That fit note ended on {uk_date(fit_note.ends_on)}.")
    w.paragraph(" ".join(lines))


def _review_dates(view: ExportView) -> list[tuple[date, str]]:
    dates: list[tuple[date, str]] = []
    plan = view.plan
    if plan is not None and plan.start_date is not None and plan.status.value == "active":
        held = {review.week for review in plan.reviews}
        for week in plan.review_weeks:
            starts = plan.start_date + timedelta(weeks=week - 1)
            if week not in held and starts + timedelta(days=6) >= view.today:
                what = f"WorkWell review ({_weeks(week, plan.length_weeks)})"
                dates.append((starts, f"week starting {uk_date(starts)}: {what}"))
    fit_note = view.assessment.fit_note if view.assessment else None
    if fit_note is not None and fit_note.ends_on is not None and fit_note.ends_on >= view.today:
        dates.append((fit_note.ends_on, f"{uk_date(fit_note.ends_on)}: the fit note ends"))
    for adjustment in to_employer(view):
        if adjustment.review_on is not None and adjustment.review_on >= view.today:
            day = adjustment.review_on
            dates.append((day, f"{uk_date(day)}: review {inline(adjustment.label)}"))
    return sorted(dates, key=lambda pair: pair[0])


def _weeks(week: int, length: int) -> str:
    return f"week {week} of {length}"


def _since(line: AdjustmentLine) -> str:
    if line.status == "in_place" and line.agreed_on is not None:
        return f"since {uk_date(line.agreed_on)}"
    if line.status == "raised" and line.requested_on is not None:
        return f"asked {uk_date(line.requested_on)}"
    if line.agreed_on is not None:
        return f"agreed {uk_date(line.agreed_on)}"
    return "—"


def employer_document(view: ExportView) -> Document:
    """The employer's copy; ExportRefused without the consent to contact the employer."""
    check_consent(view, Audience.EMPLOYER)
    person = view.participant
    name = full_name(view)
    first = first_name(view)
    consented = person.consent_contact_employer_on
    w = Writer()
    w.heading(2, "About this letter")
    agreed_on = f" on {uk_date(consented)}" if consented else ""
    w.paragraph(
        f"{name} is getting support from WorkWell, a free NHS and DWP service that helps people "
        f"with a health condition stay in or get back to work. {first} agreed{agreed_on} that we "
        "share this with you. It holds only what they agreed to share."
    )
    _fit_note(w, view)
    shared = to_employer(view)
    w.heading(2, "Adjustments agreed")
    if shared:
        w.table(
            ("Adjustment", "What was agreed", "Who takes it forward", "Where it is", "When"),
            (
                (
                    cell(a.label),
                    cell(employer_words(view, a) or a.description),
                    cell(a.owner_label),
                    cell(a.status_label),
                    _since(a),
                )
                for a in shared
            ),
            (18, 30, 14, 12, 16),
        )
    else:
        w.paragraph("No adjustments to share yet.")
    if any(a.owner_label == "Access to Work" for a in shared):
        w.paragraph(
            "Access to Work (DWP) can pay for support beyond the adjustments an employer is "
            f"expected to make. The employee applies; its helpline is {ACCESS_TO_WORK_PHONE}."
        )
    dates = _review_dates(view)
    w.heading(2, "Dates")
    if dates:
        w.bullets(what[:1].upper() + what[1:] for _day, what in dates)
    else:
        w.paragraph("No review dates set.")
    if health_to_employer(view) and view.assessment is not None:
        summary = view.assessment
        health = [
            (label, text)
            for label, text in (
                ("Their health, in their words", summary.conditions),
                ("How it affects them", summary.daily_effects),
                ("What is hard at work now", summary.hard_at_work),
            )
            if text.strip()
        ]
        if health:
            w.heading(2, "Health, shared with their consent")
            shared_on = person.consent_share_health_with_employer_on
            w.paragraph(
                f"{first} agreed"
                + (f" on {uk_date(shared_on)}" if shared_on else "")
                + " that we share this with you."
            )
            for label, text in health:
                w.paragraph(f"**{label}:** {note(text)}")
    w.heading(2, "Contact")
    coach = inline(view.coach_name) or "Their Work and Health Coach"
    w.paragraph(
        f"{coach}, Work and Health Coach, WorkWell {inline(view.area)}. Please talk to {name} "
        "first about anything in this letter."
    )
    return Document(
        title="Workplace adjustments",
        subtitle=(f"For {_employer(view)} · " if _employer(view) else "")
        + f"about {person.preferred_name or person.first_name} {person.last_name}",
        author=author(view),
        date=uk_date(view.today),
        body=w.text(),
    )
