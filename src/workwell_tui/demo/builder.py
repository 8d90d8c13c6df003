"""The demo caseload's rows, one fictional participant at a time, buffered per table.

`Builder.person` makes everything one person at a given stage would have (assessment, plan,
contacts, reviews, adjustments, referrals...); `flush` inserts the buffered rows in bulk. All
randomness comes from the one `random.Random` it is given, so a seed gives the same people.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import SQLModel

from workwell_tui.config import Settings
from workwell_tui.db import models  # noqa: F401  (registers the tables in the metadata)
from workwell_tui.db.bulk import insert_rows
from workwell_tui.demo.adjustments import settle as settle_adjustments
from workwell_tui.demo.assessment import CONDITIONS, EMPLOYERS, GOALS, SIGNPOSTS, measure_items
from workwell_tui.demo.assessment import assessment_answers as answers_for
from workwell_tui.demo.catalogue import (
    ADJUSTMENTS,
    CLOSING,
    EMPLOYED,
    FIRST_NAMES,
    LAST_NAMES,
    NATIONAL_CONTACTS,
    OBJECTIVES,
    OUTWARD,
    PREFERRED,
    SERVICES,
    STREETS,
    directory_fields,
    pick,
)
from workwell_tui.demo.plan import (
    DROP_REASON,
    FOLLOW_UP,
    OUTCOME_OF_CLOSING,
    RISK_ACTION,
    own_id,
    review_change,
)
from workwell_tui.domain.assessment.flow import step_from_number, step_number
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.domain.enums import ContactStatus as CS
from workwell_tui.domain.enums import Stage, WorkSituation

Row = dict[str, Any]
BATCH = 2000  # participants per round of inserts: memory stays flat at 100,000
DRAFT_STEPS = (step_number(StepKey.HEALTH), step_number(StepKey.GOALS))  # saved on, first..last
COMPLETED_STEP = step_number(StepKey.SUMMARY)
# Parents before children: SQLite checks foreign keys statement by statement.
TABLES: tuple[str, ...] = ("participant", "assessment", "plan", "measureresult", "objective")
TABLES += ("contact", "adjustment", "referral", "planreview", "safeguardingrecord")


def _defaults(table: Table) -> Row:
    """Every column's scalar default (None when nullable), so that rows can be complete."""
    row: Row = {}
    for column in table.c:
        if isinstance(column.default, ScalarElementColumnDefault):
            row[column.name] = column.default.arg
        elif column.nullable:
            row[column.name] = None
    return row


