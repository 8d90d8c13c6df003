"""One action, one transaction; versions catch stale writes; WW- references never clash."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect
from sqlmodel import Session, SQLModel, select

from workwell_tui.db import participants
from workwell_tui.db.assessments import AssessmentGone
from workwell_tui.db.errors import SchemaError, StaleRecordError, StoreError
from workwell_tui.db.models import ALL_TABLES, AuditEvent, Participant
from workwell_tui.db.schema import ensure_schema
from workwell_tui.db.store import Store
from workwell_tui.db.unit_of_work import check_version, unit_of_work
from workwell_tui.domain.enums import AssessmentKind, Stage
from workwell_tui.domain.records import DraftAssessment, ParticipantRecord
from workwell_tui.errors import WorkwellError

from .test_db import TODAY, file_engine, referral

__all__ = ["file_engine"]  # the fixture, shared with test_db


@pytest.fixture
def migrated(file_engine: Engine) -> Engine:
    """A file database made by the migrations, so writers really use two connections."""
    ensure_schema(file_engine)
    return file_engine


def count(engine: Engine, model: type[SQLModel]) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


# --- the unit of work ------------------------------------------------------------------------


def test_query_functions_do_not_commit(engine: Engine) -> None:
    with Session(engine) as session:
        participants.add_participant(session, referral(), "coach", TODAY)
        session.rollback()  # the caller decides: nothing may have been committed already
    assert count(engine, Participant) == 0
    assert count(engine, AuditEvent) == 0


def test_one_action_is_one_transaction(migrated: Engine) -> None:
    with pytest.raises(RuntimeError), unit_of_work(migrated) as session:
        person = participants.add_participant(session, referral(), "coach", TODAY)
        participants.set_stage(session, person, Stage.CLOSED, "coach", TODAY, reason="Moved")
        raise RuntimeError("the laptop lost power")
    assert count(migrated, Participant) == 0
    assert count(migrated, AuditEvent) == 0


def test_the_unit_of_work_commits_once_on_leaving(migrated: Engine) -> None:
    with unit_of_work(migrated) as session:
        person = participants.add_participant(session, referral(), "coach", TODAY)
        participants.set_stage(session, person, Stage.CLOSED, "coach", TODAY, reason="Moved")
        assert count(migrated, Participant) == 0  # another connection sees nothing yet
    assert count(migrated, Participant) == 1
    assert count(migrated, AuditEvent) == 2


# --- versions --------------------------------------------------------------------------------


def test_every_table_has_a_checked_version() -> None:
    for model in ALL_TABLES:
        mapper = inspect(model)
        assert mapper.version_id_col is not None, model.__name__
        assert mapper.version_id_col.name == "version"


def test_an_update_bumps_the_version(migrated: Engine) -> None:
    with unit_of_work(migrated) as session:
        person = participants.add_participant(session, referral(), "coach", TODAY)
    assert person.version == 1
    with unit_of_work(migrated) as session:
        loaded = session.get(Participant, person.id)
        assert loaded is not None
        participants.set_stage(session, loaded, Stage.CLOSED, "coach", TODAY)
    assert loaded.version == 2


def test_a_stale_write_is_refused_with_a_coach_message(migrated: Engine) -> None:
    with unit_of_work(migrated) as session:
        pid = participants.add_participant(session, referral(), "coach", TODAY).id
    with pytest.raises(StaleRecordError) as caught, unit_of_work(migrated) as mine:
        stale = mine.get(Participant, pid)
        assert stale is not None
        # Meanwhile another window saves the same person.
        with unit_of_work(migrated) as theirs:
            fresh = theirs.get(Participant, pid)
            assert fresh is not None
            participants.set_stage(theirs, fresh, Stage.CLOSED, "coach", TODAY, "Back at work")
        participants.set_stage(mine, stale, Stage.ON_PLAN, "coach", TODAY)
    error = caught.value
    assert isinstance(error, WorkwellError)
    assert "changed elsewhere" in error.message
    for leak in ("UPDATE", "participant.version", "StaleDataError", "row(s)"):
        assert leak not in error.message
    with Session(migrated) as session:
        kept = session.get(Participant, pid)
        assert kept is not None
        assert (kept.stage, kept.stage_reason, kept.version) == ("closed", "Back at work", 2)


def test_check_version_refuses_a_copy_read_earlier() -> None:
    check_version(3, 3)
    check_version(3, None)
    with pytest.raises(StaleRecordError):
        check_version(4, 3)


# --- WW- references --------------------------------------------------------------------------


def test_two_writers_never_share_a_reference(migrated: Engine) -> None:
    """Writer B asks for a reference while writer A holds one and has not stored its person."""
    got: dict[str, str] = {}
    errors: list[BaseException] = []
    a_reserved, b_asking = threading.Event(), threading.Event()

    def writer_a() -> None:
        try:
            with unit_of_work(migrated) as session:
                got["a"] = participants.next_reference(session)
                a_reserved.set()
                assert b_asking.wait(10)
                # Keep the transaction open while B asks: the race window, made wide on purpose.
                time.sleep(0.3)
                session.add(Participant(reference=got["a"], first_name="A", last_name="A",
                                        referral_date=TODAY))  # fmt: skip
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
            a_reserved.set()

    def writer_b() -> None:
        try:
            assert a_reserved.wait(10)
            b_asking.set()
            with unit_of_work(migrated) as session:
                got["b"] = participants.next_reference(session)
                session.add(Participant(reference=got["b"], first_name="B", last_name="B",
                                        referral_date=TODAY))  # fmt: skip
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(got.values()) == ["WW-000001", "WW-000002"]
    assert count(migrated, Participant) == 2


def test_many_referrals_at_once_get_distinct_references(tmp_path: Path, settings: object) -> None:
    url = f"sqlite:///{tmp_path / 'busy.sqlite3'}"
    first = Store(settings, "coach-1", url=url)  # type: ignore[arg-type]
    second = Store(settings, "coach-2", url=url)  # type: ignore[arg-type]
    first.engine, second.engine  # noqa: B018 - two engines: two pools, two connections
    references: list[str] = []
    errors: list[BaseException] = []

    def add(store: Store) -> None:
        try:
            for number in range(10):
                references.append(store.add_referral(referral(last=f"K{number}")).reference)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=add, args=(store,)) for store in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    first.close()
    second.close()
    assert errors == []
    assert sorted(references) == [f"WW-{n:06d}" for n in range(1, 21)]


def test_the_counter_counts_on_from_people_stored_without_it(store: Store) -> None:
    with store.session() as session:
        session.add(Participant(reference="WW-000041", first_name="A", last_name="B",
                                referral_date=TODAY))  # fmt: skip
        session.commit()
    assert store.add_referral(referral()).reference == "WW-000042"
    assert store.add_referral(referral()).reference == "WW-000043"


# --- read models and errors ------------------------------------------------------------------


def test_screens_get_frozen_read_models(store: Store) -> None:
    added = store.add_referral(referral())
    person = store.participant(added.id)
    assert type(added) is ParticipantRecord and type(person) is ParticipantRecord
    assert not isinstance(person, SQLModel)
    assert person.reference == "WW-000001" and person.version == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.stage = "closed"  # type: ignore[misc]
    draft = store.start_assessment(added.id, AssessmentKind.INITIAL)
    assert type(draft) is DraftAssessment
    dict(draft.answers)["employer"] = "changed"  # a screen's copy changes nothing stored
    again = store.assessment_draft(added.id)
    assert type(again) is DraftAssessment
    assert again.id == draft.id and again.answers == draft.answers


def test_participant_record_has_every_column() -> None:
    """A new column must reach the read model, or screens silently cannot show it."""
    columns = set(Participant.__table__.columns.keys())  # type: ignore[attr-defined]
    assert {field.name for field in dataclasses.fields(ParticipantRecord)} == columns


def test_one_error_base_with_a_coach_message() -> None:
    for kind in (StoreError, SchemaError, StaleRecordError, AssessmentGone):
        assert issubclass(kind, WorkwellError)
    error = StoreError("The database is busy.", title="Try again")
    assert (error.message, error.title, str(error)) == (
        "The database is busy.",
        "Try again",
        error.message,
    )
    assert StaleRecordError().title == "Changed elsewhere"
    assert SchemaError("x").title
