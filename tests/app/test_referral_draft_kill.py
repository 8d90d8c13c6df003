"""A half-filled referral survives kill -9: a child process types into the referral form, is
killed once the draft is in the file (no unmount, no flush, no clean close), and the reopened
form offers the draft back with everything typed."""

from __future__ import annotations

import os
import signal
import sqlite3
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import NEW_RECORD, FormKind
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.navigation import NewReferral
from workwell_tui.screens.referral_form import ReferralFormScreen
from workwell_tui.services import Services

from . import test_assessment_resume as resume
from .helpers import screen_text, wait_for_caseload, wait_for_screen

CHILD = textwrap.dedent(
    """
    import asyncio
    import sys
    import time
    from datetime import datetime

    from workwell_tui import clock

    clock.freeze(datetime(2026, 11, 22, 14, 5))

    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.store import Store
    from workwell_tui.domain.form_drafts import NEW_RECORD, FormKind
    from workwell_tui.screens.navigation import NewReferral
    from workwell_tui.screens.referral_form import ReferralFormScreen
    from workwell_tui.services import Services

    url, last_name = sys.argv[1], sys.argv[2]
    settings = Settings()
    store = Store(settings, "test-coach", url=url)
    store.engine  # creates the schema


    async def wait_for(check, what):
        # A condition with a deadline, as the tests' own wait_until (this child cannot import it).
        deadline = time.monotonic() + 15
        while not check():
            if time.monotonic() > deadline:
                raise SystemExit(f"child: gave up waiting for {what}")
            await asyncio.sleep(0.02)


    def kept():
        draft = store.form_draft(FormKind.REFERRAL, NEW_RECORD)
        return draft is not None and draft.values.get("last_name") == last_name and (
            draft.values.get("district") == "Preston"
        )


    async def main():
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_for(lambda: app.caseload_rows is not None, "the caseload")
            app.post_message(NewReferral())
            await wait_for(lambda: isinstance(app.screen, ReferralFormScreen), "the form")
            await app.workers.wait_for_complete()
            await wait_for(lambda: getattr(app.focused, "id", "") == "first_name", "focus")
            await pilot.press(*"Dana", "tab", *last_name, "tab", "tab", *"02/10/1985")
            app.screen.query_one("#district").value = "Preston"
            await wait_for(kept, "the draft")
            print("READY", "-", "-", flush=True)
            await asyncio.sleep(3600)


    asyncio.run(main())
    """
)
LAST_NAME = "O'Neill-Okafor"


async def test_a_killed_referral_form_offers_what_was_typed(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "interrupted.sqlite3"
    url = f"sqlite:///{database}"
    # The wizard's runner, with this child and its typing.
    monkeypatch.setattr(resume, "JOB_TITLE", LAST_NAME)
    child, _, _ = resume.run_child_until_ready(url, tmp_path / "child.log", script=CHILD)
    try:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store(settings, "test-coach", url=url)
    try:
        draft = store.form_draft(FormKind.REFERRAL, NEW_RECORD)
        assert draft is not None
        assert draft.values["first_name"] == "Dana" and draft.values["last_name"] == LAST_NAME
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_for_caseload(pilot)
            app.post_message(NewReferral())
            await wait_for_screen(pilot, ConfirmScreen)
            assert "You were typing a referral at 14:05" in screen_text(app)
            await pilot.press("y")
            form = await wait_for_screen(
                pilot, ReferralFormScreen, lambda shown: shown.keeper.ready
            )
            assert form.query_one("#first_name", Input).value == "Dana"
            assert form.query_one("#last_name", Input).value == LAST_NAME
            assert form.query_one("#date_of_birth", Input).value == "02/10/1985"
            assert form.query_one("#district", Select).value == "Preston"
    finally:
        store.close()
