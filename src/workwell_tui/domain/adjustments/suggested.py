"""Adjustments suggested by a finished assessment, each with the reason it was suggested.

The choice of adjustments is the assessment's (`domain/assessment/suggestions.py`: fit note
advice first, then barriers); this adds why, in the coach's words ("fit note: altered hours"),
and the employer conversation the work situation calls for. Every suggestion arrives "suggested"
and not shared: sharing is decided with the participant, under their consent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workwell_tui.domain.assessment.adjustment_items import FIT_NOTE_ADVICE, AdjustmentItem
from workwell_tui.domain.assessment.needs import barriers_with_severity
from workwell_tui.domain.assessment.options import FIT_NOTE_ADVICE_OPTIONS
from workwell_tui.domain.assessment.suggestions import (
    ADJUSTMENT_THRESHOLD,
    BARRIER_ADJUSTMENTS,
    SEVERE,
)
from workwell_tui.domain.enums import AdjustmentOwner, Domain, WorkSituation


@dataclass(frozen=True)
class Suggestion:
    """One adjustment to store as suggested: its catalogue key, who acts, and why."""

    key: str
    owner: str
    reason: str


_ADVICE_WORDS = dict(FIT_NOTE_ADVICE_OPTIONS)
_SEVERITY_WORDS = {2: "moderate", 3: "severe"}
# Off sick: the return is agreed in a return-to-work meeting (ACAS, "Returning to work after
# absence"). Struggling in work: the first step is a conversation with the line manager.
WORK_SITUATION_SUGGESTIONS: dict[str, tuple[str, AdjustmentOwner, str]] = {
    WorkSituation.OFF_SICK.value: (
        "return_to_work_meeting",
        AdjustmentOwner.EMPLOYER,
        "work: off sick",
    ),
    WorkSituation.STRUGGLING.value: (
        "line_manager_conversation",
        AdjustmentOwner.PARTICIPANT,
        "work: struggling in work",
    ),
}


def reason_for(key: str, severities: Mapping[str, int], fit_note_advice: Sequence[str]) -> str:
    """Why the assessment suggested `key`: the fit note first, then the barrier behind it."""
    for option in fit_note_advice:
        if FIT_NOTE_ADVICE.get(option) == key:
            return f"fit note: {_ADVICE_WORDS.get(option, option)}"
    found = barriers_with_severity(severities)
    if key == "access_to_work":
        severe = [i for i, level in found if i.domain is Domain.PHYSICAL and level >= SEVERE]
        if severe:
            return f"severe physical barrier: {severe[0].label.lower()}"
    for item, level in found:
        if level >= ADJUSTMENT_THRESHOLD and key in BARRIER_ADJUSTMENTS.get(item.key, ()):
            return f"{item.label.lower()} ({_SEVERITY_WORDS.get(level, 'moderate')})"
    return "assessment"


def suggestions_from_assessment(
    chosen: Sequence[AdjustmentItem],
    severities: Mapping[str, int],
    fit_note_advice: Sequence[str],
    work_situation: str,
) -> list[Suggestion]:
    """The assessment's adjustments with reasons, then the work situation's conversation."""
    out = [
        Suggestion(item.key, item.owner, reason_for(item.key, severities, fit_note_advice))
        for item in chosen
    ]
    extra = WORK_SITUATION_SUGGESTIONS.get(work_situation)
    if extra is not None and all(s.key != extra[0] for s in out):
        out.append(Suggestion(extra[0], extra[1].value, extra[2]))
    return out
