"""The encrypted database's key: derived once per file and passphrase, early when it can be.

SQLCipher 4's key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations) takes ~0.15 s; start-up
runs it in a low-priority thread while Textual imports (`Services.derive_key_early`), and every
connection, check and engine after that reuses the one result; a store that needs the key before
that thread is done derives it itself rather than wait. A wrong passphrase still gets its message.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from workwell_tui.cli.common import open_store
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db import sqlcipher_keys
from workwell_tui.db.backends.sqlcipher import SqlcipherBackend
from workwell_tui.db.errors import WrongPassphrase
from workwell_tui.db.store import Store
from workwell_tui.services import Services

from ..app.helpers import screen_text, wait_for_caseload, wait_until
from .test_db import referral

PASSPHRASE = "correct horse battery staple"
NAME = "Zebedee"


class Derivations:
    """Counts each real derivation and the thread it ran in; `gate` can hold them back."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.salts: list[bytes] = []
        self.nice: dict[str, int] = {}
        self.gate = threading.Event()
        self.gate.set()
        self.only_early = False  # hold back only the early thread's derivation
        self.started = threading.Event()
        self.original = sqlcipher_keys.derive_key

    def reset(self) -> None:
        """Forget the derivations counted so far (making the test's database)."""
        self.threads.clear()
        self.salts.clear()
        self.nice.clear()
        self.started.clear()

    def __call__(self, passphrase: str, salt: bytes) -> bytes:
        name = threading.current_thread().name
        self.threads.append(name)
        self.salts.append(salt)
        if sys.platform.startswith("linux"):
            self.nice[name] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        self.started.set()
        if name == "workwell-key" or not self.only_early:
            assert self.gate.wait(30), "the test never let the derivation finish"
        return self.original(passphrase, salt)


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> Iterator[Derivations]:
    """Counted derivations, starting (and leaving) with no key kept in this process."""
    counted = Derivations()
    sqlcipher_keys.forget_keys()
    monkeypatch.setattr(sqlcipher_keys, "derive_key", counted)
    yield counted
    counted.gate.set()
    sqlcipher_keys.forget_keys()


def encrypted_data(folder: Path) -> Path:
    """A data folder whose database is encrypted with PASSPHRASE and holds one person."""
    store = Store.open(resolve_paths(data_dir=str(folder)), Settings(), passphrase=PASSPHRASE)
    store.add_referral(referral(last=NAME))
    store.close()
    sqlcipher_keys.forget_keys()  # as a fresh process would start
    return folder


def salt_of(folder: Path) -> bytes:
    return (folder / "workwell.sqlite3").read_bytes()[:16]


def services_for(folder: Path, passphrase: str | None) -> Services:
    """What `workwell run` builds, with the passphrase as WORKWELL_PASSPHRASE would give it."""
    paths = resolve_paths(data_dir=str(folder))
    settings = Settings()
    services = Services(settings=settings, paths=paths, passphrase=passphrase)
    services.opener = lambda: open_store(paths, settings, services.passphrase, check_later=True)
    return services


def test_opening_reading_and_writing_derive_the_key_once(
    tmp_path: Path, derivations: Derivations
) -> None:
    data = encrypted_data(tmp_path)
    derivations.reset()
    paths = resolve_paths(data_dir=str(data))
    store = Store.open(paths, Settings(), passphrase=PASSPHRASE, check_later=True)
    assert [row.last_name for row in store.caseload()] == [NAME]  # the fast read
    store.check_damage()
    store.warm()  # the engine: check_key, is_ours and the URL's raw key
    store.add_referral(referral(last="Other"))
    store.close()
    again = Store.open(paths, Settings(), passphrase=PASSPHRASE)  # a second store, same process
    assert len(again.caseload()) == 2
    again.close()
    assert derivations.salts == [salt_of(data)]


def test_each_file_has_its_own_key(tmp_path: Path, derivations: Derivations) -> None:
    one = encrypted_data(tmp_path / "one")
    two = encrypted_data(tmp_path / "two")
    derivations.reset()
    for data in (one, two, one, two):
        Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=PASSPHRASE).close()
    assert derivations.salts == [salt_of(one), salt_of(two)]
    assert salt_of(one) != salt_of(two)


def test_threads_asking_at_once_share_one_derivation(derivations: Derivations) -> None:
    derivations.gate.clear()
    salt = bytes(range(16))
    found: list[bytes] = []
    askers = [
        threading.Thread(target=lambda: found.append(sqlcipher_keys.shared_key(PASSPHRASE, salt)))
        for _ in range(4)
    ]
    for asker in askers:
        asker.start()
    assert derivations.gate.wait(0) is False
    derivations.gate.set()
    for asker in askers:
        asker.join(30)
    assert len(derivations.salts) == 1
    assert found == [derivations.original(PASSPHRASE, salt)] * 4


def test_the_store_uses_the_key_derived_early(tmp_path: Path, derivations: Derivations) -> None:
    services = services_for(encrypted_data(tmp_path), PASSPHRASE)
    derivations.reset()
    early = services.derive_key_early()
    assert early is not None and early.name == "workwell-key"
    early.join(30)
    assert [row.last_name for row in services.open_store().caseload()] == [NAME]
    services.store.close()
    assert derivations.threads == ["workwell-key"]


