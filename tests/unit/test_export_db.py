"""The export read model from the database, writing and auditing through the Store, and
`workwell export` from the command line."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from workwell_tui import clock
from workwell_tui.cli import main
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.models import Adjustment, Participant, Referral
from workwell_tui.db.store import Store
from workwell_tui.demo.data import fill_demo
from workwell_tui.domain.export import Audience
from workwell_tui.domain.referral import check_referral
from workwell_tui.export import render
from workwell_tui.export_files import write_export


def _on_plan_with_referrals(engine: Engine) -> uuid.UUID:
    with Session(engine) as session:
        rows = session.exec(
            select(Participant.id)
            .join(Referral, Referral.participant_id == Participant.id)  # type: ignore[arg-type]
            .join(Adjustment, Adjustment.participant_id == Participant.id)  # type: ignore[arg-type]
            .where(Participant.stage == "on_plan")
        ).first()
    assert rows is not None
    return rows


@pytest.fixture
def demo_store(engine: Engine, settings: Settings) -> Store:
    fill_demo(engine, 30, today=clock.now(), settings=settings, seed=7)
    return Store(engine=engine, settings=settings, actor="test-coach")


def test_export_view_reads_the_whole_record(demo_store: Store, engine: Engine) -> None:
    pid = _on_plan_with_referrals(engine)
    view = demo_store.export_view(pid)
    assert view is not None
    assert view.participant.id == pid and view.plan is not None
    assert view.assessment is not None and view.assessment.sections
    assert view.measures and view.distance
    assert all(line.label and line.label[0].isupper() for line in view.adjustments)
    assert view.referrals and any(line.phone for line in view.referrals)
    assert view.today == clock.today()


def test_unknown_adjustment_key_is_shown_not_lost(demo_store: Store, engine: Engine) -> None:
    pid = _on_plan_with_referrals(engine)
    with demo_store.unit_of_work() as session:
        session.add(Adjustment(participant_id=pid, catalogue_key="standing_desk", status="agreed"))
    view = demo_store.export_view(pid)
    assert view is not None
    assert "Standing desk" in {line.label for line in view.adjustments}


def test_writing_an_export_is_audited_without_content(
    demo_store: Store, engine: Engine, tmp_path: Path
) -> None:
    pid = _on_plan_with_referrals(engine)
    view = demo_store.export_view(pid)
    assert view is not None
    document = render(view, Audience.RECORD)
    written = write_export(demo_store, view, Audience.RECORD, document)
    assert written.markdown.parent == tmp_path / "exports"
    assert written.markdown.name == f"{view.participant.reference}-record-2026-11-22.md"
    assert written.markdown.read_text(encoding="utf-8") == document.markdown
    after = demo_store.export_view(pid)
    assert after is not None
    exports = [line for line in after.audit if line.action == "participant.export"]
    assert [(e.actor, e.record_type, e.detail) for e in exports] == [
        ("test-coach", "participant", "record, markdown")
    ]
    # The audit log of the next export lists this one.
    assert "participant.export" in render(after, Audience.RECORD).markdown


def test_export_view_of_nobody_is_none(store: Store) -> None:
    assert store.export_view(uuid.uuid4()) is None
    assert store.export_view_by_reference("WW-999999") is None


# The command line --------------------------------------------------------------------------


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A database file with one participant who agreed to GP sharing only."""
    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings())
    values: dict[str, str | bool | None] = {
        "first_name": "Aisha",
        "last_name": "Khan [b]*x*",
        "date_of_birth": "02/10/1985",
        "referral_date": "20/11/2026",
        "district": "Preston",
        "referral_source": "gp",
        "work_situation": "off_sick",
        "consent_processing": True,
    }
    result = check_referral(values, clock.today(), Settings().districts)
    assert result.referral is not None, result.errors
    added = store.add_referral(result.referral)
    with store.unit_of_work() as session:
        person = session.get(Participant, added.id)
        assert person is not None
        person.consent_share_gp = True
    store.close()
    return url


def test_cli_writes_and_prints_the_path(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["export", "WW-000001", "--audience", "gp", "--database-url", db_url]) == 0
    out = capsys.readouterr().out.strip()
    assert out == str(tmp_path / "exports" / "WW-000001-gp-2026-11-22.md")
    assert "Khan \\[b\\]\\*x\\*" in Path(out).read_text(encoding="utf-8")


def test_cli_refusal_is_non_zero_with_the_reason(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = main(["export", "WW-000001", "--audience", "employer", "--database-url", db_url])
    captured = capsys.readouterr()
    assert status == 3 and captured.out == ""
    assert "Aisha has not agreed that WorkWell contacts their employer" in captured.err
    assert not (tmp_path / "exports").exists()


def test_cli_unknown_reference(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "WW-0", "--audience", "record", "--database-url", db_url]) == 2
    assert "no participant with reference 'WW-0'" in capsys.readouterr().err


def test_cli_output_never_overwrites(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "mine.md"
    taken.write_text("keep me")
    args = ["export", "WW-000001", "--audience", "record", "--database-url", db_url]
    assert main([*args, "--output", str(taken)]) == 1
    assert "already exists; nothing was overwritten" in capsys.readouterr().err
    assert taken.read_text() == "keep me"
    assert main([*args, "--output", str(tmp_path / "new.md")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "new.md")
    assert main([*args, "--output", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip().endswith("WW-000001-record-2026-11-22.md")


def test_cli_pdf_without_pandoc_still_writes_markdown(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(shutil, "which", lambda _name: None)
    args = ["export", "WW-000001", "--audience", "participant", "--pdf", "--database-url", db_url]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out.strip().endswith(".md") and Path(captured.out.strip()).exists()
    assert "PDF needs pandoc" in captured.err


def test_safeguarding_without_a_plan_is_in_the_record(store: Store) -> None:
    from workwell_tui.db.models import SafeguardingRecord

    values: dict[str, str | bool | None] = {
        "first_name": "Bo",
        "last_name": "Brown",
        "date_of_birth": "02/10/1985",
        "referral_date": "20/11/2026",
        "district": "Preston",
        "referral_source": "self",
        "work_situation": "off_sick",
        "consent_processing": True,
    }
    result = check_referral(values, clock.today(), Settings().districts)
    assert result.referral is not None
    person = store.add_referral(result.referral)
    with store.unit_of_work() as session:
        session.add(
            SafeguardingRecord(
                participant_id=person.id, raised_on=clock.today(), action_taken="Rang 111 with Bo"
            )
        )
    view = store.export_view(person.id)
    assert view is not None and view.plan is None
    assert "Rang 111 with Bo" in render(view, Audience.RECORD).markdown
