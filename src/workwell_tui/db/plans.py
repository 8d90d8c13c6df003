"""Changing a plan: suggestions, agree and start, objectives, extension and closure.

Nothing here commits: the Store runs each call in one unit of work. Values arrive checked by
`domain/plan` (the screen shows those messages beside the field); the rules that protect the
record are checked again here, because a stale screen could still ask for something the plan no
longer allows (a closed plan, a target week past a shortened plan). Every change is audited with
record ids and the kind of change, never the words typed. Each command returns the participant's
id, so the Store can hand back the plan as it now is.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date

from sqlmodel import Session, col, select

from workwell_tui import clock
from workwell_tui.db.audit import record_event
from workwell_tui.db.ids import as_uuid
from workwell_tui.db.models import Contact, Objective, Participant, Plan, ProgressNote, utcnow
from workwell_tui.db.participants import set_stage
from workwell_tui.db.unit_of_work import check_version
from workwell_tui.domain.enums import ContactStatus, ObjectiveStatus, PlanStatus, Stage
from workwell_tui.domain.plan.closure import Closure
from workwell_tui.domain.plan.objectives import NEEDS_REASON, ObjectiveDraft
from workwell_tui.domain.plan.vocabulary import SuggestionChoice
from workwell_tui.domain.plan.weeks import MAX_LENGTH_WEEKS, reviews_for_length
from workwell_tui.domain.text import clean_line, clean_note
from workwell_tui.errors import WorkwellError

__all__ = [
    "PlanError",
    "add_objective",
    "add_progress_note",
    "agree_and_start",
    "close_plan",
    "decide_suggestion",
    "edit_objective",
    "extend_plan",
    "get_plan",
    "move_objective",
    "move_target_week",
    "plan_for_participant",
    "set_objective_status",
]


class PlanError(WorkwellError):
    """A plan change that cannot be made; the message is safe to show."""

    default_title = "Plan not changed"


def get_plan(session: Session, plan_id: uuid.UUID | str) -> Plan:
    """One plan by id; PlanError when it is gone."""
    plan = session.get(Plan, as_uuid(plan_id))
    if plan is None:
        raise PlanError("This plan is no longer in the database.")
    return plan


def plan_for_participant(session: Session, participant_id: uuid.UUID | str) -> Plan | None:
    """The participant's plan to show: the newest active or draft one, else the newest closed."""
    plans = session.exec(
        select(Plan)
        .where(Plan.participant_id == as_uuid(participant_id))
        .order_by(col(Plan.created_at).desc())
    ).all()
    for plan in plans:
        if plan.status != PlanStatus.CLOSED.value:
            return plan
    return plans[0] if plans else None


def _editable(session: Session, plan_id: uuid.UUID | str, expected: int | None = None) -> Plan:
    plan = get_plan(session, plan_id)
    if plan.status == PlanStatus.CLOSED.value:
        raise PlanError("This plan is closed: it is kept as it was and cannot be changed.")
    check_version(plan.version, expected)
    return plan


def _objective(session: Session, objective_id: uuid.UUID | str) -> tuple[Objective, Plan]:
    objective = session.get(Objective, as_uuid(objective_id))
    if objective is None:
        raise PlanError("This objective is no longer in the plan.")
    return objective, _editable(session, objective.plan_id)


def _touch(row: Objective | Plan) -> None:
    row.updated_at = utcnow()


def _check_week(week: int, plan: Plan) -> None:
    if not 1 <= week <= plan.length_weeks:
        raise PlanError(f"The plan has {plan.length_weeks} weeks: choose a week from 1 to that.")


def _ordered(session: Session, plan_id: uuid.UUID) -> list[Objective]:
    statement = (
        select(Objective)
        .where(Objective.plan_id == plan_id)
        .order_by(col(Objective.position), col(Objective.created_at))
    )
    return list(session.exec(statement))


def decide_suggestion(
    session: Session,
    objective_id: uuid.UUID | str,
    choice: SuggestionChoice,
    *,
    actor: str,
    today: date,
    reworded: ObjectiveDraft | None = None,
) -> uuid.UUID:
    """Accept, reword (with the checked new wording) or discard one suggested objective."""
    objective, plan = _objective(session, objective_id)
    if objective.accepted_on is not None:
        raise PlanError("This objective was already agreed; edit it instead.")
    if choice is SuggestionChoice.DISCARD:
        # Never agreed, so it was never the participant's: it goes (the audit keeps the event).
        record_event(session, actor, "objective.discard", "objective", objective.id)
        session.delete(objective)
        session.flush()
        return plan.participant_id
    if choice is SuggestionChoice.REWORD:
        if reworded is None:
            raise PlanError("Give the new wording to reword a suggestion.")
        _check_week(reworded.target_week, plan)
        _apply(objective, reworded, today)
    objective.accepted_on = today
    _touch(objective)
    session.add(objective)
    record_event(session, actor, f"objective.{choice.value}", "objective", objective.id)
    session.flush()
    return plan.participant_id


