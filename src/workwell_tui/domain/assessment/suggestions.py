"""First-draft plan objectives and workplace adjustments, suggested from the needs step.

These are starting points the coach and participant reword together, never a finished plan:
the rules are simple, deterministic and the same for every coach, so the draft is predictable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workwell_tui.domain.assessment.needs import NEEDS_DOMAINS, Barrier, barriers_with_severity
from workwell_tui.domain.enums import AdjustmentOwner, Domain

WORK_KEY = "work"
SEVERE = 3
MAX_ADJUSTMENTS = 6
# Below this a barrier is worth an objective, but not yet worth asking an employer to change things.
ADJUSTMENT_THRESHOLD = 2


@dataclass(frozen=True)
class SuggestedObjective:
    """One suggested plan objective: what they want to achieve and how to start."""

    domain: Domain
    what: str
    steps: str
    target_week: int
    barrier_key: str


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


# What each barrier becomes as an objective: (what, first steps), worded as a coach would write it
# with the participant. Social ones point to the services that actually fix money, housing, caring.
OBJECTIVE_WORDING: dict[str, tuple[str, str]] = {
    "physical.pain": (
        "Manage pain well enough to get through a working day",
        "Ask GP about a physiotherapy referral; keep a two-week pain and activity diary",
    ),
    "physical.mobility": (
        "Move about, lift and stand with less difficulty",
        "Self-refer or ask GP for MSK physiotherapy; list the tasks that are hardest to do",
    ),
    # Pacing, never pushing through: NICE NG206 (ME/CFS, 2021) 1.11 on energy management.
    "physical.fatigue": (
        "Have enough energy for the day by pacing activity",
        "Keep an energy diary for a week; split the day into smaller chunks with rests between",
    ),
    "physical.sleep": (
        "Sleep better so that days feel more manageable",
        "Set a regular wake-up time and wind-down routine; ask GP or pharmacist if it lasts",
    ),
    "physical.condition": (
        "Understand the condition and manage it day to day",
        "Book a review with the GP or specialist nurse; note what an employer needs to know",
    ),
    # No escalation by default: NICE NG206 (2021) says not to offer graded exercise therapy
    # for ME/CFS, and NICE says it should not be applied to post-COVID fatigue either; a
    # non-clinical coach cannot tell which fatigue is which, so a clinician sets the level.
    "physical.activity": (
        "Be active at a level that is safe for them",
        "Agree a safe level with the GP or physiotherapist; increase only if symptoms allow",
    ),
    "psychological.low_mood": (
        "Lift mood and get back to the things that matter",
        "Self-refer to NHS Talking Therapies; plan one small enjoyable or useful thing each day",
    ),
    "psychological.anxiety": (
        "Worry less and have a plan for anxious moments",
        "Self-refer to NHS Talking Therapies; practise one calming technique daily",
    ),
    "psychological.stress": (
        "Bring stress down to a level that feels manageable",
        "List what is causing the stress and pick one thing to change first; try NHS Every Mind "
        "Matters",
    ),
    "psychological.confidence": (
        "Feel more confident about work and what they can offer",
        "Write down three strengths and past achievements; set one small confidence-building task",
    ),
    "psychological.coping": (
        "Come to terms with the diagnosis or change and plan around it",
        "Contact the condition's charity or a peer support group; ask GP about counselling",
    ),
    "social.money": (
        "Get money worries under control",
        "Book free debt advice (Citizens Advice, StepChange or National Debtline); do a benefits "
        "check",
    ),
    "social.housing": (
        "Have a settled, safe place to live",
        "Get housing advice from Citizens Advice or Shelter; contact the council's housing "
        "options team if at risk",
    ),
    "social.caring": (
        "Balance caring with work and their own health",
        "Contact the local carers' centre and ask the council for a carer's assessment",
    ),
    "social.transport": (
        "Get to work and appointments reliably",
        "Plan the journey and its cost together; check community transport and Access to Work "
        "travel help",
    ),
    "social.isolation": (
        "Feel less alone and more connected to people nearby",
        "Ask GP about a social prescriber; try one local group, class or volunteering session",
    ),
}

# With moderate or severe fatigue no activity objective escalates at all (NICE NG206 1.11.14:
# no graded or fixed incremental exercise; activity stays within their energy limits).
FATIGUE_ACTIVITY_STEPS = (
    "Keep activity within the limits agreed with the GP or physiotherapist; do not increase it "
    "while fatigue is moderate or severe"
)
FATIGUE_LIMITS_ACTIVITY = 2

# NHS Talking Therapies is for adults (some areas take 16- and 17-year-olds) and is not a
# crisis service (NHS "NHS Talking Therapies for anxiety and depression": who can use it;
# "not suitable if you are in crisis"). Under 18, or with thoughts of being better off dead or
# of self-harm (PHQ-9 item 9 above 0), the first step is the GP and NHS 111 option 2.
TALKING_THERAPIES = "Self-refer to NHS Talking Therapies"
GP_UNDER_18 = "See the GP, who can refer to CAMHS (young people's mental health services)"
GP_AT_RISK = "See the GP this week; NHS 111 option 2 or Samaritans 116 123 if they feel unsafe"

# The work objective depends only on where they stand with work now.
WORK_OBJECTIVES: dict[str, tuple[str, str]] = {
    "off_sick": (
        "Agree a return-to-work plan with the employer",
        "Arrange a meeting with the manager or HR; take the fit note advice and what would help",
    ),
    "in_work": (
        "Stay in work with the right support in place",
        "Agree what to ask the employer for; plan the conversation with the manager or HR",
    ),
    "out_of_work": (
        "Move towards work that fits their health",
        "List the work, hours and places that would suit; update the CV and find local job support",
    ),
}

# When in the plan each severity should be met, as a share of the plan (numerator, denominator):
# severe barriers first, because they block everything else; mild ones can wait for later weeks.
_TARGET_SHARE: dict[int, tuple[int, int]] = {3: (1, 3), 2: (1, 2), 1: (2, 3)}
# A second severe barrier in one domain comes after the first: one big change at a time.
_SECOND_IN_DOMAIN_SHARE = (1, 2)
# Off sick: agree the return by two-thirds of the way, so the phased return starts with support.
_RETURN_TO_WORK_SHARE = (2, 3)


def _week(plan_weeks: int, share: tuple[int, int]) -> int:
    numerator, denominator = share
    # Round up, so a short plan still gets a target of at least week 1 and never past its end.
    week = -(-plan_weeks * numerator // denominator)
    return max(1, min(plan_weeks, week))


def _steps(key: str, *, fatigue: int, under_18: bool, at_risk: bool) -> str:
    steps = OBJECTIVE_WORDING[key][1]
    if key == "physical.activity" and fatigue >= FATIGUE_LIMITS_ACTIVITY:
        return FATIGUE_ACTIVITY_STEPS
    if TALKING_THERAPIES in steps and (under_18 or at_risk):
        # At risk comes first: the GP and NHS 111 are right at any age.
        route = GP_AT_RISK if at_risk else GP_UNDER_18
        if at_risk and under_18:
            route += "; the GP can refer to CAMHS"
        return steps.replace(TALKING_THERAPIES, route)
    return steps


def suggest_objectives(
    severities: Mapping[str, int],
    *,
    plan_weeks: int,
    in_work: bool,
    off_sick: bool = False,
    under_18: bool = False,
    at_risk: bool = False,
) -> list[SuggestedObjective]:
    """The worst barrier in each domain (two if both severe), then work; off_sick counts in work.

    `under_18` and `at_risk` (PHQ-9 item 9 above 0, or in crisis) route mood and anxiety to the
    GP instead of NHS Talking Therapies.
    """
    if plan_weeks < 1:
        raise ValueError(f"A plan has at least one week, not {plan_weeks}")
    found = barriers_with_severity(severities)
    fatigue = max((level for item, level in found if item.key == "physical.fatigue"), default=0)

    def _objective(barrier_item: Barrier, target_week: int) -> SuggestedObjective:
        what = OBJECTIVE_WORDING[barrier_item.key][0]
        steps = _steps(barrier_item.key, fatigue=fatigue, under_18=under_18, at_risk=at_risk)
        return SuggestedObjective(barrier_item.domain, what, steps, target_week, barrier_item.key)

    objectives: list[SuggestedObjective] = []
    for domain in NEEDS_DOMAINS:
        # Already most severe first, then catalogue order, so the first is the one to answer.
        in_domain = [(item, level) for item, level in found if item.domain is domain]
        if not in_domain:
            continue
        first, level = in_domain[0]
        objectives.append(_objective(first, _week(plan_weeks, _TARGET_SHARE[level])))
        # A second objective only when another barrier is severe: more than two per domain swamps
        # a plan of a few weeks, and milder ones often ease once the worst is tackled.
        if len(in_domain) > 1 and in_domain[1][1] == SEVERE:
            objectives.append(
                _objective(in_domain[1][0], _week(plan_weeks, _SECOND_IN_DOMAIN_SHARE))
            )
    if in_work and off_sick:
        what, steps = WORK_OBJECTIVES["off_sick"]
        target = _week(plan_weeks, _RETURN_TO_WORK_SHARE)
    else:
        # Staying in work or moving towards it is judged at the end of the plan.
        what, steps = WORK_OBJECTIVES["in_work" if in_work else "out_of_work"]
        target = plan_weeks
    objectives.append(SuggestedObjective(Domain.WORK, what, steps, target, WORK_KEY))
    return objectives


# Adjustments that answer each barrier, best fit first. Money, housing and activity have none:
# they are met by services and the plan, not by the employer changing the job.
BARRIER_ADJUSTMENTS: dict[str, tuple[str, ...]] = {
    "physical.pain": ("amended_duties", "workplace_adaptations"),
    "physical.mobility": ("workplace_adaptations", "amended_duties", "parking_or_travel"),
    "physical.fatigue": ("rest_breaks", "altered_hours"),
    "physical.sleep": ("altered_hours", "rest_breaks"),
    "physical.condition": ("time_off_for_appointments", "rest_breaks"),
    "physical.activity": (),
    "psychological.low_mood": ("flexible_working", "time_off_for_appointments", "buddy_or_mentor"),
    "psychological.anxiety": ("quiet_space", "flexible_working", "time_off_for_appointments"),
    "psychological.stress": ("flexible_working", "quiet_space", "time_off_for_appointments"),
    "psychological.confidence": ("buddy_or_mentor", "written_instructions"),
    "psychological.coping": ("time_off_for_appointments", "flexible_working"),
    "social.money": (),
    "social.housing": (),
    "social.caring": ("flexible_working", "altered_hours"),
    "social.transport": ("parking_or_travel", "home_working"),
    "social.isolation": ("buddy_or_mentor",),
}


def suggest_adjustments(
    severities: Mapping[str, int], *, fit_note_advice: Sequence[str] = (), in_work: bool
) -> list[AdjustmentItem]:
    """Fit note advice first, then adjustments for moderate or severe barriers; none out of work."""
    found = barriers_with_severity(severities)  # checks the ratings even when out of work
    if not in_work:
        return []
    keys: list[str] = []

    def add(key: str) -> None:
        if key not in keys and len(keys) < MAX_ADJUSTMENTS:
            keys.append(key)

    # The GP has already advised these, so the employer should hear them first. Unknown options
    # (such as "none") are not adjustments and are skipped.
    for option in fit_note_advice:
        if option in FIT_NOTE_ADVICE:
            add(FIT_NOTE_ADVICE[option])
    # Access to Work comes before the rest because the grant pays for many of them (equipment,
    # adaptations, a support worker, travel), so it must not be crowded out by the cap.
    if any(item.domain is Domain.PHYSICAL and level == SEVERE for item, level in found):
        add("access_to_work")
    for item, level in found:
        if level >= ADJUSTMENT_THRESHOLD:
            for key in BARRIER_ADJUSTMENTS[item.key]:
                add(key)
    return [_ADJUSTMENT_BY_KEY[key] for key in keys]
