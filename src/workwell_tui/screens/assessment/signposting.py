"""Signposting someone the assessment finds not eligible, apart from the screen: the reason and
the service filled in from the eligibility rules, the services offered as the coach types, and
the question asked before the assessment is closed that way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from workwell_tui.domain.assessment.flow import eligibility_of
from workwell_tui.domain.assessment.questions import Answer, Answers, is_blank

CLOSE_QUESTION = (
    "Record them as not eligible and signposted? Their stage changes and the assessment is closed."
)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def signpost_suggestions(answers: Answers, today: date, service_names: Sequence[str]) -> list[str]:
    """Where to signpost: the rule's own suggestions, then the local directory."""
    signposts = eligibility_of(answers, today).signposts
    return [_capitalised(text) for text in signposts] + list(service_names)


def prefilled(answers: Answers, today: date) -> dict[str, Answer]:
    """The answers with the reason and the service filled in from the rules, where blank."""
    eligibility = eligibility_of(answers, today)
    filled = dict(answers)
    if is_blank(filled.get("signpost_reason")) and eligibility.blockers:
        filled["signpost_reason"] = _capitalised("; ".join(eligibility.blockers))
    if is_blank(filled.get("signpost_service")) and eligibility.signposts:
        filled["signpost_service"] = _capitalised(eligibility.signposts[0])
    return filled
