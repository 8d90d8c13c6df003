"""Distance travelled: each measure at baseline against each review, with the change in band.

"PHQ-9 14 → 8, moderate → mild". Bands come from `domain/measures.py` (PHQ-9 and GAD-7 from the
Pfizer forms, Kroenke et al. 2001 and Spitzer et al. 2006; WSAS from Mundt et al. 2002). For the
questionnaires a lower total is better; for the 0–10 scales (confidence about work, self-rated
health) a higher one is. A change is reported as numbers and bands only, never as a judgement
of the person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workwell_tui.domain.enums import Instrument, Timepoint
from workwell_tui.domain.measures import INSTRUMENTS, InstrumentSpec, band

# Higher is better on these; lower is better on the questionnaires.
HIGHER_IS_BETTER = frozenset({Instrument.CONFIDENCE, Instrument.SELF_RATED_HEALTH})
_ORDER = tuple(INSTRUMENTS)
SPARK = "▁▂▃▄▅▆▇█"

__all__ = [
    "HIGHER_IS_BETTER",
    "MeasureChange",
    "MeasurePoint",
    "Reading",
    "change_text",
    "distance_travelled",
    "spark",
]


@dataclass(frozen=True, slots=True)
class MeasurePoint:
    """One stored measure total, at baseline or at a review."""

    instrument: Instrument
    total: int
    taken_on: date
    timepoint: Timepoint
    review_week: int | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """One total with its band, as shown in a distance-travelled line."""

    total: int
    band: str
    taken_on: date
    review_week: int | None

    @property
    def label(self) -> str:
        """ "Baseline", "Week 6" or "Review"."""
        if self.review_week is None:
            return "Baseline"
        return f"Week {self.review_week}"


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """One measure from baseline through every review since."""

    instrument: Instrument
    title: str
    max_total: int
    baseline: Reading
    reviews: tuple[Reading, ...]

    @property
    def latest(self) -> Reading:
        """The newest reading (the baseline when there has been no review yet)."""
        return self.reviews[-1] if self.reviews else self.baseline

    @property
    def change(self) -> int:
        """Latest total minus baseline total."""
        return self.latest.total - self.baseline.total

    @property
    def improved(self) -> bool | None:
        """True when better than at baseline, False when worse, None when the same."""
        if self.change == 0:
            return None
        better_up = self.instrument in HIGHER_IS_BETTER
        return (self.change > 0) == better_up

    @property
    def text(self) -> str:
        """ "PHQ-9 14 → 8, moderate → mild", baseline against the latest reading."""
        if not self.reviews:
            reading = f"{self.title} {self.baseline.total}"
            return (
                f"{reading}, {self.baseline.band} (baseline)"
                if self.baseline.band
                else (f"{reading} (baseline)")
            )
        return change_text(self.title, self.baseline, self.latest)

    def chart(self) -> str:
        """A small chart of baseline and reviews, one block per reading, scaled to the range."""
        return spark([self.baseline.total, *(r.total for r in self.reviews)], self.max_total)


def change_text(title: str, before: Reading, after: Reading) -> str:
    """ "PHQ-9 14 → 8, moderate → mild"; one band when it stayed; no band for plain scales."""
    numbers = f"{title} {before.total} → {after.total}"
    if not before.band and not after.band:
        return numbers
    if before.band == after.band:
        return f"{numbers}, {before.band}"
    return f"{numbers}, {before.band} → {after.band}"


def spark(totals: Sequence[int], max_total: int) -> str:
    """Block characters for totals on a 0..max_total scale: "▆▄▂"."""
    if max_total <= 0:
        return ""
    top = len(SPARK) - 1
    return "".join(SPARK[round(min(max(t, 0), max_total) / max_total * top)] for t in totals)


def _reading(spec: InstrumentSpec, point: MeasurePoint) -> Reading | None:
    try:
        label = band(spec, point.total)
    except ValueError:
        return None  # a damaged total is left out rather than shown wrongly
    return Reading(point.total, label, point.taken_on, point.review_week)


def distance_travelled(points: Iterable[MeasurePoint]) -> tuple[MeasureChange, ...]:
    """Every measure with a baseline, against each review after it, in the usual order.

    The baseline is the earliest baseline taken; reviews are in date order. A measure first
    taken at a review has no baseline to compare with, so it is left out.
    """
    by_instrument: dict[Instrument, list[MeasurePoint]] = {}
    for point in points:
        by_instrument.setdefault(point.instrument, []).append(point)
    changes: list[MeasureChange] = []
    for instrument in _ORDER:
        found = by_instrument.get(instrument)
        spec = INSTRUMENTS[instrument]
        if not found:
            continue
        found.sort(key=lambda p: (p.taken_on, p.timepoint is Timepoint.REVIEW))
        baselines = [p for p in found if p.timepoint is Timepoint.BASELINE]
        if not baselines:
            continue
        baseline = _reading(spec, baselines[0])
        if baseline is None:
            continue
        reviews = [
            reading
            for p in found
            if p.timepoint is Timepoint.REVIEW and p.taken_on >= baselines[0].taken_on
            if (reading := _reading(spec, p)) is not None
        ]
        changes.append(
            MeasureChange(instrument, spec.title, spec.max_total, baseline, tuple(reviews))
        )
    return tuple(changes)
