"""An adjustment's details keep what is typed as a draft: the notes and the words agreed for the
employer are offered back when the same adjustment is opened again after the app went away,
and the draft goes when the details are saved."""

from __future__ import annotations

from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.adjustments.details import AdjustmentDetailsScreen
from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
from workwell_tui.screens.confirm import ConfirmScreen

from .adjustments_data import add_checklist
from .helpers import screen_text, settled, wait_until
from .test_adjustments import highlight, open_checklist, stored

WORDS = "Starts at 10:00 on Mondays and Wednesdays until the review on 14 Dec"


def kept(store: Store, key: str) -> bool:
    draft = store.form_draft(FormKind.ADJUSTMENT, key)
    return draft is not None and draft.values.get("employer_note") == WORDS


async def test_the_words_for_the_employer_are_offered_back_then_saved(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_checklist(store, people["alex"])
    key = ids["phased_return"]
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_checklist(pilot, people["alex"])
        await highlight(pilot, screen, key)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjustmentDetailsScreen))
        await app.workers.wait_for_complete()
        form = app.screen
        form.query_one("#employer_note", Input).focus()
        await wait_until(pilot, lambda: app.focused is form.query_one("#employer_note"))
        await pilot.press(*WORDS)
        await wait_until(pilot, lambda: kept(store, str(key)))
        await wait_until(pilot, lambda: "draft 14:05" in screen_text(app))
        app.pop_screen()  # as if the app had gone: no save, no discard
        await wait_until(pilot, lambda: app.screen is screen)

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "You were typing these adjustment details at 14:05" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjustmentDetailsScreen))
        assert app.screen.query_one("#employer_note", Input).value == WORDS
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, AdjustmentsScreen))
        await settled(pilot)
    assert stored(store, people["alex"], key).employer_note == WORDS
    assert store.form_draft(FormKind.ADJUSTMENT, str(key)) is None
