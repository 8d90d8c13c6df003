"""Answers changing in the wizard: what no longer applies is removed only when the coach agrees.

One wrong digit on the work situation can make up to eight answers no longer apply. Before they
go the coach sees them listed and confirms; once removed, ctrl+z brings them back until the step
is left (after that the coach has moved on, and the removed answers are gone for good).
"""

from __future__ import annotations

from collections.abc import Mapping

from workwell_tui.domain.assessment.questions import Answer, Question, show_answer
from workwell_tui.domain.words import plural

SHOWN_LENGTH = 60  # a long note is cut in the list; the whole note comes back with ctrl+z


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
