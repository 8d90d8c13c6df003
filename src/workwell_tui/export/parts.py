"""Pieces more than one document shares: names, dates, the plan's objectives, measures with
their bands and attribution lines, services and how to reach them, crisis contacts.

Every piece of stored text goes through `escape.inline`/`escape.cell`/`escape.note` here; the
fixed words are the renderers' own and need none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from workwell_tui.domain.crisis import crisis_contacts_for
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.domain.export import ExportView, ReferralLine
from workwell_tui.domain.measures import INSTRUMENTS
from workwell_tui.domain.plan.distance import MeasureChange
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.export.document import Writer
from workwell_tui.export.escape import cell, inline, note_lines

__all__ = [
    "author",
    "crisis_section",
    "full_name",
    "measures_section",
    "objective_tasks",
    "services_section",
    "when",
]

ACCESS_TO_WORK_PHONE = (
    "0800 121 7479"  # GOV.UK "Access to Work: get support if you have a disability"
)


def full_name(view: ExportView) -> str:
    """ "Alex Smith", escaped (the preferred name when there is one)."""
    person = view.participant
    first = person.preferred_name or person.first_name
    return inline(f"{first} {person.last_name}")


def first_name(view: ExportView) -> str:
    """The name they like to be called, escaped."""
    person = view.participant
    return inline(person.preferred_name or person.first_name)


def author(view: ExportView) -> str:
    """Who wrote it: the coach's name from the settings, or their role."""
    name = view.coach_name.strip()
    return f"{name}, Work and Health Coach" if name else "Your Work and Health Coach"


def when(moment: datetime) -> str:
    """ "Tue 24 Nov 2026, 15:00" in local time."""
    local = moment.astimezone()
    return f"{local:%a} {uk_date(local.date())}, {local:%H:%M}"


def _objective_lines(objective: ObjectiveView, with_status: bool) -> list[str]:
    below = [f"Steps: {line}" for line in note_lines(objective.steps)[:1]]
    below += note_lines(objective.steps)[1:]
    if with_status:
        below.append(f"Status: {objective.status.label}")
    return below


def objective_tasks(
    writer: Writer, plan: PlanView, level: int, *, with_status: bool = False
) -> None:
    """Objectives by need, as task lists (ticked when achieved), with steps and target weeks."""
    for domain, objectives in plan.objectives_by_domain().items():
        shown = [o for o in objectives if o.status is not ObjectiveStatus.DROPPED or with_status]
        if not shown:
            continue
        writer.heading(level, domain.label)
        items = []
        for objective in shown:
            target = f" · by week {objective.target_week}" if objective.target_week else ""
            to_agree = " · to agree" if objective.suggested else ""
            items.append(
                (
                    objective.status is ObjectiveStatus.ACHIEVED,
                    f"{inline(objective.what)}{target}{to_agree}",
                    _objective_lines(objective, with_status),
                )
            )
        writer.tasks(items)


def _reading(change: MeasureChange, latest: bool) -> str:
    reading = change.latest if latest else change.baseline
    text = f"{reading.total} of {change.max_total}"
    return f"{text}, {reading.band}" if reading.band else text


def measures_section(writer: Writer, distance: Iterable[MeasureChange], level: int) -> None:
    """Baseline against the latest reading, with bands, then each instrument's attribution."""
    changes = list(distance)
    if not changes:
        writer.paragraph("No measures taken yet.")
        return
    writer.table(
        ("Measure", "At the start", "Latest", "When"),
        (
            (
                change.title,
                _reading(change, latest=False),
                _reading(change, latest=True) if change.reviews else "—",
                change.latest.label + f", {uk_date(change.latest.taken_on)}",
            )
            for change in changes
        ),
        (24, 22, 22, 22),
    )
    writer.paragraph(
        "PHQ-9, GAD-7 and WSAS: a lower score is better. Confidence and self-rated health "
        "(0 to 10): a higher score is better."
    )
    attributions = []
    for change in changes:
        spec = INSTRUMENTS[change.instrument]
        if spec.attribution and spec.attribution not in attributions:
            attributions.append(spec.attribution)
    if attributions:
        # One line each, kept apart by hard breaks, in italics as small print.
        writer.paragraph("\\\n".join(f"*{inline(text)}*" for text in attributions))


def _service_lines(referral: ReferralLine) -> list[str]:
    lines = [
        f"{label}: {inline(value)}"
        for label, value in (
            ("Phone", referral.phone),
            ("Email", referral.email),
            ("Website", referral.website),
            ("Address", referral.address),
            ("Open", referral.schedule),
        )
        if value.strip()
    ]
    return lines or ["Your coach has their details."]


def services_section(writer: Writer, referrals: Iterable[ReferralLine], level: int) -> None:
    """Each service with its status and how to contact it."""
    for referral in referrals:
        writer.heading(level, inline(referral.service_name) or "A local service")
        about = [inline(referral.organisation)] if referral.organisation.strip() else []
        made = referral.made_on is not None and referral.status != "suggested"
        about.append(
            f"{referral.status_label} {uk_date(referral.made_on)}"
            if made
            else referral.status_label
        )
        writer.paragraph(" · ".join(about))
        writer.bullets(_service_lines(referral))


def crisis_section(writer: Writer, view: ExportView, level: int) -> None:
    """Who to contact in a crisis, 999 first, each with the site that says so; Childline too
    for someone under 19 (or whose age is not recorded)."""
    writer.heading(level, "If you need help now")
    contacts = crisis_contacts_for(view.participant.date_of_birth, view.today)
    writer.table(
        ("Who", "How"),
        ((inline(c.who), inline(f"{c.how} · {c.site}")) for c in contacts),
        (24, 66),
    )
    writer.paragraph(
        "Your Work and Health Coach is not an emergency service. NHS Talking Therapies is not "
        "a crisis service either."
    )


def yes_no(given: bool, on: object) -> str:
    """ "Yes, 3 Oct 2026", "Yes" or "No"."""
    from datetime import date

    if given and isinstance(on, date):
        return f"Yes, {uk_date(on)}"
    return "Yes" if given else "No"


def table_rows(lines: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Label and answer lines as escaped table cells."""
    return [(cell(label), cell(value)) for label, value in lines]
