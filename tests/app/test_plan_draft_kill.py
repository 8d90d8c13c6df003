"""A half-typed objective and progress note survive kill -9: a child process types a progress note
and a new objective on the plan screen, says READY once both drafts are in the file, and is
killed (SIGKILL: no unmount, no flush, no clean close). The reopened file passes
integrity_check, and each form, opened again, offers back everything typed."""

from __future__ import annotations

import os
import signal
import sqlite3
import textwrap
from pathlib import Path

from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.plan.note_form import NoteForm
from workwell_tui.screens.plan.objective_form import ObjectiveForm
from workwell_tui.screens.plan.screen import PlanScreen
from workwell_tui.services import Services
from workwell_tui.widgets.choices import Choices

from .helpers import screen_text, wait_until
from .test_assessment_resume import run_child_until_ready

NOTE = "Rang HR about the phased return; they want a fit note first"
WHAT = "Ask the manager for a later start on physio days"

CHILD = textwrap.dedent(
    f"""
    import asyncio
    import sys
    from datetime import date, datetime

    from workwell_tui import clock

    clock.freeze(datetime(2026, 11, 22, 14, 5))

    from sqlmodel import Session

    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.models import Objective, Plan
    from workwell_tui.db.store import Store
    from workwell_tui.domain.enums import ReferralSource, WorkSituation
    from workwell_tui.domain.form_drafts import FormKind
    from workwell_tui.domain.referral import NewReferral
    from workwell_tui.screens.plan.form import PlanForm
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
        objective = Objective(plan_id=plan.id, domain="work", what="Phased return",
                              target_week=8, accepted_on=date(2026, 10, 20))
        session.add(objective)
        session.commit()
        plan_id, objective_id = str(plan.id), str(objective.id)


    async def wait_for(check, what):
        for _ in range(500):
            if check():
                return
            await asyncio.sleep(0.02)
        raise SystemExit(f"child: gave up waiting for {{what}}")


    def kept(form, key, field, text):
        draft = store.form_draft(form, key)
        return draft is not None and draft.values.get(field) == text


    async def main():
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(lambda: app.caseload_rows, "the caseload")
            screen = PlanScreen(str(person.id))
            app.push_screen(screen)
            await wait_for(lambda: screen.view is not None and screen.objective, "the plan")
            await pilot.press("n")
            await wait_for(lambda: isinstance(app.screen, PlanForm), "the note form")
            await app.workers.wait_for_complete()
            await pilot.press(*{NOTE!r})
            await wait_for(
                lambda: kept(FormKind.PROGRESS_NOTE, objective_id, "note", {NOTE!r}), "the note"
            )
            app.pop_screen()
            await wait_for(lambda: app.screen is screen, "the plan again")
            await pilot.press("a")
            await wait_for(lambda: isinstance(app.screen, PlanForm), "the objective form")
            await app.workers.wait_for_complete()
            await pilot.press("4", "tab", *{WHAT!r})
            await wait_for(
                lambda: kept(FormKind.NEW_OBJECTIVE, plan_id, "what", {WHAT!r}), "the objective"
            )
            print("READY", person.id, objective_id, flush=True)
            await asyncio.sleep(3600)


    asyncio.run(main())
    """
)


async def test_a_killed_plan_form_offers_what_was_typed(tmp_path: Path, settings: Settings) -> None:
    database = tmp_path / "killed.sqlite3"
    url = f"sqlite:///{database}"
    child, participant_id, objective_id = run_child_until_ready(
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
        assert view is not None and len(view.objectives) == 1  # nothing saved, only kept
        note = store.form_draft(FormKind.PROGRESS_NOTE, objective_id)
        assert note is not None and note.values["note"] == NOTE

        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 30)) as pilot:
            screen = PlanScreen(participant_id)
            app.push_screen(screen)
            await wait_until(pilot, lambda: screen.view is not None and screen.objective)
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "You were typing this objective at 14:05" in screen_text(app)
            await pilot.press("y")
            await wait_until(pilot, lambda: isinstance(app.screen, ObjectiveForm))
            assert app.screen.query_one("#what", Input).value == WHAT
            assert app.screen.query_one("#domain", Choices).value == "work"
            app.pop_screen()
            await wait_until(pilot, lambda: app.screen is screen)

            await pilot.press("n")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "You were typing a progress note at 14:05" in screen_text(app)
            await pilot.press("y")
            await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
            assert app.screen.query_one("#note", Input).value == NOTE
    finally:
        store.close()
