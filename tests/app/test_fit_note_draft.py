"""The fit note keeps what is typed as a draft: comments and a ticked advice box typed before the
app went away unsaved are offered back when the fit note is opened again, and the draft goes
when the fit note is saved."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from workwell_tui.app import WorkwellApp
from workwell_tui.config import Settings
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.adjustments.fit_note import FitNoteScreen
from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.services import Services

from .adjustments_data import add_checklist
from .helpers import screen_text, settled, wait_for_focus, wait_for_screen, wait_until
from .test_adjustments import open_checklist

COMMENTS = "Back pain: cannot sit for long; [bold]stands[/] every 20 minutes"


def kept(store: Store, key: str) -> bool:
    draft = store.form_draft(FormKind.FIT_NOTE, key)
    return (
        draft is not None
        and draft.values.get("comments") == COMMENTS
        and draft.values.get("advice-workplace_adaptations") is True
    )


async def test_fit_note_comments_are_offered_back_after_the_app_went_away_then_saved(
    app: WorkwellApp, store: Store, settings: Settings, people: dict[str, Participant]
) -> None:
    add_checklist(store, people["alex"])
    key = str(people["alex"].id)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_checklist(pilot, people["alex"])
        await pilot.press("f")
        form = await wait_for_screen(pilot, FitNoteScreen, lambda shown: shown.keeper.ready)
        comments = form.query_one("#comments", Input)
        comments.focus()
        await wait_for_focus(pilot, comments)
        await pilot.press("end", *"; [bold]stands[/] every 20 minutes")
        form.query_one("#advice-workplace_adaptations", Checkbox).value = True
        await wait_until(pilot, lambda: kept(store, key), "the draft")
        await wait_until(pilot, lambda: "draft 14:05" in screen_text(app), "the draft time")
    # The app went away with the form open: nothing saved, nothing discarded.
    assert store.form_draft(FormKind.FIT_NOTE, key) is not None

    again = WorkwellApp(Services.for_store(store, settings))
    async with again.run_test(size=(100, 40)) as pilot:
        await open_checklist(pilot, people["alex"])
        await pilot.press("f")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "You were typing this fit note at 14:05" in screen_text(again)
        await pilot.press("y")
        form = await wait_for_screen(pilot, FitNoteScreen, lambda shown: shown.keeper.ready)
        assert form.query_one("#comments", Input).value == COMMENTS
        assert form.query_one("#advice-workplace_adaptations", Checkbox).value is True
        assert "draft 14:05" in screen_text(again)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, AdjustmentsScreen)
        await settled(pilot)
    data = store.adjustment_checklist(key)
    assert data is not None and data.fit_note is not None
    assert data.fit_note.comments == COMMENTS
    assert "workplace_adaptations" in data.fit_note.advice
    assert store.form_draft(FormKind.FIT_NOTE, key) is None


async def test_throwing_the_fit_note_changes_away_drops_the_draft(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_checklist(store, people["alex"])
    key = str(people["alex"].id)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        await pilot.press("f")
        form = await wait_for_screen(pilot, FitNoteScreen, lambda shown: shown.keeper.ready)
        comments = form.query_one("#comments", Input)
        comments.focus()
        await wait_for_focus(pilot, comments)
        await pilot.press("end", *"; walks")
        await wait_until(pilot, lambda: store.form_draft(FormKind.FIT_NOTE, key) is not None)
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen, "the checklist")
        await wait_until(pilot, lambda: store.form_draft(FormKind.FIT_NOTE, key) is None)
