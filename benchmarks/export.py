"""How long an export takes: reading the record, rendering each document, and making its PDF.

Builds one SQLite database file holding a busy participant (12 objectives, 30 contacts, 3
reviews, measures at baseline and each review, 6 adjustments, 4 referrals and 300 audit events)
among 2,000 others, then times, per audience:
- read + render: `Store.export_view` and the renderer, as the screen and `workwell export` do
  (target: at most 100 ms for the full record);
- PDF: pandoc with WeasyPrint, when both are installed.
Prints median and p95 (read + render) and the median of a few PDF runs.

Usage: python benchmarks/export.py [--rounds N] [--pdf-rounds N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import PINNED_NOW, median, percentile

TODAY = date(2026, 11, 22)


def build(directory: Path) -> tuple[object, uuid.UUID]:
    """A database with one busy participant among 2,000; returns the store and their id."""
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    from sqlmodel import Session

    from workwell_tui.config import Settings, resolve_paths
    from workwell_tui.db.audit import record_event
    from workwell_tui.db.models import (
        Adjustment,
        Assessment,
        Contact,
        MeasureResult,
        Objective,
        Participant,
        Plan,
        PlanReview,
        Referral,
        Service,
    )
    from workwell_tui.db.store import Store

    url = f"sqlite:///{directory / 'bench.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings(coach_name="Sam Coach"))
    start = TODAY - timedelta(weeks=11)
    with Session(store.engine) as session:
        for number in range(2, 2001):
            session.add(
                Participant(
                    reference=f"WW-{number:06d}", first_name="Other", last_name=f"P{number}",
                    referral_date=start, consent_processing=True,
                )
            )  # fmt: skip
        person = Participant(
            reference="WW-000001", first_name="Alex", last_name="Smith", preferred_name="",
            date_of_birth=date(1984, 3, 9), referral_date=start, work_situation="off_sick",
            employer_name="Ribble Care Homes", consent_processing=True, consent_share_gp=True,
            consent_share_gp_on=start, consent_contact_employer=True,
            consent_contact_employer_on=start, stage="on_plan", notes="Prefers mornings.\n" * 5,
        )  # fmt: skip
        session.add(person)
        session.flush()
        answers = {
            "work_situation": "off_sick", "job_title": "Care assistant", "employer": "Ribble",
            "fit_note": "may_be_fit", "fit_note_advice": ["phased_return", "altered_hours"],
            "fit_note_ends": "30/12/2026", "condition_types": ["musculoskeletal"],
            "conditions": "Lower back pain", "own_words": "Back to the job I love",
            "need.pain": 3, "need.sleep": 2, "priority_1": "Back to work three days a week",
        }  # fmt: skip
        assessment = Assessment(
            participant_id=person.id, status="completed", answers=answers,
            completed_at=datetime(2026, 9, 1, 10, tzinfo=UTC),
        )  # fmt: skip
        session.add(assessment)
        plan = Plan(
            participant_id=person.id, assessment_id=assessment.id, status="active",
            start_date=start, agreed_on=start, length_weeks=12, review_weeks=[4, 8, 12],
            goals=["Back to work three days a week", "Sleep through the night"],
        )  # fmt: skip
        session.add(plan)
        session.flush()
        domains = ("physical", "psychological", "social", "work")
        for n in range(12):
            session.add(
                Objective(
                    plan_id=plan.id, domain=domains[n % 4], what=f"Objective {n + 1}",
                    steps="First step\nSecond step", target_week=n + 1, status="in_progress",
                    position=n, accepted_on=start,
                )
            )  # fmt: skip
        for n in range(30):
            at = datetime.combine(start + timedelta(days=2 * n), datetime.min.time(), UTC)
            session.add(
                Contact(
                    participant_id=person.id, at=at + timedelta(hours=10), status="held",
                    duration_minutes=30, notes=f"Talked about objective {n % 12 + 1}",
                )
            )  # fmt: skip
        for week in (4, 8, 12):
            held = start + timedelta(weeks=week - 1)
            if held <= TODAY:
                session.add(
                    PlanReview(
                        plan_id=plan.id, participant_id=person.id, week=week, held_on=held,
                        what_changed="Sleeping better",
                    )
                )  # fmt: skip
        for instrument, total in (("phq9", 14), ("gad7", 12), ("wsas", 22), ("confidence", 3)):
            for review, week in enumerate((None, 4, 8)):
                taken = start + timedelta(weeks=(week or 1) - 1)
                session.add(
                    MeasureResult(
                        participant_id=person.id, instrument=instrument,
                        total=max(0, total - 2 * review), review_week=week,
                        timepoint="baseline" if week is None else "review",
                        taken_at=datetime.combine(taken, datetime.min.time(), UTC),
                    )
                )  # fmt: skip
        for key in ("altered_hours", "phased_return", "rest_breaks", "quiet_space",
                    "adaptive_technology", "flexible_working"):  # fmt: skip
            session.add(
                Adjustment(participant_id=person.id, plan_id=plan.id, catalogue_key=key,
                           status="agreed", owner="employer", notes="Agreed with manager")
            )  # fmt: skip
        for n in range(4):
            service = Service(name=f"Service {n}", phone="01632 960111", address="1 High St")
            session.add(service)
            session.flush()
            session.add(
                Referral(participant_id=person.id, service_id=service.id,
                         service_name=service.name, status="made", made_on=start)
            )  # fmt: skip
        for _ in range(300):
            record_event(session, "Sam Coach", "participant.view", "participant", person.id)
        session.commit()
        pid = person.id
    return store, pid


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="read + render runs (30)")
    parser.add_argument("--pdf-rounds", type=int, default=3, help="PDF runs per audience (3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        store, pid = build(directory)
        from workwell_tui.domain.export import Audience
        from workwell_tui.export import render
        from workwell_tui.export_files import make_pdf, pdf_tools_missing

        view = store.export_view(pid)  # type: ignore[attr-defined]
        assert view is not None and view.plan is not None
        print(
            f"participant with {len(view.plan.objectives)} objectives, "
            f"{len(view.plan.contacts)} contacts, {len(view.plan.reviews)} reviews, "
            f"{len(view.audit)} audit events, among 2,000 participants"
        )
        missing = pdf_tools_missing()
        for audience in Audience:  # a first run of each, untimed: imports and caches
            render(store.export_view(pid), audience)  # type: ignore[attr-defined]
        for audience in Audience:
            times = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                fresh = store.export_view(pid)  # type: ignore[attr-defined]
                document = render(fresh, audience, include_measures=True)
                times.append((time.perf_counter() - started) * 1000)
            markdown = directory / f"{audience.value}.md"
            markdown.write_text(document.markdown, encoding="utf-8")
            line = (
                f"{audience.value:<12} read + render: median {median(times):6.1f} ms, "
                f"p95 {percentile(times, 0.95):6.1f} ms  ({len(document.markdown):,} characters)"
            )
            if not missing:
                pdf_times = []
                for _ in range(args.pdf_rounds):
                    started = time.perf_counter()
                    made = make_pdf(markdown)
                    pdf_times.append(time.perf_counter() - started)
                    made.unlink()
                line += f"; PDF: median {median(pdf_times):.2f} s"
            print(line)
        if missing:
            print(f"(no PDF figures: {missing})")
        store.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
