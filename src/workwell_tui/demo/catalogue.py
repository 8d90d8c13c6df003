"""The fictional material the demo caseload is made from: names, streets, objectives, services,
and the weights that make a plausible mix of stages, referral sources and statuses.

All of it is invented. Names are random pairings from a diverse UK list; the services and their
organisations do not exist.
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date, timedelta
from itertools import accumulate

from workwell_tui.demo.assessment import text_items as _items
from workwell_tui.domain.enums import Stage, WorkSituation

STAGE_SHARES = {Stage.REFERRED: 15, Stage.ASSESSING: 15, Stage.ON_PLAN: 50, Stage.CLOSED: 12}
STAGE_SHARES[Stage.SIGNPOSTED] = 8
EMPLOYED = (WorkSituation.OFF_SICK, WorkSituation.STRUGGLING)


FIRST_NAMES = _items("""
Olivia Amelia Isla Ava Grace Sophie Chloe Emily Jessica Lauren Megan Gemma Kelly Susan Karen Julie
Tracey Joanne Niamh Siobhan Cerys Eilidh Aisha Fatima Zainab Maryam Nadia Samina Shabana Priya
Anjali Sunita Harpreet Gurpreet Jaspreet Mei Lin Ngozi Kemi Abena Ama Agnieszka Ewa Katarzyna
Andreea Oliver George Harry Jack Noah Leo Callum Rhys Dafydd Ciaran Sean Hamish Dean Gary Wayne
Craig Lee Paul Mark Stephen Mohammed Muhammad Yusuf Ibrahim Hassan Bilal Imran Raj Sanjay Wei Deepak
Chen Kwame Yaw Chidi Oluwaseun Darnell Marcus Tyrone Tomasz Piotr Mateusz Ionut Daniel Katherine""")
LAST_NAMES = _items("""
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White
Roberts Green Hall Wood Jackson Clarke Hughes Morgan Price Lewis Ashworth Eccles Pilkington Haworth
Whittaker Hargreaves Sutcliffe Rawlinson Patel Khan Hussain Ali Ahmed Begum Shah Mistry Singh Kaur
Sharma Gill Chen Wong Li Nguyen Okafor Mensah Adeyemi Owusu Kowalski Nowak Kelly Popescu O'Brien
Murphy McDonald Campbell Stewart MacLeod Mahmood Iqbal Rahman Akhtar Bibi""")
PREFERRED = {"Katherine": "Kate", "Daniel": "Dan", "Oluwaseun": "Seun", "Muhammad": "Mo"}
STREETS = _items("""
Mill Lane | Church Street | Station Road | Victoria Street | Albert Road | Moor Lane | Canal Side |
Park View | Chapel Street | Queen Street | Ribble Avenue | Pendle Close | Weavers Row""")
OUTWARD = {"Barrow-in-Furness": "LA14", "Blackburn": "BB1", "Blackpool": "FY1", "Burnley": "BB11"}
OUTWARD |= {"Lancaster": "LA1", "Preston": "PR1", "West Lancashire": "L39"}
OBJECTIVES = {
    "physical": _items("""Walk 20 minutes daily | Physiotherapy self-referral for back pain |
    Swim twice a week | Pace activity with a weekly planner | Review pain relief with the GP"""),
    "psychological": _items("""Sleep routine with a CBT-I app | Self-refer to Talking Therapies |
    Worry diary, 10 minutes a day | Breathing exercise before meetings"""),
    "social": _items("""Debt advice appointment | Join a local walking group | Carer's assessment |
    Benefits check with Citizens Advice | Meet a friend once a week"""),
    "employed": _items("""Phased return, 3 days a week | Agree a return-to-work plan with manager |
    Request flexible working in writing | Access to Work application | Stress risk assessment"""),
    "seeking": _items("""Update CV and apply for two jobs a week | Practise interview answers |
    Look at part-time roles in care or retail | See an employment adviser"""),
}
CLOSING = _items("""Back at work on full hours | Started a new job | Plan completed, managing well |
Phased return complete | Stopped engaging, closing letter sent | Moved out of the area""")
ADJUSTMENTS = {"flexible_working": "participant", "phased_return": "employer"}  # key: usual owner
ADJUSTMENTS |= {"altered_hours": "employer", "amended_duties": "employer"}
ADJUSTMENTS |= {"workplace_adaptations": "employer", "adaptive_technology": "access_to_work"}
ADJUSTMENTS |= {"rest_breaks": "employer", "quiet_space": "employer"}
SERVICES = [  # name | organisation | category | description (fictional, but for Access to Work)
    line.split("|")
    for line in """\
