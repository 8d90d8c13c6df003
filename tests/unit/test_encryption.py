"""Encrypting an unencrypted database on request, and changing the passphrase (rekey): the raw
bytes, the checked copy, the original left byte for byte on any failure, the plain file shredded,
plain backups encrypted too, and the Store working on with the new key."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from workwell_tui import clock
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db import encryption
from workwell_tui.db.backends.sqlcipher import SqlcipherBackend
from workwell_tui.db.encryption import (
    EncryptionError,
    change_passphrase,
    encrypt_database,
    reopen_encrypted,
    shred,
)
from workwell_tui.db.errors import StoreError, WrongPassphrase
from workwell_tui.db.paths import encrypted_url, file_state
from workwell_tui.db.store import Store

from .test_db import referral

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "purple kettle morning walk"
NAMES = ("Zebedee", "Quillfeather")  # found nowhere else in the file


def open_store(data: Path, passphrase: str | None = None) -> Store:
    return Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=passphrase)


def plain_caseload(data: Path, backup: bool = False) -> Path:
    """A closed, unencrypted database with two participants (and a plain backup, if asked)."""
    store = open_store(data)
    for name in NAMES:
        store.add_referral(referral(last=name))
    if backup:
        store.backup()
    store.close()
    path = data / "workwell.sqlite3"
    assert file_state(path) == "plain"
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        names = session.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        return {
            name: int(session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in list(names)
        }


def test_encrypting_leaves_no_name_in_any_file_and_keeps_every_row(tmp_path: Path) -> None:
    path = plain_caseload(tmp_path)
    before = open_store(tmp_path)
    rows_before = counts(before)
    before.close()
    assert any(NAMES[0].encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())

    done = encrypt_database(path, PASSPHRASE, clock.now(), tmp_path / "backups")

    assert done.database == path and done.left_behind == ()
    assert file_state(path) == "encrypted"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert not list(tmp_path.glob("*.plain-*")) and not list(tmp_path.glob("*.encrypting*"))
    store = open_store(tmp_path, PASSPHRASE)
    assert counts(store) == rows_before
    assert sorted(row.name.split(", ")[0] for row in store.caseload()) == sorted(NAMES)
    store.add_referral(referral(last="Afterwards"))  # the -wal is written now, encrypted too
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert any(p.name.endswith("-wal") for p in files)
    for where, data in files.items():
        for secret in (*NAMES, "Afterwards", "Preston", "SQLite format 3"):
            assert secret.encode() not in data, (where.name, secret)
    store.close()
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, "not the passphrase at all")


def test_plain_backups_are_encrypted_too_and_still_restore(tmp_path: Path) -> None:
    path = plain_caseload(tmp_path, backup=True)
    (backup,) = (tmp_path / "backups").glob("*.sqlite3")
    assert file_state(backup) == "plain"

    done = encrypt_database(path, PASSPHRASE, clock.now(), tmp_path / "backups")

    assert done.backups == 1 and "backup was encrypted too" in done.summary()
    assert file_state(backup) == "encrypted"
    assert NAMES[0].encode() not in backup.read_bytes()
    assert listing(tmp_path / "backups") == [backup.name]
    checker = SqlcipherBackend(encrypted_url(backup))
    checker.unlock(PASSPHRASE)
    assert checker.check_copy(backup) == []


def test_a_failed_check_leaves_the_original_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plain_caseload(tmp_path, backup=True)
    before, files = sha(path), listing(tmp_path)
    monkeypatch.setattr(encryption, "check_encrypted_copy", lambda *_: ["a row went missing"])

    with pytest.raises(EncryptionError) as raised:
        encrypt_database(path, PASSPHRASE, clock.now(), tmp_path / "backups")

    assert "did not pass its check" in raised.value.message
    assert "exactly as it was" in raised.value.message
    assert sha(path) == before and listing(tmp_path) == files
    assert file_state(path) == "plain"


def test_a_failed_swap_puts_the_original_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plain_caseload(tmp_path)
    before, files = sha(path), listing(tmp_path)
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        if str(source).endswith(".encrypting"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(EncryptionError, match="could not take the place"):
        encrypt_database(path, PASSPHRASE, clock.now())
    assert sha(path) == before and listing(tmp_path) == files


def test_a_file_open_in_another_window_is_not_encrypted(tmp_path: Path) -> None:
    path = plain_caseload(tmp_path)
    before = sha(path)
    # Another process (POSIX locks are per process): what it wrote next would go to the plain
    # file, so encrypting must wait until it has closed.
    holder = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "c.execute('SELECT count(*) FROM participant').fetchone(); print('open', flush=True); "
        "sys.stdin.read()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "open"
        with pytest.raises(EncryptionError, match="open in another WorkWell window"):
            encrypt_database(path, PASSPHRASE, clock.now())
    finally:
        other.communicate("", timeout=30)
    assert sha(path) == before and file_state(path) == "plain"
    assert not list(tmp_path.glob("*.encrypting*"))


@pytest.mark.parametrize(
    ("passphrase", "words"),
    [("short", "at least 12 characters"), ("aaaaaaaaaaaaaa", "too easy to guess")],
)
def test_a_weak_passphrase_is_refused_before_anything_is_touched(
    tmp_path: Path, passphrase: str, words: str
) -> None:
    path = plain_caseload(tmp_path)
    before = sha(path)
    with pytest.raises(EncryptionError, match=words):
        encrypt_database(path, passphrase, clock.now())
    assert sha(path) == before


def test_an_encrypted_or_foreign_file_is_refused_unchanged(tmp_path: Path) -> None:
    open_store(tmp_path, PASSPHRASE).close()
    with pytest.raises(EncryptionError, match="already encrypted"):
        encrypt_database(tmp_path / "workwell.sqlite3", PASSPHRASE, clock.now())
    foreign = tmp_path / "notes.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE note (body TEXT)")
    before = sha(foreign)
    with pytest.raises(EncryptionError, match="not a workwell-tui database"):
        encrypt_database(foreign, PASSPHRASE, clock.now())
    assert sha(foreign) == before


def test_shred_overwrites_the_bytes_before_removing(tmp_path: Path) -> None:
    victim = tmp_path / "plain"
    victim.write_bytes(b"Zebedee " * 300_000)  # more than one chunk
    witness = tmp_path / "same-inode"
    os.link(victim, witness)  # still sees the blocks after the name is gone
    shred(victim)
    assert not victim.exists()
    assert witness.read_bytes() == bytes(2_400_000)


def test_the_store_opened_after_encrypting_works(tmp_path: Path) -> None:
    path = plain_caseload(tmp_path)
    plain = open_store(tmp_path)
    plain.caseload()
    plain.close()
    encrypt_database(path, PASSPHRASE, clock.now())
    store = reopen_encrypted(plain, PASSPHRASE)
    store.add_referral(referral(last="Afterwards"))
    assert len(store.caseload()) == 3
    store.close()
    with pytest.raises(WrongPassphrase):
        reopen_encrypted(plain, "not the passphrase at all")


# --- changing the passphrase ---------------------------------------------------------------------


def test_rekey_refuses_the_old_passphrase_and_the_store_works_on(tmp_path: Path) -> None:
    store = open_store(tmp_path, PASSPHRASE)
    store.add_referral(referral(last=NAMES[0]))  # the engine is open, its WAL unmerged
    change_passphrase(store, PASSPHRASE, NEW_PASSPHRASE)
    store.add_referral(referral(last=NAMES[1]))  # a new engine, with the new key
    assert len(store.caseload()) == 2
    with store.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    store.close()
    with pytest.raises(WrongPassphrase):
        open_store(tmp_path, PASSPHRASE)
    reopened = open_store(tmp_path, NEW_PASSPHRASE)
    assert len(reopened.caseload()) == 2
    reopened.close()


def test_rekey_with_a_wrong_current_passphrase_changes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path, PASSPHRASE)
    store.add_referral(referral(last=NAMES[0]))
    store.close()
    before = sha(tmp_path / "workwell.sqlite3")
    with pytest.raises(WrongPassphrase):
        change_passphrase(store, "not the passphrase at all", NEW_PASSPHRASE)
    with pytest.raises(EncryptionError, match="same as the current one"):
        change_passphrase(store, PASSPHRASE, PASSPHRASE)
    with pytest.raises(EncryptionError, match="at least 12"):
        change_passphrase(store, PASSPHRASE, "short")
    assert sha(tmp_path / "workwell.sqlite3") == before
    assert len(store.caseload()) == 1


def test_rekey_while_another_connection_reads_is_refused_unchanged(tmp_path: Path) -> None:
    store = open_store(tmp_path, PASSPHRASE)
    store.add_referral(referral(last=NAMES[0]))
    assert isinstance(store.backend, SqlcipherBackend)
    other = store.backend.connect_file(tmp_path / "workwell.sqlite3")
    try:
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM participant").fetchone()
        with pytest.raises(StoreError, match="in use elsewhere"):
            change_passphrase(store, PASSPHRASE, NEW_PASSPHRASE)
    finally:
        other.execute("COMMIT")
        other.close()
    store.close()
    assert len(open_store(tmp_path, PASSPHRASE).caseload()) == 1


def test_a_plain_database_has_no_passphrase_to_change(tmp_path: Path) -> None:
    plain_caseload(tmp_path)
    store = open_store(tmp_path)
    with pytest.raises(EncryptionError, match="not encrypted"):
        change_passphrase(store, PASSPHRASE, NEW_PASSPHRASE)
    store.close()


def test_only_plain_table_names_are_counted() -> None:
    assert encryption.count_statement("service_fts_data") == "SELECT count(*) FROM service_fts_data"
    for odd in ('x" ; DROP TABLE participant; --', "two words", ""):
        with pytest.raises(EncryptionError, match="table this app did not make"):
            encryption.count_statement(odd)
