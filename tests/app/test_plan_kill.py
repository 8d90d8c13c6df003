"""A plan edit survives a killed process: the child process changes an objective's status and
moves its target week on the plan screen, says READY once both are in the file, and is killed
(SIGKILL: no unmount, no flush, no clean close). The reopened file passes integrity_check, holds
both edits, and the plan screen shows them."""

from __future__ import annotations

import os
import signal
import sqlite3
import textwrap
from pathlib import Path

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import ObjectiveStatus
from workwell_tui.screens.plan.screen import PlanScreen
from workwell_tui.services import Services

from .helpers import screen_text, wait_until
from .test_assessment_resume import run_child_until_ready

CHILD = textwrap.dedent(
    """
    import asyncio
    import sys
    import time
    from datetime import date, datetime, timedelta

    from workwell_tui import clock

    clock.freeze(datetime(2026, 11, 22, 14, 5))

    from sqlmodel import Session

    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.models import Objective, Plan
    from workwell_tui.db.store import Store
    from workwell_tui.domain.enums import ReferralSource, WorkSituation
    from workwell_tui.domain.referral import NewReferral
    from workwell_tui.screens.plan.screen import PlanScreen
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
        plan = Plan(participant_id=person.id, status="active", agreed_on=date(2026, 10, 20),
                    start_date=date(2026, 10, 20), length_weeks=12, review_weeks=[6, 12])
        session.add(plan)
        session.flush()
        session.add(Objective(plan_id=plan.id, domain="work", what="Phased return",
                              target_week=8, accepted_on=date(2026, 10, 20)))
        session.commit()


    async def wait_for(check, what):
        # A condition with a deadline, as the tests' own wait_until (this child cannot import it).
        deadline = time.monotonic() + 15
        while not check():
            if time.monotonic() > deadline:
                raise SystemExit(f"child: gave up waiting for {what}")
            await asyncio.sleep(0.02)


    def saved():
        view = store.plan_view(person.id)
        objective = view.objectives[0]
        return objective.status.value == "in_progress" and objective.target_week == 9


    async def main():
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(lambda: app.caseload_rows, "the caseload")
            screen = PlanScreen(str(person.id))
            app.push_screen(screen)
            await wait_for(lambda: screen.view is not None and screen.objective, "the plan")
            await wait_for(lambda: app.focused is screen.grid, "the keys going to the grid")
            await pilot.press("s", "right")
            await wait_for(saved, "the edits in the file")
            print("READY", person.id, person.reference, flush=True)
            await asyncio.sleep(3600)


    asyncio.run(main())
    """
)


async def test_a_plan_edit_survives_a_killed_process(tmp_path: Path, settings: Settings) -> None:
    database = tmp_path / "killed.sqlite3"
    url = f"sqlite:///{database}"
    child, participant_id, _reference = run_child_until_ready(
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
        view = store.plan_view(participant_id)
        assert view is not None
        [objective] = view.objectives
        assert objective.status is ObjectiveStatus.IN_PROGRESS
        assert objective.target_week == 9

        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 30)) as pilot:
            screen = PlanScreen(participant_id)
            app.push_screen(screen)
            await wait_until(pilot, lambda: screen.view is not None, "the plan read")
            assert "in progress" in screen_text(app)
    finally:
        store.close()
