"""Demo assessment answers in the wizard's own keys, so a demo draft resumes like a real one.

Pure functions: given what the demo generator made for one person (their participant row, a
health condition, how unwell they are from 0 to 1, and the baseline questionnaire items when
they were stored) they return what a coach would have typed, step by step, in the shapes the
wizard saves: text and dates as typed, choices as option values, scales as whole numbers. The
answers pass the wizard's own checks for every step they cover, so a resumed draft opens on its
saved step with nothing to put right and nothing hidden to prune.

The condition, employer, goal and signposting lists live here because the generator picks from
them too.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workwell_tui.domain.assessment.needs import BARRIERS, MAX_SEVERITY, NEEDS_DOMAINS
from workwell_tui.domain.assessment.questions import NO, YES, Answer
from workwell_tui.domain.assessment.steps import (
    FIT_NOTE_ADVICE_OPTIONS,
    IN_WORK,
    RISK_ACTION,
    TIME_IN_JOB,
    StepKey,
    item_key,
    taking,
)
from workwell_tui.domain.enums import WorkSituation
from workwell_tui.domain.measures import CONFIDENCE, QUESTIONNAIRES, SELF_RATED_HEALTH

Answers = dict[str, Answer]


def text_items(text: str) -> list[str]:
    """A list written across lines: items split on "|", or on spaces when there is no "|"."""
    text = " ".join(text.split())
    return [item.strip() for item in text.split("|")] if "|" in text else text.split(" ")


@dataclass(frozen=True)
class Condition:
    """A demo health condition: its kinds, the barriers it weighs on most, and what they say."""

    types: list[str]
    barriers: frozenset[str]
    treatment: str
    effects: str
    waiting: str


_SHORT = {barrier.key.split(".")[1]: barrier.key for d in NEEDS_DOMAINS for barrier in BARRIERS[d]}
# Two lines each: name; condition types; the barriers it weighs on most (short names), then
# current treatment; effect on daily life and work; waiting list (may be empty).
_CONDITION_LINES = """\
Low back pain; musculoskeletal; pain mobility sleep
    Painkillers from the GP; Cannot sit or lift for long; Physiotherapy, about 12 weeks
Anxiety and low mood; mental_health; anxiety low_mood sleep
    Sertraline, started two months ago; Avoids going out, dreads every shift; Talking Therapies
Long COVID fatigue; long_term; fatigue activity low_mood
    Long COVID clinic, pacing advice; Needs to rest after an hour of activity;
Type 2 diabetes; long_term; condition fatigue coping
    Metformin, diabetes nurse twice a year; Tired after meals, shifts make meals hard;
Knee osteoarthritis; musculoskeletal; pain mobility activity
    Painkillers and a steroid injection; Stairs and standing all day are hard; Orthopaedics
Depression; mental_health; low_mood confidence isolation
    Antidepressants from the GP; Hard to get going in the morning; Talking Therapies, 10 weeks
Migraines; neurological; pain sleep stress
    Triptans and a headache diary; Screens and bright light set them off;
Stress; mental_health; stress anxiety sleep
    None yet; Not sleeping, snapping at family;
Menopause symptoms; other; sleep fatigue confidence
    HRT from last month; Hot flushes and poor sleep, loses track in meetings;
Fibromyalgia; musculoskeletal long_term; pain fatigue coping
    Amitriptyline at night; Good days and bad days, has to pace everything; Pain clinic
Recovery after surgery; other; mobility pain activity
    Follow-up with the surgeon; Cannot drive or lift for six weeks;
Asthma; long_term; condition activity
    Inhalers, annual asthma review; Dust and cold air at work make it worse;
ADHD; neurodevelopmental; stress coping confidence
    Methylphenidate since diagnosis; Hard to focus in an open-plan office;
Neck and shoulder pain; musculoskeletal; pain sleep mobility
    Physio exercises and painkillers; Desk work and driving make it worse; Physiotherapy"""


def _condition(first: str, second: str) -> tuple[str, Condition]:
    name, types, barriers = (part.strip() for part in first.split(";"))
    treatment, effects, waiting = (part.strip() for part in second.split(";"))
    keys = frozenset(_SHORT[short] for short in barriers.split())
    return name, Condition(types.split(), keys, treatment, effects, waiting)


_LINES = _CONDITION_LINES.splitlines()
CONDITION_TABLE: dict[str, Condition] = dict(map(_condition, _LINES[::2], _LINES[1::2]))
CONDITIONS = list(CONDITION_TABLE)
JOBS = {  # employer: the jobs people there do
    employer: text_items(jobs)
    for employer, jobs in (
        line.split(":")
        for line in """\
