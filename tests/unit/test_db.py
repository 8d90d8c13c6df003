"""The engine, the Store, integrity rules and the caseload query on a real (SQLite) database."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.db import participants
from workwell_tui.db.audit import recent_events
from workwell_tui.db.engine import make_engine, sqlite_file
from workwell_tui.db.models import Assessment, AuditEvent, Contact, Participant, Plan
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import CaseloadFlag, Stage
from workwell_tui.domain.referral import NewReferral, check_referral

TODAY = date(2026, 11, 22)


def referral(first: str = "Aisha", last: str = "Khan", dob: str = "02/10/1985") -> NewReferral:
    values: dict[str, str | bool | None] = {
        "first_name": first,
        "last_name": last,
        "date_of_birth": dob,
        "referral_date": "20/11/2026",
        "district": "Preston",
        "referral_source": "self",
        "work_situation": "struggling",
        "consent_processing": True,
    }
    result = check_referral(values, clock.today(), ("Preston", "Blackpool"), record_under_16=True)
    assert result.referral is not None, result.errors
    return result.referral


@pytest.fixture
def file_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'new' / 'db.sqlite3'}")
    yield engine
    engine.dispose()


# --- engine ------------------------------------------------------------------------------------


def pragmas(connection: object) -> tuple[object, ...]:
    run = connection.exec_driver_sql  # type: ignore[attr-defined]
    return (
        run("PRAGMA journal_mode").scalar(),
        run("PRAGMA synchronous").scalar(),
        run("PRAGMA foreign_keys").scalar(),
        run("PRAGMA busy_timeout").scalar(),
    )


def test_pragmas_on_every_new_connection(file_engine: Engine) -> None:
    with file_engine.connect() as first, file_engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        assert pragmas(first) == ("wal", 2, 1, 5000)
        assert pragmas(second) == ("wal", 2, 1, 5000)


def test_pragmas_after_pool_is_disposed(file_engine: Engine) -> None:
    with file_engine.connect() as connection:
        pragmas(connection)
    file_engine.dispose()
    with file_engine.connect() as connection:
        assert pragmas(connection) == ("wal", 2, 1, 5000)


def test_memory_engine_has_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        _, synchronous, foreign_keys, busy = pragmas(connection)
    assert (synchronous, foreign_keys, busy) == (2, 1, 5000)


def test_private_dir_and_file(tmp_path: Path, file_engine: Engine) -> None:
    old = os.umask(0o022)  # the usual umask: privacy must not depend on the caller's
    try:
        with file_engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            folder = tmp_path / "new"
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            for path in folder.iterdir():  # the database, and its -wal and -shm files
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
            assert (folder / "db.sqlite3-wal").exists()
    finally:
        os.umask(old)


def test_existing_file_made_private(tmp_path: Path) -> None:
    path = tmp_path / "loose.sqlite3"
    path.touch()
    path.chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_sqlite_file_of_urls(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    assert sqlite_file(f"sqlite+pysqlite:///{tmp_path}/a.db?mode=rw") == tmp_path / "a.db"
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None


# --- Store: referrals and the audit log ----------------------------------------------------------


def test_references_count_up(store: Store) -> None:
    first = store.add_referral(referral())
    second = store.add_referral(referral("Bo", "Brown"))
    assert first.reference == "WW-000001"
    assert second.reference == "WW-000002"
    assert first.stage == "referred"
    assert first.consent_processing_on == TODAY
    assert store.participant(first.id) is not None
    assert store.participant(str(second.id)).last_name == "Brown"  # type: ignore[union-attr]


def test_reference_grows_past_six_digits(store: Store) -> None:
    """After WW-999999 comes WW-1000000, then WW-1000001 (not a clash)."""
    with store.session() as session:
        session.add(Participant(reference="WW-999999", first_name="A", last_name="B",
                                referral_date=TODAY))  # fmt: skip
        session.commit()
    assert store.add_referral(referral()).reference == "WW-1000000"
    assert store.add_referral(referral("Bo", "Brown")).reference == "WW-1000001"


def test_add_referral_audited_without_names(store: Store) -> None:
    person = store.add_referral(referral("Zebedee", "Quartermaine"))
    with store.session() as session:
        events = list(session.exec(select(AuditEvent)))
    assert [event.action for event in events] == ["participant.create"]
    event = events[0]
    assert event.record_type == "participant"
    assert event.record_id == str(person.id)
    assert event.actor == "test-coach"
    for value in (event.actor, event.action, event.record_type, event.record_id, event.detail):
        assert "zebedee" not in value.lower()
        assert "quartermaine" not in value.lower()


def test_under_16_signposting_audited(store: Store) -> None:
    person = store.add_referral(referral(dob="01/01/2012"))
    assert person.stage == Stage.SIGNPOSTED.value
    assert person.stage_reason
    with store.session() as session:
        actions = sorted(event.action for event in recent_events(session))
    assert actions == ["participant.create", "participant.signpost"]


def test_set_stage_audited(store: Store) -> None:
    person = store.add_referral(referral())
    with store.unit_of_work() as session:  # set_stage does not commit; the unit of work does
        loaded = participants.get_participant(session, person.id)
        assert loaded is not None
        participants.set_stage(
            session, loaded, Stage.CLOSED, "test-coach", TODAY, reason="Back at work"
        )
    again = store.participant(person.id)
    assert again is not None
    assert again.stage == "closed"
    assert again.stage_reason == "Back at work"
    assert again.stage_changed_on == TODAY
    with store.session() as session:
        events = [e for e in recent_events(session) if e.action == "participant.stage.closed"]
    assert len(events) == 1
    assert events[0].record_id == str(person.id)
    assert "Back at work" not in events[0].detail


def test_find_by_reference_and_count(store: Store) -> None:
    person = store.add_referral(referral())
    with store.session() as session:
        found = participants.find_by_reference(session, " ww-000001 ")
        assert found is not None and found.id == person.id
        assert participants.find_by_reference(session, "WW-000002") is None
        assert participants.count_participants(session) == 1


# --- integrity -----------------------------------------------------------------------------------


def test_foreign_key_enforced(store: Store) -> None:
    with store.session() as session:
        session.add(Contact(participant_id=uuid.uuid4(), at=clock.now()))
        with pytest.raises(IntegrityError):
            session.commit()


def test_deleting_participant_cascades(store: Store) -> None:
    keep = store.add_referral(referral("Bo", "Brown"))
    gone = store.add_referral(referral())
    with store.session() as session:
        for pid in (keep.id, gone.id, gone.id):
            session.add(Contact(participant_id=pid, at=clock.now()))
        session.add(Assessment(participant_id=gone.id))
        session.commit()
    with store.session() as session:
        person = session.get(Participant, gone.id)
        session.delete(person)
        session.commit()
    with store.session() as session:
        contacts = list(session.exec(select(Contact)))
        assert [c.participant_id for c in contacts] == [keep.id]
        assert list(session.exec(select(Assessment))) == []


# --- the caseload query --------------------------------------------------------------------------


def add_person(session: Session, reference: str, stage: Stage = Stage.ON_PLAN) -> Participant:
    person = Participant(
        reference=reference,
        first_name="First" + reference[-1],
        last_name="Last" + reference[-1],
        district="Preston",
        referral_date=TODAY - timedelta(days=40),
        stage=stage.value,
    )
    session.add(person)
    session.flush()
    return person


def add_plan(session: Session, person: Participant, start: date) -> None:
    session.add(
        Plan(
            participant_id=person.id,
            status="active",
            start_date=start,
            length_weeks=12,
            review_weeks=[6, 12],
        )
    )


def test_caseload_week_6_review_due(store: Store) -> None:
    with store.session() as session:
        person = add_person(session, "WW-000001")
        add_plan(session, person, TODAY - timedelta(days=35))
        session.add(Contact(participant_id=person.id, at=clock.now() - timedelta(days=2)))
        session.commit()
    [row] = store.caseload()
    assert row.reference == "WW-000001"
    assert row.stage is Stage.ON_PLAN
    assert row.plan_week == 6
    assert row.stage_text == "Week 6 of 12"
    assert row.flags == (CaseloadFlag.REVIEW_DUE,)
    assert row.days_since_contact == 2


def test_caseload_review_contact_clears_review_due(store: Store) -> None:
    with store.session() as session:
        person = add_person(session, "WW-000001")
        add_plan(session, person, TODAY - timedelta(days=35))
        session.add(
            Contact(participant_id=person.id, at=clock.now() - timedelta(hours=3), purpose="review")
        )
        session.commit()
    [row] = store.caseload()
    assert row.flags == ()
    assert row.days_since_contact == 0


def test_caseload_next_contact_is_future_booked_only(store: Store) -> None:
    now = clock.now()
    with store.session() as session:
        person = add_person(session, "WW-000001", Stage.ASSESSING)
        session.add(Contact(participant_id=person.id, at=now - timedelta(hours=1), status="booked"))
        soon = now + timedelta(days=1, hours=2)
        session.add(Contact(participant_id=person.id, at=soon, status="booked"))
        session.add(Contact(participant_id=person.id, at=now + timedelta(days=3), status="booked"))
        session.add(Contact(participant_id=person.id, at=now + timedelta(hours=1), status="held"))
        other = add_person(session, "WW-000002", Stage.ASSESSING)
        session.add(Contact(participant_id=other.id, at=now - timedelta(days=1), status="booked"))
        session.commit()
    rows = {row.reference: row for row in store.caseload()}
    found = rows["WW-000001"].next_contact
    assert found is not None
    assert found.astimezone() == soon
    assert rows["WW-000002"].next_contact is None


def test_caseload_draft_assessment_flag(store: Store) -> None:
    with store.session() as session:
        drafting = add_person(session, "WW-000001", Stage.ASSESSING)
        session.add(Assessment(participant_id=drafting.id, status="draft"))
        done = add_person(session, "WW-000002", Stage.ASSESSING)
        session.add(Assessment(participant_id=done.id, status="completed"))
        for person in (drafting, done):
            session.add(Contact(participant_id=person.id, at=clock.now() - timedelta(days=1)))
        session.commit()
    rows = {row.reference: row for row in store.caseload()}
    assert rows["WW-000001"].flags == (CaseloadFlag.DRAFT_SAVED,)
    assert rows["WW-000002"].flags == ()
    assert [row.reference for row in store.caseload()] == ["WW-000001", "WW-000002"]


def test_caseload_no_contact_and_inactive_plan(store: Store) -> None:
    with store.session() as session:
        person = add_person(session, "WW-000001")
        session.add(
            Plan(participant_id=person.id, status="draft", start_date=TODAY, length_weeks=12)
        )
        add_person(session, "WW-000002", Stage.CLOSED)
        session.commit()
    rows = {row.reference: row for row in store.caseload()}
    assert rows["WW-000001"].flags == (CaseloadFlag.NO_RECENT_CONTACT,)
    assert rows["WW-000001"].plan_week is None
    assert rows["WW-000001"].days_since_contact == 40
    assert rows["WW-000002"].flags == ()


def test_caseload_summer_booking_stored_in_utc(store: Store) -> None:
    """A contact booked for 09:30 BST (08:30 UTC) is still ahead at 09:00 BST."""
    clock.freeze(datetime(2026, 7, 1, 9, 0))
    booked = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    with store.session() as session:
        person = add_person(session, "WW-000001", Stage.ASSESSING)
        session.add(Contact(participant_id=person.id, at=booked, status="booked"))
        session.commit()
    [row] = store.caseload()
    assert row.next_contact is not None, "a booked contact 30 minutes ahead was dropped"
    assert row.next_contact.astimezone(UTC) == booked
