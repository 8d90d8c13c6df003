"""The workplace adjustments a first draft can suggest, and the fit note options that ask for them.

Each item says who acts on it (the employer or the participant). The fuller checklist catalogue,
which an area can extend, is in domain/adjustments.
"""

from __future__ import annotations

from dataclasses import dataclass

from workwell_tui.domain.enums import AdjustmentOwner


@dataclass(frozen=True)
class AdjustmentItem:
    """One workplace adjustment in the catalogue."""

    key: str
    label: str
    description: str
    category: str
    owner: str


def _item(
    key: str, label: str, description: str, category: str, owner: AdjustmentOwner
) -> AdjustmentItem:
    return AdjustmentItem(key, label, description, category, owner.value)


_EMPLOYER, _PARTICIPANT = AdjustmentOwner.EMPLOYER, AdjustmentOwner.PARTICIPANT

# Each label and description is the checklist catalogue's own (catalogue.toml), word for word, so
# the record, the exports and the checklist name an adjustment alike (tests/unit/test_field_labels
# checks them against the packaged file, which domain/ does not read).
ADJUSTMENTS: tuple[AdjustmentItem, ...] = (
    _item(
        "phased_return",
        "Phased return",
        "Build back up to usual hours and duties over a few weeks",
        "hours",
        _EMPLOYER,
    ),
    _item(
        "altered_hours",
        "Altered hours",
        "Fewer hours, or different start and finish times, for a while",
        "hours",
        _EMPLOYER,
    ),
    _item(
        "amended_duties",
        "Amended duties",
        "Swap or take away the tasks the condition makes hard, for now",
        "duties",
        _EMPLOYER,
    ),
    _item(
        "workplace_adaptations",
        "Workplace adaptations",
        "Changes to the workstation or building, such as a chair, desk or layout",
        "place",
        _EMPLOYER,
    ),
    # The participant makes the request: a right from day one, two a year, answered within 2 months.
    _item(
        "flexible_working",
        "Flexible working request",
        "A formal request to change when, where or how many hours they work",
        "hours",
        _PARTICIPANT,
    ),
    _item(
        "adaptive_technology",
        "Adaptive technology",
        "Software or equipment to make tasks possible or easier",
        "equipment",
        AdjustmentOwner.ACCESS_TO_WORK,
    ),
    _item(
        "rest_breaks",
        "Extra or longer breaks",
        "Short breaks through the day to rest, move, eat or take medication",
        "hours",
        _EMPLOYER,
    ),
    _item(
        "home_working",
        "Working from home",
        "Some or all days at home, to save the journey and energy",
        "place",
        _EMPLOYER,
    ),
    _item(
        "quiet_space",
        "Quiet space",
        "A quieter place to work, and somewhere to step away when it gets too much",
        "place",
        _EMPLOYER,
    ),
    _item(
        "parking_or_travel",
        "Parking space or travel help",
        "A parking space near the door, or help with the journey to work",
        "place",
        _EMPLOYER,
    ),
    _item(
        "time_off_for_appointments",
        "Time off for appointments",
        "Time to attend GP, therapy, hospital or physio appointments",
        "hours",
        _EMPLOYER,
    ),
    # Only the participant can apply for the grant; the coach can help them fill it in.
    _item(
        "access_to_work",
        "Access to Work application",
        "DWP grant: equipment, adaptations, a support worker or travel; 0800 121 7479",
        "support",
        _PARTICIPANT,
    ),
    _item(
        "support_worker",
        "Support worker",
        "Someone to help at work, such as a job coach or interpreter",
        "support",
        AdjustmentOwner.ACCESS_TO_WORK,
    ),
    _item(
        "buddy_or_mentor",
        "Buddy or mentor",
        "A named colleague to check in with and ask questions",
        "support",
        _EMPLOYER,
    ),
    _item(
        "written_instructions",
        "Written instructions",
        "Tasks, changes and feedback given in writing as well as spoken",
        "duties",
        _EMPLOYER,
    ),
)

_ADJUSTMENT_BY_KEY: dict[str, AdjustmentItem] = {item.key: item for item in ADJUSTMENTS}

# The fit note's "may be fit for work" options carry the same names as the adjustments they ask for.
FIT_NOTE_ADVICE: dict[str, str] = {
    "phased_return": "phased_return",
    "altered_hours": "altered_hours",
    "amended_duties": "amended_duties",
    "workplace_adaptations": "workplace_adaptations",
}


def adjustment(key: str) -> AdjustmentItem:
    """The catalogue adjustment with this key; KeyError when there is none."""
    try:
        return _ADJUSTMENT_BY_KEY[key]
    except KeyError:
        raise KeyError(f"No adjustment called {key!r}") from None
