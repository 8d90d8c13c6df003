"""The plan's objective and progress-note forms keep what is typed as a draft: it is offered back
when the same form opens again after the app went away, it goes when the form is saved or the
typing is thrown away, and one objective's draft is never offered on another's form."""

from __future__ import annotations

from textual.widgets import Input

from workwell_tui.app import WorkwellApp
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.form_drafts import FormKind
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.screens.plan.form import PlanForm
from workwell_tui.screens.plan.note_form import NoteForm
from workwell_tui.screens.plan.objective_form import ObjectiveForm
from workwell_tui.widgets.choices import Choices

from .helpers import screen_text, wait_until
from .plan_data import ALEX, add_alex_plan
from .test_plan_screen import back_on_plan, open_plan, stored

LONG_OBJECTIVE = (
    "Talk to the manager about a phased return [bold]three mornings[/] a week, "
    "starting after the physio review, and ask about a chair"
)


def kept(store: Store, form: FormKind, key: str, field: str, text: str) -> bool:
    """The draft of `form` for `key` holds `text` in `field`."""
    draft = store.form_draft(form, key)
    return draft is not None and draft.values.get(field) == text


async def test_a_new_objective_is_offered_back_and_saving_clears_its_draft(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    add_alex_plan(store, people)
    plan_id = str(stored(store, people["alex"]).id)
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ObjectiveForm))
        await app.workers.wait_for_complete()
        await pilot.press("4", "tab", *LONG_OBJECTIVE)
        await wait_until(
            pilot, lambda: kept(store, FormKind.NEW_OBJECTIVE, plan_id, "what", LONG_OBJECTIVE)
        )
        await wait_until(pilot, lambda: "draft 14:05" in screen_text(app))
        app.pop_screen()  # as if the app had gone: no save, no discard
        await back_on_plan(pilot, plan)

        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "You were typing this objective at 14:05" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, ObjectiveForm))
        form = app.screen
        assert form.query_one("#what", Input).value == LONG_OBJECTIVE
        assert form.query_one("#domain", Choices).value == "work"
        form.query_one("#target_week", Input).focus()
        await wait_until(pilot, lambda: app.focused is form.query_one("#target_week"))
        await pilot.press("7", "ctrl+s")
        await back_on_plan(pilot, plan)
    assert stored(store, people["alex"]).objectives[-1].what == LONG_OBJECTIVE
    assert store.form_draft(FormKind.NEW_OBJECTIVE, plan_id) is None


async def test_a_progress_note_thrown_away_is_not_offered_again(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_alex_plan(store, people)
    physio, other = str(ids[1]), str(ids[0])
    note = "Did the stretches daily; the knee still aches after the bus"
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        plan.grid.select(ids[1])
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
        await app.workers.wait_for_complete()
        await pilot.press(*note)
        await wait_until(pilot, lambda: kept(store, FormKind.PROGRESS_NOTE, physio, "note", note))

        # Another objective's note form starts empty, with nothing offered.
        app.pop_screen()
        await back_on_plan(pilot, plan)
        plan.grid.select(ids[0])
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.screen.query_one("#note", Input).value == ""
        assert store.form_draft(FormKind.PROGRESS_NOTE, other) is None
        await pilot.press("escape")  # nothing typed: leaves without asking
        await back_on_plan(pilot, plan)

        # Its own form offers it; thrown away, it goes.
        plan.grid.select(ids[1])
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "You were typing a progress note" in screen_text(app)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteForm))
        assert app.screen.query_one("#note", Input).value == note
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Leave without saving?" in screen_text(app)
        await pilot.press("y")
        await back_on_plan(pilot, plan)
        await wait_until(pilot, lambda: store.form_draft(FormKind.PROGRESS_NOTE, physio) is None)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanForm))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)  # no offer this time
        assert app.screen.query_one("#note", Input).value == ""


async def test_an_edit_and_a_drop_of_one_objective_keep_drafts_apart(
    app: WorkwellApp, store: Store, people: dict[str, Participant]
) -> None:
    ids = add_alex_plan(store, people)
    key = str(ids[0])
    async with app.run_test(size=(100, 30)) as pilot:
        plan = await open_plan(pilot, ALEX)
        plan.grid.select(ids[0])
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ObjectiveForm))
        await app.workers.wait_for_complete()
        form = app.screen
        await wait_until(pilot, lambda: app.focused is form.query_one("#reason"))
        await pilot.press(*"They found a new job nearer home")
        await wait_until(
            pilot,
            lambda: kept(
                store, FormKind.DROP_OBJECTIVE, key, "reason", "They found a new job nearer home"
            ),
        )
        app.pop_screen()
        await back_on_plan(pilot, plan)
        # Editing the same objective is a different form: nothing offered, status as stored.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ObjectiveForm))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ObjectiveForm)
        assert app.screen.query_one("#status", Choices).value == "in_progress"
        assert app.screen.query_one("#reason", Input).value == ""
    assert store.form_draft(FormKind.DROP_OBJECTIVE, key) is not None
    assert store.form_draft(FormKind.EDIT_OBJECTIVE, key) is None
