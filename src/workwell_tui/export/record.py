"""The full record: everything WorkWell holds about a participant (a subject access request).

UK GDPR Article 15 gives a person the right to a copy of their personal data, so nothing is
left out: their details, consents with dates, the assessment, every measure, the plan with
progress notes, contacts with notes, reviews, safeguarding records, adjustments, referrals,
and the audit log of who did what to their records and when. No consent is needed.
"""

from __future__ import annotations

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import ReferralSource, Stage, WorkSituation
from workwell_tui.domain.export import ExportView
from workwell_tui.domain.field_labels import CONSENT_LABELS, field_label
from workwell_tui.domain.measures import INSTRUMENTS, band
from workwell_tui.domain.plan.views import PlanView, SafeguardingView
from workwell_tui.export.document import Document, Writer
from workwell_tui.export.escape import cell, inline, note
from workwell_tui.export.gp import label_of
from workwell_tui.export.parts import author, measures_section, objective_tasks, when, yes_no

__all__ = ["record_document"]

_TEXT_FIELDS = (
    "first_name", "last_name", "preferred_name",  # then the date of birth
    "email", "phone", "address", "postcode", "district", "reference", "employer_name",
)  # fmt: skip
"""Their details held as typed, in the order the record lists them."""


def _details(w: Writer, view: ExportView) -> None:
    person = view.participant
    w.heading(2, "Your details")
    w.table(
        ("Detail", "What we hold"),
        (
            (label, cell(value))
            for label, value in (
                *((field_label(name), getattr(person, name)) for name in _TEXT_FIELDS[:3]),
                (field_label("date_of_birth"), uk_date(person.date_of_birth, "")),
                *((field_label(name), getattr(person, name)) for name in _TEXT_FIELDS[3:]),
                (field_label("work_situation"), label_of(WorkSituation, person.work_situation)),
                (field_label("referral_source"), label_of(ReferralSource, person.referral_source)),
                (field_label("referral_date"), uk_date(person.referral_date)),
                (field_label("stage"), _stage(person.stage)),
                ("Stage since", uk_date(person.stage_changed_on, "")),
                ("Why", person.stage_reason),
                ("Signposted to", person.signposted_to),
            )
        ),
        (30, 60),
    )
    w.heading(2, "Consents")
    w.table(
        ("What", "Agreed"),
        (
            (label, yes_no(getattr(person, name), getattr(person, f"{name}_on")))
            for name, label in CONSENT_LABELS.items()
        ),
        (45, 45),
    )
    w.heading(2, "Your coach's notes")
    w.paragraph(note(person.notes) or "None.")


def _stage(value: str) -> str:
    try:
        return Stage(value).label
    except ValueError:
        return value


def _assessment(w: Writer, view: ExportView) -> None:
    w.heading(2, "Assessment")
    summary = view.assessment
    if summary is None:
        w.paragraph("No completed assessment.")
        return
    w.paragraph(f"Completed {uk_date(summary.completed_on)}.")
    for title, lines in summary.sections:
        w.heading(3, inline(title))
        w.table(("Question", "Answer"), ((cell(q), cell(a)) for q, a in lines), (30, 60))


def _measures(w: Writer, view: ExportView) -> None:
    w.heading(2, "Measures")
    measures_section(w, view.distance, 3)
    if not view.measures:
        return
    w.heading(3, "Every measure taken")
    rows = []
    for point in view.measures:
        spec = INSTRUMENTS[point.instrument]
        try:
            label = band(spec, point.total)
        except ValueError:
            label = ""
        when_taken = (
            "baseline" if point.review_week is None else f"review, week {point.review_week}"
        )
        rows.append(
            (
                uk_date(point.taken_on),
                spec.title,
                f"{point.total} of {spec.max_total}",
                label or "—",
                when_taken,
            )
        )
    w.table(("Date", "Measure", "Score", "Band", "When"), rows, (16, 22, 14, 22, 16))