def agree_and_start(
    session: Session,
    plan_id: uuid.UUID | str,
    *,
    start: date,
    length_weeks: int,
    review_weeks: tuple[int, ...],
    actor: str,
    today: date,
) -> uuid.UUID:
    """ "Agree and start": the plan becomes active with week 1 starting on `start`."""
    plan = _editable(session, plan_id)
    if plan.status != PlanStatus.DRAFT.value:
        raise PlanError("This plan was already agreed and started.")
    if not 1 <= length_weeks <= MAX_LENGTH_WEEKS:
        raise PlanError(f"A plan lasts from 1 to {MAX_LENGTH_WEEKS} weeks.")
    objectives = _ordered(session, plan.id)
    if any(objective.accepted_on is None for objective in objectives):
        raise PlanError("Accept, reword or discard every suggested objective first.")
    if not objectives:
        raise PlanError("Agree at least one objective first.")
    if any((o.target_week or 0) > length_weeks for o in objectives):
        raise PlanError(f"An objective's target week is past week {length_weeks}.")
    plan.status = PlanStatus.ACTIVE.value
    plan.start_date, plan.agreed_on = start, today
    plan.length_weeks = length_weeks
    plan.review_weeks = list(reviews_for_length(review_weeks, length_weeks))
    _touch(plan)
    session.add(plan)
    participant = session.get(Participant, plan.participant_id)
    if participant is not None and participant.stage != Stage.ON_PLAN.value:
        set_stage(session, participant, Stage.ON_PLAN, actor, today)
    record_event(session, actor, "plan.agree", "plan", plan.id, f"{length_weeks} weeks")
    session.flush()
    return plan.participant_id


def _apply(objective: Objective, draft: ObjectiveDraft, today: date) -> None:
    if objective.status != draft.status.value:
        objective.status_changed_on = today
    objective.domain = draft.domain.value
    objective.what = clean_line(draft.what).strip()
    objective.steps = clean_note(draft.steps).strip()
    objective.target_week = draft.target_week
    objective.status = draft.status.value
    objective.status_reason = clean_note(draft.reason).strip()


def add_objective(
    session: Session, plan_id: uuid.UUID | str, draft: ObjectiveDraft, *, actor: str, today: date
) -> uuid.UUID:
    """A new objective at the end of the plan, agreed today (the coach typed it with them)."""
    plan = _editable(session, plan_id)
    _check_week(draft.target_week, plan)
    existing = _ordered(session, plan.id)
    objective = Objective(plan_id=plan.id, domain=draft.domain.value, what="", accepted_on=today)
    objective.position = (existing[-1].position + 1) if existing else 0
    _apply(objective, draft, today)
    objective.status_changed_on = None
    session.add(objective)
    record_event(session, actor, "objective.add", "objective", objective.id)
    session.flush()
    return plan.participant_id


def edit_objective(
    session: Session,
    objective_id: uuid.UUID | str,
    draft: ObjectiveDraft,
    *,
    actor: str,
    today: date,
    expected_version: int | None = None,
) -> uuid.UUID:
    """Save an edited objective (its words, steps, week, status and reason)."""
    objective, plan = _objective(session, objective_id)
    check_version(objective.version, expected_version)
    _check_week(draft.target_week, plan)
    _apply(objective, draft, today)
    _touch(objective)
    session.add(objective)
    record_event(session, actor, "objective.edit", "objective", objective.id, draft.status.value)
    session.flush()
    return plan.participant_id


def set_objective_status(
    session: Session,
    objective_id: uuid.UUID | str,
    status: ObjectiveStatus,
    *,
    actor: str,
    today: date,
    reason: str = "",
) -> uuid.UUID:
    """Change only the status (dropped and changed need a reason; dropping keeps the row)."""
    objective, plan = _objective(session, objective_id)
    reason = clean_note(reason).strip()
    if status in NEEDS_REASON and not reason:
        raise PlanError("Say why: a dropped or changed objective keeps its reason.")
    if objective.status != status.value:
        objective.status_changed_on = today
    objective.status = status.value
    objective.status_reason = reason if status in NEEDS_REASON else ""
    _touch(objective)
    session.add(objective)
    record_event(session, actor, "objective.status", "objective", objective.id, status.value)
    session.flush()
    return plan.participant_id


