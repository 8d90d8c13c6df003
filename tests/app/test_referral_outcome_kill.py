"""A referral's half-typed outcome notes survive kill -9: a child process types them into the
referral form, says READY once the draft is in the file, and is killed (SIGKILL: no unmount, no
flush, no clean close). The reopened file passes integrity_check, nothing was saved to the
referral itself, and the same form, opened again, offers the notes back."""

from __future__ import annotations

import os
import signal
import sqlite3
import textwrap
from pathlib import Path

from textual.widgets import OptionList, TextArea

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.services.referral import ReferralScreen
from workwell_tui.screens.services.referrals import ReferralsScreen
from workwell_tui.services import Services

from .helpers import screen_text, wait_for_caseload, wait_for_focus, wait_for_screen, wait_until
from .test_assessment_resume import run_child_until_ready

NOTES = "Rang the service; they will write within two weeks. [bold]Not[/] a waiting list"

CHILD = textwrap.dedent(
    f"""
    import asyncio
    import sys
    import time
    from datetime import date, datetime

    from workwell_tui import clock

    clock.freeze(datetime(2026, 11, 22, 14, 5))

    from sqlmodel import Session

    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.models import Referral
    from workwell_tui.db.store import Store
    from workwell_tui.domain.enums import ReferralSource, WorkSituation
    from workwell_tui.domain.form_drafts import FormKind
    from workwell_tui.domain.referral import NewReferral
    from workwell_tui.screens.services.referral import ReferralScreen
    from workwell_tui.screens.services.referrals import ReferralsScreen
    from workwell_tui.services import Services

    url = sys.argv[1]
    settings = Settings()
    store = Store(settings, "test-coach", url=url)
    store.engine
    person = store.add_referral(
        NewReferral(
            first_name="Jordan", last_name="Psmith", preferred_name="",
            date_of_birth=date(1985, 3, 3), email="", phone="", postcode="PR1 2AB",
            district="Preston", referral_source=ReferralSource.GP,
            referral_date=date(2026, 10, 1), work_situation=WorkSituation.OFF_SICK,
            employer_name="", consent_processing=True,
        )
    )
    with Session(store.engine) as session:
        referral = Referral(participant_id=person.id, service_name="Access to Work")
        session.add(referral)
        session.commit()
        referral_id = str(referral.id)


    async def wait_for(check, what):
        # A condition with a deadline, as the tests' own wait_until (this child cannot import it).
        deadline = time.monotonic() + 15
        while not check():
            if time.monotonic() > deadline:
                raise SystemExit(f"child: gave up waiting for {{what}}")
            await asyncio.sleep(0.02)


    def kept():
        draft = store.form_draft(FormKind.REFERRAL_OUTCOME, referral_id)
        return draft is not None and draft.values.get("outcome") == {NOTES!r}


    async def main():
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for(lambda: app.caseload_rows is not None, "the caseload")
            their = ReferralsScreen(app.services, str(person.id), "Jordan Psmith")
            app.push_screen(their)
            await wait_for(lambda: bool(their.referrals), "the referrals")
            await wait_for(lambda: app.focused is their.query_one("OptionList"), "the list")
            await pilot.press("enter")
            await wait_for(
                lambda: isinstance(app.screen, ReferralScreen) and app.screen.keeper.ready,
                "the form",
            )
            outcome = app.screen.query_one("#outcome")
            outcome.focus()
            await wait_for(lambda: app.focused is outcome, "the notes")
            await pilot.press(*{NOTES!r})
            await wait_for(kept, "the draft")
            print("READY", person.id, referral_id, flush=True)
            await asyncio.sleep(3600)


    asyncio.run(main())
    """
)


async def test_killed_outcome_notes_are_offered_back(tmp_path: Path, settings: Settings) -> None:
    database = tmp_path / "killed.sqlite3"
    url = f"sqlite:///{database}"
    child, participant_id, referral_id = run_child_until_ready(
        url, tmp_path / "child.log", script=CHILD
    )
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
        [referral] = store.participant_referrals(participant_id)
        assert referral.outcome == ""  # nothing saved, only kept
        draft = store.form_draft(FormKind.REFERRAL_OUTCOME, referral_id)
        assert draft is not None and draft.values["outcome"] == NOTES

        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 32)) as pilot:
            await wait_for_caseload(pilot)
            app.push_screen(ReferralsScreen(app.services, participant_id, "Jordan Psmith"))
            their = await wait_for_screen(pilot, ReferralsScreen)
            await wait_until(pilot, lambda: bool(their.referrals), "the list")
            await wait_for_focus(pilot, their.query_one(OptionList))
            await pilot.press("enter")
            await wait_for_screen(pilot, ConfirmScreen)
            assert "You were typing this referral at 14:05" in screen_text(app)
            await pilot.press("y")
            form = await wait_for_screen(pilot, ReferralScreen, lambda shown: shown.keeper.ready)
            assert form.query_one("#outcome", TextArea).text == NOTES
    finally:
        store.close()
