"""App-test fixtures: a small, hand-made caseload covering every stage and flag."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session

from workwell_tui import clock
from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.models import Assessment, Contact, Participant, Plan
from workwell_tui.db.store import Store
from workwell_tui.services import Services


def _person(
    number: int, first: str, last: str, district: str, stage: str, referred: date, **extra: object
) -> Participant:
    return Participant(
        reference=f"WW-{number:06d}",
        first_name=first,
        last_name=last,
        date_of_birth=date(1985, 3, number),
        district=district,
        stage=stage,
        referral_date=referred,
        referral_source="gp",
        work_situation="off_sick",
        consent_processing=True,
        consent_processing_on=referred,
        stage_changed_on=referred,
        **extra,  # type: ignore[arg-type]
    )


def add_caseload(store: Store) -> dict[str, Participant]:
    """Six people: review due, draft saved, not contacted, on plan, closed, signposted."""
    today = clock.today()
    now = clock.now()
    people = {
        "alex": _person(1, "Alex", "Smith", "Preston", "on_plan", today - timedelta(days=45)),
        "priya": _person(
            2, "Priya", "Smithson", "Blackpool", "assessing", today - timedelta(days=6)
        ),
        "jordan": _person(3, "Jordan", "Psmith", "Preston", "referred", today - timedelta(days=15)),
        "sam": _person(4, "Sam", "Patel", "Burnley", "on_plan", today - timedelta(days=30)),
        "chris": _person(5, "Chris", "Jones", "Lancaster", "closed", today - timedelta(days=120)),
        "mo": _person(
            6,
            "Mo",
            "Ahmed",
            "Blackburn",
            "signposted",
            today - timedelta(days=3),
            stage_reason="Out of work over 6 months",
            signposted_to="Jobcentre Plus work coach",
        ),
    }
    with Session(store.engine) as session:
        session.add_all(people.values())
        session.flush()
        session.add(
            Plan(
                participant_id=people["alex"].id,
                status="active",
                start_date=today - timedelta(weeks=5, days=2),
                length_weeks=12,
                review_weeks=[6, 12],
            )
        )
        session.add(
            Plan(
                participant_id=people["sam"].id,
                status="active",
                start_date=today - timedelta(weeks=2),
                length_weeks=12,
                review_weeks=[6, 12],
            )
        )
        at_three = now.replace(hour=15, minute=0)
        session.add(Contact(participant_id=people["alex"].id, at=at_three, status="booked"))
        session.add(
            Contact(participant_id=people["alex"].id, at=now - timedelta(days=7), status="held")
        )
        session.add(
            Contact(participant_id=people["sam"].id, at=now - timedelta(days=3), status="held")
        )
        session.add(
            Contact(
                participant_id=people["sam"].id,
                at=datetime(2026, 11, 24, 10, 30).astimezone(),
                status="booked",
            )
        )
        session.add(
            Contact(participant_id=people["priya"].id, at=now - timedelta(days=6), status="held")
        )
        session.add(Assessment(participant_id=people["priya"].id, status="draft", step=2))
        session.commit()
        for person in people.values():
            session.refresh(person)
    return people


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A Store on a fresh in-memory database."""
    store = Store(engine=memory_engine(), settings=settings, actor="test-coach")
    yield store
    store.close()


@pytest.fixture
def people(store: Store) -> dict[str, Participant]:
    """The hand-made caseload, stored."""
    return add_caseload(store)


@pytest.fixture
def app(store: Store, settings: Settings, people: dict[str, Participant]) -> WorkwellApp:
    """The app on the hand-made caseload."""
    return WorkwellApp(Services.for_store(store, settings))
