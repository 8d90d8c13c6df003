"""An adjustment is named by its words everywhere: an area's own catalogue item (from its
extension file) reads as its label in each export that shows adjustments and in the record at a
glance; a built-in item keeps its words; a key no catalogue knows is tidied, never shown raw."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.app.adjustments_data import add_checklist
from tests.app.conftest import add_caseload
from workwell_tui.config_adjustments import EXTENSION_FILE, load_catalogue
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.adjustments.names import adjustment_name, readable_key
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus
from workwell_tui.domain.export import Audience
from workwell_tui.export import render

EXTENSION = (
    '[groups.local]\ntitle = "Local schemes"\n\n'
    '[[items]]\nkey = "bike_scheme"\ngroup = "local"\nlabel = "Cycle to work scheme"\n'
    'description = "A bike through salary sacrifice"\nwho = "employer"\n'
)


def _with_area_item(store: Store, folder: Path) -> tuple[Participant, uuid.UUID]:
    """Alex (employer consent given), with the area's bike scheme agreed and shared."""
    (folder / EXTENSION_FILE).write_text(EXTENSION, encoding="utf-8")
    store.config_dir = folder
    person = add_caseload(store)["alex"]
    add_checklist(store, person, employer_consent=True)
    data = store.add_adjustment(person.id, "bike_scheme", AdjustmentOwner.EMPLOYER)
    item = next(i for i in data.items if i.catalogue_key == "bike_scheme")
    store.set_adjustment_status(item.id, AdjustmentStatus.AGREED)
    store.share_adjustment(item.id, True)
    return person, item.id


def test_the_names_come_from_the_row_then_the_catalogue_then_the_key(tmp_path: Path) -> None:
    (tmp_path / EXTENSION_FILE).write_text(EXTENSION, encoding="utf-8")
    catalogue = load_catalogue(tmp_path).catalogue
    area = adjustment_name("bike_scheme", "", catalogue)
    assert (area.label, area.description) == (
        "Cycle to work scheme",
        "A bike through salary sacrifice",
    )
    assert adjustment_name("bike_scheme", " Brompton loan ", catalogue).label == "Brompton loan"
    assert adjustment_name("bike_scheme").label == "Bike scheme"  # no catalogue: tidied key
    assert adjustment_name("phased_return").label == "Phased return"
    assert adjustment_name("phased_return", "", catalogue).label == "Phased return"
    assert readable_key("__") == "Adjustment"


def test_every_export_that_shows_adjustments_names_the_area_item(
    store: Store, tmp_path: Path
) -> None:
    person, _item = _with_area_item(store, tmp_path)
    view = store.export_view(person.id)
    assert view is not None
    by_label = {line.label: line for line in view.adjustments}
    assert by_label["Cycle to work scheme"].description == "A bike through salary sacrifice"
    for audience in (Audience.PARTICIPANT, Audience.EMPLOYER, Audience.RECORD):
        markdown = render(view, audience).markdown
        assert "Cycle to work scheme" in markdown, audience
        assert "bike_scheme" not in markdown and "Bike scheme" not in markdown, audience
    # The record's audit section names the added item too, not its key.
    added = [line for line in view.audit if line.action == "adjustment.add"]
    assert "Cycle to work scheme" in {line.detail for line in added}
    by_reference = store.export_view_by_reference(person.reference)
    assert by_reference is not None
    assert "Cycle to work scheme" in {line.label for line in by_reference.adjustments}


def test_the_record_at_a_glance_names_the_area_item(store: Store, tmp_path: Path) -> None:
    person, _item = _with_area_item(store, tmp_path)
    labels = [line.label for line in store.record_summary(person.id).adjustments]
    assert "Cycle to work scheme" in labels and "bike_scheme" not in labels


def test_built_in_items_keep_their_words(store: Store, tmp_path: Path) -> None:
    person, _item = _with_area_item(store, tmp_path)
    with_area = store.export_view(person.id)
    store.config_dir = None
    built_in_only = store.export_view(person.id)
    assert with_area is not None and built_in_only is not None
    keep = [line for line in built_in_only.adjustments if line.label != "Bike scheme"]
    assert keep == [line for line in with_area.adjustments if line.label != "Cycle to work scheme"]
    assert "Phased return" in {line.label for line in keep}


def test_an_unreadable_extension_still_names_built_in_items_and_tidies_the_rest(
    store: Store, tmp_path: Path
) -> None:
    person, _item = _with_area_item(store, tmp_path)
    (tmp_path / EXTENSION_FILE).write_text("this is [not toml", encoding="utf-8")
    view = store.export_view(person.id)
    assert view is not None
    labels = {line.label for line in view.adjustments}
    assert "Bike scheme" in labels and "bike_scheme" not in labels
    assert "Phased return" in labels