Ribble Freight Ltd: HGV driver | Warehouse operative | Transport planner
Bay View Care Homes: Care assistant | Senior carer | Night carer | Cook
Northern Counties Bakery: Baker | Production operative | Hygiene operative
Pennine Contact Centre: Customer service adviser | Team leader
Red Rose Logistics: Warehouse operative | Forklift driver | Van driver
Moorside Garden Centre: Retail assistant | Cafe assistant
Canalside Hotel: Housekeeper | Receptionist | Chef
Promenade Leisure Ltd: Leisure assistant | Lifeguard | Cleaner
Westfield Primary School: Teaching assistant | Lunchtime supervisor | School administrator
Harbour Fish Processing: Production operative | Machine operator
Preston Print Works: Print finisher | Machine operator | Admin officer
Lune Valley Dairy: Dairy operative | Delivery driver | Quality technician""".splitlines()
    )
}
EMPLOYERS = list(JOBS)
LAST_JOBS = text_items("""Retail assistant | Care assistant | Warehouse operative | Cleaner |
Kitchen porter | Receptionist | Delivery driver | Admin assistant | Bar staff""")
GOALS = {True: ("Back to my job on full hours", "Stay in work with the right adjustments")}
GOALS[False] = ("Find part-time work I can manage", "Get back into work by the spring")
SIGNPOSTS = [  # not eligible: reason; service suggested; work situation at referral
    line.split(";")
    for line in """\
Out of work over 6 months;Jobcentre Plus work coach;out_of_work_long
Out of work over 6 months, confidence first;Jobcentre Plus employability support;out_of_work_long
Complex needs a light-touch service cannot meet now;Stays with CMHT, GP informed;off_sick
Alcohol use needs specialist support first;Drug and alcohol recovery service;out_of_work_short
Never worked, wants careers advice not health support;National Careers Service;never_worked
Not ready to think about work yet;GP and social prescribing link worker;other""".splitlines()
]
OWN_WORDS = {
    True: text_items("""I want to get back to work without it taking over my life |
    I like my job, I just need it to be manageable | I want my manager to understand"""),
    False: text_items("""I want a job that fits around my health | I miss having a routine |
    I want to feel useful again and earn my own money"""),
}
PRIORITIES = text_items("""Sleep better | Manage pain at work | Feel less anxious about work |
Get fitter | Sort out money worries | Talk to my manager | Build my confidence""")
HARD_AT_WORK = text_items("""Long shifts on my feet | Lifting and carrying | Early starts |
Busy periods with no breaks | Too many calls back to back | Keeping up with the pace""")
KNOWN = {  # what the employer knows, by whether we may contact them
    True: text_items(
        "Manager knows and is supportive | HR have asked for a return-to-work meeting"
    ),
    False: text_items("Only that they are off sick | Nothing yet, wants to keep it private"),
}
WANTED = text_items("""Part-time retail or care work, days only | Something in an office, not on
the phones | Driving work again once well | Anything local, 16 to 20 hours a week""")
GP_PRACTICES = text_items("""Moor Lane Surgery | Riverside Medical Centre | Station Road Health
Centre | Park View Practice | Queen Street Medical Practice | The Ribble Practice""")
NEEDS_NOTES = {
    "physical": text_items("Worst first thing in the morning | Flares up after long shifts"),
    "psychological": text_items(
        "Worried what colleagues think | Lost confidence since the time off"
    ),
    "social": text_items("Money is tight, bills are behind | Partner works nights"),
}
HOURS = ("16", "20", "24", "30", "35", "37", "37", "40", "45")
# Option values and answer keys worked out once: the generator answers tens of thousands.
ADVICE = [key for key, _ in FIT_NOTE_ADVICE_OPTIONS]
TIME_IN_JOB_VALUES = [key for key, _ in TIME_IN_JOB]
OFF_SICK, OUT_OF_WORK_SHORT = WorkSituation.OFF_SICK.value, WorkSituation.OUT_OF_WORK_SHORT.value
QUESTIONNAIRE_KEYS = tuple(
    (spec.key, taking(spec.key), [item_key(spec.key, n) for n in range(1, len(spec.items) + 1)])
    for spec in QUESTIONNAIRES
)
NEEDS_KEYS = tuple(
    (domain.value, [(barrier.key, f"need.{barrier.key}") for barrier in BARRIERS[domain]])
    for domain in NEEDS_DOMAINS
)


def measure_items(rng: random.Random, severity: float) -> dict[str, list[int]]:
    """PHQ-9, GAD-7 and WSAS item answers and the confidence scale, averaging about `severity`."""
    answers: dict[str, list[int]] = {}
    for instrument, count, top in (("phq9", 9, 3), ("gad7", 7, 3), ("wsas", 5, 8)):
        spread = 2 * severity * (top + 1)  # answers average about severity x top
        answers[instrument] = [min(top, int(rng.random() * spread)) for _ in range(count)]
    answers["phq9"][8] = 0  # a non-zero item 9 needs a recorded crisis action: not in a demo
    answers["confidence"] = [max(0, min(10, round(10 - 10 * severity + rng.uniform(-2, 2))))]
    return answers


def _day(rng: random.Random, start: date, low: int, high: int) -> str:
    """A date `low` to `high` days after `start` (before it when negative), as a coach types it."""
    return _typed(start + timedelta(days=low + int(rng.random() * (high - low + 1))))


def _typed(day: date) -> str:
    """dd/mm/yyyy, as `dates.uk_short` writes it but without the cost of strftime."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


