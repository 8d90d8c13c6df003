"""Encrypting the open caseload and changing its passphrase from the command palette: refusals
beside the field, the work in a worker, and the app carrying on with the encrypted database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.errors import WrongPassphrase
from workwell_tui.db.paths import file_state
from workwell_tui.db.store import Store
from workwell_tui.screens.passphrase import ChangePassphraseScreen, EncryptScreen
from workwell_tui.services import Services

from ..unit.test_db import referral
from .helpers import record_notifications, screen_text, wait_for_caseload, wait_until

PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "purple kettle morning walk"
NAME = "Zebedee"


def app_for(data: Path, passphrase: str | None = None) -> WorkwellApp:
    paths = resolve_paths(data_dir=str(data))
    settings = Settings()
    services = Services(settings=settings, paths=paths, passphrase=passphrase)
    services.opener = lambda: Store.open(paths, settings, passphrase=services.passphrase)
    return WorkwellApp(services)


def caseload(data: Path, passphrase: str | None = None) -> Path:
    store = Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=passphrase)
    store.add_referral(referral(last=NAME))
    store.close()
    return data / "workwell.sqlite3"


def palette_titles(app: WorkwellApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def message(app: WorkwellApp, which: str) -> str:
    return str(app.screen.query_one(f"#{which}-message", Static).render())


async def type_in(pilot: Pilot[None], field: str, value: str) -> None:
    """Put `value` in a field once it really has the focus, and press Enter."""
    app = pilot.app
    box = app.screen.query_one(f"#passphrase-{field}", Input)
    box.focus()
    await wait_until(pilot, lambda: app.focused is box, f"focus on {field}")
    box.value = value
    await pilot.press("enter")
    await pilot.pause()


async def open_from_palette(pilot: Pilot[None], words: str, help_text: str) -> None:
    await pilot.press("ctrl+p", *words)
    await wait_until(pilot, lambda: help_text in screen_text(pilot.app), help_text)
    await pilot.press("enter")


async def test_encrypt_the_open_caseload_from_the_palette(tmp_path: Path) -> None:
    path = caseload(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(app)
        await wait_for_caseload(pilot)
        assert "Encrypt this caseload…" in palette_titles(app)
        assert "Change passphrase…" not in palette_titles(app)
        await open_from_palette(pilot, "Encrypt", "Encrypt the database on this laptop")
        await wait_until(pilot, lambda: isinstance(app.screen, EncryptScreen), "encrypt screen")
        await type_in(pilot, "new", "short")
        assert app.focused is app.screen.query_one("#passphrase-again", Input)
        await type_in(pilot, "again", "short")
        assert "at least 12 characters" in message(app, "new")
        await type_in(pilot, "new", PASSPHRASE)
        await type_in(pilot, "again", PASSPHRASE + "x")
        assert "not the same" in message(app, "new")
        assert app.screen.query_one("#passphrase-new", Input).value == ""
        assert file_state(path) == "plain"
        await type_in(pilot, "new", PASSPHRASE)
        await type_in(pilot, "again", PASSPHRASE)
        await wait_until(pilot, lambda: not isinstance(app.screen, EncryptScreen), "encrypted")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: NAME in screen_text(app), "the caseload again")
        assert any("now encrypted" in note for note in notes)
        assert app.services.passphrase == PASSPHRASE
        assert "Change passphrase…" in palette_titles(app)
        assert "Encrypt this caseload…" not in palette_titles(app)
        added = app.services.store.add_referral(referral(last="Afterwards"))
        assert added.reference
    assert file_state(path) == "encrypted"
    assert not list(tmp_path.glob("workwell.sqlite3.plain-*"))
    for file in tmp_path.glob("workwell.sqlite3*"):
        assert NAME.encode() not in file.read_bytes() and b"Afterwards" not in file.read_bytes()
    store = Store.open(resolve_paths(data_dir=str(tmp_path)), Settings(), passphrase=PASSPHRASE)
    with store.session() as session:
        found = session.execute(text("SELECT action FROM auditevent ORDER BY seq DESC LIMIT 2"))
        assert list(found.scalars()) == ["participant.create", "database.encrypt"]
    assert store.verify_audit() is None
    store.close()


async def test_escape_leaves_the_caseload_unencrypted(tmp_path: Path) -> None:
    path = caseload(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        await app.push_screen(EncryptScreen())
        await type_in(pilot, "new", PASSPHRASE)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, EncryptScreen), "cancelled")
    assert file_state(path) == "plain"


async def test_change_the_passphrase_from_the_palette(tmp_path: Path) -> None:
    caseload(tmp_path, PASSPHRASE)
    app = app_for(tmp_path, PASSPHRASE)
    async with app.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(app)
        await wait_for_caseload(pilot)
        assert "Encrypt this caseload…" not in palette_titles(app)
        await open_from_palette(pilot, "Change pass", "Re-encrypt the caseload")
        await wait_until(pilot, lambda: isinstance(app.screen, ChangePassphraseScreen), "screen")
        screen = app.screen
        await type_in(pilot, "current", PASSPHRASE)
        assert app.focused is screen.query_one("#passphrase-new", Input)
        await type_in(pilot, "new", PASSPHRASE)
        await type_in(pilot, "again", PASSPHRASE)
        assert "same as the current one" in message(app, "new")
        await type_in(pilot, "new", NEW_PASSPHRASE)
        await type_in(pilot, "again", NEW_PASSPHRASE + "!")
        assert "not the same" in message(app, "new")
        await type_in(pilot, "current", "not the passphrase at all")
        await type_in(pilot, "new", NEW_PASSPHRASE)
        await type_in(pilot, "again", NEW_PASSPHRASE)
        await wait_until(pilot, lambda: "not the current" in message(app, "current"), "refusal")
        assert app.focused is screen.query_one("#passphrase-current", Input)
        assert message(app, "new") == ""
        # Only the current passphrase was wrong: typing it again is enough.
        await type_in(pilot, "current", PASSPHRASE)
        await wait_until(pilot, lambda: app.screen is not screen, "changed")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: NAME in screen_text(app), "the caseload again")
        assert any("old passphrase" in note for note in notes)
        assert app.services.passphrase == NEW_PASSPHRASE
        assert app.services.check_passphrase(NEW_PASSPHRASE)  # the lock takes the new one
        app.services.store.add_referral(referral(last="Afterwards"))
    paths = resolve_paths(data_dir=str(tmp_path))
    try:
        Store.open(paths, Settings(), passphrase=PASSPHRASE)
    except WrongPassphrase:
        pass
    else:
        raise AssertionError("the old passphrase still opens the database")
    store = Store.open(paths, Settings(), passphrase=NEW_PASSPHRASE)
    assert len(store.caseload()) == 2
    with store.session() as session:
        found = session.execute(text("SELECT action FROM auditevent ORDER BY seq"))
        done = list(found.scalars())
    assert done[-3:] == ["database.rekey.refused", "database.rekey", "participant.create"]
    store.close()


async def test_no_database_commands_for_a_database_in_memory(app: WorkwellApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        titles = palette_titles(app)
        assert "Encrypt this caseload…" not in titles and "Change passphrase…" not in titles
