"""`workwell plan REF`: one participant's plan as Markdown or JSON, for scripts and hand-overs.

Every piece of stored text goes through `clean_line`/`clean_note` (no control codes reach the
terminal or the file), and in Markdown it is escaped too, so a name like "[x](y)" or "**b**"
shows as typed rather than as a link or bold text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TextIO

from workwell_tui.cli.common import quiet_on_closed_pipe, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.plan.views import ContactView, PlanView
from workwell_tui.domain.text import clean_line, clean_note

# Characters Markdown (CommonMark and pandoc) reads as formatting or HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!$])")

__all__ = ["plan_markdown", "plan_record", "print_plan"]


def md(value: str) -> str:
    """One line of stored text, cleaned and escaped for Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean_line(value).strip())


def _when(contact: ContactView) -> str:
    return contact.at.astimezone().isoformat(timespec="minutes")


def plan_record(view: PlanView) -> dict[str, object]:
    """The plan as plain values (the JSON output)."""
    return {
        "reference": clean_line(view.reference),
        "first_name": clean_line(view.first_name),
        "last_name": clean_line(view.last_name),
        "status": view.status.value,
        "start_date": view.start_date.isoformat() if view.start_date else None,
        "agreed_on": view.agreed_on.isoformat() if view.agreed_on else None,
        "length_weeks": view.length_weeks,
        "current_week": view.current_week,
        "review_weeks": list(view.review_weeks),
        "review_due_week": view.review_due_week,
        "extension_reason": clean_note(view.extension_reason),
        "objectives": [
            {
                "domain": objective.domain.value,
                "what": clean_line(objective.what),
                "steps": clean_note(objective.steps),
                "target_week": objective.target_week,
                "status": objective.status.value,
                "reason": clean_note(objective.status_reason),
                "suggested": objective.suggested,
            }
            for objective in view.objectives
        ],
        "contacts": [
            {
                "at": _when(contact),
                "status": contact.status.value,
                "mode": contact.mode.value,
                "purpose": contact.purpose.value,
                "duration_minutes": contact.duration_minutes,
                "week": contact.week,
            }
            for contact in view.contacts
        ],
        "next_contact": _when(view.next_contact) if view.next_contact else None,
        "reviews": [
            {
                "week": review.week,
                "held_on": review.held_on.isoformat(),
                "what_changed": clean_note(review.what_changed),
                "measures": [
                    {"instrument": point.instrument.value, "total": point.total}
                    for point in review.measures
                ],
            }
            for review in view.reviews
        ],
        "distance_travelled": [change.text for change in view.distance],
        "closed_on": view.closed_on.isoformat() if view.closed_on else None,
        "closure_outcome": view.closure_outcome.value if view.closure_outcome else None,
        "safeguarding_follow_up_needed": bool(view.open_safeguarding),
    }


def plan_markdown(view: PlanView) -> str:
    """The plan as Markdown: heading, objectives by need, contacts, reviews, distance travelled."""
    lines = [
        f"# WorkWell plan: {md(view.first_name)} {md(view.last_name)} ({md(view.reference)})",
        "",
        f"- Status: {view.week_text}",
        f"- Started: {uk_date(view.start_date)} · {view.length_weeks} weeks"
        f" · reviews in weeks {', '.join(map(str, view.review_weeks)) or '—'}",
    ]
    if view.review_due_week is not None:
        lines.append(f"- Review due (week {view.review_due_week})")
    if view.extension_reason:
        lines.append(f"- Extended: {md(view.extension_reason)}")
    if view.closure_outcome is not None:
        lines.append(f"- Outcome: {view.closure_outcome.label} · {md(view.closing_summary)}")
    if view.open_safeguarding:
        lines.append("- Safeguarding: follow-up needed")
    for domain, objectives in view.objectives_by_domain().items():
        lines += ["", f"## {domain.label}", ""]
        for objective in objectives:
            done = "x" if objective.status.value == "achieved" else " "
            week = f"week {objective.target_week}" if objective.target_week else "no week"
            marker = " (suggested)" if objective.suggested else ""
            lines.append(
                f"- [{done}] {md(objective.what)} · {week} · {objective.status.label}{marker}"
            )
            if objective.steps:
                lines.append(f"  - Steps: {md(objective.steps)}")
            if objective.status_reason:
                lines.append(f"  - Why: {md(objective.status_reason)}")
    if view.contacts:
        lines += ["", "## Contacts", ""]
        for contact in view.contacts:
            minutes = f" · {contact.duration_minutes} min" if contact.duration_minutes else ""
            lines.append(
                f"- {contact.at.astimezone():%d/%m/%Y %H:%M} · {contact.status.label}"
                f" · {contact.mode.label} · {contact.purpose.label}{minutes}"
            )
    if view.reviews:
        lines += ["", "## Reviews", ""]
        for review in view.reviews:
            lines.append(
                f"- Week {review.week}, {uk_date(review.held_on)}: {md(review.what_changed)}"
            )
    if view.distance:
        lines += ["", "## Distance travelled", ""]
        lines += [f"- {change.text}" for change in view.distance]
    return "\n".join(lines) + "\n"


def print_plan(store: Store, reference: str, output_format: str, out: TextIO, err: TextIO) -> int:
    """Print one participant's plan; 2 for an unknown reference, 1 when they have no plan."""
    shown = clean_line(reference).strip()[:40]
    if store.participant_by_reference(reference) is None:
        err.write(f"workwell: no participant with reference {shown!r}\n")
        return 2
    view = store.plan_view_by_reference(reference)
    if view is None:
        err.write(f"workwell: {shown} has no plan yet (a plan is made by the assessment)\n")
        return 1
    # Printing a plan is opening it: audited (ids only) before a line of it is written.
    store.record_view(Viewed.PLAN, view.id, "command line")
    if output_format == "json":
        json.dump(plan_record(view), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(plan_markdown(view))
    return 0


def plan(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The `plan` subcommand: one participant's plan, for scripts."""
    return quiet_on_closed_pipe(
        lambda: with_store(
            paths,
            settings,
            lambda store: print_plan(store, args.reference, args.format, sys.stdout, sys.stderr),
        )
    )
