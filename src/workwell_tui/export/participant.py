"""The participant's own copy: their plan in plain words, to take home or be emailed.

Goals in their words, objectives by need with steps and target weeks, the next meeting, the
workplace changes agreed, services with how to reach them, and crisis contacts (Childline for
under-19s). Never coach-only notes (the coach's notes, contact notes, progress notes,
safeguarding records); scores only when the coach ticks "include measures".
"""

from __future__ import annotations

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.export import ExportView
from workwell_tui.domain.plan.views import PlanView
from workwell_tui.export.consent import employer_words
from workwell_tui.export.document import Document, Writer
from workwell_tui.export.escape import inline, note
from workwell_tui.export.parts import (
    author,
    crisis_section,
    full_name,
    measures_section,
    objective_tasks,
    services_section,
    when,
)

__all__ = ["participant_document"]


def _facts(view: ExportView, plan: PlanView | None) -> str:
    facts = [f"**{full_name(view)}**", inline(view.participant.reference)]
    if plan is not None and plan.start_date is not None and not plan.is_draft:
        facts.append(f"started {uk_date(plan.start_date)}")
        facts.append(plan.week_text.lower() if plan.current_week else plan.week_text)
    if plan is not None and plan.next_contact is not None:
        facts.append(f"next meeting {when(plan.next_contact.at)}")
    return " · ".join(facts)


def participant_document(view: ExportView, include_measures: bool = False) -> Document:
    """The participant's plan; measures only with `include_measures`."""
    plan = view.plan
    w = Writer()
    w.paragraph(_facts(view, plan))
    own_words = view.assessment.own_words if view.assessment else ""
    goals = plan.goals if plan else ()
    if own_words.strip() or goals:
        w.heading(2, "What you want")
        if own_words.strip():
            w.paragraph(f"> {note(own_words)}".replace("\\\n", "\\\n> "))
        w.bullets(inline(goal) for goal in goals if goal.strip())
    if plan is not None and plan.objectives:
        w.heading(2, "Your plan")
        if plan.is_draft:
            w.paragraph("A first draft to talk through together; nothing here is fixed yet.")
        objective_tasks(w, plan, 3)
    w.heading(2, "Next meeting")
    if plan is not None and plan.next_contact is not None:
        contact = plan.next_contact
        w.paragraph(f"{when(contact.at)}, {contact.mode.label.lower()}.")
    else:
        w.paragraph("Your coach will agree the next meeting with you.")
    agreed = [a for a in view.adjustments if a.agreed]
    if agreed:
        w.heading(2, "Changes agreed at work")
        w.tasks(
            (
                a.status == "in_place",
                f"**{inline(a.label)}** · {a.status_label.lower()} · {inline(a.owner_label)}",
                [inline(a.description)] if a.description else [],
            )
            for a in agreed
        )
        # What they agreed the employer may read, so they know what the employer is told.
        told = [(a, words) for a in agreed if (words := employer_words(view, a))]
        if told:
            w.paragraph("What your employer is told, as you agreed:")
            w.bullets(f"**{inline(a.label)}:** {inline(words)}" for a, words in told)
    referrals = [r for r in view.referrals if r.current]
    if referrals:
        w.heading(2, "Services")
        services_section(w, referrals, 3)
    if include_measures:
        w.heading(2, "How you are doing")
        measures_section(w, view.distance, 3)
    crisis_section(w, view, 2)
    return Document(
        title="Your WorkWell plan",
        subtitle=f"{_plain_name(view)} · {view.participant.reference}",
        author=author(view),
        date=uk_date(view.today),
        body=w.text(),
    )


def _plain_name(view: ExportView) -> str:
    person = view.participant
    return f"{person.preferred_name or person.first_name} {person.last_name}"
