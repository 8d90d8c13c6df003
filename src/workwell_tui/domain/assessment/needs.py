"""The barriers a coach asks about in the needs step, by domain, and how severe each one is.

Each barrier is rated 0 none, 1 mild, 2 moderate, 3 severe. Keys are stable: they are stored in
saved answers (`need.<key>`), so a label may be reworded but a key never changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workwell_tui.domain.enums import Domain


@dataclass(frozen=True)
class Barrier:
    """One thing that can get in the way of health or work, in the coach's words."""

    key: str
    domain: Domain
    label: str


NEEDS_DOMAINS: tuple[Domain, ...] = (Domain.PHYSICAL, Domain.PSYCHOLOGICAL, Domain.SOCIAL)
SEVERITY_LABELS: tuple[str, ...] = ("none", "mild", "moderate", "severe")
MAX_SEVERITY = len(SEVERITY_LABELS) - 1


def _domain(domain: Domain, *pairs: tuple[str, str]) -> tuple[Barrier, ...]:
    return tuple(Barrier(f"{domain.value}.{name}", domain, label) for name, label in pairs)


BARRIERS: dict[Domain, tuple[Barrier, ...]] = {
    Domain.PHYSICAL: _domain(
        Domain.PHYSICAL,
        ("pain", "Pain"),
        ("mobility", "Moving, lifting or standing"),
        ("fatigue", "Fatigue or low energy"),
        ("sleep", "Sleep"),
        ("condition", "Long-term condition"),
        ("activity", "Physical activity"),
    ),
    Domain.PSYCHOLOGICAL: _domain(
        Domain.PSYCHOLOGICAL,
        ("low_mood", "Low mood"),
        ("anxiety", "Anxiety or worry"),
        ("stress", "Stress"),
        ("confidence", "Confidence"),
        ("coping", "Coping with a diagnosis"),
    ),
    Domain.SOCIAL: _domain(
        Domain.SOCIAL,
        ("money", "Money or debt"),
        ("housing", "Housing"),
        ("caring", "Caring responsibilities"),
        ("transport", "Transport"),
        ("isolation", "Isolation or loneliness"),
    ),
}

# Catalogue order across all domains breaks ties, so the same answers always read back the same way.
_BY_KEY: dict[str, Barrier] = {
    item.key: item for domain in NEEDS_DOMAINS for item in BARRIERS[domain]
}
_POSITION: dict[str, int] = {key: index for index, key in enumerate(_BY_KEY)}


def barrier(key: str) -> Barrier:
    """The barrier with this key; KeyError when there is none."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"No barrier called {key!r}") from None


def barriers_with_severity(severities: Mapping[str, int]) -> list[tuple[Barrier, int]]:
    """Barriers rated 1..3, most severe first, then in catalogue order; ValueError outside 0..3."""
    found: list[tuple[Barrier, int]] = []
    for key, level in severities.items():
        item = _BY_KEY.get(key)
        if item is None:
            # Saved answers carry other keys (notes, older wording); they are not ratings.
            continue
        # A bool is an int to Python, but True as a severity is a bug upstream, not "mild".
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= MAX_SEVERITY:
            raise ValueError(f"{item.label}: severity must be 0 to {MAX_SEVERITY}, not {level!r}")
        if level:
            found.append((item, level))
    found.sort(key=lambda pair: (-pair[1], _POSITION[pair[0].key]))
    return found
