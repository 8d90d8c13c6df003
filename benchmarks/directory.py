"""The services directory at 5,000 services: import time and search latency per key.

Writes a seeded Open Referral UK page of 5,000 fictional services (HSDS 3.0 UK shape, with
organisation, phones, areas, address, schedule, taxonomy terms and a paragraph of description),
then into a fresh SQLite file (migrated as the app does):
- import: reading and parsing the file, then storing it in one transaction (target <= 10 s);
- re-import of the same file (everything unchanged);
- search per key: typing words one key at a time, the database's answer (FTS5) plus the screen's
  filter and order (`arrange`) for each prefix (target p95 <= 30 ms); the LIKE fallback too.

Usage: python benchmarks/directory.py [--services 5000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import median, percentile

WORDS = [
    "counselling",
    "physiotherapy",
    "debt",
    "advice",
    "housing",
    "carers",
    "employment",
    "sleep",
    "pain",
    "walking",
    "mental",
    "health",
    "talking",
    "therapies",
    "benefits",
    "money",
    "skills",
    "drop-in",
    "support",
    "group",
    "wellbeing",
    "exercise",
    "back",
    "neck",
    "shoulder",
    "anxiety",
    "stress",
    "recovery",
]
PLACES = (
    "Preston",
    "Blackpool",
    "Burnley",
    "Blackburn",
    "Lancaster",
    "Barrow-in-Furness",
    "West Lancashire",
    "Chorley",
    "Fleetwood",
    "Lancashire",
)
TYPED = (
    "counselling",
    "debt advice",
    "physio",
    "preston",
    "talking therapies",
    "carers",
    "sleep",
    "back pain",
    "employment",
    "zzz",
)


def service(rng: random.Random, number: int) -> dict[str, object]:
    """One fictional service in the HSDS 3.0 UK shape."""
    topic = rng.sample(WORDS, 3)
    place = rng.choice(PLACES)
    return {
        "id": f"bench-{number:05d}",
        "name": f"{place} {topic[0].title()} {topic[1].title()} {number}",
        "description": " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + ".",
        "url": f"https://example.org/services/{number}",
        "email": f"service{number}@example.org",
        "application_process": rng.choice(("Self-refer by phone", "Ask your GP", "Drop in")),
        "assured_date": "2026-10-01",
        "organization": {"id": f"org-{number % 400}", "name": f"{place} {topic[2].title()} Trust"},
        "phones": [{"number": f"01632 960{number % 1000:03d}"}],
        "service_areas": [{"name": place}],
        "schedules": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}],
        "attributes": [
            {"taxonomy_term": {"name": topic[0]}},
            {"taxonomy_term": {"name": topic[1]}},
        ],
        "service_at_locations": [
            {
                "location": {
                    "latitude": 53.7 + rng.random() / 10,
                    "longitude": -2.7 - rng.random() / 10,
                    "addresses": [
                        {
                            "address_1": f"{number % 200 + 1} Church Street",
                            "city": place,
                            "postal_code": "PR1 2AB",
                        }
                    ],
                }
            }
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    base = args.dir or Path(tempfile.mkdtemp(prefix="workwell-directory-"))
    base.mkdir(parents=True, exist_ok=True)

    from workwell_tui import clock
    from workwell_tui.config import Settings
    from workwell_tui.db import directory as db_directory
    from workwell_tui.db.backends.generic import SqlAlchemyBackend
    from workwell_tui.db.engine import make_engine
    from workwell_tui.db.schema import ensure_schema
    from workwell_tui.db.store import Store
    from workwell_tui.directory import read_services
    from workwell_tui.domain.directory.search import DirectoryFilter, arrange

    rng = random.Random(2026)
    page = base / "services.json"
    page.write_text(json.dumps({"contents": [service(rng, n) for n in range(args.services)]}))
    database = base / "directory.sqlite3"
    database.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{database}")
    ensure_schema(engine)
    store = Store(Settings(), "bench", engine=engine)
    size_mb = page.stat().st_size / 1e6
    print(f"{args.services:,} services, {size_mb:.1f} MB of JSON, SQLite file")

    started = time.perf_counter()
    batch = read_services(page, clock.today())
    parsed = time.perf_counter()
    summary = store.import_services(batch)
    stored = time.perf_counter()
    print(
        f"import: parse {parsed - started:.2f} s + store {stored - parsed:.2f} s = "
        f"{stored - started:.2f} s (target <= 10 s); {summary.line()}"
    )
    started = time.perf_counter()
    again = store.import_services(read_services(page, clock.today()))
    print(f"re-import: {time.perf_counter() - started:.2f} s; {again.line()}")

    services = store.directory()
    chosen = DirectoryFilter()
    generic = SqlAlchemyBackend("postgresql://nowhere")
    fts: list[float] = []
    like: list[float] = []
    counts = []
    for _ in range(3):  # three passes: the figures settle after the first
        for word in TYPED:
            for end in range(1, len(word) + 1):
                typed = word[:end]
                began = time.perf_counter()
                ids = store.search_service_ids(typed)
                shown = arrange(services, ids, chosen, "Preston", typed)
                fts.append((time.perf_counter() - began) * 1000)
                counts.append(len(shown))
                with store.session() as session:
                    began = time.perf_counter()
                    ids = db_directory.search_ids(session, generic, typed)
                    arrange(services, ids, chosen, "Preston", typed)
                    like.append((time.perf_counter() - began) * 1000)
    print(
        f"search per key, FTS5 + order ({len(fts)} keys, up to {max(counts):,} matches): "
        f"median {median(fts):.1f} ms, p95 {percentile(fts, 0.95):.1f} ms, "
        f"max {max(fts):.1f} ms (target p95 <= 30 ms)"
    )
    print(
        f"search per key, LIKE fallback + order: median {median(like):.1f} ms, "
        f"p95 {percentile(like, 0.95):.1f} ms"
    )
    print(f"(mean FTS5 {statistics.fmean(fts):.1f} ms)")
    store.close()


if __name__ == "__main__":
    main()
