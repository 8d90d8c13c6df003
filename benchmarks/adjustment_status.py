"""How quickly the adjustments checklist answers a status change, with 30 items on it.

Drives the real app headless (Textual's Pilot) on a database file holding one participant with 30
adjustments (one of each catalogue item, in every status). For each space (status on) or
backspace (status back) it records the time from the key reaching the app until the first frame
after it is handed to the terminal driver; the save runs behind in a worker. Target (issue 10):
p95 at most 50 ms.

Usage: python benchmarks/adjustment_status.py [--keys N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import PINNED_NOW, median, percentile, watch_frames, watch_keys

ITEMS = 30
TARGET_P95_MS = 50.0


def fill(url: str) -> str:
    """One participant with `ITEMS` adjustments; returns their id."""
    from sqlmodel import Session

    from workwell_tui import clock
    from workwell_tui.config import Settings, resolve_paths
    from workwell_tui.config_adjustments import built_in_catalogue
    from workwell_tui.db.models import Adjustment, Participant
    from workwell_tui.db.store import Store
    from workwell_tui.domain.adjustments.status import PATH

    store = Store.open(resolve_paths(database_url=url), Settings())
    today = clock.today()
    with Session(store.engine) as session:
        person = Participant(
            reference="WW-000001", first_name="Alex", last_name="Smith", district="Preston",
            referral_date=today - timedelta(days=40), stage="on_plan", work_situation="off_sick",
            consent_processing=True, consent_contact_employer=True, date_of_birth=date(1985, 3, 1),
        )  # fmt: skip
        session.add(person)
        session.flush()
        for number, item in enumerate(built_in_catalogue().items[:ITEMS]):
            session.add(
                Adjustment(
                    participant_id=person.id, catalogue_key=item.key, owner=item.who.value,
                    status=PATH[number % (len(PATH) - 1)].value, last_update_on=today,
                    employer_shareable=number % 2 == 0, reason="fit note: altered hours",
                )
            )  # fmt: skip
        session.commit()
        pid = str(person.id)
    store.close()
    return pid


async def measure(folder: Path, keys: int) -> list[float]:
    """Press space and backspace `keys` times over the list; times in ms."""
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    os.environ["WORKWELL_CONFIG_DIR"] = str(folder / "config")
    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import Settings, resolve_paths
    from workwell_tui.db.store import Store
    from workwell_tui.screens.adjustments.screen import AdjustmentsScreen
    from workwell_tui.services import Services

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    pid = fill(url)
    paths = resolve_paths(data_dir=str(folder), database_url=url)
    settings = Settings()
    app = WorkwellApp(
        Services(settings=settings, paths=paths, opener=lambda: Store.open(paths, settings))
    )
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.caseload_rows:
            await pilot.pause(0.05)
        screen = AdjustmentsScreen(pid)
        await app.push_screen(screen)
        while screen.data is None:
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        frames, arrivals = watch_frames(app), watch_keys(app)
        for number in range(keys):
            if number % 3 == 0:
                await pilot.press("down")
                await pilot.pause(0.05)
            frames.clear()
            arrivals.clear()
            await pilot.press("space" if number % 2 == 0 else "backspace")
            await pilot.pause(0.15)  # room for the save behind it
            if frames and arrivals:
                times.append((frames[0] - arrivals[0]) * 1000)
        await app.workers.wait_for_complete()
    return times


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = asyncio.run(measure(Path(folder), args.keys))
    p95 = percentile(times, 0.95)
    verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
    print(f"adjustments checklist, {ITEMS} items, key to next frame for a status change")
    print(
        f"  {len(times)} keys   median {median(times):6.1f} ms   p95 {p95:6.1f} ms   "
        f"({verdict} the {TARGET_P95_MS:.0f} ms p95 target)"
    )


if __name__ == "__main__":
    main()