Community Physiotherapy|Red Rose Community Health CIC|physiotherapy|Back, neck and joint pain
Talking Therapies|Ribble NHS Talking Therapies|talking therapies|CBT and guided self-help
Pendle Hill Counselling|Pendle Hill Counselling Collective|counselling|Low-cost counselling
Bay Jobs and Skills Hub|Morecambe Bay Employment Trust|employment advice|CVs and job search
Money Advice Line|Red Rose Money Advice|debt advice|Free, confidential debt and budgeting advice
Riverside Advice Centre drop-in|Riverside Advice Centre|advice|Benefits, housing, work rights
Access to Work|Department for Work and Pensions|access to work|Grants for support in work
Lune Valley Carers' Centre|Lune Valley Carers|carers support|Breaks and carer's assessments
Fylde Coast Social Prescribing|Fylde Coast Primary Care Network|social prescribing|Link workers
Active Lives Exercise Referral|Lancashire Leisure Trust|physical activity|12-week gym and swim
Living Well with Pain|Red Rose Community Health CIC|pain management|Six-week group course
Sleep Well Workshop|Ribble NHS Talking Therapies|sleep|Two sessions on sleep habits""".splitlines()
]
# A real national service keeps its real public contact details (GOV.UK), never a made-up number
# a participant might ring; every other demo service is fictional and uses Ofcom drama numbers.
NATIONAL_CONTACTS: dict[str, dict[str, object]] = {
    "Access to Work": {
        "phone": "0800 121 7479",
        "email": "",
        "website": "https://www.gov.uk/access-to-work",
        "service_area": "England, Scotland and Wales",
        "schedule": "",  # not stated here: the demo should not invent their opening hours
        "description": "Grants for support in work",  # real, so not labelled fictional
        "extra": {},
        "phones": ["0800 121 7479"],
    },
}


def directory_fields(
    index: int, category: str, description: str, districts: tuple[str, ...] | list[str],
    today: date,
) -> dict[str, object]:  # fmt: skip
    """The directory columns of demo service `index`, labelled fictional, from no random draws
    (so the demo's people stay the same): every third one local to a district, most open to
    self-referral, each checked a few weeks apart."""
    local = [districts[index % len(districts)]] if districts and index % 3 == 0 else []
    routes = ["self"] if index % 4 else ["gp", "professional"]
    return {
        "description": f"{description}. Fictional demo service: not a real organisation.",
        "categories": [category], "districts": local, "areas": local,
        "phones": [f"01632 960{100 + index}"],
        "referral_routes": routes, "last_verified": today - timedelta(days=9 * index),
        "extra": {"fictional": True},
    }  # fmt: skip


WEIGHTS = {  # name: (values, cumulative weights) for `pick`
    name: ([pair.split()[0] for pair in spec], list(accumulate(int(p.split()[1]) for p in spec)))
    for name, spec in (
        (line.split(":")[0], line.split(":")[1].split(","))
        for line in """\
situation: off_sick 36, struggling 34, out_of_work_short 26, other 4
source_employed: self 30, gp 28, employer 24, community 10, other 6
source_seeking: self 30, gp 28, jobcentre 22, community 10, other 6
mode: in_person 11, phone 6, video 2, message 1
referrals: 0 2, 1 5, 2 3
objective_closed: achieved 7, dropped 2, in_progress 1
objective_past: achieved 6, in_progress 3, dropped 1
objective_ahead: agreed 3, in_progress 3, not_started 1
adjustment: suggested 2, raised 3, agreed 3, in_place 4, declined 1
referral_closed: attended 5, no_response 3, declined 1
referral_open: suggested 2, made 3, accepted 5, attended 3, declined 1""".splitlines()
    )
}


def pick(rng: random.Random, name: str) -> str:
    """A value from the `WEIGHTS` table `name`, by weight."""
    values, cumulative = WEIGHTS[name]
    return values[bisect(cumulative, rng.random() * cumulative[-1])]


def stage_list(count: int) -> list[Stage]:
    """Stages in exact shares (largest remainder), so even a small demo shows every stage."""
    exact = {stage: count * share / 100 for stage, share in STAGE_SHARES.items()}
    whole = {stage: int(value) for stage, value in exact.items()}
    by_remainder = sorted(exact, key=lambda stage: exact[stage] % 1, reverse=True)
    for stage in by_remainder[: count - sum(whole.values())]:
        whole[stage] += 1
    return [stage for stage in STAGE_SHARES for _ in range(whole[stage])]
