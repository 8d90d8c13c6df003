"""What to call a stored adjustment: its own label, the catalogue's, or its key made readable.

A stored row holds only the catalogue key (and a label when the coach named a free-text item).
An area's own items live in its extension file, which `domain/` does not read: the caller passes
the catalogue it loaded, so an area's item is named the same in the checklist, the record and
every export. A key no catalogue knows (an extension since taken away) is tidied, never shown raw.
"""

from __future__ import annotations

from dataclasses import dataclass

from workwell_tui.domain.adjustments.catalogue import Catalogue
from workwell_tui.domain.assessment.adjustment_items import adjustment

__all__ = ["AdjustmentName", "adjustment_name", "readable_key"]


@dataclass(frozen=True)
class AdjustmentName:
    """The words for one adjustment: its label and the catalogue's description (may be empty)."""

    label: str
    description: str = ""


def readable_key(key: str) -> str:
    """A key as words, the last resort: "ergonomic_chair" -> "Ergonomic chair"."""
    words = " ".join(key.replace("_", " ").split())
    return words.capitalize() if words else "Adjustment"


def adjustment_name(
    key: str, stored_label: str = "", catalogue: Catalogue | None = None
) -> AdjustmentName:
    """The stored label, else the catalogue's, else the built-in list's, else the key tidied."""
    item = catalogue.item(key) if catalogue is not None else None
    if item is not None:
        label, description = item.label, item.description
    else:
        try:
            built_in = adjustment(key)
            label, description = built_in.label, built_in.description
        except KeyError:
            label, description = readable_key(key), ""
    return AdjustmentName(stored_label.strip() or label, description)
