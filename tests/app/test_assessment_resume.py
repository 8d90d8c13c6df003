"""Resume after an interrupted run: a child process is killed mid-wizard, nothing typed is lost.

The child builds a database file, refers someone, answers the first step, moves to Work, types
a job title and, once the autosave is in the file, says READY and waits to be killed (SIGKILL:
no unmount, no flush, no clean close). The test then opens the same file and carries on.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select
from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.models import Assessment, Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.screens.assessment.screen import AssessmentScreen
from workwell_tui.services import Services
from workwell_tui.widgets.answer_controls import control_id

from .helpers import screen_text, wait_for_screen, wait_until
from .wizard import open_participant

READY_TIMEOUT = 60.0
JOB_TITLE = "Care assistant"

CHILD = textwrap.dedent(
    """
    import asyncio
    import sys
    import time
    from datetime import date, datetime

    from workwell_tui import clock

    clock.freeze(datetime(2026, 11, 22, 14, 5))  # the tests' frozen day, in the child too

    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.store import Store
    from workwell_tui.domain.assessment.flow import step_number
    from workwell_tui.domain.assessment.steps import StepKey
    from workwell_tui.domain.enums import ReferralSource, WorkSituation
    from workwell_tui.domain.referral import NewReferral
    from workwell_tui.screens.assessment.screen import AssessmentScreen
    from workwell_tui.services import Services

    url, job_title = sys.argv[1], sys.argv[2]
    settings = Settings()
    store = Store(settings, "test-coach", url=url)
    store.engine  # creates the schema
    person = store.add_referral(
        NewReferral(
            first_name="Jordan",
            last_name="Psmith",
            preferred_name="",
            date_of_birth=date(1985, 3, 3),
            email="",
            phone="",
            postcode="PR1 2AB",
            district="Preston",
            referral_source=ReferralSource.GP,
            referral_date=date(2026, 11, 9),
            work_situation=WorkSituation.OFF_SICK,
            employer_name="Ribble Care Homes",
            consent_processing=True,
        )
    )
    WORK = step_number(StepKey.WORK)


    async def wait_for(check, what):
        # A condition with a deadline, as the tests' own wait_until (this child cannot import it).
        deadline = time.monotonic() + 15
        while not check():
            if time.monotonic() > deadline:
                raise SystemExit(f"child: gave up waiting for {what}")
            await asyncio.sleep(0.02)


    def focused_on(screen, key):
        field = screen.fields.get(key)
        return field is not None and screen.app.focused is field.control


    async def main():
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_for(lambda: app.caseload_rows, "the caseload")
            screen = AssessmentScreen(str(person.id))
            app.push_screen(screen)
            # Shown once the first question has focus (the step is mounted by then).
            await wait_for(lambda: focused_on(screen, "date_of_birth"), "step 1")
            keys = {
                "health_affects_work": "y",
                "complex_needs": "n",
                "wants_work": "y",
                "agrees_to_take_part": "y",
                "consent_share_gp": "y",
                "consent_contact_employer": "y",
                "consent_share_health_with_employer": "n",
            }
            for key, press in keys.items():
                screen.fields[key].control.focus()
                await wait_for(lambda key=key: focused_on(screen, key), key)
                await pilot.press(press)
            await pilot.pause()
            await pilot.press("enter")
            await wait_for(lambda: focused_on(screen, "job_title"), "Work")
            await pilot.press(*job_title)  # saved 0.8 s after the typing stops

            def saved():
                draft = store.assessment_draft(person.id)
                return (
                    draft is not None
                    and draft.step == WORK
                    and draft.answers.get("job_title") == job_title
                )

            await wait_for(saved, "the autosave")
            print("READY", person.id, person.reference, flush=True)
            await asyncio.sleep(3600)


    asyncio.run(main())
    """
)


def run_child_until_ready(
    url: str, log: Path, script: str = CHILD
) -> tuple[subprocess.Popen[str], str, str]:
    """Start the child (`script`, given the URL and the job title); return it with the
    participant id and reference once it is READY."""
    with log.open("w") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", script, url, JOB_TITLE],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
        )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or (child.poll() is not None and lines.empty()):
            child.kill()
            child.wait()
            pytest.fail(f"child never said READY:\n{log.read_text()[-3000:]}")
        try:
            line = lines.get(timeout=min(left, 0.5))
        except queue.Empty:
            continue
        if line.startswith("READY"):
            _, participant_id, reference = line.split()
            return child, participant_id, reference


async def test_a_killed_run_resumes_on_the_step_it_was_on(
    tmp_path: Path, settings: Settings
) -> None:
    database = tmp_path / "interrupted.sqlite3"
    url = f"sqlite:///{database}"
    child, participant_id, reference = run_child_until_ready(url, tmp_path / "child.log")
    try:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    # What the killed run left: a sound file holding the draft, on Work, with the job title.
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store(settings, "test-coach", url=url)
    try:
        with Session(store.engine) as session:
            [draft] = session.exec(select(Assessment)).all()
            person = session.get(Participant, draft.participant_id)
        assert person is not None and str(person.id) == participant_id
        assert person.stage == "assessing"
        assert draft.status == "draft" and draft.kind == "initial"
        assert draft.step == step_number(StepKey.WORK)
        assert draft.answers["job_title"] == JOB_TITLE
        assert draft.answers["health_affects_work"] == "yes"
        assert draft.answers["consent_share_health_with_employer"] == "no"
        store.close()

        # The coach opens the app again on the same file and picks up where they were.
        store = Store(settings, "test-coach", url=url)
        app = WorkwellApp(Services.for_store(store, settings))
        async with app.run_test(size=(100, 40)) as pilot:
            participant = await open_participant(pilot, reference)
            await wait_until(pilot, lambda: participant.draft is not None, "the draft read")
            text = screen_text(app)
            assert "Assessment draft at Work: press a to resume (saved 14:05)" in text, text
            await pilot.press("a")
            screen = await wait_for_screen(pilot, AssessmentScreen, lambda shown: shown.fields)
            assert isinstance(screen, AssessmentScreen), type(screen).__name__
            text = screen_text(app)
            assert "Step 2 of 7 · Work" in text, text
            job = screen.query_one(f"#{control_id('job_title')}", Input)
            assert job.value == JOB_TITLE
            assert screen.answers["wants_work"] == "yes"
    finally:
        store.close()
