"""The app on a PostgreSQL server that goes away: "Esc, save and leave" while the server is down
stays on the wizard, says "Not saved" in the coach's words (no traceback, no driver's text) and
keeps every answer on screen; once the server is back, Esc saves them and leaves.

Uses the throwaway server of `tests/pg_server.py` (skipped without PostgreSQL on a laptop; in CI
WORKWELL_REQUIRE_POSTGRES=1 makes it run).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg_server import PostgresServer
from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.store import Store
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.participant import ParticipantScreen
from workwell_tui.services import Services

from .conftest import add_caseload
from .helpers import record_notifications, screen_text, settled, wait_until
from .wizard import answer, start_assessment

SIZE = (100, 40)


@pytest.fixture
def pg_store(postgres_server: PostgresServer, settings: Settings) -> Iterator[Store]:
    store = Store(settings, "test-coach", url=postgres_server.new_database())
    store.warm()
    yield store
    store.close()


async def test_esc_with_the_server_down_stays_and_saves_once_it_is_back(
    pg_store: Store, postgres_server: PostgresServer, settings: Settings
) -> None:
    people = add_caseload(pg_store)
    app = WorkwellApp(Services.for_store(pg_store, settings))
    messages = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_assessment(pilot, "WW-000003")
        await answer(pilot, "health_affects_work", "y")
        await settled(pilot)

        with postgres_server.stopped():
            await answer(pilot, "wants_work", "y")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            text = " ".join(screen_text(app).split())
            assert "Not saved: The database server cannot be reached" in text, text
            assert "Try again" in text
            assert "psycopg" not in text and "Traceback" not in text
            await pilot.press("n")  # stay
            await wait_until(pilot, lambda: app.screen is screen, "back on the wizard")
            assert screen.answers["wants_work"] == "yes"  # still on screen

        await pilot.press("escape")  # the server is back: saved, and away
        await wait_until(pilot, lambda: isinstance(app.screen, ParticipantScreen), "the record")
        await settled(pilot)
    assert not any("psycopg" in message for message in messages)
    draft = pg_store.assessment_draft(people["jordan"].id)
    assert draft is not None
    assert draft.answers["wants_work"] == "yes" and draft.answers["health_affects_work"] == "yes"
    assert pg_store.verify_audit() is None
