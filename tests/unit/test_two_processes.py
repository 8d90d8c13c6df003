"""Two real processes on one database: one open draft per participant, and the version check.

Two Python processes (two laptops' windows, say) open the same database through `Store` and meet
at a barrier made of files, so each step starts in both at the same moment: both start an
assessment for the same person (the database's one-draft index lets one in; the other, refused,
finds and shares its draft), then both save that draft from the version they read (the first
save goes in, the second is refused as changed elsewhere, never written over it). Several rounds,
on a SQLite file, an encrypted one, and a PostgreSQL server; afterwards the audit chain holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from tests.pg_server import PostgresServer
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.models import Assessment
from workwell_tui.db.store import Store

from .test_db import referral

ROUNDS = 4
PASSPHRASE = "two windows, one draft, 2026"
CHILD_TIMEOUT = 120

CHILD = textwrap.dedent(
    """
    import os
    import sys
    import time
    from pathlib import Path

    from workwell_tui.config import Settings, resolve_paths
    from workwell_tui.db.errors import StaleRecordError, StoreError
    from workwell_tui.db.store import Store
    from workwell_tui.domain.enums import AssessmentKind

    target, meeting, role = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    people = sys.argv[4:]
    other = "b" if role == "a" else "a"
    if target.startswith("postgresql"):
        store = Store(Settings(), f"coach-{role}", url=target)
    else:
        passphrase = os.environ.get("WORKWELL_PASSPHRASE") or None
        store = Store.open(resolve_paths(data_dir=target), Settings(), passphrase=passphrase)
        store.actor = f"coach-{role}"
    store.warm()


    def meet(name):
        (meeting / f"{name}.{role}").touch()
        deadline = time.monotonic() + 60
        while not (meeting / f"{name}.{other}").exists():
            if time.monotonic() > deadline:
                raise SystemExit(f"{role}: the other process never reached {name}")
            time.sleep(0.0005)


    for number, person in enumerate(people):
        meet(f"start-{number}")
        draft = store.start_assessment(person, AssessmentKind.INITIAL)
        print("START", number, draft.id, draft.version, flush=True)
        meet(f"save-{number}")
        answers = {**draft.answers, "employer": f"Employer {role}"}
        try:
            store.save_assessment(draft.id, 1, answers, expected_version=draft.version)
            outcome = "SAVED"
        except StaleRecordError:
            outcome = "STALE"
        except StoreError as error:
            outcome = "BUSY " + error.message.replace(" ", "_")
        print("SAVE", number, outcome, flush=True)
    store.close()
    """
)


def race(target: str, meeting: Path, people: list[str]) -> dict[str, list[list[str]]]:
    """Run the two processes to the end; each one's output lines, split into words."""
    meeting.mkdir(exist_ok=True)
    children = {
        role: subprocess.Popen(
            [sys.executable, "-c", CHILD, target, str(meeting), role, *people],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "WORKWELL_PASSPHRASE": PASSPHRASE},
        )
        for role in ("a", "b")
    }
    said: dict[str, list[list[str]]] = {}
    try:
        for role, child in children.items():
            out, err = child.communicate(timeout=CHILD_TIMEOUT)
            assert child.returncode == 0, f"process {role} failed:\n{err[-3000:]}"
            said[role] = [line.split() for line in out.splitlines()]
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()
    return said


def check(store: Store, said: dict[str, list[list[str]]], people: list[str]) -> None:
    starts = {role: [line for line in lines if line[0] == "START"] for role, lines in said.items()}
    saves = {role: [line for line in lines if line[0] == "SAVE"] for role, lines in said.items()}
    assert len(starts["a"]) == len(starts["b"]) == len(people)
    for number, person in enumerate(people):
        (_, _, draft_a, version_a), (_, _, draft_b, version_b) = (
            starts["a"][number],
            starts["b"][number],
        )
        # Both windows have the one draft, at the version it was made with.
        assert draft_a == draft_b and version_a == version_b
        with store.session() as session:
            count = session.scalar(
                select(func.count())
                .select_from(Assessment)
                .where(col(Assessment.participant_id) == uuid.UUID(person))
            )
        assert count == 1, f"round {number}: {count} drafts"
        outcomes = {role: saves[role][number][2] for role in ("a", "b")}
        # One save went in; the other read an older version and was refused, not written over.
        assert Counter(outcomes.values()) == Counter({"SAVED": 1, "STALE": 1}), outcomes
        winner = next(role for role, outcome in outcomes.items() if outcome == "SAVED")
        stored = store.assessment_draft(person)
        assert stored is not None and str(stored.id) == draft_a
        assert stored.answers["employer"] == f"Employer {winner}"
        assert stored.version == int(version_a) + 1
    assert store.verify_audit() is None


def make_people(store: Store) -> list[str]:
    return [str(store.add_referral(referral(last=f"Race{n}")).id) for n in range(ROUNDS)]


@pytest.mark.parametrize("encrypted", [False, True], ids=["sqlite", "sqlcipher"])
def test_two_processes_share_one_draft_and_the_second_stale_save_is_refused(
    tmp_path: Path, encrypted: bool
) -> None:
    data = tmp_path / "data"
    store = Store.open(
        resolve_paths(data_dir=str(data)), Settings(), passphrase=PASSPHRASE if encrypted else None
    )
    try:
        people = make_people(store)
        store.close()  # the two processes have the file to themselves
        said = race(str(data), tmp_path / "meeting", people)
        check(store, said, people)
    finally:
        store.close()


def test_two_processes_on_postgresql(tmp_path: Path, postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    store = Store(Settings(), "test-coach", url=url)
    try:
        people = make_people(store)
        said = race(url, tmp_path / "meeting", people)
        check(store, said, people)
    finally:
        store.close()
