"""Unit tests for the field-test points: plurals, settings errors, the command line, demo data."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.cli import main
from workwell_tui.config import Settings, SettingsError, load_settings, resolve_paths
from workwell_tui.db.assessments import discard_untouched, start_assessment
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.models import Participant, Service
from workwell_tui.db.store import Store
from workwell_tui.demo.data import fill_demo
from workwell_tui.domain.enums import AssessmentKind, Stage
from workwell_tui.domain.referral import check_referral
from workwell_tui.domain.words import plural

NOW = clock.now()


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() tightens the process umask; give other tests theirs back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def test_plural_says_one_thing_and_many_things() -> None:
    assert plural(1, "idle minute") == "1 idle minute"
    assert plural(10, "idle minute") == "10 idle minutes"
    assert plural(0, "objective") == "0 objectives"
    assert plural(1, "objective") == "1 objective"
    assert plural(2, "person", "people") == "2 people"


# Settings ------------------------------------------------------------------------------------


def test_a_toml_error_names_the_line_where_the_mistake_is(tmp_path: Path) -> None:
    lines = ["# a comment"] * 40
    lines[25] = "review_weeks = [6, 12"  # line 26: the list is never closed
    lines[31] = "idle_lock_minutes = 10"  # line 32: where the parser gives up
    path = tmp_path / "settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "line 26" in message and "line 32" not in message
    assert "not valid TOML" in message


def test_a_one_line_toml_error_keeps_its_line(tmp_path: Path) -> None:
    lines = ["", "# theme", "plan_length_weeks = 12", "coach_name = Sam Jones", ""]
    path = tmp_path / "settings.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SettingsError, match="line 4"):
        load_settings(path)


# The command line ------------------------------------------------------------------------------


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A database with one participant in Preston, added through a Store."""
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings())
    values: dict[str, str | bool | None] = {
        "first_name": "Aisha",
        "last_name": "Khan",
        "date_of_birth": "02/10/1985",
        "referral_date": "20/11/2026",
        "district": "Preston",
        "referral_source": "gp",
        "work_situation": "off_sick",
        "consent_processing": True,
    }
    result = check_referral(values, clock.today(), Settings().districts)
    assert result.referral is not None, result.errors
    try:
        store.add_referral(result.referral)
    finally:
        store.close()
    return url


def test_an_unknown_district_is_an_error_listing_the_districts(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert main(["caseload", "--database-url", db_url, "--district", "Narnia"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Narnia" in captured.err and "Preston" in captured.err and "Blackpool" in captured.err


def test_a_district_in_any_case_is_found(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    args = ["caseload", "--database-url", db_url, "--format", "json", "--district", "preston"]
    assert main(args) == 0
    assert [row["last_name"] for row in json.loads(capsys.readouterr().out)] == ["Khan"]


def test_a_stage_in_any_case_is_found(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    args = ["caseload", "--database-url", db_url, "--format", "json", "--stage", "Referred"]
    assert main(args) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main([*args[:-1], "On plan"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_unknown_stage_lists_the_stages(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["caseload", "--database-url", db_url, "--stage", "Finished"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "finished" in err and "on_plan" in err and "signposted" in err


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone, as behind `| head -5`."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        raise io.UnsupportedOperation("not a real file")


def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main(["caseload", "--database-url", db_url]) == 141  # as if killed by SIGPIPE
    assert "Traceback" not in capsys.readouterr().err


# Assessment drafts -------------------------------------------------------------------------


def test_only_an_untouched_draft_is_discarded(db_url: str) -> None:
    store = Store.open(resolve_paths(database_url=db_url), Settings())
    try:
        with store.unit_of_work() as session:
            person = session.exec(select(Participant)).one()
            review = start_assessment(session, person.id, AssessmentKind.REVIEW, "c", NOW.date())
        with store.unit_of_work() as session:
            assert discard_untouched(session, review.id, "c")
        assert store.assessment_draft(person.id) is None
        with store.unit_of_work() as session:
            again = start_assessment(session, person.id, AssessmentKind.REVIEW, "c", NOW.date())
        store.save_assessment(again.id, 0, {"confidence": 4})
        assert not store.discard_untouched_draft(again.id)
        assert store.assessment_draft(person.id) is not None
    finally:
        store.close()


# Demo data -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> Session:
    engine = memory_engine()
    fill_demo(engine, 200, today=NOW, settings=Settings())
    return Session(engine)


def test_every_demo_participant_agreed_to_keep_their_details(demo: Session) -> None:
    people = demo.exec(select(Participant)).all()
    referred = [p for p in people if p.stage == Stage.REFERRED.value]
    assert referred  # the stage where some used to lack it
    assert all(p.consent_processing and p.consent_processing_on for p in people)


def test_the_demo_directory_gives_national_services_their_real_numbers(demo: Session) -> None:
    services = demo.exec(select(Service)).all()
    by_name = {service.name: service for service in services}
    assert by_name["Access to Work"].phone == "0800 121 7479"
    assert "gov.uk" in by_name["Access to Work"].website
    for service in services:
        if service.name != "Access to Work":
            assert "Citizens Advice" not in f"{service.name} {service.organisation}"
            assert service.phone.startswith("01632 960")  # Ofcom's numbers for drama
