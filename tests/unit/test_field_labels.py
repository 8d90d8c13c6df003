"""One label a field: the assessment's questions, the edit form's consents, the exports and the
adjustments' consent words all take a participant's field labels from `domain/field_labels.py`;
an adjustment is named in the record and the exports as the checklist names it."""

from __future__ import annotations

from tests.unit.export_sample import sample_view
from workwell_tui.config_adjustments import built_in_catalogue
from workwell_tui.domain.adjustments.consent import Consents, consent_facts
from workwell_tui.domain.assessment.adjustment_items import ADJUSTMENTS
from workwell_tui.domain.assessment.steps import ELIGIBILITY
from workwell_tui.domain.export import Audience
from workwell_tui.domain.field_labels import CONSENT_LABELS, FIELD_LABELS, field_label
from workwell_tui.domain.participant_details import CONSENTS, ConsentChange
from workwell_tui.export import render


def test_the_assessment_asks_with_the_record_labels() -> None:
    asked = {question.key: question.label for question in ELIGIBILITY.questions}
    for name in ("date_of_birth", "work_situation", *CONSENT_LABELS):
        assert asked[name] == FIELD_LABELS[name], name


def test_the_edit_form_and_the_audit_name_consents_the_same_way() -> None:
    assert CONSENTS == CONSENT_LABELS
    assert ConsentChange("consent_share_gp", True).text == "Share with GP: given"


def test_the_record_and_gp_copies_use_the_same_labels() -> None:
    record = render(sample_view(), Audience.RECORD).markdown
    for name in ("date_of_birth", "work_situation", "referral_date", *CONSENT_LABELS):
        assert f"| {field_label(name)} |" in record, name
    gp = render(sample_view(), Audience.GP).markdown
    for name in ("date_of_birth", "work_situation", "consent_share_gp"):
        assert f"**{field_label(name)}:**" in gp, name
    for old in ("Born", "Privacy notice explained |", "Share with your GP", "**Work:**"):
        assert old not in record and old not in gp


def test_the_checklist_title_names_the_consents_by_their_labels() -> None:
    contact, health = consent_facts(Consents(contact_employer=True, share_health=False))
    assert contact == "contact employer ✓" and health == "health details ✗"
    assert CONSENT_LABELS["consent_share_health_with_employer"].lower().startswith("health details")


def test_every_label_fits_a_forms_label_column_with_its_star() -> None:
    assert all(len(f"{label} *") <= 28 for label in FIELD_LABELS.values())


def test_an_unlisted_field_is_named_in_words() -> None:
    assert field_label("gp_practice") == "Gp practice"


def test_an_adjustment_is_named_as_the_checklist_names_it() -> None:
    catalogue = built_in_catalogue()
    for item in ADJUSTMENTS:
        listed = catalogue.item(item.key)
        assert listed is not None, item.key
        assert (item.label, item.description) == (listed.label, listed.description), item.key
