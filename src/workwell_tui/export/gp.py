"""The GP's copy: an update on their patient from WorkWell, with the participant's consent.

The assessment summary (work, health, needs), measures with their bands and the instruments'
attribution lines, any risk recorded and what was done, the plan and its outcome. Refused
without the consent to share with their GP.
"""

from __future__ import annotations

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import ReferralSource, WorkSituation
from workwell_tui.domain.export import Audience, ExportView
from workwell_tui.domain.field_labels import field_label
from workwell_tui.export.consent import check_consent
from workwell_tui.export.document import Document, Writer
from workwell_tui.export.escape import cell, inline, note
from workwell_tui.export.parts import (
    author,
    measures_section,
    objective_tasks,
    table_rows,
    yes_no,
)

__all__ = ["GP_SECTIONS", "gp_document", "label_of"]

# The assessment steps a GP is sent (eligibility and goals are the service's own business).
GP_SECTIONS = ("Work", "Health", "Needs")


def label_of(kind: type[ReferralSource | WorkSituation], value: str) -> str:
    """An enum value's label, or the value as stored when a newer version wrote it."""
    try:
        return kind(value).label
    except ValueError:
        return value.replace("_", " ")


def _legal_name(view: ExportView) -> str:
    person = view.participant
    name = inline(f"{person.first_name} {person.last_name}")
    preferred = person.preferred_name.strip()
    return f"{name} (prefers {inline(preferred)})" if preferred else name


def gp_document(view: ExportView) -> Document:
    """The GP's copy; ExportRefused without the consent to share with the GP."""
    check_consent(view, Audience.GP)
    person = view.participant
    summary = view.assessment
    plan = view.plan
    w = Writer()
    w.heading(2, "Patient")
    referred = (
        f"{label_of(ReferralSource, person.referral_source)}, {uk_date(person.referral_date)}"
    )
    address = ", ".join(part for part in (person.address, person.postcode) if part.strip())
    w.bullets(
        f"**{label}:** {value}"
        for label, value in (
            ("Name", _legal_name(view)),
            (field_label("date_of_birth"), uk_date(person.date_of_birth)),
            ("Address", cell(address)),
            ("GP practice", cell(summary.gp_practice if summary else "")),
            (field_label("reference"), cell(person.reference)),
            (field_label("referral_source"), referred),
            (field_label("work_situation"), cell(label_of(WorkSituation, person.work_situation))),
            (field_label("consent_share_gp"), yes_no(True, person.consent_share_gp_on)),
        )
    )
    w.heading(2, "Assessment")
    if summary is None:
        w.paragraph("Not assessed yet.")
    else:
        w.paragraph(f"Completed {uk_date(summary.completed_on)}.")
        for title in GP_SECTIONS:
            lines = summary.section(title)
            if lines:
                w.heading(3, title)
                w.table(("Question", "Answer"), table_rows(lines), (30, 60))
    w.heading(2, "Measures")
    measures_section(w, view.distance, 3)
    safeguarding = view.safeguarding
    if safeguarding:
        w.heading(2, "Risk recorded")
        for record in safeguarding:
            w.paragraph(
                f"**{uk_date(record.raised_on)}:** thoughts of being better off dead or of "
                f"self-harm reported (PHQ-9 item 9). {record.status.label}."
            )
            if record.action_taken.strip():
                w.paragraph(f"What the coach did: {note(record.action_taken)}")
            if record.follow_up.strip():
                w.paragraph(
                    f"Follow-up, {uk_date(record.followed_up_on)}: {note(record.follow_up)}"
                )
    w.heading(2, "Plan")
    if plan is None:
        w.paragraph("No plan yet.")
    else:
        w.paragraph(f"{plan.week_text}, {plan.length_weeks} weeks planned.")
        objective_tasks(w, plan, 3, with_status=True)
        if plan.closure_outcome is not None:
            w.heading(2, "Outcome")
            w.paragraph(
                f"**{plan.closure_outcome.label}**, closed {uk_date(plan.closed_on)}."
                + (f" {inline(plan.closing_summary)}" if plan.closing_summary.strip() else "")
            )
    return Document(
        title="WorkWell update for the GP",
        subtitle=f"{person.first_name} {person.last_name} · born {uk_date(person.date_of_birth)}",
        author=author(view),
        date=uk_date(view.today),
        body=w.text(),
    )
