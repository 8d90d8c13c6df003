"""The adjustments checklist by keyboard: statuses, sharing under consent, filters, details with a
link to an objective, adding from the catalogue, a bad catalogue file, and hostile text."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import update
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.hostile_strings import FORBIDDEN, HOSTILE
from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.config_adjustments import EXTENSION_FILE
from workwell_tui.db.models import Adjustment, Participant
from workwell_tui.db.store import Store
from workwell_tui.screens.adjustments.add import AddAdjustmentScreen
from workwell_tui.screens.adjustments.checklist import Checklist
from workwell_tui.screens.adjustments.details import AdjustmentDetailsScreen
from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.navigation import OpenAdjustments
from workwell_tui.services import Services

from .adjustments_data import add_checklist
from .helpers import (
    flat_text,
    focus_and_type,
    record_notifications,
    screen_text,
    settled,
    wait_for_caseload,
    wait_for_focus,
    wait_for_screen,
    wait_until,
)


async def open_checklist(pilot: Pilot[None], person: Participant) -> AdjustmentsScreen:
    """From the caseload to Alex's checklist, through the App's navigation handler."""
    app = pilot.app
    await wait_for_caseload(pilot)
    app.post_message(OpenAdjustments(str(person.id)))
    screen = await wait_for_screen(pilot, AdjustmentsScreen, lambda shown: shown.data is not None)
    await wait_for_focus(pilot, screen.query_one(Checklist))  # the keys below go to it
    return screen


async def highlight(pilot: Pilot[None], screen: AdjustmentsScreen, key: uuid.UUID) -> None:
    """Move the cursor down to one item, as a coach would."""
    checklist = screen.query_one(Checklist)
    checklist.action_first()
    for _ in range(len(checklist.options)):
        if checklist.current_id == key:
            break
        await pilot.press("down")
    assert checklist.current_id == key


def stored(store: Store, person: Participant, key: uuid.UUID) -> Adjustment:
    data = store.adjustment_checklist(person.id)
    assert data is not None
    record = data.record(key)
    assert record is not None
    return record  # type: ignore[return-value]


async def test_space_moves_statuses_on_and_each_is_saved_in_order(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_checklist(store, people["alex"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        text = screen_text(app)
        assert "Fit note advice" in text and "Employer conversations" in text
        assert "Time off for appointments" in text and "· suggested" in text
        key = ids["time_off_for_appointments"]
        await highlight(pilot, screen, key)
        await pilot.press("space", "space", "space")  # quicker than the saves
        assert "◷ raised" in screen.query_one(Checklist).rows[str(key)].symbol + " raised"
        await settled(pilot)
        await wait_until(pilot, lambda: not screen.saving, "the saves")
        record = stored(store, people["alex"], key)
        assert (record.status, record.version) == ("raised", 4)
        assert screen.query_one(Checklist).current_id == key  # the cursor stayed on it
        await pilot.press("backspace")
        await settled(pilot)
        await wait_until(
            pilot, lambda: stored(store, people["alex"], key).status == "agreed", "agreed"
        )
        # In place cannot move on: the screen says what to do instead.
        messages = record_notifications(app)
        await highlight(pilot, screen, ids["altered_hours"])
        await pilot.press("space")
        assert any("Already in place" in message for message in messages)
        assert stored(store, people["alex"], ids["altered_hours"]).status == "in_place"


async def test_share_needs_consent_and_says_why(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_checklist(store, people["alex"], employer_consent=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        assert "contact employer ✗" in screen_text(app)
        messages = record_notifications(app)
        await highlight(pilot, screen, ids["altered_hours"])
        await pilot.press("s")
        await settled(pilot)
        assert any("not consented to contact with their employer" in m for m in messages)
        assert not stored(store, people["alex"], ids["altered_hours"]).employer_shareable
        assert "Cannot share" in screen_text(app)  # the panel says why, too


async def test_share_and_unshare_with_consent_and_the_filters(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_checklist(store, people["alex"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        key = ids["stress_risk_assessment"]
        await highlight(pilot, screen, key)
        await pilot.press("s")
        await settled(pilot)
        await wait_until(
            pilot, lambda: stored(store, people["alex"], key).employer_shareable, "shared"
        )
        await pilot.press("s")
        await settled(pilot)
        await wait_until(
            pilot, lambda: not stored(store, people["alex"], key).employer_shareable, "unshared"
        )
        await pilot.press("o")  # open only: in place items go
        text = screen_text(app)
        assert "Altered hours" not in text and "Phased return" in text
        assert "showing open only" in text
        await pilot.press("o", "e")  # shared only
        text = screen_text(app)
        assert "Altered hours" in text and "Stress risk assessment" not in text
        await pilot.press("e")
        assert "Stress risk assessment" in screen_text(app)


async def test_details_link_an_objective_and_refuse_health_detail_without_consent(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_checklist(store, people["alex"])
    key = ids["phased_return"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        await highlight(pilot, screen, key)
        await pilot.press("enter")
        form = await wait_for_screen(pilot, AdjustmentDetailsScreen)
        # Health detail in the note for the employer, still shared: refused beside the box.
        await focus_and_type(pilot, form.query_one("#employer_note", Input), *"Back pain")
        await focus_and_type(pilot, form.query_one("#employer_note_health"), "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "health-detail consent" in screen_text(app) or "health detail" in screen_text(app)
        assert isinstance(app.screen, AdjustmentDetailsScreen)
        assert app.focused is form.query_one("#share")  # taken to the problem
        # Untick: no health detail after all.
        await focus_and_type(pilot, form.query_one("#employer_note_health"), "space")
        form.query_one("#employer_note", Input).value = "Mondays off at first"
        # Link the plan objective by keyboard.
        await focus_and_type(
            pilot, form.query_one("#objective_id", Select), "enter", "down", "enter"
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, AdjustmentsScreen)
        await settled(pilot)
        record = stored(store, people["alex"], key)
        data = store.adjustment_checklist(people["alex"].id)
        assert data is not None and record.objective_id == data.objectives[0].id
        assert record.employer_note == "Mondays off at first" and record.employer_shareable
        assert "objective: Back to work three days a week" in screen_text(app)


async def test_add_from_the_catalogue_with_a_name(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_checklist(store, people["alex"])
    async with app.run_test(size=(100, 40)) as pilot:
        await open_checklist(pilot, people["alex"])
        await pilot.press("a")
        add = await wait_for_screen(pilot, AddAdjustmentScreen)
        text = screen_text(app)
        assert "(on the checklist)" in text  # altered hours cannot be added twice
        catalogue = add.query_one("#catalogue")
        await wait_for_focus(pilot, catalogue)  # the arrows below move through it
        while (item := add.current()) is None or item.key != "other_equipment":
            await pilot.press("down")
        await pilot.press("enter")
        assert "Say what it is" in screen_text(app)
        await wait_for_focus(pilot, add.query_one("#name", Input))
        await pilot.press(*"Braille display", "enter")
        await wait_for_screen(pilot, AdjustmentsScreen)
        await settled(pilot)
        assert "Braille display" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, AdjustmentsScreen)
        current = screen.query_one(Checklist).current_id
        assert current is not None
        assert screen.query_one(Checklist).rows[str(current)].label == "Braille display"
        assert "Fit note review 30 Nov 2026" in screen_text(app)
        assert catalogue is not None


async def test_a_bad_catalogue_file_is_named_and_the_built_in_list_is_used(
    store: Store, settings: Settings, people: dict[str, Participant], tmp_path: Path
) -> None:
    add_checklist(store, people["alex"])
    paths = resolve_paths(data_dir=str(tmp_path / "data"))
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    (paths.config_dir / EXTENSION_FILE).write_text('[[items]]\nkey = "x"\nlabel = "X"\n')
    app = WorkwellApp(Services(settings=settings, paths=paths, opened=store))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_checklist(pilot, people["alex"])
        # The problem names the file by its full path, which wraps where its length says.
        problem = (EXTENSION_FILE, "line 1", "'group' is needed")
        await wait_until(
            pilot, lambda: all(part in flat_text(app) for part in problem), "the problem"
        )
        text = flat_text(app)
        assert "line 1" in text and "'group' is needed" in text
        assert "Fit note advice" in text


@pytest.mark.parametrize("chunk", range(4))
async def test_hostile_text_in_every_field_shows_literally(
    app: WorkwellApp, store: Store, people: dict[str, Participant], chunk: int
) -> None:
    person = people["alex"]
    ids = add_checklist(store, person)
    values = HOSTILE[chunk * 10 : chunk * 10 + 10]
    with store.engine.begin() as connection:  # raw, past every cleaning write path
        connection.execute(
            update(Participant).where(Participant.id == person.id)  # type: ignore[arg-type]
            .values(first_name=values[0], last_name=values[1])
        )  # fmt: skip
        for value, key in zip(values, list(ids.values()), strict=False):
            connection.execute(
                update(Adjustment).where(Adjustment.id == key)  # type: ignore[arg-type]
                .values(label=value, notes=value, employer_note=value, reason=value)
            )  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_checklist(pilot, person)
        checklist = screen.query_one(Checklist)
        for key in ids.values():
            await highlight(pilot, screen, key)
            text = screen_text(app)
            assert not any(code in text for code in FORBIDDEN)
            assert app.is_running
        await highlight(pilot, screen, next(iter(ids.values())))
        await pilot.press("enter")
        form = await wait_for_screen(pilot, AdjustmentDetailsScreen)
        text = screen_text(app)
        assert not any(code in text for code in FORBIDDEN)
        for name in ("notes", "employer_note"):
            form.query_one(f"#{name}", Input).value = values[-1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        if len(values[-1]) > 2000:  # too long: said beside the field, nothing lost, not saved
            assert "Keep notes to 2000 characters" in screen_text(app)
            assert form.query_one("#notes", Input).value == values[-1]
            await pilot.press("escape")  # leave without saving, after the question
            await wait_for_screen(pilot, ConfirmScreen)
            await pilot.press("y")
        await wait_for_screen(pilot, AdjustmentsScreen)
        await settled(pilot)
        assert app.is_running and checklist.is_mounted
        assert not any(code in screen_text(app) for code in FORBIDDEN)