def move_objective(
    session: Session, objective_id: uuid.UUID | str, step: int, *, actor: str, today: date
) -> uuid.UUID:
    """Move an objective `step` places up (negative) or down the plan's order."""
    objective, plan = _objective(session, objective_id)
    ordered = _ordered(session, plan.id)
    index = next(i for i, row in enumerate(ordered) if row.id == objective.id)
    target = max(0, min(len(ordered) - 1, index + step))
    if target != index:
        ordered.insert(target, ordered.pop(index))
        for position, row in enumerate(ordered):
            if row.position != position:
                row.position = position
                session.add(row)
        record_event(session, actor, "objective.reorder", "objective", objective.id)
        session.flush()
    return plan.participant_id


def move_target_week(
    session: Session, objective_id: uuid.UUID | str, week: int, *, actor: str, today: date
) -> uuid.UUID:
    """Set an objective's target week (moved from the grid with ← and →)."""
    objective, plan = _objective(session, objective_id)
    _check_week(week, plan)
    if objective.target_week != week:
        objective.target_week = week
        _touch(objective)
        session.add(objective)
        record_event(session, actor, "objective.target", "objective", objective.id, f"week {week}")
        session.flush()
    return plan.participant_id


def add_progress_note(
    session: Session,
    objective_id: uuid.UUID | str,
    written_on: date,
    note: str,
    *,
    actor: str,
    today: date,
) -> uuid.UUID:
    """A dated progress note on an objective."""
    objective, plan = _objective(session, objective_id)
    text = clean_note(note).strip()
    if not text:
        raise PlanError("Write what happened.")
    if written_on > today:
        raise PlanError("A progress note cannot be dated in the future.")
    row = ProgressNote(objective_id=objective.id, written_on=written_on, note=text)
    session.add(row)
    record_event(session, actor, "objective.note", "objective", objective.id)
    session.flush()
    return plan.participant_id


def extend_plan(
    session: Session,
    plan_id: uuid.UUID | str,
    length_weeks: int,
    reason: str,
    *,
    actor: str,
    today: date,
) -> uuid.UUID:
    """Make the plan longer; the reason is kept and shown (going past the length needs one)."""
    plan = _editable(session, plan_id)
    reason = clean_note(reason).strip()
    if not reason:
        raise PlanError("Going past the planned length needs a reason.")
    if not plan.length_weeks < length_weeks <= MAX_LENGTH_WEEKS:
        raise PlanError(f"Give a length from {plan.length_weeks + 1} to {MAX_LENGTH_WEEKS} weeks.")
    if plan.extended_from_weeks is None:
        plan.extended_from_weeks = plan.length_weeks
    plan.length_weeks = length_weeks
    plan.extension_reason = reason
    plan.extended_on = today
    _touch(plan)
    session.add(plan)
    record_event(session, actor, "plan.extend", "plan", plan.id, f"{length_weeks} weeks")
    session.flush()
    return plan.participant_id


def close_plan(
    session: Session, plan_id: uuid.UUID | str, closure: Closure, *, actor: str, today: date
) -> uuid.UUID:
    """Close the plan with its outcome and summary: read-only from now, the stage closed, and
    bookings still to come cancelled (they would otherwise show as the next contact)."""
    plan = _editable(session, plan_id)
    if not closure.ok or closure.outcome is None or closure.closed_on is None:
        raise PlanError("Choose an outcome and write a closing summary first.")
    plan.status = PlanStatus.CLOSED.value
    plan.closed_on = closure.closed_on
    plan.closure_outcome = closure.outcome.value
    plan.closing_note = clean_note(closure.summary).strip()
    plan.overrun_reason = clean_note(closure.overrun_reason).strip()
    _touch(plan)
    session.add(plan)
    booked = session.exec(
        select(Contact).where(
            Contact.participant_id == plan.participant_id,
            Contact.status == ContactStatus.BOOKED.value,
            col(Contact.at) >= clock.now().astimezone(UTC),
        )
    )
    for contact in booked:
        contact.status = ContactStatus.CANCELLED.value
        session.add(contact)
        record_event(session, actor, "contact.cancel", "contact", contact.id, "plan closed")
    participant = session.get(Participant, plan.participant_id)
    if participant is not None:
        set_stage(session, participant, Stage.CLOSED, actor, today)
    record_event(session, actor, "plan.close", "plan", plan.id, closure.outcome.value)
    session.flush()
    return plan.participant_id
