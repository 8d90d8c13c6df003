"""An assessment's steps, one page at a time: each page built once, then shown or hidden.

A step's questions are mounted once (ahead of time, with `prepare`, while the coach reads the
step before), so showing a step is one layout: its page is displayed and the last one hidden.

Reuse: anything that asks assessment questions mounts one. The plan review takes the measures
again like this::

    pages = StepPages([MEASURES], answers=earlier)  # shows MEASURES once mounted
    await self.mount(pages)

    def on_step_pages_changed(self, event: StepPages.Changed) -> None:
        answers = event.pages.answers  # every answer as it stands, the new one included

    problems = step_problems(MEASURES, pages.answers, clock.today())
    pages.show_problems(problems)  # each beside its question; the first one focused

Answers go in when it is made, or later with `set_answers`; they come out in `Changed`
(posted for the coach's changes only). `Left` says the cursor left a typed answer (checked by
then), `Submitted` that Enter was pressed in one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from textual import on
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Static

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import hint_for
from workwell_tui.domain.assessment.questions import Answer, Question, check_answer, is_blank
from workwell_tui.domain.assessment.steps import Step, StepKey
from workwell_tui.widgets.answer_controls import question_field, read_control, write_control
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.form_field import FormField

BUILD_AHEAD_AFTER = 0.3  # seconds: after the step on screen has been drawn and focused


class StepPages(VerticalScroll, can_focus=False):
    """Pages of questions, one step shown at a time; scrolls when a step is long.

    Not focusable itself: the cursor is always in a question, so moving between steps never
    restyles every built page (a focus change on a container restyles all it holds).

    Parts, each a child widget with its class:

    | Class | Description |
    | :- | :- |
    | `step-page` | One step's page (hidden unless it is the step shown). |
    | `step-page--intro` | The line that introduces a step. |
    """

    DEFAULT_CSS = """
    StepPages {
        padding: 0 1;
    }
    StepPages > .step-page {
        height: auto;
    }
    StepPages .step-page--intro {
        color: $foreground-muted;
        padding-top: 1;
    }
    """

    @dataclass
    class Changed(Message):
        """The coach changed an answer; `pages.answers` already holds it."""

        pages: StepPages
        key: str
        value: Answer
        previous: Answer
        answered_by_key: bool  # a digit or letter: the asker may move on at once

        @property
        def control(self) -> StepPages:
            """The pages (for `on(..., "#id")` selectors)."""
            return self.pages

    @dataclass
    class Left(Message):
        """The cursor left the typed answer `key` (its message shows any problem)."""

        pages: StepPages
        key: str

    @dataclass
    class Submitted(Message):
        """Enter was pressed in the typed answer `key`."""

        pages: StepPages
        key: str

    def __init__(
        self,
        steps: Iterable[Step] = (),
        *,
        answers: Mapping[str, Answer] | None = None,
        suggestions: Callable[[str], list[str] | None] | None = None,
        extras: Callable[[Step], list[Widget]] | None = None,
        rebuilt: Collection[StepKey] = (),
        id: str | None = None,
    ) -> None:
        """`steps`: shown first once mounted (the first of them); none: call `show` yourself.

        `suggestions(key)` offers typed answers to complete; `extras(step)` gives widgets
        to put above a step's questions; steps in `rebuilt` are built again each time shown
        (a summary of the answers).
        """
        super().__init__(id=id)
        self.steps = tuple(steps)
        self.answers: dict[str, Answer] = dict(answers or {})
        self.step: Step | None = None
        self.pages: dict[StepKey, Vertical] = {}
        self.page_fields: dict[StepKey, dict[str, FormField]] = {}
        self.questions: dict[str, Question] = {}
        self._suggestions = suggestions or (lambda key: None)
        self._extras = extras or (lambda step: [])
        self._rebuilt = frozenset(rebuilt)
        self._keys: dict[Widget, str] = {}  # control -> answer key
        self._showing = asyncio.Lock()

    def on_mount(self) -> None:
        """Show the first of the steps it was given."""
        if self.steps and self.step is None:
            self.call_later(self.show, self.steps[0])

    # The step on screen ----------------------------------------------------------------------

    @property
    def fields(self) -> dict[str, FormField]:
        """The fields of the step shown, by answer key (in question order)."""
        return self.page_fields.get(self.step.key, {}) if self.step is not None else {}

    def field(self, key: str) -> FormField | None:
        """A question's field on whichever built page holds it."""
        for fields in self.page_fields.values():
            if key in fields:
                return fields[key]
        return None

    def answer(self, key: str) -> Answer:
        """What the question's control holds now (None when its page is not built)."""
        field = self.field(key)
        return None if field is None else read_control(self.questions[key], field.control)

    async def show(self, step: Step, focus_key: str | None = None) -> None:
        """Show `step`'s page (building it if needed) and focus its first question."""
        async with self._showing:  # one step change at a time, however fast the keys come
            page = self.pages.get(step.key)
            if page is None or step.key in self._rebuilt:
                if page is not None:
                    await page.remove()
                page = await self._build(step)
            self.step = step
            for other in self.pages.values():
                other.display = other is page
            self.refresh_visibility()
            self.scroll_home(animate=False)
            self.focus_first(focus_key)

    def prepare(self, step: Step) -> None:
        """Build `step`'s page soon (once the step on screen is drawn), to show it at once."""
        if step.key in self.pages or step.key in self._rebuilt:
            return

        async def build() -> None:
            async with self._showing:
                if step.key not in self.pages and self.is_attached:
                    await self._build(step)

        self.set_timer(BUILD_AHEAD_AFTER, build)

    async def _build(self, step: Step) -> Vertical:
        widgets: list[Widget] = []
        if step.intro:
            widgets.append(Static(step.intro, classes="step-page--intro", markup=False))
        widgets.extend(self._extras(step))
        fields: dict[str, FormField] = {}
        for question in step.questions:
            hint = hint_for(question, self.answers)  # the area's own words, where it has some
            shown = question if hint == question.hint else replace(question, hint=hint)
            field = question_field(
                shown, self.answers.get(question.key), self._suggestions(question.key)
            )
            fields[question.key] = field
            self.questions[question.key] = question
            self._keys[field.control] = question.key
            widgets.append(field)
        page = Vertical(*widgets, classes="step-page")
        page.display = False
        self.pages[step.key] = page
        self.page_fields[step.key] = fields
        await self.mount(page)
        return page

    # Answers in -----------------------------------------------------------------------------

    def set_answers(self, answers: Mapping[str, Answer]) -> None:
        """Replace every answer; the built fields show them (no `Changed` is posted)."""
        self.answers = dict(answers)
        with self.prevent(Input.Changed, Choices.Changed):
            for fields in self.page_fields.values():
                for key, field in fields.items():
                    question = self.questions[key]
                    value = self.answers.get(key)
                    if read_control(question, field.control) != value:
                        write_control(question, field.control, value)
        self.refresh_visibility()

    def refresh_visibility(self) -> None:
        """Show the questions that apply to the answers as they stand, hide the rest."""
        for field in self.fields.values():
            field.display = self.questions[str(field.name)].applies(self.answers)
            if not field.display:
                field.set_message(None)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Put each problem beside its question (clearing the others); focus the first."""
        for key, field in self.fields.items():
            field.set_message(problems.get(key))
        first = next((self.fields[key] for key in problems if key in self.fields), None)
        if first is not None:
            first.control.focus(scroll_visible=False)
            first.scroll_visible(animate=False)

    # Moving the cursor ----------------------------------------------------------------------

    def focus_first(self, key: str | None = None) -> None:
        """Focus `key`'s question, or the first that applies, or the page's last button."""
        field = self.fields.get(key) if key else None
        if field is None:
            field = next((f for f in self.fields.values() if f.display), None)
        if field is not None:
            field.control.focus(scroll_visible=False)
            field.scroll_visible(animate=False)
        elif self.step is not None and self.step.key in self.pages:
            buttons = self.pages[self.step.key].query(Button)
            if buttons:
                buttons.last().focus(scroll_visible=False)  # read from the top; Enter confirms

    def focus_after(self, key: str) -> None:
        """Focus the next question that applies (an answer may just have shown it).

        After the last question the cursor stays where it is, so Enter goes on.
        """
        keys = list(self.fields)
        if key not in keys:
            return
        for following in keys[keys.index(key) + 1 :]:
            field = self.fields[following]
            if self.questions[following].applies(self.answers):
                field.control.focus(scroll_visible=False)
                self.call_after_refresh(field.scroll_visible, animate=False)
                return

    # Answers out ----------------------------------------------------------------------------

    def _key_of(self, control: Widget) -> str | None:
        return self._keys.get(control)

    def _take(self, key: str, value: Answer, by_key: bool) -> None:
        previous = self.answers.get(key)
        self.answers[key] = value
        field = self.field(key)
        if field is not None and field.invalid:  # put right as it is typed
            field.set_message(check_answer(self.questions[key], value, clock.today()))
        self.refresh_visibility()
        self.post_message(self.Changed(self, key, value, previous, by_key))

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        key = self._key_of(event.input)
        if key is None:
            return
        event.stop()
        if event.value != self.answers.get(key, ""):  # a field showing what it held is not
            self._take(key, event.value, by_key=False)

    @on(Choices.Changed)
    def _chose(self, event: Choices.Changed) -> None:
        key = self._key_of(event.choices)
        if key is None:
            return
        event.stop()
        self._take(key, read_control(self.questions[key], event.choices), event.answered_by_key)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        key = self._key_of(event.input)
        field = self.field(key) if key else None
        if key is None or field is None:
            return
        value = self.answers.get(key)
        if not is_blank(value):
            field.set_message(check_answer(self.questions[key], value, clock.today()))
        self.post_message(self.Left(self, key))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        key = self._key_of(event.input)
        if key is not None:
            event.stop()
            self.post_message(self.Submitted(self, key))
