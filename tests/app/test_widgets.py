"""The reusable widgets on their own: Choices, FormField, and StepPages as a plan review uses it."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import step_problems
from workwell_tui.domain.assessment.steps import MEASURES, WORK
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.step_pages import StepPages

from .helpers import focus_and_type, screen_text, wait_for_focus, wait_until

YES_NO = (("yes", "Yes"), ("no", "No"))


class Holder(App[None]):
    """An app holding one widget and noting the messages that reach it."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.seen: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_choices_changed(self, message: Choices.Changed) -> None:
        self.seen.append(message)

    def on_step_pages_changed(self, message: StepPages.Changed) -> None:
        self.seen.append(message)

    def on_step_pages_submitted(self, message: StepPages.Submitted) -> None:
        self.seen.append(message)


def choice_changes(app: Holder) -> list[Choices.Changed]:
    return [message for message in app.seen if isinstance(message, Choices.Changed)]


async def test_choices_value_is_a_reactive_whose_watcher_posts_changed() -> None:
    choices = Choices(YES_NO, value="no")
    app = Holder(choices)
    async with app.run_test() as pilot:
        await focus_and_type(pilot, choices, "y")
        await pilot.pause()
        assert choices.value == "yes"
        assert [(m.value, m.answered_by_key) for m in choice_changes(app)] == [("yes", True)]
        choices.value = "no"  # from code: posted too, as Textual's Input does
        await pilot.pause()
        assert [(m.value, m.answered_by_key) for m in choice_changes(app)][-1] == ("no", False)
        assert choices.cursor == 1
        with choices.prevent(Choices.Changed):
            choices.value = "yes"
        await pilot.pause()
        assert len(app.seen) == 2
        await pilot.press("left")  # arrows move the answer, like radio buttons
        await pilot.pause()
        assert choices.value == "no" and not choice_changes(app)[-1].answered_by_key
        await pilot.press("backspace")
        await pilot.pause()
        assert choices.value is None


async def test_choices_digits_ticks_and_ten() -> None:
    scale = Choices(tuple((str(n), str(n)) for n in range(11)), numbered=True, first_digit=0)
    app = Holder(scale)
    async with app.run_test() as pilot:
        await focus_and_type(pilot, scale, "1", "0")
        await pilot.pause()
        assert scale.value == "10"
    ticks = Choices((("a", "Alpha"), ("b", "Beta")), multi=True, numbered=True)
    app = Holder(ticks)
    async with app.run_test() as pilot:
        await focus_and_type(pilot, ticks, "2", "1", "2")
        await pilot.pause()
        assert ticks.value == ["a"]
        assert "[x] 1 Alpha" in screen_text(app) and "[ ] 2 Beta" in screen_text(app)


async def test_form_field_message_and_invalid_state() -> None:
    field = FormField("Email", Input(id="email"), required=True, hint="So we can write")
    app = Holder(field)
    async with app.run_test() as pilot:
        assert "Email *" in screen_text(app) and "So we can write" in screen_text(app)
        field.set_message("Not an email address")
        await pilot.pause()
        assert field.invalid and field.has_class("-invalid")
        assert "Not an email address" in screen_text(app)
        field.set_message(None)
        await pilot.pause()
        assert not field.invalid and field.message == "So we can write"
        field.set_message(None, "")  # an empty note hides the line
        await pilot.pause()
        assert "So we can write" not in screen_text(app)
        assert field.value == "" and field.id == "field-email"


async def test_step_pages_alone_takes_the_measures_again() -> None:
    """How the plan review reuses it: only MEASURES, answers in, answers out by messages."""
    pages = StepPages([MEASURES], answers={"phq9.take": "yes", "phq9.1": 2})
    app = Holder(pages)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: pages.step is MEASURES and pages.fields, "the measures")
        assert pages.answer("phq9.1") == 2  # answers in: shown in their controls
        await wait_for_focus(pilot, pages.fields["phq9.take"].control)  # the first, by itself
        assert app.focused is pages.fields["phq9.take"].control
        await focus_and_type(pilot, pages.fields["phq9.2"].control, "3")
        await pilot.pause()
        [changed] = [m for m in app.seen if isinstance(m, StepPages.Changed)]
        assert (changed.key, changed.value, changed.previous) == ("phq9.2", 3, None)
        assert changed.answered_by_key and changed.pages.answers["phq9.2"] == 3

        pages.set_answers({"phq9.take": "no"})  # answers in again: no Changed for these
        await pilot.pause()
        assert not pages.fields["phq9.1"].display  # not taking the PHQ-9: its items hide
        assert len([m for m in app.seen if isinstance(m, StepPages.Changed)]) == 1

        problems = step_problems(MEASURES, pages.answers, clock.today())
        pages.show_problems(problems)
        await pilot.pause()
        first = next(iter(problems))
        await wait_for_focus(pilot, pages.fields[first].control)  # taken to the first problem
        assert pages.fields[first].invalid and app.focused is pages.fields[first].control


async def test_step_pages_builds_ahead_and_says_when_enter_is_pressed() -> None:
    pages = StepPages([WORK], answers={"work_situation": "off_sick"})
    app = Holder(pages)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: pages.fields, "the questions")
        pages.prepare(MEASURES)
        await wait_until(pilot, lambda: MEASURES.key in pages.pages, "the next step built")
        assert not pages.pages[MEASURES.key].display  # built, not shown
        job = pages.fields["job_title"].control
        await focus_and_type(pilot, job, *"Porter", "enter")
        await pilot.pause()
        assert pages.answers["job_title"] == "Porter"
        assert any(isinstance(m, StepPages.Submitted) and m.key == "job_title" for m in app.seen)
        await pages.show(MEASURES)
        assert pages.pages[MEASURES.key].display and not pages.pages[WORK.key].display
