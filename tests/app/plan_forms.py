"""Helpers for the plan forms' Pilot tests: records to work on, opening a form, typing."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import TypeVar

from sqlmodel import Session, select
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from workwell_tui import clock
from workwell_tui.db.models import MeasureResult, Objective, Participant, Plan, SafeguardingRecord
from workwell_tui.db.store import Store
from workwell_tui.screens.record_form import RecordFormScreen
from workwell_tui.widgets.form_field import FormField

from .helpers import settled, wait_for_caseload, wait_for_focus, wait_for_screen, wait_until

FormType = TypeVar("FormType", bound=RecordFormScreen)


async def open_form(pilot: Pilot[None], message: Message, kind: type[FormType]) -> FormType:
    """Post a navigation message; wait until its form has read the record."""
    await wait_for_caseload(pilot)
    pilot.app.post_message(message)
    screen = await wait_for_screen(pilot, kind, lambda shown: shown.person is not None)
    if screen.can_save:  # no draft to offer, and the cursor in the first field (keys go there)
        await wait_until(pilot, lambda: ready_to_type(pilot, screen), "the form ready")
    await settled(pilot)
    return screen


def ready_to_type(pilot: Pilot[None], screen: RecordFormScreen) -> bool:
    """The form has looked for a draft (none) and put the cursor in one of its fields."""
    focused = pilot.app.focused
    return screen.keeper.ready and focused is not None and focused.screen is screen


async def type_in(pilot: Pilot[None], screen: RecordFormScreen, field: str, text: str) -> None:
    """Focus a field, clear it, and type into it as a coach would."""
    control = screen.query_one(f"#{field}")
    control.focus()
    await wait_for_focus(pilot, control)
    if isinstance(control, Input):
        control.value = ""
    elif isinstance(control, TextArea):
        control.text = ""
    if text:
        await pilot.press(*text)
    await pilot.pause()


def message(screen: RecordFormScreen, field: str) -> str:
    """The error beside a field ('' when it has none)."""
    widget = screen.query_one(f"#field-{field}", FormField)
    return widget.message if widget.invalid else ""


def add_objectives(store: Store, participant: Participant) -> list[str]:
    """Two agreed objectives on the participant's active plan."""
    with Session(store.engine) as session:
        plan = session.exec(select(Plan).where(Plan.participant_id == participant.id)).one()
        plan.agreed_on = plan.start_date
        objectives = [
            Objective(
                plan_id=plan.id, domain="work", what="Phased return", target_week=8,
                position=0, accepted_on=plan.start_date,
            ),
            Objective(
                plan_id=plan.id, domain="psychological", what="Talking therapies",
                target_week=4, position=1, accepted_on=plan.start_date,
            ),
        ]  # fmt: skip
        session.add(plan)
        session.add_all(objectives)
        session.commit()
        return [str(o.id) for o in objectives]


def add_measures(store: Store, participant: Participant, review_phq9: int | None = 8) -> None:
    """PHQ-9 14 and GAD-7 12 at baseline (five weeks ago); PHQ-9 again at a review today."""
    baseline = (clock.now() - timedelta(weeks=5, days=2)).astimezone(UTC)
    with Session(store.engine) as session:
        for instrument, total in (("phq9", 14), ("gad7", 12)):
            session.add(
                MeasureResult(
                    participant_id=participant.id, instrument=instrument, total=total,
                    taken_at=baseline, timepoint="baseline",
                )
            )  # fmt: skip
        if review_phq9 is not None:
            session.add(
                MeasureResult(
                    participant_id=participant.id, instrument="phq9", total=review_phq9,
                    taken_at=clock.now().astimezone(UTC), timepoint="review", review_week=6,
                )
            )  # fmt: skip
        session.commit()


def add_risk(store: Store, participant: Participant) -> None:
    """An open safeguarding record raised three days ago."""
    with Session(store.engine) as session:
        session.add(
            SafeguardingRecord(
                participant_id=participant.id,
                raised_on=clock.today() - timedelta(days=3),
                action_taken="Crisis contacts shared; GP told the same day",
            )
        )
        session.commit()