def _plan(w: Writer, plan: PlanView) -> None:
    w.heading(2, "Plan")
    facts = [plan.week_text, f"{plan.length_weeks} weeks"]
    if plan.start_date is not None:
        facts.append(f"starts {uk_date(plan.start_date)}")
    if plan.agreed_on is not None:
        facts.append(f"agreed {uk_date(plan.agreed_on)}")
    w.paragraph(" · ".join(facts))
    if plan.goals:
        w.heading(3, "Goals")
        w.bullets(inline(goal) for goal in plan.goals)
    objective_tasks(w, plan, 3, with_status=True)
    notes = [(o, n) for o in plan.objectives for n in o.notes]
    reasons = [o for o in plan.objectives if o.status_reason.strip()]
    if notes or reasons:
        w.heading(3, "Progress notes and changes")
        w.bullets(
            [f"{uk_date(n.written_on)}, {inline(o.what)}: {note(n.note)}" for o, n in notes]
            + [
                f"{inline(o.what)}, {o.status.label.lower()}: {note(o.status_reason)}"
                for o in reasons
            ]
        )
    if plan.extension_reason.strip():
        w.paragraph(f"**Extended:** {note(plan.extension_reason)}")
    if plan.closure_outcome is not None:
        closed = f"**Closed {uk_date(plan.closed_on)}:** {plan.closure_outcome.label}."
        w.paragraph(f"{closed} {inline(plan.closing_summary)}".strip())
    if plan.overrun_reason.strip():
        w.paragraph(f"**Why it ran over:** {note(plan.overrun_reason)}")
    if plan.contacts:
        w.heading(3, "Contacts")
        w.table(
            ("When", "What", "How", "Mins", "Notes"),
            (
                (
                    when(c.at),
                    f"{c.purpose.label}, {c.status.label.lower()}",
                    c.mode.label,
                    str(c.duration_minutes) if c.duration_minutes else "—",
                    cell(c.notes),
                )
                for c in plan.contacts
            ),
            (22, 18, 12, 7, 31),
        )
    if plan.reviews:
        w.heading(3, "Reviews")
        w.bullets(
            f"Week {r.week}, {uk_date(r.held_on)}: {note(r.what_changed) or '—'}"
            for r in plan.reviews
        )


def _sentence(text: str) -> str:
    """Markdown text ending with a full stop, once."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _safeguarding_line(record: SafeguardingView) -> str:
    action = _sentence(note(record.action_taken) or "—")
    line = f"{uk_date(record.raised_on)}: risk recorded in the assessment. "
    line += f"What the coach did: {action}"
    if record.follow_up.strip():
        follow_up = _sentence(note(record.follow_up))
        return f"{line} {record.status.label}, {uk_date(record.followed_up_on)}: {follow_up}"
    return f"{line} {record.status.label}."


def _adjustments_and_referrals(w: Writer, view: ExportView) -> None:
    w.heading(2, "Workplace adjustments")
    if not view.adjustments:
        w.paragraph("None.")
    w.table(
        ("Adjustment", "Where it is", "Who", "Shared with employer", "For the employer", "Notes"),
        (
            (
                cell(a.label),
                a.status_label,
                cell(a.owner_label),
                "Yes" if a.shared_with_employer else "No",
                cell(a.employer_note + (" (health detail)" if a.employer_note_health else "")),
                cell(a.notes),
            )
            for a in view.adjustments
        ),
        (18, 12, 14, 10, 18, 18),
    )
    w.heading(2, "Referrals to services")
    if not view.referrals:
        w.paragraph("None.")
    w.table(
        ("Service", "Where it is", "Made", "Outcome", "Notes"),
        (
            (
                cell(r.service_name),
                r.status_label,
                uk_date(r.made_on),
                cell(r.outcome),
                cell(r.notes),
            )
            for r in view.referrals
        ),
        (24, 14, 14, 18, 20),
    )


def _audit(w: Writer, view: ExportView) -> None:
    w.heading(2, "Who did what, and when")
    w.paragraph(
        "The audit log of your records: every change, every export and every time they were "
        "opened (counted once a day), never their content."
    )
    if not view.audit:
        w.paragraph("No entries.")
    w.table(
        ("When", "Who", "What", "Record", "Detail"),
        (
            (when(e.at), cell(e.actor), cell(e.action), cell(e.record_type), cell(e.detail))
            for e in view.audit
        ),
        (24, 18, 22, 14, 12),
    )


def record_document(view: ExportView) -> Document:
    """Everything held about the participant, for a subject access request."""
    w = Writer()
    w.paragraph(
        "This is a copy of all the information WorkWell holds about you, as of "
        f"{uk_date(view.today)}. Ask your coach if anything is wrong and it will be corrected."
    )
    _details(w, view)
    _assessment(w, view)
    _measures(w, view)
    # The plan and the audit log each start a page: the parts a reader looks for first.
    w.page_break()
    if view.plan is None:
        w.heading(2, "Plan")
        w.paragraph("No plan.")
    else:
        _plan(w, view.plan)
    if view.safeguarding:
        w.heading(3, "Safeguarding records")
        w.bullets(_safeguarding_line(record) for record in view.safeguarding)
    _adjustments_and_referrals(w, view)
    w.page_break()
    _audit(w, view)
    person = view.participant
    return Document(
        title="Everything WorkWell holds about you",
        subtitle=f"{person.first_name} {person.last_name} · {person.reference}",
        author=author(view),
        date=uk_date(view.today),
        body=w.text(),
    )
