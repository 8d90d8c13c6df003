"""Unlocking at start, choosing a passphrase on the first run, and the lock that needs it."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.store import Store
from workwell_tui.screens.cover import LockScreen
from workwell_tui.screens.unlock import UnlockScreen
from workwell_tui.services import Services

from ..unit.test_db import referral
from .helpers import screen_text, settled, wait_for_caseload, wait_for_screen, wait_until

PASSPHRASE = "correct horse battery staple"


def app_for(data: Path) -> WorkwellApp:
    paths = resolve_paths(data_dir=str(data))
    settings = Settings()
    services = Services(settings=settings, paths=paths)
    services.opener = lambda: Store.open(paths, settings, passphrase=services.passphrase)
    return WorkwellApp(services)


def encrypted_caseload(data: Path) -> None:
    store = Store.open(resolve_paths(data_dir=str(data)), Settings(), passphrase=PASSPHRASE)
    store.add_referral(referral(last="Zebedee"))
    store.close()


async def type_in(pilot: Pilot[None], text: str, field: str = "#unlock-passphrase") -> None:
    """Type `text` into `field` and press Enter, once the field really has the focus (focus()
    only asks for it; the screen moves it on its next turn)."""
    app = pilot.app
    box = app.screen.query_one(field, Input)
    box.focus()
    await wait_until(pilot, lambda: app.focused is box, f"focus on {field}")
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_wrong_passphrase_is_a_message_then_the_right_one_opens(tmp_path: Path) -> None:
    encrypted_caseload(tmp_path)
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert "Zebedee" not in screen_text(app)
        await type_in(pilot, "not it at all")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert "does not open this database" in screen_text(app)
        await type_in(pilot, PASSPHRASE)
        await app.workers.wait_for_complete()
        await wait_for_caseload(pilot)
        assert not isinstance(app.screen, UnlockScreen)
        assert "Zebedee" in screen_text(app)


async def test_first_run_sets_a_checked_passphrase_typed_twice(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.screen.mode == "set"
        await type_in(pilot, "short")
        assert app.focused is app.screen.query_one("#unlock-again", Input)
        await type_in(pilot, "short", "#unlock-again")
        assert "at least 12 characters" in screen_text(app)
        assert app.focused is app.screen.query_one("#unlock-passphrase", Input)
        assert app.focused.value == ""
        await type_in(pilot, PASSPHRASE)
        await type_in(pilot, PASSPHRASE + "x", "#unlock-again")
        assert "not the same" in screen_text(app)
        await type_in(pilot, PASSPHRASE)
        await type_in(pilot, PASSPHRASE, "#unlock-again")
        await app.workers.wait_for_complete()
        await wait_for_caseload(pilot)
    assert (tmp_path / "workwell.sqlite3").read_bytes()[:16] != b"SQLite format 3\x00"


async def test_the_lock_needs_the_passphrase_and_hides_toasts(tmp_path: Path) -> None:
    encrypted_caseload(tmp_path)
    app = app_for(tmp_path)
    app.services.passphrase = PASSPHRASE
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_caseload(pilot)
        # Today's backup is made (and audited) in a worker once the caseload shows: let it land
        # first, or its audit row can come after the unlock's.
        backups = tmp_path / "backups"
        await wait_until(pilot, lambda: any(backups.glob("*.sqlite3")), "today's backup")
        await settled(pilot)
        app.notify("Added WW-000001")
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, LockScreen)
        assert isinstance(app.screen, LockScreen)
        text = screen_text(app)
        assert "WW-000001" not in text and "Zebedee" not in text
        await pilot.press("enter")  # Enter alone no longer unlocks
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await type_in(pilot, "wrong one", "#lock-passphrase")
        assert isinstance(app.screen, LockScreen)
        assert "not right" in screen_text(app)
        await type_in(pilot, PASSPHRASE, "#lock-passphrase")
        assert not isinstance(app.screen, LockScreen)
        assert "Zebedee" in screen_text(app)
        await app.workers.wait_for_complete()
    store = Store.open(resolve_paths(data_dir=str(tmp_path)), Settings(), passphrase=PASSPHRASE)
    with store.session() as session:
        from sqlalchemy import text as sql

        actions = list(session.execute(sql("SELECT action FROM auditevent ORDER BY seq")).scalars())
    # The daily backup at start is audited from its own worker, so it may land in between.
    unlocks = [action for action in actions if action.startswith("unlock")]
    assert unlocks[-2:] == ["unlock.failed", "unlock"]
    assert store.verify_audit() is None
