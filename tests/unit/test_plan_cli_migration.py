"""`workwell plan REF` in both formats (hostile names included) and the 0003 -> 0004 upgrade."""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.hostile_strings import FORBIDDEN, HOSTILE
from workwell_tui import clock
from workwell_tui.cli import main
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.engine import make_engine
from workwell_tui.db.schema import HEAD_REVISION, ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.demo.data import fill_demo
from workwell_tui.domain.text import clean_line


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    """A database file with the 40-person demo caseload."""
    url = f"sqlite:///{tmp_path / 'plans.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings())
    try:
        fill_demo(store.engine, 40, today=clock.now(), settings=Settings())
    finally:
        store.close()
    return url


def on_plan_reference(url: str) -> str:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT p.reference FROM participant p JOIN plan pl ON pl.participant_id = p.id "
                "JOIN planreview r ON r.plan_id = pl.id WHERE pl.status = 'active' "
                "ORDER BY p.reference LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    return str(found)


def test_json_has_the_plan_for_scripts(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    reference = on_plan_reference(demo_url)
    assert main(["--database-url", demo_url, "plan", reference, "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["reference"] == reference and record["length_weeks"] == 12
    assert 1 <= record["current_week"] <= 12 and record["start_date"]
    assert record["objectives"] and {"domain", "what", "target_week", "status"} <= set(
        record["objectives"][0]
    )
    assert record["contacts"] and record["reviews"] and "measures" in record["reviews"][0]


def test_markdown_and_unknown_reference(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    reference = on_plan_reference(demo_url)
    assert main(["--database-url", demo_url, "plan", reference]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# WorkWell plan: ") and "## Work" in out and "## Reviews" in out
    assert main(["--database-url", demo_url, "plan", "WW-999999"]) == 2
    assert "no participant" in capsys.readouterr().err


def test_hostile_names_print_as_text(capsys: pytest.CaptureFixture[str], demo_url: str) -> None:
    reference = on_plan_reference(demo_url)
    engine = make_engine(demo_url)
    for value in HOSTILE[:-1]:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE participant SET first_name = :v, last_name = :v WHERE reference = :r"),
                {"v": value, "r": reference},
            )
            connection.execute(
                text(
                    "UPDATE objective SET what = :v WHERE plan_id IN (SELECT pl.id FROM plan pl "
                    "JOIN participant p ON p.id = pl.participant_id WHERE p.reference = :r)"
                ),
                {"v": value, "r": reference},
            )
        assert main(["--database-url", demo_url, "plan", reference, "--format", "json"]) == 0
        record = json.loads(capsys.readouterr().out)
        assert record["first_name"] == clean_line(value)
        assert record["objectives"][0]["what"] == clean_line(value)
        assert main(["--database-url", demo_url, "plan", reference]) == 0
        out = capsys.readouterr().out
        assert not any(code in out for code in FORBIDDEN), value
        # Every bracket is escaped (\[bold\]) except the objective's own check box.
        assert not re.search(r"(?<!\\)\[(?! \]|x\])", out), value
    engine.dispose()


def test_0003_upgraded_with_plans_and_risks_kept(tmp_path: Path) -> None:
    engine: Engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0003")
    pid, aid, active, draft = (uuid.uuid4().hex for _ in range(4))
    stamp = "2026-10-01 09:00:00.000000"
    with engine.begin() as connection:
        run = connection.execute
        run(
            text(
                "INSERT INTO participant (id, created_at, updated_at, reference, first_name, "
                "last_name, preferred_name, email, phone, address, postcode, district, "
                "referral_source, referral_date, work_situation, employer_name, "
                "consent_processing, consent_share_gp, consent_contact_employer, "
                "consent_share_health_with_employer, stage, stage_reason, signposted_to, notes) "
                "VALUES (:id, :t, :t, 'WW-000007', 'Aisha', 'Khan', '', '', '', '', '', "
                "'Preston', 'gp', '2026-09-30', 'off_sick', '', 1, 0, 0, 0, 'on_plan', '', '', '')"
            ),
            {"id": pid, "t": stamp},
        )
        run(
            text(
                "INSERT INTO assessment (id, created_at, updated_at, participant_id, kind, "
                "status, step, answers, started_at, saved_at, completed_at) VALUES (:id, :t, :t, "
                ":pid, 'initial', 'completed', 9, :a, :t, :t, :t)"
            ),
            {
                "id": aid,
                "t": stamp,
                "pid": pid,
                "a": json.dumps({"phq9.9": 1, "phq9.risk_action": "Crisis contacts shared"}),
            },
        )
        for plan_id, status in ((active, "active"), (draft, "draft")):
            run(
                text(
                    "INSERT INTO plan (id, created_at, updated_at, participant_id, status, "
                    "start_date, length_weeks, review_weeks, goals, closing_note) VALUES "
                    "(:id, :t, :t, :pid, :s, '2026-10-02', 12, '[6, 12]', '[]', '')"
                ),
                {"id": plan_id, "t": stamp, "pid": pid, "s": status},
            )
            run(
                text(
                    "INSERT INTO objective (id, created_at, updated_at, plan_id, domain, what, "
                    "steps, target_week, status, progress_notes, position) VALUES (:id, :t, :t, "
                    ":plan, 'work', 'Phased return', '', 8, 'agreed', '', 0)"
                ),
                {"id": uuid.uuid4().hex, "t": stamp, "plan": plan_id},
            )
        run(
            text(
                "INSERT INTO contact (id, created_at, updated_at, participant_id, at, mode, "
                "status, purpose, notes) VALUES (:id, :t, :t, :pid, :t, 'phone', 'held', "
                "'check_in', 'first call')"
            ),
            {"id": uuid.uuid4().hex, "t": stamp, "pid": pid},
        )

    assert ensure_schema(engine) == "upgraded from 0003"

    with engine.connect() as connection:
        run = connection.execute
        assert run(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        plans: dict[str, str | None] = dict(
            run(text("SELECT status, agreed_on FROM plan")).tuples().all()
        )
        assert plans == {"active": "2026-10-02", "draft": None}
        accepted = run(
            text("SELECT p.status, o.accepted_on FROM objective o JOIN plan p ON p.id = o.plan_id")
        ).all()
        assert dict(accepted) == {"active": "2026-10-02", "draft": None}
        assert run(text("SELECT notes, objectives_discussed FROM contact")).all() == [
            ("first call", "[]")
        ]
        records = run(text("SELECT status, action_taken, raised_on FROM safeguardingrecord")).all()
        assert records == [("open", "Crisis contacts shared", "2026-10-01")]
    store = Store(Settings(), "coach", engine=engine)
    view = store.plan_view(uuid.UUID(pid))
    assert view is not None and view.status.value == "active" and view.open_safeguarding
    assert view.objectives[0].what == "Phased return" and not view.objectives[0].suggested
    engine.dispose()
