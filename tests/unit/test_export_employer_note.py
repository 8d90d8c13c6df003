"""The words agreed for the employer: the employer copy carries an adjustment's employer note
(never the coach's notes), a note with health detail only with the health-detail consent, and
nothing of an item not agreed or not shared; the participant's copy says what their employer is
told; the full record holds every note; a coach-named item keeps its name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Engine

from tests.unit.export_sample import sample_view, without_consent
from workwell_tui.config import Settings
from workwell_tui.db.models import Adjustment, Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.export import Audience, ExportView
from workwell_tui.export import ExportRefused, render

PLAIN = "Starts at 10:00 on Mondays and Wednesdays until the review"
HEALTH = "HEALTH NOTE: back pain flares after long shifts"


def with_more_notes(view: ExportView) -> ExportView:
    """The sample, with notes on an item agreed but not shared and one shared but not agreed."""
    notes = {"Time off for appointments": "NOT SHARED NOTE", "Quiet space": "NOT AGREED NOTE"}
    return replace(
        view,
        adjustments=tuple(
            replace(a, employer_note=notes.get(a.label, a.employer_note)) for a in view.adjustments
        ),
    )


def test_the_employer_reads_the_agreed_words_and_never_the_coachs_notes() -> None:
    view = with_more_notes(without_consent(sample_view(), consent_share_health_with_employer=False))
    text = render(view, Audience.EMPLOYER).markdown
    assert f"| Altered hours | {PLAIN} |" in text
    # Health detail without the consent: the catalogue's plain words instead.
    assert HEALTH not in text and "back pain" not in text
    assert "| Phased return | Build back up to usual hours and duties over a few weeks |" in text
    for never in ("COACH ONLY", "NOT SHARED NOTE", "NOT AGREED NOTE"):
        assert never not in text


def test_a_note_with_health_detail_goes_with_the_health_consent() -> None:
    text = render(with_more_notes(sample_view()), Audience.EMPLOYER).markdown
    assert PLAIN in text and HEALTH in text
    assert "COACH ONLY" not in text and "NOT SHARED NOTE" not in text


def test_no_employer_copy_without_consent_to_contact_the_employer() -> None:
    view = without_consent(sample_view(), consent_contact_employer=False)
    try:
        render(view, Audience.EMPLOYER)
    except ExportRefused:
        pass
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("an employer copy was made without consent")
    # Their own copy then says nothing is told to the employer.
    assert "What your employer is told" not in render(view, Audience.PARTICIPANT).markdown


def test_the_participant_sees_what_their_employer_is_told() -> None:
    view = with_more_notes(without_consent(sample_view(), consent_share_health_with_employer=False))
    text = render(view, Audience.PARTICIPANT).markdown
    assert "What your employer is told, as you agreed:" in text
    assert f"- **Altered hours:** {PLAIN}" in text
    for never in (HEALTH, "NOT SHARED NOTE", "NOT AGREED NOTE", "COACH ONLY"):
        assert never not in text


def test_the_full_record_holds_every_note_marked_as_it_is() -> None:
    text = render(with_more_notes(sample_view()), Audience.RECORD).markdown
    assert PLAIN in text and f"{HEALTH} (health detail)" in text
    assert "NOT SHARED NOTE" in text and "COACH ONLY adjustment note" in text


def test_the_export_reads_the_name_and_note_the_coach_gave(
    engine: Engine, settings: Settings
) -> None:
    store = Store(engine=engine, settings=settings, actor="test-coach")
    with store.unit_of_work() as session:
        person = Participant(
            reference="WW-000900", first_name="Dana", last_name="Okafor",
            referral_date=date(2026, 10, 1), stage_changed_on=date(2026, 10, 1),
            consent_processing=True, consent_contact_employer=True,
        )  # fmt: skip
        session.add(person)
        session.flush()
        desk = Adjustment(
            participant_id=person.id, catalogue_key="other_equipment", label="Standing desk",
            status="agreed", employer_shareable=True, employer_note="A desk by the window",
            notes="COACH ONLY",
        )  # fmt: skip
        session.add(desk)
        pid = person.id
    view = store.export_view(pid)
    assert view is not None
    [line] = view.adjustments
    assert (line.label, line.employer_note, line.employer_note_health) == (
        "Standing desk", "A desk by the window", False,
    )  # fmt: skip
    text = render(view, Audience.EMPLOYER).markdown
    assert "| Standing desk | A desk by the window |" in text and "COACH ONLY" not in text
    # The record at a glance names it the same way.
    assert [line.label for line in store.record_summary(pid).adjustments] == ["Standing desk"]
