"""The WorkWell pilot areas (Integrated Care Boards) and the districts we know of."""

from __future__ import annotations

PILOT_AREAS: tuple[str, ...] = (
    "Birmingham and Solihull",
    "Black Country",
    "Bristol, North Somerset and South Gloucestershire",
    "Cambridgeshire and Peterborough",
    "Cornwall and the Isles of Scilly",
    "Coventry and Warwickshire",
    "Frimley",
    "Herefordshire and Worcestershire",
    "Greater Manchester",
    "Lancashire and South Cumbria",
    "Leicester, Leicestershire and Rutland",
    "North Central London",
    "North West London",
    "South Yorkshire",
    "Surrey Heartlands",
)

DEFAULT_AREA = "Lancashire and South Cumbria"

KNOWN_DISTRICTS: dict[str, tuple[str, ...]] = {
    "Lancashire and South Cumbria": (
        "Barrow-in-Furness",
        "Blackburn",
        "Blackpool",
        "Burnley",
        "Lancaster",
        "Preston",
        "West Lancashire",
    ),
}


def default_districts(area: str) -> tuple[str, ...]:
    """The districts an area delivers through, or the area itself when we know none."""
    return KNOWN_DISTRICTS.get(area, (area,))
