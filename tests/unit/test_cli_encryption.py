"""`workwell encrypt` and `workwell passphrase` through the command's own main(): passphrases
from the environment or typed (getpass), refusals with a clear line, and the audit log."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from workwell_tui.cli import main
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.paths import file_state
from workwell_tui.db.store import Store

from .test_db import referral

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "purple kettle morning walk"
NAME = "Zebedee"


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() tightens the process umask; give other tests theirs back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture(autouse=True)
def no_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKWELL_PASSPHRASE", raising=False)
    monkeypatch.delenv("WORKWELL_NEW_PASSPHRASE", raising=False)


def caseload(data: Path, passphrase: str | None = None) -> Path:
    store = Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=passphrase)
    store.add_referral(referral(last=NAME))
    store.close()
    return data / "workwell.sqlite3"


def actions(data: Path, passphrase: str) -> list[str]:
    store = Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=passphrase)
    try:
        with store.session() as session:
            found = session.execute(text("SELECT action FROM auditevent ORDER BY seq"))
            return list(found.scalars())
    finally:
        store.close()


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """Answer getpass prompts in turn; returns the prompts asked."""
    prompts: list[str] = []
    queue = list(answers)

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    monkeypatch.setattr(getpass, "getpass", ask)
    return prompts


def test_encrypt_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = caseload(tmp_path)
    monkeypatch.setenv("WORKWELL_PASSPHRASE", PASSPHRASE)
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 0
    assert "now encrypted" in capsys.readouterr().out
    assert file_state(path) == "encrypted" and NAME.encode() not in path.read_bytes()
    assert actions(tmp_path, PASSPHRASE)[-1] == "database.encrypt"
    assert main(["caseload", "--data-dir", str(tmp_path)]) == 0
    assert NAME in capsys.readouterr().out


def test_encrypt_asks_twice_and_checks_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = caseload(tmp_path)
    typed(monkeypatch, PASSPHRASE, PASSPHRASE + "x")
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 2
    assert "not the same" in capsys.readouterr().err
    typed(monkeypatch, "short", "short")
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    assert file_state(path) == "plain"
    prompts = typed(monkeypatch, PASSPHRASE, PASSPHRASE)
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 0
    assert len(prompts) == 2 and file_state(path) == "encrypted"
    out = capsys.readouterr().out
    assert "cannot be recovered" in out and PASSPHRASE not in out


def test_encrypt_refuses_what_it_cannot_encrypt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKWELL_PASSPHRASE", PASSPHRASE)
    assert main(["encrypt", "--database-url", "postgresql+psycopg://team/cases"]) == 2
    assert "not a SQLite file (postgresql)" in capsys.readouterr().err
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 2
    assert "no unencrypted database" in capsys.readouterr().err
    caseload(tmp_path, PASSPHRASE)
    assert main(["encrypt", "--data-dir", str(tmp_path)]) == 2
    assert "already encrypted" in capsys.readouterr().err
    monkeypatch.setenv("WORKWELL_PASSPHRASE", "tooshort")
    other = tmp_path / "other"
    caseload(other)
    assert main(["encrypt", "--data-dir", str(other)]) == 2
    assert "WORKWELL_PASSPHRASE: Use at least 12" in capsys.readouterr().err
    assert file_state(other / "workwell.sqlite3") == "plain"


def test_passphrase_changes_with_environment_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    caseload(tmp_path, PASSPHRASE)
    monkeypatch.setenv("WORKWELL_PASSPHRASE", "not the passphrase at all")
    monkeypatch.setenv("WORKWELL_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 1
    assert "not the current passphrase" in capsys.readouterr().err
    monkeypatch.setenv("WORKWELL_PASSPHRASE", PASSPHRASE)
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Passphrase changed" in out and "Backups made before now" in out
    assert main(["caseload", "--data-dir", str(tmp_path)]) == 1  # the old one is refused
    assert "does not open" in capsys.readouterr().err
    monkeypatch.setenv("WORKWELL_PASSPHRASE", NEW_PASSPHRASE)
    assert main(["caseload", "--data-dir", str(tmp_path)]) == 0
    assert NAME in capsys.readouterr().out
    assert actions(tmp_path, NEW_PASSPHRASE)[-1] == "database.rekey"


def test_passphrase_asks_for_the_current_and_the_new_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    caseload(tmp_path, PASSPHRASE)
    typed(monkeypatch, PASSPHRASE, NEW_PASSPHRASE, "something else entirely")
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 2
    assert "not the same" in capsys.readouterr().err
    prompts = typed(monkeypatch, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 0
    assert prompts[0].startswith("Current passphrase")
    assert len(prompts) == 3
    capsys.readouterr()
    typed(monkeypatch)  # nothing typed: end of input
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 2
    assert "no passphrase was typed" in capsys.readouterr().err
    assert len(actions(tmp_path, NEW_PASSPHRASE)) > 0


def test_passphrase_refuses_a_plain_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    caseload(tmp_path)
    assert main(["passphrase", "--data-dir", str(tmp_path)]) == 2
    assert "`workwell encrypt` encrypts it" in capsys.readouterr().err
