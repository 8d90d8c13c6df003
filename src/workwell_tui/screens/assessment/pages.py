"""The wizard's pages: each step's questions built once, then shown or hidden as the coach moves.

The next step is built while the coach reads the current one, so Enter shows it at once. The
screen that uses this composes `#form`, `#legend`, `#position` and `#eligibility`.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import eligibility_of, hint_for, next_step, position
from workwell_tui.domain.assessment.questions import Answer, is_blank
from workwell_tui.domain.assessment.steps import Step, StepKey
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.words import plural
from workwell_tui.screens.assessment.saving import DraftSavingScreen
from workwell_tui.screens.assessment.summary import summary_widgets
from workwell_tui.widgets.question_field import QuestionField
from workwell_tui.widgets.title_bar import TitleBar


class StepPagesScreen(DraftSavingScreen):
    """A draft assessment shown one step (page) at a time."""

    def __init__(self, kind: AssessmentKind) -> None:
        super().__init__(kind)
        self.fields: dict[str, QuestionField] = {}
        self.service_names: list[str] = []
        self.pages: dict[StepKey, Vertical] = {}
        self.page_fields: dict[StepKey, dict[str, QuestionField]] = {}
        self._showing = asyncio.Lock()
        # The answers as they were before the last removal, for ctrl+z while on this step.
        self.undo_answers: dict[str, Answer] | None = None

    async def show_step(self, step: Step, focus_key: str | None = None) -> None:
        """Replace the form with `step`'s questions (or the summary)."""
        async with self._showing:  # one step change at a time, however fast the keys come
            await self._show_step(step, focus_key)

    async def _show_step(self, step: Step, focus_key: str | None) -> None:
        if step.key is StepKey.SIGNPOSTING:
            self._prefill_signposting()
        form = self.query_one("#form", VerticalScroll)
        page = self.pages.get(step.key)
        if page is None or step.key in (StepKey.SUMMARY, StepKey.SIGNPOSTING):
            if page is not None:
                await page.remove()
            page = await self._build_page(step, form)
        self.step = step  # only now: keys until here still belong to the step on screen
        self.undo_answers = None  # leaving a step keeps its removals
        self.refresh_bindings()
        for other in self.pages.values():
            other.display = other is page
        self.fields = self.page_fields[step.key]
        self._show_legend({})
        self._refresh_visibility()
        self._show_position()
        self._show_eligibility()
        form.scroll_home(animate=False)
        self._focus_first(focus_key)
        self._prepare_next()

    async def _build_page(self, step: Step, form: VerticalScroll) -> Vertical:
        """Mount a step's questions once; going back and forth then only shows and hides."""
        widgets: list[Widget] = []
        if step.intro:
            widgets.append(Static(step.intro, classes="step-intro", markup=False))
        if step.key is StepKey.SUMMARY:
            widgets.extend(summary_widgets(self.kind, self.answers, clock.today()))
        fields: dict[str, QuestionField] = {}
        for question in step.questions:
            hint = hint_for(question, self.answers)  # the area's own words, where it has some
            shown = question if hint == question.hint else replace(question, hint=hint)
            field = QuestionField(
                shown, self.answers.get(question.key), self._suggestions(question.key)
            )
            fields[question.key] = field
            widgets.append(field)
        page = Vertical(*widgets, classes="step-page")
        page.display = False
        self.pages[step.key] = page
        self.page_fields[step.key] = fields
        await form.mount(page)
        return page

    def _prepare_next(self) -> None:
        """While the coach reads this step, build the next one so Enter shows it at once."""
        following = next_step(self.kind, self.step.key, self.answers, clock.today())
        if following is None or following.key in self.pages:
            return
        if following.key in (StepKey.SUMMARY, StepKey.SIGNPOSTING):
            return

        async def build() -> None:
            async with self._showing:
                if following.key not in self.pages:
                    await self._build_page(following, self.query_one("#form", VerticalScroll))

        self.set_timer(0.3, build)

    def _suggestions(self, key: str) -> list[str] | None:
        """Where to signpost: the rule's own suggestions, then the local directory."""
        if key != "signpost_service":
            return None
        signposts = eligibility_of(self.answers, clock.today()).signposts
        return [text[:1].upper() + text[1:] for text in signposts] + self.service_names

    def _focus_first(self, key: str | None = None) -> None:
        field = self.fields.get(key) if key else None
        if field is None:
            field = next((f for f in self.fields.values() if f.display), None)
        if field is not None:
            field.control.focus(scroll_visible=False)
            field.scroll_visible(animate=False)
        elif self.step.key in self.pages:
            buttons = self.pages[self.step.key].query(Button)
            if buttons:
                buttons.last().focus(scroll_visible=False)  # read from the top; Enter confirms

    def _refresh_visibility(self) -> None:
        for field in self.fields.values():
            field.display = field.question.applies(self.answers)
            if not field.display:
                field.set_problem(None)

    def _show_position(self) -> None:
        where = position(self.kind, self.step.key, self.answers, clock.today())
        self.query_one(TitleBar).set_fact("position", where.label)

    def _show_eligibility(self) -> None:
        line = self.query_one("#eligibility", Static)
        if self.kind is AssessmentKind.REVIEW:
            line.display = False
            return
        eligibility = eligibility_of(self.answers, clock.today())
        line.update(f"Eligibility: {eligibility.summary()}")
        line.set_class(eligibility.outcome.value == "not_eligible", "-not-eligible")
        line.set_class(eligibility.eligible, "-eligible")

    def _show_legend(self, problems: dict[str, str]) -> None:
        legend = self.query_one("#legend", Static)
        legend.display = bool(problems)
        count = len(problems)
        legend.update(f"{plural(count, 'thing')} to put right before going on")

    def _prefill_signposting(self) -> None:
        eligibility = eligibility_of(self.answers, clock.today())
        if is_blank(self.answers.get("signpost_reason")) and eligibility.blockers:
            reason = "; ".join(eligibility.blockers)
            self.answers["signpost_reason"] = reason[:1].upper() + reason[1:]
        if is_blank(self.answers.get("signpost_service")) and eligibility.signposts:
            service = eligibility.signposts[0]
            self.answers["signpost_service"] = service[:1].upper() + service[1:]

    # Answers changing ----------------------------------------------------------------------

    def _field_anywhere(self, key: str) -> QuestionField | None:
        """A question's field on whichever built page holds it."""
        for fields in self.page_fields.values():
            if key in fields:
                return fields[key]
        return None