class _Answerer:
    """Answers one person's assessment, step by step, from one random stream."""

    def __init__(self, person: Mapping[str, Any], condition: str, severity: float,
                 measures: Mapping[str, Sequence[int]] | None, rng: random.Random,
                 goal: str) -> None:  # fmt: skip
        self.person, self.rng, self.severity, self.goal = person, rng, severity, goal
        self.condition_name, self.condition = condition, CONDITION_TABLE[condition]
        self.stored = measures is not None  # baseline rows exist: answer exactly those
        self.measures = measures if measures is not None else measure_items(rng, severity)
        situation = person.get("work_situation") or ""
        if situation not in IN_WORK and situation != OUT_OF_WORK_SHORT:
            # "Other" at referral: the assessment finds out; the eligible ones were out of work.
            situation = OUT_OF_WORK_SHORT
        self.situation, self.in_work = situation, situation in IN_WORK
        self.referred: date = person["referral_date"]
        self.answers: Answers = {}

    def eligibility(self) -> None:
        person, answers = self.person, self.answers
        answers["date_of_birth"] = _typed(person["date_of_birth"])
        answers["work_situation"] = self.situation
        for key in ("health_affects_work", "wants_work", "agrees_to_take_part"):
            answers[key] = YES
        answers["complex_needs"] = NO
        answers["consent_processing"] = YES  # everyone past referral has given it
        answers["consent_share_gp"] = YES if person.get("consent_share_gp") else NO
        if self.in_work:
            employer = bool(person.get("consent_contact_employer"))
            answers["consent_contact_employer"] = YES if employer else NO
            if employer:
                health = person.get("consent_share_health_with_employer")
                answers["consent_share_health_with_employer"] = YES if health else NO

    def work(self) -> None:
        rng, answers, referred = self.rng, self.answers, self.referred
        if not self.in_work:
            answers["last_job"] = rng.choice(LAST_JOBS)
            # Recent enough to stay "under 6 months" on the day of the assessment too.
            answers["out_of_work_since"] = _day(rng, referred, -45, -14)
            answers["wanted_work"] = rng.choice(WANTED)
            return
        employer = self.person.get("employer_name") or ""
        answers["job_title"] = rng.choice(JOBS.get(employer) or LAST_JOBS)
        if employer:
            answers["employer"] = employer
        answers["hours"] = rng.choice(HOURS)
        answers["time_in_job"] = rng.choice(TIME_IN_JOB_VALUES)
        off_sick = self.situation == OFF_SICK
        if off_sick:
            answers["off_sick_since"] = _day(rng, referred, -90, -7)
        chance = rng.random()
        if off_sick:
            fit_note = "not_fit" if chance < 0.6 else "may_be_fit" if chance < 0.95 else "none"
        else:
            fit_note = "may_be_fit" if chance < 0.25 else "none"
        answers["fit_note"] = fit_note
        if fit_note == "may_be_fit":
            advice = rng.sample(ADVICE, 1 if rng.random() < 0.6 else 2)
            answers["fit_note_advice"] = advice
        if fit_note != "none" and rng.random() < 0.8:
            answers["fit_note_ends"] = _day(rng, referred, 7, 56)
        answers["hard_at_work"] = rng.choice(HARD_AT_WORK)
        contact = answers.get("consent_contact_employer") == YES
        answers["employer_knows"] = rng.choice(KNOWN[contact])

    def health(self) -> None:
        rng, answers, condition = self.rng, self.answers, self.condition
        answers["condition_types"] = list(condition.types)
        answers["conditions"] = self.condition_name
        answers["daily_effects"] = condition.effects
        answers["treatment"] = condition.treatment
        answers["gp_practice"] = rng.choice(GP_PRACTICES)
        if condition.waiting:
            answers["waiting_lists"] = condition.waiting

    def needs(self) -> None:
        rng, answers, main = self.rng, self.answers, self.condition.barriers
        spread, mild, moderate = 1 + 2.5 * self.severity, 0.5 * self.severity, 0.1 * self.severity
        unconfident = (10 - self.measures["confidence"][0]) // 3  # matches the confidence scale
        for domain, barriers in NEEDS_KEYS:
            for key, answer_key in barriers:
                if key in main:
                    level = min(MAX_SEVERITY, 1 + int(rng.random() * spread))
                elif key == "psychological.confidence":
                    level = min(MAX_SEVERITY, unconfident)
                else:
                    chance = rng.random()
                    level = 2 if chance < moderate else 1 if chance < mild else 0
                answers[answer_key] = level
            if rng.random() < 0.3:
                answers[f"need.{domain}.notes"] = rng.choice(NEEDS_NOTES[domain])

    def measures_step(self) -> None:
        rng, answers = self.rng, self.answers
        for instrument, take, keys in QUESTIONNAIRE_KEYS:
            items = self.measures.get(instrument)
            if items is None or (not self.stored and rng.random() < 0.08):
                answers[take] = NO
                continue
            answers[take] = YES
            answers.update(zip(keys, items, strict=True))
            if instrument == "phq9" and items[8]:
                answers[RISK_ACTION] = "Crisis contacts shared; GP told the same day"
        confidence = self.measures.get(CONFIDENCE.key)
        if confidence:
            answers[CONFIDENCE.key] = confidence[0]
        if not self.stored:  # stored demo baselines have no self-rated health row
            health = round(10 - 8 * self.severity + rng.uniform(-1.5, 1.5))
            answers[SELF_RATED_HEALTH.key] = max(0, min(10, health))

    def goals(self) -> None:
        rng, answers = self.rng, self.answers
        answers["own_words"] = rng.choice(OWN_WORDS[self.in_work])
        answers["priority_1"] = self.goal or rng.choice(GOALS[self.in_work])
        extra = rng.sample(PRIORITIES, 2)
        if rng.random() < 0.7:
            answers["priority_2"] = extra[0]
            if rng.random() < 0.4:
                answers["priority_3"] = extra[1]