def test_the_store_does_not_wait_for_an_unfinished_early_derivation(
    tmp_path: Path, derivations: Derivations
) -> None:
    services = services_for(encrypted_data(tmp_path), PASSPHRASE)
    derivations.reset()
    derivations.gate.clear()
    derivations.only_early = True  # the early thread is starved of CPU, say
    early = services.derive_key_early()
    assert early is not None
    assert derivations.started.wait(30)
    store = services.open_store()  # derives the key itself: it would hang here if it waited
    assert [row.last_name for row in store.caseload()] == [NAME]
    assert derivations.threads == ["workwell-key", threading.current_thread().name]
    derivations.gate.set()
    early.join(30)
    store.warm()  # the late early result changes nothing: still one key, no third derivation
    assert len(derivations.threads) == 2
    store.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="nice is per thread on Linux")
def test_the_early_derivation_runs_at_the_lowest_priority(
    tmp_path: Path, derivations: Derivations
) -> None:
    services = services_for(encrypted_data(tmp_path), PASSPHRASE)
    before = os.getpriority(os.PRIO_PROCESS, 0)
    derivations.reset()
    early = services.derive_key_early()
    assert early is not None
    early.join(30)
    assert derivations.nice == {"workwell-key": 19}
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the app itself is untouched


def test_nothing_is_derived_early_without_a_passphrase_or_an_encrypted_file(
    tmp_path: Path, derivations: Derivations
) -> None:
    assert services_for(tmp_path, None).derive_key_early() is None
    plain = tmp_path / "plain"
    Store.open(resolve_paths(data_dir=str(plain)), Settings()).close()
    for folder in (plain, tmp_path / "new"):  # plain, and no file yet (its salt is not chosen)
        thread = services_for(folder, PASSPHRASE).derive_key_early()
        assert thread is not None
        thread.join(30)
    assert derivations.salts == []


def test_a_wrong_passphrase_is_refused_and_not_kept(
    tmp_path: Path, derivations: Derivations
) -> None:
    data = encrypted_data(tmp_path)
    services = services_for(data, "not the passphrase")
    early = services.derive_key_early()
    assert early is not None
    early.join(30)
    with pytest.raises(WrongPassphrase):
        services.open_store()
    assert salt_of(data) not in sqlcipher_keys._derivations  # the mistyped one is forgotten
    services.passphrase = PASSPHRASE
    assert [row.last_name for row in services.open_store().caseload()] == [NAME]
    services.store.close()


async def test_a_wrong_workwell_passphrase_is_the_clear_message_in_the_app(
    tmp_path: Path, derivations: Derivations
) -> None:
    from workwell_tui.app import WorkwellApp

    services = services_for(encrypted_data(tmp_path), "not the passphrase")
    early = services.derive_key_early()  # as `workwell run` does, before the app starts
    app = WorkwellApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(
            pilot,
            lambda: "does not open this database" in screen_text(app),
            "the wrong-passphrase message",
        )
        assert NAME not in screen_text(app)
    assert early is not None
    early.join(30)
    assert salt_of(tmp_path) not in sqlcipher_keys._derivations  # nor kept by the early thread


async def test_the_right_workwell_passphrase_shows_the_caseload(
    tmp_path: Path, derivations: Derivations
) -> None:
    from workwell_tui.app import WorkwellApp

    services = services_for(encrypted_data(tmp_path), PASSPHRASE)
    derivations.reset()
    early = services.derive_key_early()
    assert early is not None
    early.join(30)  # on a free core it is done before the worker asks (see the next test)
    app = WorkwellApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        await wait_until(pilot, lambda: NAME in screen_text(app), "the caseload on screen")
    assert derivations.threads == ["workwell-key"]
    services.store.close()


def test_after_a_rekey_the_new_passphrase_opens_without_deriving_again(
    tmp_path: Path, derivations: Derivations
) -> None:
    data = encrypted_data(tmp_path)
    store = Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=PASSPHRASE)
    assert isinstance(store.backend, SqlcipherBackend)
    derivations.reset()
    store.backend.rekey(store.engine, "a brand new passphrase")
    store.close()
    assert len(derivations.salts) == 1  # the new key; the old one was kept from opening
    reopened = Store.open(
        resolve_paths(data_dir=str(data)), Settings(), passphrase="a brand new passphrase"
    )
    assert [row.last_name for row in reopened.caseload()] == [NAME]
    reopened.close()
    assert len(derivations.salts) == 1
    with pytest.raises(WrongPassphrase):
        Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=PASSPHRASE)


def test_workwell_run_starts_the_derivation_before_the_app(
    tmp_path: Path, derivations: Derivations, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workwell_tui.app import WorkwellApp
    from workwell_tui.cli.run import run

    data = encrypted_data(tmp_path)
    derivations.reset()
    monkeypatch.setenv("WORKWELL_PASSPHRASE", PASSPHRASE)
    seen: list[str] = []
    deriving = Services.derive_key_early

    def early(services: Services) -> threading.Thread | None:
        seen.append("derivation started")
        thread = deriving(services)
        assert thread is not None
        thread.join(30)
        return thread

    def app_run(app: WorkwellApp) -> None:
        seen.append("app running")
        assert app.services.open_store().caseload()[0].last_name == NAME
        app.services.store.close()

    monkeypatch.setattr(Services, "derive_key_early", early)
    monkeypatch.setattr(WorkwellApp, "run", app_run)
    assert run(resolve_paths(data_dir=str(data)), Settings()) == 0
    assert seen == ["derivation started", "app running"]
    assert derivations.threads == ["workwell-key"]