class Builder:
    """Makes one participant's rows at a time into per-table buffers. Days count back from today."""

    def __init__(self, rng: random.Random, now: datetime, settings: Settings) -> None:
        self.rng, self.now, self.settings = rng, now, settings
        self.today, self.stamp = now.date(), now.astimezone(UTC)
        self.reviews, self.length = tuple(sorted(settings.review_weeks)), settings.plan_length_weeks
        self.tables = {name: SQLModel.metadata.tables[name] for name in [*TABLES, "service"]}
        self.defaults = {name: _defaults(table) for name, table in self.tables.items()}
        self.rows: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.seen: dict[Stage, int] = dict.fromkeys(Stage, 0)
        self.services: list[tuple[uuid.UUID, str]] = []
        self.midnights: dict[int, datetime] = {}
        self.pending: tuple[Any, ...] | None = None  # an assessment row waiting for its answers

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, minutes: int) -> datetime:
        """Local wall-clock time `minutes` after midnight on a day, as aware UTC."""
        midnight = self.midnights.get(days_ago)
        if midnight is None:
            noon, zone = datetime.combine(self.day(days_ago), time(12)), self.now.tzinfo
            # clock.now() has a fixed offset: use the machine's rules so past dates keep their DST.
            local = noon.astimezone() if isinstance(zone, timezone) else noon.replace(tzinfo=zone)
            # The daytime offset (clocks change at night), so 09:00 to 17:00 are right on any day.
            midnight = self.midnights[days_ago] = local.astimezone(UTC) - timedelta(hours=12)
        return midnight + timedelta(minutes=minutes)

    def slot(self, days_ago: int) -> datetime:
        return self.at(days_ago, 540 + 30 * int(self.rng.random() * 16))  # 09:00 to 16:30

    def add(self, table: str, when: datetime, **fields: Any) -> uuid.UUID:
        """Buffer one complete row (defaults filled in) and return its id."""
        row_id: uuid.UUID = fields.get("id") or self.uid()
        created = min(when, self.stamp)
        stamps = {"updated_at": created, **fields, "id": row_id, "created_at": created}
        self.rows[table].append({**self.defaults[table], **stamps})
        return row_id

    def contact(self, pid: uuid.UUID, days_ago: int, status: CS, purpose: str = "check_in",
                discussed: list[str] | None = None) -> uuid.UUID:  # fmt: skip
        rng, held = self.rng, status is CS.HELD
        if days_ago < 0 and self.day(days_ago).weekday() >= 5:  # bookings go on weekdays
            days_ago -= 7 - self.day(days_ago).weekday()
        when = self.at(0, 15 * 60) if days_ago == 0 else self.slot(days_ago)
        note = rng.choice(("Talked through progress", "Agreed next steps", "")) if held else ""
        return self.add("contact", when, participant_id=pid, at=when, mode=pick(rng, "mode"),
                        status=status.value, purpose=purpose, notes=note,
                        duration_minutes=rng.choice((30, 45, 60)) if held else None,
                        objectives_discussed=discussed or [])  # fmt: skip

    def measures(self, pid: uuid.UUID, aid: uuid.UUID | None, days_ago: int, severity: float,
                 week: int = 0) -> dict[str, list[int]]:  # fmt: skip
        """PHQ-9, GAD-7, WSAS and confidence; `week` 0 is the baseline. Returns the items."""
        rng, when = self.rng, self.slot(days_ago)
        answers = measure_items(rng, severity)
        timepoint, review_week = ("review", week) if week else ("baseline", None)
        for instrument, items in answers.items():
            self.add("measureresult", when, participant_id=pid, assessment_id=aid, taken_at=when,
                     instrument=instrument, item_answers=items, total=sum(items),
                     timepoint=timepoint, review_week=review_week)  # fmt: skip
        return answers

    def answer_later(self, *details: Any) -> None:
        """Keep the assessment row just added for `answer`: condition, severity (None for a
        draft), baseline items (None: none stored), step it stops before (None: all), goal."""
        self.pending = (self.rows["assessment"][-1], *details)

    def answer(self, pid: uuid.UUID) -> None:
        """Fill the pending assessment's answers from the person's row and own random stream
        (so the main stream, and every other row, is the same as without them)."""
        if self.pending is not None:
            row, condition, severity, measures, before, goal = self.pending
            own = random.Random(pid.int)
            severity = own.uniform(0.25, 0.75) if severity is None else severity
            person = self.rows["participant"][-1]
            row["answers"] = answers_for(person, condition, severity, measures, own,
                                         before=before, goal=goal)  # fmt: skip
            self.pending = None

    def person(self, number: int, stage: Stage) -> None:
        """One participant and what has happened to them so far."""
        rng, k = self.rng, self.seen[stage]
        self.seen[stage] += 1
        pid, reason, service, situation = self.uid(), "", "", pick(rng, "situation")
        if stage is Stage.ON_PLAN or stage is Stage.CLOSED:
            referred, changed = self.plan_person(pid, stage, k, situation in EMPLOYED)
        elif stage is Stage.ASSESSING:
            quiet = k % 4 == 3  # seen once, then nothing for 15+ days
            referred = rng.randint(20, 45) if quiet else rng.randint(5, 30)
            changed = rng.randint(15, referred - 1) if quiet else rng.randint(1, min(12, referred))
            self.contact(pid, changed, CS.HELD, "assessment")
            if k % 3 != 2:  # two in three have a draft saved part-way through
                when, step = self.slot(changed), rng.randint(*DRAFT_STEPS)
                condition = rng.choice(CONDITIONS)
                self.add("assessment", when, participant_id=pid, step=step, answers={},
                         started_at=when, saved_at=when)  # fmt: skip
                self.answer_later(condition, None, None, step_from_number(step).key, "")
            if not quiet:
                self.contact(pid, -rng.randint(1, 10), CS.BOOKED, "assessment")
        elif stage is Stage.REFERRED:
            referred = changed = rng.randint(0, 27)
            if k % 2 == 0:
                self.contact(pid, -rng.randint(1, 10), CS.BOOKED, "assessment")
        else:
            reason, service, situation = rng.choice(SIGNPOSTS)
            referred = rng.randint(1, 120)
            changed = rng.randint(max(1, referred - 10), referred)
            self.contact(pid, changed, CS.HELD, "assessment")
        self.participant(pid, number, stage, WorkSituation(situation), referred, changed,
                         stage_reason=reason, signposted_to=service)  # fmt: skip
        settle_adjustments(self.rows["adjustment"], self.rows["participant"][-1], self.today)
        self.answer(pid)

    def plan_person(self, pid: uuid.UUID, stage: Stage, k: int, employed: bool) -> tuple[int, int]:
        """Assessment, plan, contacts, measures and support; returns (referred, changed) ago."""
        rng, length, closed = self.rng, self.length, stage is Stage.CLOSED
        cap = max(0, min(84, 7 * length - 1))  # plans started up to 12 weeks ago
        review_due = not closed and k % 10 == 3 and bool(self.reviews)
        quiet = not closed and k % 10 == 7 and cap >= 30
        end = 0
        if closed:
            start = rng.randint(80, 110)
            early = rng.random() < 0.2  # some stop before the end
            end = max(1, start - (rng.randint(21, 49) if early else 7 * length - rng.randint(0, 3)))
        elif review_due:  # in the first review week, no review yet
            start = 7 * (self.reviews[0] - 1) + rng.randint(0, 6)
        else:
            start = rng.randint(30 if quiet else 0, cap)
        assessed = start + rng.randint(1, 7)
        referred = max(assessed, min(120, assessed + rng.randint(3, 21)))
        severity = rng.uniform(0.25, 0.75)
        when, done = self.slot(assessed), self.at(assessed, 17 * 60)
        condition = rng.choice(CONDITIONS)
        aid = self.add("assessment", when, participant_id=pid, status="completed", answers={},
                       step=COMPLETED_STEP, started_at=when, saved_at=done,
                       completed_at=done)  # fmt: skip
        self.contact(pid, assessed, CS.HELD, "assessment")
        items = self.measures(pid, aid, assessed, severity)
        plan_id = self.add(
            "plan", self.slot(start), participant_id=pid, assessment_id=aid,
            status="closed" if closed else "active", start_date=self.day(start),
            length_weeks=length, review_weeks=list(self.reviews),
            goals=[rng.choice(GOALS[employed])], closed_on=self.day(end) if closed else None,
            closing_note=rng.choice(CLOSING) if closed else "",
        )  # fmt: skip
        plan = self.rows["plan"][-1]  # agreed when it started; a closed one says how it ended
        plan["agreed_on"] = plan["start_date"]
        plan["closure_outcome"] = OUTCOME_OF_CLOSING.get(plan["closing_note"], "")
        self.answer_later(condition, severity, items, None, plan["goals"][0])
        if items["phq9"][8]:
            self.risk(pid, aid, assessed, still_open=not closed and k % 3 == 0)
        goals = self.objectives(plan_id, start, min(length, (start - end) // 7 + 1), employed,
                                closed)  # fmt: skip
        # Check-ins from the latest back to the plan start; quiet people stopped 15+ days ago.
        latest = rng.randint(15, min(35, start)) if quiet else rng.randint(1, min(10, start) or 1)
        days = max(latest, end + 1)
        while days <= start:  # each check-in talks over one objective, in turn
            self.contact(pid, days, CS.HELD, discussed=[str(goals[days % len(goals)])])
            days += rng.randint(7, 14)  # weekly to fortnightly
        for week in () if review_due else self.reviews:
            opens = start - 7 * (week - 1)  # days ago that review week began
            if opens >= (latest if quiet else end):
                held = opens + rng.randint(1, 5)  # a review a few days early counts
                contact = self.contact(pid, held, CS.HELD, "review")
                self.add("planreview", self.at(held, 17 * 60),
                         id=own_id(pid, f"review-{week}"), plan_id=plan_id, participant_id=pid,
                         contact_id=contact, week=week, held_on=self.day(held),
                         what_changed=review_change(self.reviews.index(week)))  # fmt: skip
                if rng.random() < 0.6:  # measures repeated at most reviews
                    self.measures(pid, None, held, severity * rng.uniform(0.55, 0.95), week)
        if closed:
            self.contact(pid, end, CS.HELD, "review")
        elif quiet and rng.random() < 0.5:
            self.contact(pid, rng.randint(3, 10), CS.MISSED)
        elif not quiet and (k % 10 == 1 or rng.random() < 0.75):
            ahead = 0 if k % 10 == 1 else -rng.randint(1, 14)  # one in ten: today at 15:00
            self.contact(pid, ahead, CS.BOOKED, "review" if review_due else "check_in")
        if employed:
            self.adjustments(pid, plan_id, start, end)
        for _ in range(int(pick(rng, "referrals"))):
            self.referral(pid, start, end, closed)
        return referred, end if closed else start

    def objectives(self, plan_id: uuid.UUID, start: int, week: int, employed: bool,
                   closed: bool) -> list[uuid.UUID]:  # fmt: skip
        rng, ids = self.rng, []
        domains = ["work", *rng.sample(("physical", "psychological", "social"), rng.randint(1, 3))]
        for position, domain in enumerate(domains):
            pool = ("employed" if employed else "seeking") if domain == "work" else domain
            target = rng.randint(2, max(2, self.length))
            when = "closed" if closed else "past" if target < week else "ahead"
            ids.append(self.add("objective", self.slot(start), plan_id=plan_id, domain=domain,
                                what=rng.choice(OBJECTIVES[pool]), target_week=target,
                                status=pick(rng, f"objective_{when}"), position=position,
                                accepted_on=self.day(start)))  # fmt: skip
            row = self.rows["objective"][-1]
            if row["status"] == "dropped":
                row["status_reason"] = DROP_REASON
        return ids

    def risk(self, pid: uuid.UUID, aid: uuid.UUID, assessed: int, still_open: bool) -> None:
        """The safeguarding record of a risk answered at assessment; most followed up since."""
        self.add("safeguardingrecord", self.at(assessed, 17 * 60), id=own_id(pid, "risk"),
                 participant_id=pid, assessment_id=aid, raised_on=self.day(assessed),
                 source="phq9_item9", action_taken=RISK_ACTION,
                 status="open" if still_open else "followed_up",
                 follow_up="" if still_open else FOLLOW_UP,
                 followed_up_on=None if still_open else self.day(max(0, assessed - 1)))  # fmt: skip

    def adjustments(self, pid: uuid.UUID, plan_id: uuid.UUID, start: int, end: int) -> None:
        rng = self.rng
        for key in rng.sample(sorted(ADJUSTMENTS), rng.randint(1, 3)):
            status = pick(rng, "adjustment")
            asked = max(end, start - rng.randint(0, 21), 1)
            agreed = max(end, asked - rng.randint(3, 20), 0)
            done = status in ("agreed", "in_place")
            self.add(
                "adjustment", self.slot(asked), participant_id=pid, plan_id=plan_id,
                catalogue_key=key, status=status,
                owner=ADJUSTMENTS[key] if rng.random() < 0.8 else "coach",
                raised_on=None if status in ("suggested", "agreed") else self.day(asked),
                agreed_on=self.day(agreed) if done else None,
                due_on=self.day(agreed - 28) if done else None,
                notes="Employer offered an alternative" if status == "declined" else "",
                employer_shareable=rng.random() < 0.9,
            )  # fmt: skip

    def referral(self, pid: uuid.UUID, start: int, end: int, closed: bool) -> None:
        rng = self.rng
        service_id, name = rng.choice(self.services)
        made = max(end, start - rng.randint(0, 28), 1)
        status = pick(rng, "referral_closed" if closed else "referral_open")
        changed = max(end, made - rng.randint(0, 14), 0)
        self.add(
            "referral", self.slot(made), participant_id=pid, service_id=service_id,
            service_name=name, status=status, status_changed_on=self.day(changed),
            last_update_on=self.day(changed),
            made_on=None if status == "suggested" else self.day(made),
            outcome="Attended first appointment" if status == "attended" else "",
        )  # fmt: skip

    def participant(self, pid: uuid.UUID, number: int, stage: Stage, situation: WorkSituation,
                    referred: int, changed: int, **extra: str) -> None:  # fmt: skip
        rng, on, employed = self.rng, self.day(referred), situation in EMPLOYED
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        district = rng.choice(self.settings.districts)
        if stage is Stage.REFERRED:
            rng.random()  # drawn as before, so the same seed still gives the same people
        consent = True  # the referral form refuses anyone without it, so the demo has it too
        gp = consent and rng.random() < 0.6
        employer = employed and consent and rng.random() < 0.55
        health = employer and rng.random() < 0.35
        name = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalnum() or ch == ".")
        email = f"{name}{rng.randrange(10, 100)}@{rng.choice(('example.org', 'example.com'))}"
        phone = rng.choice(("07700 900", "07700 900", "01632 960")) + f"{rng.randrange(1000):03d}"
        age = rng.randint(16, 17) if rng.random() < 0.02 else rng.randint(18, 64)
        letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward code uses
        inward = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
        self.add(
            "participant", self.slot(referred), id=pid, reference=f"WW-{number:06d}",
            updated_at=min(self.at(changed, 17 * 60), self.stamp), first_name=first,
            last_name=last, preferred_name=PREFERRED.get(first, "") if rng.random() < 0.5 else "",
            date_of_birth=date(self.today.year - age, 1, 1) - timedelta(rng.randrange(365)),
            email=email if rng.random() < 0.7 else "", phone=phone if rng.random() < 0.9 else "",
            address=f"{rng.randint(1, 199)} {rng.choice(STREETS)}, {district}",
            postcode=f"{OUTWARD.get(district, 'ZZ9')} {inward}", district=district,
            referral_source=pick(rng, "source_employed" if employed else "source_seeking"),
            referral_date=on, work_situation=situation.value,
            employer_name=rng.choice(EMPLOYERS) if employed else "",
            consent_processing=consent, consent_processing_on=on if consent else None,
            consent_share_gp=gp, consent_share_gp_on=on if gp else None,
            consent_contact_employer=employer, consent_contact_employer_on=on if employer else None,
            consent_share_health_with_employer=health,
            consent_share_health_with_employer_on=on if health else None,
            stage=stage.value, stage_changed_on=self.day(changed), **extra,
        )  # fmt: skip

    def flush(self, connection: Connection) -> None:
        for name in TABLES:
            if self.rows[name]:
                insert_rows(connection, self.tables[name], self.rows[name])
                self.rows[name].clear()

    def load_services(self, connection: Connection) -> None:
        """Add the demo directory unless it is there, then refer to whatever is in the table.

        A service already there by name (the national Access to Work) is not added twice."""
        table = self.tables["service"]
        demo = select(func.count()).select_from(table).where(table.c.source == "demo")
        if not connection.execute(demo).scalar():
            there = set(connection.execute(select(table.c.name)).scalars())
            rows = [
                {**self.defaults["service"], "id": self.uid(), "created_at": self.stamp,
                 "updated_at": self.stamp, "source": "demo", "source_id": f"demo-{index:02d}",
                 "name": name, "organisation": organisation, "category": category,
                 "description": description, "phone": f"01632 960{100 + index}",
                 "email": f"hello{index}@example.org", "cost": "Free",
                 "website": f"https://example.org/services/{index}", "extra": {},
                 "service_area": self.settings.area, "schedule": "Mon to Fri 9:00 to 17:00",
                 **directory_fields(index, category, description, self.settings.districts,
                                    self.today),
                 **NATIONAL_CONTACTS.get(name, {})}
                for index, (name, organisation, category, description) in enumerate(SERVICES, 1)
            ]  # fmt: skip
            insert_rows(connection, table, [row for row in rows if row["name"] not in there])
        found = connection.execute(select(table.c.id, table.c.name).order_by(table.c.id))
        self.services = [(row[0], row[1]) for row in found]
