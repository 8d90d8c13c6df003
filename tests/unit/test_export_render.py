"""The export documents: golden files per audience, the consent rules, hostile text.

Golden files (tests/unit/golden/) were reviewed by eye as printed PDFs. After a deliberate
change, rewrite them with `WORKWELL_UPDATE_GOLDEN=1 pytest tests/unit/test_export_render.py`,
then look at the PDFs again (tests/unit/test_export_pdf.py shows how they are made).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.hostile_strings import HOSTILE
from tests.unit.export_sample import sample_view, without_consent
from workwell_tui.domain.export import Audience
from workwell_tui.domain.text import clean_line
from workwell_tui.export import ExportRefused, render

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "participant": (Audience.PARTICIPANT, False),
    "participant-with-measures": (Audience.PARTICIPANT, True),
    "employer": (Audience.EMPLOYER, False),
    "gp": (Audience.GP, False),
    "record": (Audience.RECORD, False),
}


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str) -> None:
    audience, measures = CASES[name]
    view = sample_view()
    if name == "employer":
        # The usual case: employer contact agreed, health details not.
        view = without_consent(view, consent_share_health_with_employer=False)
    text = render(view, audience, include_measures=measures).markdown
    path = GOLDEN / f"{name}.md"
    if os.environ.get("WORKWELL_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_employer_copy_refused_without_employer_contact_consent() -> None:
    view = without_consent(sample_view(), consent_contact_employer=False)
    with pytest.raises(ExportRefused, match="Alex has not agreed that WorkWell contacts"):
        render(view, Audience.EMPLOYER)


def test_gp_copy_refused_without_gp_consent() -> None:
    view = without_consent(sample_view(), consent_share_gp=False)
    with pytest.raises(ExportRefused, match="not agreed to share information with their GP"):
        render(view, Audience.GP)


def test_own_copies_need_no_sharing_consent() -> None:
    view = without_consent(sample_view(), consent_share_gp=False, consent_contact_employer=False)
    assert render(view, Audience.PARTICIPANT).body
    assert render(view, Audience.RECORD).body


HEALTH_WORDS = ("Lower back pain", "Cannot stand for long", "Lifting residents", "Naproxen")
NEVER_TO_EMPLOYER = ("PHQ-9", "GAD-7", "WSAS", "COACH ONLY", "self-harm", "Crisis contacts")


def test_employer_copy_without_health_consent_has_no_health_detail() -> None:
    view = without_consent(sample_view(), consent_share_health_with_employer=False)
    text = render(view, Audience.EMPLOYER).markdown
    for word in (*HEALTH_WORDS, *NEVER_TO_EMPLOYER):
        assert word not in text
    # Only agreed adjustments that are marked shared.
    assert "Altered hours" in text and "Phased return" in text
    assert "Time off for appointments" not in text  # agreed, not shared
    assert "Quiet space" not in text  # shared, only suggested
    assert "30 Nov 2026" in text  # the fit note's end date


def test_employer_copy_with_health_consent_carries_their_words_but_never_scores() -> None:
    text = render(sample_view(), Audience.EMPLOYER).markdown
    assert "Lower back pain" in text and "Lifting residents" in text
    for word in NEVER_TO_EMPLOYER:
        assert word not in text


def test_participant_copy_has_no_coach_notes_and_scores_only_when_ticked() -> None:
    plain = render(sample_view(), Audience.PARTICIPANT).markdown
    assert "COACH ONLY" not in plain
    assert "PHQ-9" not in plain and " of 27" not in plain
    assert "self-harm" not in plain and "safety plan" not in plain
    assert "Pendle Hill" not in plain  # a declined referral is not offered
    with_measures = render(sample_view(), Audience.PARTICIPANT, include_measures=True).markdown
    assert "COACH ONLY" not in with_measures
    assert "PHQ-9" in with_measures and "No permission required" in with_measures
    assert "Professor Isaac Marks" in with_measures


def test_participant_copy_adds_childline_for_under_18s() -> None:
    view = sample_view()
    adult = render(view, Audience.PARTICIPANT).markdown
    young = replace(
        view, participant=replace(view.participant, date_of_birth=view.today.replace(year=2010))
    )
    assert "Childline" not in adult
    assert "0800 1111" in render(young, Audience.PARTICIPANT).markdown


def test_record_holds_everything_including_notes_consents_and_audit() -> None:
    text = render(sample_view(), Audience.RECORD).markdown
    for expected in (
        "COACH ONLY: worried about money",
        "COACH ONLY progress 1",
        "COACH ONLY contact note 3",
        "COACH ONLY referral note",
        "Share with GP | Yes, 5 Oct 2026",
        "assessment.complete",
        "safety plan agreed",
    ):
        assert expected in text


def test_gp_copy_has_measures_with_bands_and_attributions() -> None:
    text = render(sample_view(), Audience.GP).markdown
    assert "14 of 27, moderate" in text and "9 of 27, mild" in text
    assert "Pfizer" in text and "Isaac Marks" in text
    assert "Fishergate Surgery" in text


# Hostile text -------------------------------------------------------------------------------

_PARSER = MarkdownIt("commonmark").enable("table")


def _texts(markdown: str) -> tuple[str, list[str]]:
    """The text a reader sees, and the kinds of token that would not be plain text."""
    body = markdown.split("\n---\n", 1)[1]
    seen, unwanted = [], []
    for token in _PARSER.parse(body):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                seen.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                seen.append("\n")
            if child.type in ("html_inline", "link_open", "image", "code_inline"):
                unwanted.append(child.type)
        if token.type in ("html_block", "code_block", "fence"):
            unwanted.append(token.type)
    return "".join(seen), unwanted


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("audience", list(Audience))
def test_hostile_text_in_every_field_prints_as_typed(hostile: str, audience: Audience) -> None:
    view = sample_view(text=hostile)
    document = render(view, audience, include_measures=True)
    text = document.markdown
    # No control code reaches the file, whatever was stored.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    seen, unwanted = _texts(text)
    assert unwanted == []
    # The typed text shows as itself (spaces around it trimmed, line breaks made spaces).
    expected = clean_line(hostile).strip()
    if expected:
        assert expected in seen.replace("\n", " ")
    # The front matter stays four quoted lines, whatever the name.
    front = text.split("\n---\n", 1)[0].splitlines()
    assert [line.split(":", 1)[0] for line in front[1:]] == [
        "title",
        "subtitle",
        "author",
        "date",
        "lang",
    ]
