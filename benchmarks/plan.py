"""How quickly the plan screen answers the coach's keys, on a plan with 12 objectives and 30
contacts (a full plan near its end) in a SQLite file, as on the laptop.

Drives the real app headless (Textual's Pilot). For each key it records the time from the key
reaching the app until the frame that shows its result is handed to the terminal driver:
- p on the participant record to the plan screen drawn with its grid (target p95 <= 150 ms);
- s on an objective to its new status drawn (target p95 <= 50 ms); the change is drawn at once
  and saved behind it, so it also reports s to "saved" (the stored plan read back and drawn);
- → moving a target week, the same way.
Prints median and p95 of each.

Usage: python benchmarks/plan.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import PINNED_NOW, median, percentile, watch_frames, watch_keys

DOMAINS = ("physical", "psychological", "social", "work")


def build(url: str) -> str:
    """A participant with an agreed 12-week plan: 12 objectives, 30 contacts; returns the id."""
    from sqlmodel import Session

    from workwell_tui import clock
    from workwell_tui.config import Settings
    from workwell_tui.db.models import Contact, Objective, Plan
    from workwell_tui.db.store import Store
    from workwell_tui.domain.enums import ReferralSource, WorkSituation
    from workwell_tui.domain.referral import NewReferral

    store = Store(Settings(), "bench", url=url)
    person = store.add_referral(
        NewReferral(
            first_name="Alex", last_name="Smith", preferred_name="",
            date_of_birth=date(1985, 3, 3), email="", phone="", postcode="PR1 2AB",
            district="Preston", referral_source=ReferralSource.GP,
            referral_date=clock.today() - timedelta(days=90),
            work_situation=WorkSituation.OFF_SICK, employer_name="", consent_processing=True,
        )
    )  # fmt: skip
    start = clock.today() - timedelta(weeks=10)
    now = clock.now().astimezone(UTC)
    with Session(store.engine) as session:
        plan = Plan(participant_id=person.id, status="active", start_date=start, agreed_on=start,
                    length_weeks=12, review_weeks=[6, 12])  # fmt: skip
        session.add(plan)
        session.flush()
        objectives = [
            Objective(
                plan_id=plan.id,
                domain=DOMAINS[n % 4],
                what=f"Objective {n + 1} in words",
                steps="Coach rings; they try it",
                target_week=1 + n % 12,
                position=n,
                accepted_on=start,
            )
            for n in range(12)
        ]
        session.add_all(objectives)
        session.flush()
        for n in range(30):
            session.add(
                Contact(participant_id=person.id, at=now - timedelta(days=2 + 2 * n),
                        status="held", duration_minutes=30,
                        objectives_discussed=[str(objectives[n % 12].id)])
            )  # fmt: skip
        session.commit()
    store.close()
    return str(person.id)


async def measure(url: str, participant_id: str, rounds: int) -> dict[str, list[float]]:
    """Open the plan and change it `rounds` times; times in ms by kind of key."""
    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings
    from workwell_tui.db.store import Store
    from workwell_tui.screens.participant import ParticipantScreen
    from workwell_tui.screens.plan.screen import PlanScreen
    from workwell_tui.services import Services

    settings = Settings()
    store = Store(settings, "bench", url=url)
    app = WorkwellApp(Services.for_store(store, settings))
    times: dict[str, list[float]] = {"open plan (p)": [], "status (s)": [], "status saved": []}
    times["target (→)"] = []
    # When the screen drew a plan: the change shown at once, then the plan as stored.
    shown: list[float] = []
    original_show = PlanScreen.show

    def show(screen: PlanScreen, view: object) -> None:
        original_show(screen, view)  # type: ignore[arg-type]
        shown.append(time.perf_counter())

    PlanScreen.show = show  # type: ignore[method-assign]

    def first_frame_after(frames: list[float], moment: float) -> float | None:
        return next((f for f in frames if f >= moment), None)

    async with app.run_test(size=(120, 40)) as pilot:
        while not app.caseload_rows:
            await pilot.pause(0.05)
        record = ParticipantScreen(participant_id)
        await app.push_screen(record)
        while record.plan is None:
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        frames = watch_frames(app)
        arrivals = watch_keys(app)

        async def press(key: str, settle: float = 0.15) -> tuple[float, list[float]]:
            frames.clear()
            arrivals.clear()
            shown.clear()
            await pilot.press(key)
            await pilot.pause(settle)
            return arrivals[0], list(frames)

        for _ in range(rounds):
            key_at, seen = await press("p", 0.4)
            plan = app.screen
            assert isinstance(plan, PlanScreen) and plan.view is not None
            drawn = first_frame_after(seen, shown[-1]) if shown else None
            if drawn is not None:
                times["open plan (p)"].append((drawn - key_at) * 1000)
            for step in range(6):
                key_at, seen = await press("s", 0.25)
                drawn = first_frame_after(seen, shown[0]) if shown else None
                if drawn is not None:
                    times["status (s)"].append((drawn - key_at) * 1000)
                saved = first_frame_after(seen, shown[1]) if len(shown) > 1 else None
                if saved is not None:
                    times["status saved"].append((saved - key_at) * 1000)
                key_at, seen = await press("right" if step % 2 else "left", 0.25)
                drawn = first_frame_after(seen, shown[0]) if shown else None
                if drawn is not None:
                    times["target (→)"].append((drawn - key_at) * 1000)
                await pilot.press("down")
            await press("escape", 0.3)
    store.close()
    return times


def main() -> None:
    """Build the plan in a temporary file, measure, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    from workwell_tui import clock

    clock.freeze(datetime.fromisoformat(PINNED_NOW))
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WORKWELL_CONFIG_DIR"] = str(Path(folder) / "config")
        url = f"sqlite:///{Path(folder) / 'plan.sqlite3'}"
        participant_id = build(url)
        times = asyncio.run(measure(url, participant_id, args.rounds))
    print("plan screen, 12 objectives and 30 contacts, key to the frame showing the result")
    targets = {"open plan (p)": 150, "status (s)": 50}
    for label, values in times.items():
        if values:
            goal = f"   (target p95 <= {targets[label]} ms)" if label in targets else ""
            print(
                f"  {label:<14} {len(values):3d} keys   median {median(values):6.1f} ms   "
                f"p95 {percentile(values, 0.95):6.1f} ms{goal}"
            )


if __name__ == "__main__":
    main()