def assessment_answers(
    person: Mapping[str, Any],
    condition: str,
    severity: float,
    measures: Mapping[str, Sequence[int]] | None,
    rng: random.Random,
    *,
    before: StepKey | None = None,
    goal: str = "",
) -> Answers:
    """A demo assessment's answers for every step before `before` (all of them when None).

    `person` is the participant row (date_of_birth, referral_date, work_situation, employer_name
    and the consent flags are read); `condition` one of `CONDITIONS`; `severity` 0 (well) to 1.
    `measures` are the stored baseline item lists by instrument (phq9, gad7, wsas, confidence),
    answered exactly; None makes new ones, as for a draft. `goal` is the plan's first goal.
    """
    answerer = _Answerer(person, condition, severity, measures, rng, goal)
    for key, fill in STEP_FILLERS:
        if key is before:
            break
        fill(answerer)
    return answerer.answers


STEP_FILLERS = (  # in the wizard's order: a test holds this to INITIAL_STEPS
    (StepKey.ELIGIBILITY, _Answerer.eligibility),
    (StepKey.WORK, _Answerer.work),
    (StepKey.HEALTH, _Answerer.health),
    (StepKey.NEEDS, _Answerer.needs),
    (StepKey.MEASURES, _Answerer.measures_step),
    (StepKey.GOALS, _Answerer.goals),
)
