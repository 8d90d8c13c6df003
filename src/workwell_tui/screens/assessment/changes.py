"""Answers changing in the wizard: what no longer applies is removed only when the coach agrees.

One wrong digit on the work situation can make up to eight answers no longer apply. Before they
go the coach sees them listed and confirms; once removed, ctrl+z brings them back until the step
is left (after that the coach has moved on, and the removed answers are gone for good).
`AnswerChanges` is the part of the wizard screen that applies these rules when `StepPages` says an
answer changed, with the risk prompts (PHQ-9 item 9 above 0, or "in crisis now").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from workwell_tui import clock
from workwell_tui.domain.age import age_on
from workwell_tui.domain.assessment.flow import prune
from workwell_tui.domain.assessment.questions import (
    YES,
    Answer,
    Answers,
    Kind,
    Question,
    as_date,
    show_answer,
)
from workwell_tui.domain.assessment.steps import CRISIS_ACTION, IN_CRISIS, RISK_ACTION, item_key
from workwell_tui.domain.words import plural
from workwell_tui.screens.assessment.risk import RiskScreen
from workwell_tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from workwell_tui.screens.assessment.screen import AssessmentScreen
    from workwell_tui.widgets.step_pages import StepPages

SHOWN_LENGTH = 60  # a long note is cut in the list; the whole note comes back with ctrl+z
PHQ9_ITEM_9 = item_key("phq9", 9)
TYPED = (Kind.TEXT, Kind.NOTE, Kind.DATE, Kind.NUMBER)  # saved after a pause in typing


def removal_question(
    changed: Question, dropped: list[Question], answers: Mapping[str, Answer]
) -> str:
    """The confirmation text: which answers would go, with what they say now."""
    lines = []
    for question in dropped:
        said = show_answer(question, answers.get(question.key)).replace("\n", " ")
        if len(said) > SHOWN_LENGTH:
            said = said[: SHOWN_LENGTH - 1] + "…"
        lines.append(f"  • {question.label}: {said}")
    count = plural(len(dropped), "answer")
    return (
        f"With this {changed.label.lower()}, {count} no longer apply and would be removed:\n"
        + "\n".join(lines)
        + "\n\nRemove them? (ctrl+z brings them back until you leave this step.)"
    )


def before_change(answers: Mapping[str, Answer], key: str, previous: Answer) -> dict[str, Answer]:
    """The answers as they were before `key` changed from `previous`."""
    before = dict(answers)
    if previous is None:
        before.pop(key, None)
    else:
        before[key] = previous
    return before


def conflict_question(changed: list[str], gone: bool) -> str:
    """What to tell the coach when the draft was changed elsewhere since it was read."""
    if gone:
        return (
            "This assessment was completed or removed in another window or on another laptop, "
            "so what you changed here since the last save is not saved. Leave with Esc; "
            "nothing more can be saved to it."
        )
    what = ", ".join(changed[:6]) + (f" and {len(changed) - 6} more" if len(changed) > 6 else "")
    there = f"Changed there: {what}." if changed else "No answers differ, only when it was saved."
    return (
        "This draft was changed in another window or on another laptop after you opened it, "
        f"so your latest changes are NOT SAVED.\n{there}\n\n"
        "Put your changes back on top of that version and save? (Answers changed only there "
        "are kept.)"
    )


class AnswerChanges:
    """The wizard's rules for an answer that changes: removals asked about, risk prompts."""

    def __init__(self, screen: AssessmentScreen) -> None:
        self.screen = screen
        # The answers as they were before the last removal, for ctrl+z while on this step.
        self.undo_answers: dict[str, Answer] | None = None

    def changed(self, event: StepPages.Changed) -> None:
        """The coach changed an answer: keep it (asking first about what it would remove)."""
        screen, pages = self.screen, self.screen.pages
        before = before_change(pages.answers, event.key, event.previous)
        kept, dropped = prune(pages.answers)
        if dropped:  # the coach is asked first whether answers that no longer apply go
            self._ask_before_removing(event.key, before, dropped)
            return
        screen.show_answers(kept)  # blank answers to questions now hidden go quietly
        value = pages.answers.get(event.key)
        if pages.questions[event.key].kind in TYPED:
            screen.saving.typed()  # saved after a pause in typing (or on leaving the field)
            return
        screen.saving.save_now()
        if event.key == PHQ9_ITEM_9 and isinstance(value, int) and value > 0:
            self._ask_about_risk(RISK_ACTION, RiskScreen.ITEM_9)
        elif event.key == IN_CRISIS and value == YES:
            self._ask_about_risk(CRISIS_ACTION, RiskScreen.IN_CRISIS)
        elif event.answered_by_key:
            pages.focus_after(event.key)

    def _ask_before_removing(self, key: str, before: Answers, dropped: list[Question]) -> None:
        screen = self.screen
        changed = dict(screen.pages.answers)

        def answered(remove: bool | None) -> None:
            if remove:
                kept, gone = prune(changed)
                screen.show_answers(kept)
                self.undo_answers = dict(before)
                names = ", ".join(item.label for item in gone)
                screen.notify(
                    f"No longer applies, so removed: {names}. ctrl+z brings them back.", timeout=6
                )
                screen.refresh_bindings()
                screen.saving.save_now()
            else:
                screen.show_answers(before)
            field = screen.pages.field(key)
            if field is not None:
                field.control.focus(scroll_visible=False)

        screen.app.push_screen(
            ConfirmScreen(
                removal_question(screen.pages.questions[key], dropped, changed),
                yes="Remove them",
                no="Keep them (undo this change)",
            ),
            callback=answered,
        )

    def undo(self) -> None:
        """Bring back the answers the last change removed (on this step only)."""
        before = self.undo_answers
        if before is None:
            return
        self.undo_answers = None
        screen = self.screen
        screen.show_answers(before)
        screen.refresh_bindings()
        screen.saving.save_now()
        screen.notify("Answers brought back.", timeout=3)

    def _ask_about_risk(self, key: str, why: str) -> None:
        """Crisis contacts, and the \"what I did\" record kept under `key`."""
        screen = self.screen
        answers = screen.pages.answers

        def recorded(action: str | None) -> None:
            if not action:
                return
            screen.show_answers({**screen.pages.answers, key: action})
            field = screen.pages.field(key)
            if field is not None:
                field.set_message(None)
            screen.saving.save_now()
            screen.pages.focus_after(key)

        existing = answers.get(key)
        born = as_date(answers.get("date_of_birth"))
        age = age_on(born, clock.today()) if born is not None else None
        screen.app.push_screen(
            RiskScreen(existing if isinstance(existing, str) else "", why=why, age=age),
            callback=recorded,
        )
