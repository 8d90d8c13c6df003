"""An encrypted database survives being killed mid-save, again and again.

A child process opens the SQLCipher file with WORKWELL_PASSPHRASE and saves as the screens do,
without pause: the assessment draft's autosave (with the version it holds) and a progress note
on a plan objective, in turn, saying SAVED after each save returns. It is killed (SIGKILL: no
unwinding, no close, no checkpoint) at a random moment while it saves, and started again, several
times. Then the file, opened with the passphrase, passes integrity_check, its audit chain holds,
and every save that was confirmed is there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from workwell_tui.cli import main
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.backends.sqlcipher import SqlcipherBackend
from workwell_tui.db.models import Objective, Plan
from workwell_tui.db.paths import encrypted_url
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import AssessmentKind

from .test_db import referral

PASSPHRASE = "killed mid-save, kept whole"
ROUNDS = 6
STEP_TIMEOUT = 60

CHILD = textwrap.dedent(
    """
    import sys

    from workwell_tui import clock
    from workwell_tui.config import Settings, resolve_paths
    from workwell_tui.db.store import Store
    from workwell_tui.cli.common import env_passphrase

    data, person, objective, number = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = Store.open(resolve_paths(data_dir=data), Settings(), passphrase=env_passphrase())
    draft = store.assessment_draft(person)
    version, answers = draft.version, dict(draft.answers)
    print("READY", flush=True)
    while True:
        if number % 2 == 0:
            answers[f"kill_{number}"] = "yes"
            store.save_assessment(draft.id, 1, answers, expected_version=version)
            version += 1
        else:
            store.add_progress_note(objective, clock.today(), f"note {number}")
        print("SAVED", number, flush=True)
        number += 1
    """
)


def read_line(child: subprocess.Popen[str], log: Path) -> str:
    assert child.stdout is not None
    line = child.stdout.readline()
    if not line:
        child.wait(timeout=STEP_TIMEOUT)
        pytest.fail(f"the saving process stopped by itself:\n{log.read_text()[-3000:]}")
    return line


def kill_while_saving(data: Path, person: str, objective: str, first: int, log: Path) -> int:
    """Start the saver at save `first`, kill it a few saves in; the last save it confirmed."""
    with log.open("a") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data), person, objective, str(first)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**os.environ, "WORKWELL_PASSPHRASE": PASSPHRASE},
        )
    confirmed = first - 1
    try:
        assert read_line(child, log).startswith("READY")
        for _ in range(random.randint(2, 12)):
            confirmed = int(read_line(child, log).split()[1])
        # The next save is already under way: kill it somewhere inside (or just after).
        time.sleep(random.uniform(0, 0.004))
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=STEP_TIMEOUT) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return confirmed


def integrity(path: Path) -> list[str]:
    """integrity_check on the encrypted file, opened (and its WAL recovered) with the key."""
    backend = SqlcipherBackend(encrypted_url(path))
    backend.unlock(PASSPHRASE)
    connection = backend.connect_file(path)
    try:
        return [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def test_an_encrypted_database_killed_mid_save_keeps_every_confirmed_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    paths = resolve_paths(data_dir=str(data))
    store = Store.open(paths, Settings(), passphrase=PASSPHRASE)
    drafted = store.add_referral(referral(last="Killsmith"))
    draft = store.start_assessment(drafted.id, AssessmentKind.INITIAL)
    planned = store.add_referral(referral(last="Plansmith"))
    with Session(store.engine) as session:
        started = date(2026, 10, 20)
        plan = Plan(participant_id=planned.id, status="active", agreed_on=started,
                    start_date=started, length_weeks=12, review_weeks=[6, 12])  # fmt: skip
        session.add(plan)
        session.flush()
        objective = Objective(plan_id=plan.id, domain="work", what="Phased return",
                              target_week=8, accepted_on=started)  # fmt: skip
        session.add(objective)
        session.commit()
        objective_id = str(objective.id)
    store.close()

    log = tmp_path / "saver.log"
    confirmed: list[int] = []
    first = 0
    for _ in range(ROUNDS):
        last = kill_while_saving(data, str(drafted.id), objective_id, first, log)
        confirmed.extend(range(first, last + 1))
        first = last + 1
    assert len(confirmed) >= 2 * ROUNDS

    database = data / "workwell.sqlite3"
    assert b"Killsmith" not in database.read_bytes()  # still encrypted at rest
    assert integrity(database) == ["ok"]
    store = Store.open(paths, Settings(), passphrase=PASSPHRASE)
    try:
        assert store.verify_audit() is None
        stored = store.assessment_draft(drafted.id)
        assert stored is not None and str(stored.id) == str(draft.id)
        view = store.plan_view(planned.id)
        assert view is not None
        notes = {note.note for note in view.objectives[0].notes}
        for number in confirmed:
            if number % 2 == 0:
                assert stored.answers.get(f"kill_{number}") == "yes", f"save {number} lost"
            else:
                assert f"note {number}" in notes, f"save {number} lost"
    finally:
        store.close()
    monkeypatch.setenv("WORKWELL_PASSPHRASE", PASSPHRASE)
    assert main(["audit", "verify", "--data-dir", str(data)]) == 0
    assert "intact" in capsys.readouterr().out
