"""The free, licence-free measures taken at baseline and review, with their standard wording.

PHQ-9 and GAD-7 follow the Pfizer forms (no permission needed to reproduce); the WSAS follows
Mundt et al. (2002) with "[problem]" read as "health problem", since WorkWell is about health
and work rather than one diagnosis. Wording is the standard one on purpose: scores are only
comparable with other services, and across reviews, when the questions are asked the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workwell_tui.domain.enums import Instrument


@dataclass(frozen=True)
class Band:
    """A range of totals, both ends included, and what it is called."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class InstrumentSpec:
    """One measure: its questions, response scale and severity bands."""

    instrument: Instrument
    title: str
    stem: str
    items: tuple[str, ...]
    options: tuple[tuple[int, str], ...]
    bands: tuple[Band, ...]
    # Shown with the questions and in exports, as the instruments' terms of use ask.
    attribution: str = ""

    @property
    def max_total(self) -> int:
        """The highest possible total: every item at the top of the scale."""
        return len(self.items) * max(value for value, _ in self.options)

    @property
    def key(self) -> str:
        """The stored name of the instrument, as used in answer keys."""
        return self.instrument.value


# The attribution lines published with the forms (PHQ-9 and GAD-7: the Pfizer PHQ screeners'
# terms; WSAS: Mundt et al. 2002, Br J Psychiatry 180:461-4).
PFIZER_ATTRIBUTION = (
    "Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with "
    "an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)
WSAS_ATTRIBUTION = "Mundt et al. 2002; reproduced with permission of Professor Isaac Marks."

_FREQUENCY = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)

# Numbered scales show the number beside each option already, so unlabelled points are "".
_IMPAIRMENT = (
    (0, "Not at all"),
    (1, ""),
    (2, "Slightly"),
    (3, ""),
    (4, "Definitely"),
    (5, ""),
    (6, "Markedly"),
    (7, ""),
    (8, "Very severely"),
)


def _zero_to_ten(low_label: str, high_label: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (value, low_label if value == 0 else high_label if value == 10 else "")
        for value in range(11)
    )


PHQ9 = InstrumentSpec(
    instrument=Instrument.PHQ9,
    title="PHQ-9",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    options=_FREQUENCY,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    attribution=PFIZER_ATTRIBUTION,
)

GAD7 = InstrumentSpec(
    instrument=Instrument.GAD7,
    title="GAD-7",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    options=_FREQUENCY,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    attribution=PFIZER_ATTRIBUTION,
)

# The original lets people who are not working for reasons unrelated to their problem skip
# item 1; WorkWell is about work, so every item is required whenever the WSAS is taken.
WSAS = InstrumentSpec(
    instrument=Instrument.WSAS,
    title="WSAS",
    stem=(
        "People's problems sometimes affect their ability to do certain day-to-day tasks in "
        "their lives. To rate your problems look at each section and determine on the scale "
        "provided how much your problem impairs your ability to carry out the activity."
    ),
    items=(
        "Because of my health problem, my ability to work is impaired",
        "Because of my health problem, my home management (cleaning, tidying, shopping, "
        "cooking, looking after home or children, paying bills) is impaired",
        "Because of my health problem, my social leisure activities (with other people, e.g. "
        "parties, bars, clubs, outings, visits, dating, home entertaining) are impaired",
        "Because of my health problem, my private leisure activities (done alone, such as "
        "reading, gardening, collecting, sewing, walking alone) are impaired",
        "Because of my health problem, my ability to form and maintain close relationships "
        "with others, including those I live with, is impaired",
    ),
    options=_IMPAIRMENT,
    # Mundt et al. 2002, in their own words: under 10 subclinical; 10-20 significant
    # functional impairment; over 20 moderately severe or worse.
    bands=(
        Band(0, 9, "subclinical"),
        Band(10, 20, "significant functional impairment"),
        Band(21, 40, "moderately severe or worse"),
    ),
    attribution=WSAS_ATTRIBUTION,
)

CONFIDENCE = InstrumentSpec(
    instrument=Instrument.CONFIDENCE,
    title="Confidence about work",
    stem="On a scale of 0 to 10, where 0 is not at all confident and 10 is completely confident.",
    items=("How confident do you feel about staying in or getting back to work?",),
    options=_zero_to_ten("Not at all confident", "Completely confident"),
    bands=(),
)

SELF_RATED_HEALTH = InstrumentSpec(
    instrument=Instrument.SELF_RATED_HEALTH,
    title="Self-rated health",
    stem="On a scale of 0 to 10, where 0 is the worst and 10 is the best.",
    items=("How would you rate your health overall today?",),
    options=_zero_to_ten("Worst", "Best"),
    bands=(),
)

INSTRUMENTS: dict[Instrument, InstrumentSpec] = {
    spec.instrument: spec for spec in (PHQ9, GAD7, WSAS, CONFIDENCE, SELF_RATED_HEALTH)
}

QUESTIONNAIRES: tuple[InstrumentSpec, ...] = (PHQ9, GAD7, WSAS)

_PHQ9_SELF_HARM_ITEM = 9


def score(spec: InstrumentSpec, answers: Sequence[int | None]) -> int | None:
    """The total when every item is answered, None while any is missing; ValueError if invalid."""
    if len(answers) != len(spec.items):
        raise ValueError(
            f"{spec.title} has {len(spec.items)} items, but {len(answers)} answers were given"
        )
    allowed = {value for value, _ in spec.options}
    low, high = min(allowed), max(allowed)
    for number, answer in enumerate(answers, start=1):
        if answer is None:
            continue
        # bool is an int in Python; a stray True must not count as a 1.
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(
                f"{spec.title} item {number}: {answer!r} is not on the {low}–{high} scale"
            )
    if any(answer is None for answer in answers):
        return None
    return sum(answer for answer in answers if answer is not None)


def band(spec: InstrumentSpec, total: int) -> str:
    """The severity band a total falls in ("" for scales without bands); ValueError if invalid."""
    if isinstance(total, bool) or not 0 <= total <= spec.max_total:
        raise ValueError(f"{spec.title} totals run from 0 to {spec.max_total}, not {total!r}")
    for each in spec.bands:
        if each.low <= total <= each.high:
            return each.label
    return ""


def describe(spec: InstrumentSpec, total: int | None) -> str:
    """A short reading of a total, such as "PHQ-9 14 of 27 · moderate"."""
    if total is None:
        return f"{spec.title} not taken"
    label = band(spec, total)
    reading = f"{spec.title} {total} of {spec.max_total}"
    return f"{reading} · {label}" if label else reading


def phq9_risk(answers: Sequence[int | None]) -> bool:
    """True when PHQ-9 item 9 (better off dead or hurting yourself) is answered above 0."""
    if len(answers) != len(PHQ9.items):
        raise ValueError(
            f"{PHQ9.title} has {len(PHQ9.items)} items, but {len(answers)} answers were given"
        )
    item_9 = answers[_PHQ9_SELF_HARM_ITEM - 1]
    return item_9 is not None and item_9 > 0
