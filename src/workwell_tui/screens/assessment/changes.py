"""Answers changing in the wizard: what no longer applies is removed only when the coach agrees.

One wrong digit on the work situation can make up to eight answers no longer apply. Before they
go the coach sees them listed and confirms; once removed, ctrl+z brings them back until the step
is left (after that the coach has moved on, and the removed answers are gone for good).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from workwell_tui import clock
from workwell_tui.domain.assessment.flow import prune
from workwell_tui.domain.assessment.questions import Answer, Question, check_answer, show_answer
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.domain.words import plural
from workwell_tui.screens.assessment.pages import StepPagesScreen
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.question_field import QuestionField

SHOWN_LENGTH = 60  # a long note is cut in the list; the whole note comes back with ctrl+z


def removal_question(changed: Question, dropped: list[Question], answers: dict[str, Answer]) -> str:
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


class AnswerChangesScreen(StepPagesScreen):
    """The wizard's answers as they change, with a confirmed removal and an undo."""

    BINDINGS = [
        Binding("ctrl+z", "undo_removal", "Undo removal", id="assessment.undo"),
    ]

    def _answer_changed(self, field: QuestionField) -> bool:
        """Take in a field's new answer; False while the coach is asked about a removal."""
        key = field.question.key
        before = dict(self.answers)
        changed = {**before, key: field.answer}
        if field.has_class("-invalid"):
            field.set_problem(check_answer(field.question, changed[key], clock.today()))
        kept, dropped = prune(changed)
        if dropped:
            self._ask_before_removing(field, before, changed, dropped)
            return False
        self.answers = kept
        self._after_change()
        return True

    def _ask_before_removing(
        self,
        field: QuestionField,
        before: dict[str, Answer],
        changed: dict[str, Answer],
        dropped: list[Question],
    ) -> None:
        def answered(remove: bool | None) -> None:
            if remove:
                self._remove(field, before, changed)
            else:
                with field.prevent(Input.Changed, Choices.Changed):
                    field.set_answer(before.get(field.question.key))
            field.control.focus(scroll_visible=False)

        self.app.push_screen(
            ConfirmScreen(
                removal_question(field.question, dropped, changed),
                yes="Remove them",
                no="Keep them (undo this change)",
            ),
            callback=answered,
        )

    def _remove(
        self, field: QuestionField, before: dict[str, Answer], changed: dict[str, Answer]
    ) -> None:
        kept, dropped = prune(changed)
        self.answers = kept
        self.undo_answers = before
        self._show_answers(dropped)
        names = ", ".join(question.label for question in dropped)
        self.notify(f"No longer applies, so removed: {names}. ctrl+z brings them back.", timeout=6)
        self._after_change()
        self.refresh_bindings()
        self.save_now()

    def action_undo_removal(self) -> None:
        """Bring back the answers the last change removed (on this step only)."""
        before = self.undo_answers
        if before is None:
            return
        self.undo_answers = None
        self.answers = dict(before)
        self._show_answers([])
        self._after_change()
        self.refresh_bindings()
        self.save_now()
        self.notify("Answers brought back.", timeout=3)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo is on offer only while there is a removal to undo."""
        if action == "undo_removal":
            return self.undo_answers is not None
        return True

    def _show_answers(self, dropped: list[Question]) -> None:
        """Put `answers` back into every built field (removed ones are emptied)."""
        keys = {question.key for question in dropped}
        for fields in self.page_fields.values():
            for key, field in fields.items():
                if key in keys or field.answer != self.answers.get(key):
                    with field.prevent(Input.Changed, Choices.Changed):
                        field.set_answer(self.answers.get(key))

    def _after_change(self) -> None:
        self._refresh_visibility()
        if self.step.key is StepKey.ELIGIBILITY:
            self._show_eligibility()
            self._show_position()
