"""What the plan screen says around its grid: the title, the banner (draft, closed, extended),
the highlighted objective's steps and notes, and the legend with the measures line at the foot."""

from __future__ import annotations

from rich.text import Text

from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.plan.grid import CONTACT, NOW, TARGET
from workwell_tui.domain.plan.views import ObjectiveView, PlanView
from workwell_tui.domain.words import plural
from workwell_tui.widgets.plan_marks import measure_name
from workwell_tui.widgets.user_text import joined, user_text
from workwell_tui.widgets.week_grid import REVIEW

# Notes shown under the grid for the highlighted objective; the rest are in the record.
SHOWN_NOTES = 2


def title(view: PlanView) -> Text:
    """ "Plan · their name · started 2 Nov 2026" (the start date once agreed)."""
    # The start date gives way before the name when the line is short.
    started = f"started {uk_date(view.start_date)}" if view.agreed_on else ""
    return joined("Plan", view.name, started)


def banner(view: PlanView) -> Text:
    """One line on where the plan stands when that needs saying, else empty."""
    if view.is_draft:
        pending = len(view.pending_suggestions)
        if pending:
            return Text(
                f"Draft: {plural(pending, 'suggestion')} to decide with them "
                "(y accept, w reword, d discard), then g agree and start."
            )
        return Text("Draft: every suggestion decided. Press g to agree and start.")
    if view.read_only:
        outcome = view.closure_outcome.label if view.closure_outcome else "closed"
        return Text(f"Closed {uk_date(view.closed_on)}: {outcome}. Kept as it was (read only).")
    if view.extended_from_weeks:
        return Text.assemble(
            f"Extended from {view.extended_from_weeks} weeks: ",
            user_text(view.extension_reason),
        )
    return Text("")


def detail(objective: ObjectiveView | None) -> Text:
    """The highlighted objective's steps, reason and latest notes, for the line under the grid."""
    if objective is None:
        return Text("")
    text = Text()
    text.append("Steps: ", style="bold")
    text.append_text(user_text(objective.steps, empty="none written"))
    if objective.status_reason:
        text.append(f"\n{objective.status.label}: ", style="bold")
        text.append_text(user_text(objective.status_reason))
    for note in objective.notes[-SHOWN_NOTES:]:
        text.append(f"\n{uk_date(note.written_on)}: ", style="bold")
        text.append_text(user_text(note.note))
    return text


def foot(view: PlanView) -> Text:
    """The legend, then each measure baseline → latest ("PHQ-9 14 → 9")."""
    text = Text(f"{CONTACT} contact  {TARGET} target  {REVIEW} review  {NOW} now", style="dim")
    for change in view.distance:
        text.append("   ")
        reading = f" → {change.latest.total}" if change.reviews else ""
        name = measure_name(change.instrument, change.title)
        text.append(f"{name} {change.baseline.total}{reading}")
    return text


def facts(view: PlanView) -> list[tuple[str, str, str]]:
    """The title bar's facts: (name, text, kind)."""
    due = "review due" if view.review_due_week is not None and not view.read_only else ""
    marked = "⚑ safeguarding" if view.open_safeguarding else ""
    return [
        ("week", view.week_text, "fact"),
        ("review", due, "alert"),
        ("safeguarding", marked, "alert"),
    ]
