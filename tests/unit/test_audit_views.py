"""Views are audited by record id only; the full-record export folds a day's openings into one
line; `workwell audit list` shows them; a busy database is a coach's message, not a traceback."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session

from workwell_tui.cli import main
from workwell_tui.cli.plan import print_plan
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.errors import StoreError
from workwell_tui.db.models import Plan
from workwell_tui.db.schema import ensure_schema
from workwell_tui.db.store import Store
from workwell_tui.domain.audit import AuditEntry, Viewed, fold_views, is_view

from .test_db import referral

NAME = "Quillfeather"  # appears nowhere in an audit line


def entry(action: str, at: datetime, actor: str = "coach", record_id: str = "p1") -> AuditEntry:
    return AuditEntry(None, at, actor, action, "participant", record_id, "")


def test_each_view_kind_names_its_record_type() -> None:
    assert Viewed.PLAN.record_type == "plan"
    assert Viewed.ASSESSMENT.record_type == "assessment"
    others = {kind.record_type for kind in Viewed if kind not in (Viewed.PLAN, Viewed.ASSESSMENT)}
    assert others == {"participant"}
    assert all(is_view(kind.value) for kind in Viewed)
    assert not is_view("participant.export") and not is_view("participant.edit")


def test_fold_views_counts_a_days_openings_of_one_screen_as_one_line() -> None:
    morning = datetime(2026, 11, 22, 9, tzinfo=UTC)
    entries = [
        entry("participant.view", morning),
        entry("participant.edit", morning.replace(hour=10)),
        entry("participant.view", morning.replace(hour=11)),
        entry("plan.view", morning.replace(hour=11)),
        entry("participant.view", morning.replace(hour=12)),
        entry("participant.view", morning.replace(hour=12), actor="another coach"),
        entry("participant.view", morning.replace(day=23)),
    ]
    folded = fold_views(entries)
    assert [(e.action, e.actor, e.at.day, e.at.hour, e.detail) for e in folded] == [
        ("participant.view", "coach", 22, 9, "3 times"),
        ("participant.edit", "coach", 22, 10, ""),
        ("plan.view", "coach", 22, 11, ""),
        ("participant.view", "another coach", 22, 12, ""),
        ("participant.view", "coach", 23, 9, ""),
    ]


def test_record_view_writes_ids_only_and_keeps_the_chain(tmp_path: Path) -> None:
    store = Store.open(resolve_paths(data_dir=str(tmp_path)), Settings())
    try:
        person = store.add_referral(referral(last=NAME))
        store.record_view(Viewed.PARTICIPANT, person.id)
        store.record_view(Viewed.EXPORT_PREVIEW, str(person.id))
        newest, before = store.audit_entries(2)
        assert (newest.action, newest.record_type, newest.record_id) == (
            "export.preview",
            "participant",
            str(person.id),
        )
        assert before.action == "participant.view" and before.detail == ""
        assert newest.seq == before.seq + 1 if before.seq is not None else False
        assert store.verify_audit() is None
        assert NAME not in repr(store.audit_entries(100))
    finally:
        store.close()


def test_the_full_record_export_folds_views(store: Store) -> None:
    person = store.add_referral(referral(last=NAME))
    for _ in range(4):
        store.record_view(Viewed.PARTICIPANT, person.id)
    store.record_export(person.id, "record", pdf=False)
    view = store.export_view(person.id)
    assert view is not None
    lines = [(line.action, line.detail) for line in view.audit]
    assert lines == [
        ("participant.create", ""),
        ("participant.view", "4 times"),
        ("participant.export", "record, markdown"),
    ]


def test_printing_a_plan_on_the_command_line_is_a_view(store: Store) -> None:
    person = store.add_referral(referral(last=NAME))
    with Session(store.engine) as session:
        plan = Plan(participant_id=person.id, status="active", start_date=date(2026, 11, 2),
                    length_weeks=12, review_weeks=[6, 12])  # fmt: skip
        session.add(plan)
        session.commit()
        plan_id = str(plan.id)
    out, err = io.StringIO(), io.StringIO()
    assert print_plan(store, person.reference, "markdown", out, err) == 0
    [newest] = store.audit_entries(1)
    assert (newest.action, newest.record_type, newest.record_id, newest.detail) == (
        "plan.view",
        "plan",
        plan_id,
        "command line",
    )
    # An unknown reference shows nothing, so nothing is audited.
    assert print_plan(store, "WW-999999", "markdown", out, err) == 2
    assert store.audit_entries(1) == [newest]


def test_audit_list_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(resolve_paths(data_dir=str(tmp_path)), Settings())
    person = store.add_referral(referral(last=NAME))
    store.record_view(Viewed.ADJUSTMENTS, person.id)
    store.close()
    assert main(["audit", "list", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "adjustments.view" in lines[0] and str(person.id) in lines[0]
    assert "participant.create" in lines[1]
    assert NAME not in "\n".join(lines)
    assert re.match(r" +2  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  ", lines[0])  # number, local time
    assert main(["audit", "list", "--limit", "1", "--data-dir", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_audit_list_of_an_empty_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(resolve_paths(data_dir=str(tmp_path)), Settings()).close()
    assert main(["audit", "list", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "The audit log is empty.\n"


def test_a_busy_file_is_a_store_error_not_a_driver_traceback(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    # The app waits 5 s for a lock; this engine gives up at once, so the test does not wait.
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.01})
    ensure_schema(engine)
    store = Store(Settings(), "test-coach", engine=engine)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError, match="busy") as refused:
            store.add_referral(referral(last=NAME))
        assert "INSERT" not in refused.value.message and NAME not in refused.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.add_referral(referral(last=NAME))  # and once the lock is gone, it saves
    assert store.verify_audit() is None
    store.close()
