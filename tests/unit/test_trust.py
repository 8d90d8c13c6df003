"""Trust: encryption at rest (raw bytes), wrong passphrase, the audit chain and its guards, one
draft per participant and kind, bad files left exactly as they were, backup/restore, erasure."""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SaDatabaseError

from workwell_tui import clock
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db import assessments
from workwell_tui.db.audit_chain import GENESIS
from workwell_tui.db.backends.sqlite import SqliteBackend
from workwell_tui.db.backup import DAILY_KEPT, daily_backup, restore
from workwell_tui.db.errors import PassphraseNeeded, StoreError, WrongPassphrase
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import AssessmentKind

from .test_db import referral

PASSPHRASE = "correct horse battery staple"
NAME = "Zebedee"  # a name found nowhere else in the file


def open_store(data: Path, passphrase: str | None = PASSPHRASE) -> Store:
    return Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=passphrase)


def raw_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- encryption at rest --------------------------------------------------------------------------


def test_no_participant_text_in_the_file_wal_or_backups(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    added = store.add_referral(referral(last=NAME))
    draft = store.start_assessment(added.id, AssessmentKind.INITIAL)
    store.save_assessment(draft.id, 2, {"employer": "Quimby Widgets"})
    store.save_assessment(draft.id, 2, {"employer": "overwritten"})
    store.backup()
    files = raw_bytes(tmp_path)  # taken while the engine is open: the -wal is there
    assert any(name.endswith("-wal") for name in files) or "workwell.sqlite3" in files
    assert any("backups" in str(p) for p in tmp_path.rglob("*.sqlite3"))
    for name, data in files.items():
        for secret in (NAME.encode(), b"Quimby", b"Preston", b"SQLite format 3"):
            assert secret not in data, (name, secret)
    store.close()


def test_a_plain_database_does_show_names_so_the_grep_can_fail(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase=None)
    store.add_referral(referral(last=NAME))
    store.close()
    assert any(NAME.encode() in data for data in raw_bytes(tmp_path).values())


def test_encrypted_database_needs_the_passphrase(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    with pytest.raises(PassphraseNeeded):
        open_store(tmp_path, passphrase=None)
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, passphrase="not the passphrase")
    reopened = open_store(tmp_path)
    assert reopened.caseload() == []
    reopened.close()


def test_wrong_passphrase_in_a_subprocess_is_one_line_and_no_sqlcipher_noise(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    store.add_referral(referral(last=NAME))
    store.close()
    env = {**os.environ, "WORKWELL_PASSPHRASE": "wrong passphrase entirely"}
    done = subprocess.run(
        [sys.executable, "-m", "workwell_tui", "caseload", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().startswith("workwell: That passphrase does not open")
    assert "ERROR CORE" not in done.stderr and "hmac" not in done.stderr
    assert "Traceback" not in done.stderr
    env["WORKWELL_PASSPHRASE"] = PASSPHRASE
    right = subprocess.run(
        [sys.executable, "-m", "workwell_tui", "caseload", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert right.returncode == 0 and NAME in right.stdout


def test_rekey_changes_the_passphrase(tmp_path: Path) -> None:
    from workwell_tui.db.backends.sqlcipher import SqlcipherBackend

    store = open_store(tmp_path)
    store.add_referral(referral(last=NAME))
    assert isinstance(store.backend, SqlcipherBackend)
    store.backend.rekey(store.engine, "a brand new passphrase")
    store.close()
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path)
    assert len(open_store(tmp_path, "a brand new passphrase").caseload()) == 1


# --- the audit log ---------------------------------------------------------------------------


def chained_store(tmp_path: Path) -> Store:
    store = open_store(tmp_path, passphrase=None)
    for number in range(3):
        store.add_referral(referral(last=f"Khan{number}"))
    assert store.verify_audit() is None
    return store


def test_audit_rows_are_chained(tmp_path: Path) -> None:
    store = chained_store(tmp_path)
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT seq, prev_hash, row_hash FROM auditevent ORDER BY seq")
        ).all()
    assert [row.seq for row in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.row_hash for a, b in itertools.pairwise(rows))


@pytest.mark.parametrize(
    "attack",
    [
        "UPDATE auditevent SET actor = 'mallory'",
        "DELETE FROM auditevent WHERE seq = 2",
        "INSERT OR REPLACE INTO auditevent (id, at, actor, action, record_type, record_id, detail,"
        " created_at, updated_at, version, seq, prev_hash, row_hash) SELECT id, at, 'mallory',"
        " action, record_type, record_id, detail, created_at, updated_at, version, seq,"
        " prev_hash, row_hash FROM auditevent",
        "REPLACE INTO auditevent (id, at, actor, action, record_type, record_id, detail,"
        " created_at, updated_at, version, seq, prev_hash, row_hash) VALUES ('x', '2026-01-01',"
        " 'mallory', 'a', 'b', 'c', '', '2026-01-01', '2026-01-01', 1, 1, '', '')",
    ],
)
def test_the_database_refuses_rewriting_the_log(tmp_path: Path, attack: str) -> None:
    store = chained_store(tmp_path)
    with pytest.raises(SaDatabaseError, match="append-only"), store.engine.begin() as connection:
        connection.execute(text(attack))
    assert store.verify_audit() is None


def test_verify_finds_an_edit_made_with_the_guards_dropped(tmp_path: Path) -> None:
    store = chained_store(tmp_path)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER auditevent_no_update"))
    assert store.verify_audit() == "the audit log's guard auditevent_no_update has been removed"
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE auditevent SET actor = 'mallory' WHERE seq = 2"))
        connection.execute(
            text(
                "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
        )
    assert store.verify_audit() is not None
    assert "row 2 was changed" in str(store.verify_audit())


def test_verify_finds_rows_cut_off_the_end(tmp_path: Path) -> None:
    store = chained_store(tmp_path)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER auditevent_no_delete"))
        last = connection.execute(text("SELECT max(seq) FROM auditevent")).scalar()
        connection.execute(text("DELETE FROM auditevent WHERE seq = :s"), {"s": last})
        connection.execute(
            text(
                "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
        )
    assert store.verify_audit() == f"rows {last} to {last} are missing from the end"


def test_audit_verify_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workwell_tui.cli import main

    store = chained_store(tmp_path)
    store.close()
    assert main(["audit", "verify", "--data-dir", str(tmp_path)]) == 0
    raw = sqlite3.connect(tmp_path / "workwell.sqlite3")
    raw.execute("DROP TRIGGER auditevent_no_update")
    raw.execute("UPDATE auditevent SET detail = 'x' WHERE seq = 1")
    raw.commit()
    raw.close()
    assert main(["audit", "verify", "--data-dir", str(tmp_path)]) == 1
    assert "guard auditevent_no_update has been removed" in capsys.readouterr().err


# --- one draft per participant and kind --------------------------------------------------------


def test_two_windows_starting_at_once_share_one_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_store(tmp_path, passphrase=None)
    second = open_store(tmp_path, passphrase=None)
    person = first.add_referral(referral(last=NAME))
    real_open_draft = assessments.open_draft
    other: list[str] = []
    raced: list[bool] = []

    def racing_open_draft(session, participant_id, kind=None):  # type: ignore[no-untyped-def]
        if not raced:  # the other window starts its draft between our look and our insert
            raced.append(True)
            other.append(str(second.start_assessment(participant_id, kind).id))
            return None
        return real_open_draft(session, participant_id, kind)

    monkeypatch.setattr(assessments, "open_draft", racing_open_draft)
    mine = first.start_assessment(person.id, AssessmentKind.INITIAL)
    monkeypatch.undo()
    assert str(mine.id) == other[0]
    with first.engine.connect() as connection:
        drafts = connection.execute(
            text("SELECT count(*) FROM assessment WHERE status = 'draft'")
        ).scalar()
    assert drafts == 1


# --- bad files and places ----------------------------------------------------------------------


def test_a_folder_as_the_database_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "db-folder"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    paths = resolve_paths(data_dir=str(tmp_path), database_url=f"sqlite:///{folder}")
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(paths, Settings())
    assert oct(folder.stat().st_mode & 0o777) == oct(0o755)
    assert list(folder.iterdir()) == []


def test_a_zero_byte_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "workwell.sqlite3"
    path.touch()
    with pytest.raises(StoreError, match="empty"):
        open_store(tmp_path, passphrase=None)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workwell.sqlite3"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_data_folder_is_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    with pytest.raises(StoreError, match="read-only"):
        open_store(folder, passphrase=None)


def test_place_problem_names_a_read_only_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workwell_tui.db.backends import sqlite as sqlite_backend

    monkeypatch.setattr("os.access", lambda *_args: False)
    problem = sqlite_backend.place_problem(tmp_path / "workwell.sqlite3")
    assert problem is not None and "read-only" in problem


def test_a_foreign_sqlite_file_is_not_switched_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "workwell.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (x)")
    other.commit()
    other.close()
    path.chmod(0o644)
    before = sha(path)
    with pytest.raises(StoreError, match="not made by this app"):
        open_store(tmp_path, passphrase=None)
    assert sha(path) == before
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_a_shared_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    open_store(shared / "mine", passphrase=None).close()
    assert oct(shared.stat().st_mode & 0o7777) == oct(0o1777)
    assert oct((shared / "mine").stat().st_mode & 0o777) == oct(0o700)


def test_corrupt_pages_are_found_at_start_with_the_backup_offered(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase=None)
    for number in range(200):
        store.add_referral(referral(last=f"Khan{number}"))
    store.backup()
    store.close()
    path = tmp_path / "workwell.sqlite3"
    data = bytearray(path.read_bytes())
    third = (len(data) // 4096 // 3) * 4096
    data[third : 2 * third] = os.urandom(third)  # pages in the middle, header left whole
    path.write_bytes(bytes(data))
    before = sha(path)
    with pytest.raises(StoreError, match="workwell restore") as raised:
        open_store(tmp_path, passphrase=None)
    assert "damaged" in raised.value.message
    assert sha(path) == before


def test_a_missing_driver_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    paths = resolve_paths(
        data_dir=str(tmp_path), database_url="postgresql+psycopg://coach@127.0.0.1/ww"
    )
    with pytest.raises(StoreError, match=r"pip install 'psycopg\[binary\]'") as raised:
        Store.open(paths, Settings()).engine  # noqa: B018
    assert "Nothing has been changed" in raised.value.message


# --- backups, restore, erasure ----------------------------------------------------------------


def test_daily_backups_keep_seven(tmp_path: Path) -> None:
    from datetime import date, timedelta

    store = open_store(tmp_path)
    store.add_referral(referral(last=NAME))
    start = date(2026, 11, 1)
    for day in range(10):
        assert daily_backup(store, start + timedelta(days=day)) is not None
    assert daily_backup(store, start + timedelta(days=9)) is None  # once a day
    kept = sorted(p.name for p in (tmp_path / "backups").glob("*daily*"))
    assert len(kept) == DAILY_KEPT
    assert kept[0].endswith("2026-11-04.sqlite3")
    assert not list((tmp_path / "backups").glob("*.partial"))
    store.close()


def test_restore_checks_the_copy_and_keeps_the_old_file(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase=None)
    store.add_referral(referral(last=NAME))
    made = store.backup()
    store.add_referral(referral(last="Later"))
    store.close()
    database = tmp_path / "workwell.sqlite3"
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\0" * 4096)
    backend = SqliteBackend(f"sqlite:///{database}")
    before = sha(database)
    with pytest.raises(StoreError, match="did not pass"):
        restore(database, bad, backend, clock.now())
    assert sha(database) == before
    aside = restore(database, made, backend, clock.now())
    assert sha(aside) == before
    names = [row.last_name for row in open_store(tmp_path, passphrase=None).caseload()]
    assert names == [NAME]


def test_erase_leaves_no_trace_in_the_file_or_wal(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase=None)
    gone = store.add_referral(referral(last=NAME))
    store.add_referral(referral(last="Stays"))
    draft = store.start_assessment(gone.id, AssessmentKind.INITIAL)
    store.save_assessment(draft.id, 2, {"employer": "Quimby Widgets"})
    assert store.erase_participant(gone.id) >= 2
    assert store.verify_audit() is None
    store.close()
    for name, data in raw_bytes(tmp_path).items():
        assert NAME.encode() not in data, name
        assert b"Quimby" not in data, name
    reopened = open_store(tmp_path, passphrase=None)
    assert [row.last_name for row in reopened.caseload()] == ["Stays"]
    with reopened.engine.connect() as connection:
        assert connection.execute(
            text("SELECT count(*) FROM auditevent WHERE action = 'erase'")
        ).scalar() == 1  # fmt: skip


def test_each_draft_save_is_audited_with_its_step_not_its_answers(tmp_path: Path) -> None:
    store = open_store(tmp_path, passphrase=None)
    person = store.add_referral(referral(last=NAME))
    draft = store.start_assessment(person.id, AssessmentKind.INITIAL)
    store.save_assessment(draft.id, 3, {"employer": "Quimby Widgets"})
    with store.engine.connect() as connection:
        saves = connection.execute(
            text("SELECT detail FROM auditevent WHERE action = 'assessment.save'")
        ).all()
        everything = " ".join(
            str(v) for row in connection.execute(text("SELECT * FROM auditevent")) for v in row
        )
    assert [row.detail for row in saves] == ["step 3"]
    assert "Quimby" not in everything and NAME not in everything


@pytest.mark.parametrize(
    ("folder", "found"),
    [
        ("/home/coach/OneDrive - NHS/workwell", "OneDrive - NHS"),
        ("/Users/coach/Library/CloudStorage/Dropbox/ww", "CloudStorage"),
        ("/home/coach/.local/share/workwell-tui", None),
    ],
)
def test_cloud_synced_data_folders_are_named(folder: str, found: str | None) -> None:
    from workwell_tui.db.paths import cloud_synced

    assert cloud_synced(Path(folder)) == found
