"""The cost of encryption at rest, plain and SQLCipher measured side by side in one run.

Prints medians (and the encrypted/plain ratio; target <= 1.15) for:
- start-up: process start until caseload rows are on screen (`workwell --demo`, 120x40 pty, the
  passphrase in WORKWELL_PASSPHRASE as a script gives it);
- first frame: process start until the masthead is drawn (the key derivation starts before it,
  in a thread, so any cost it puts on the first frame shows here);
- caseload filter at N participants: the LIKE query the caseload search runs, on the file;
- a save: one autosave of a draft assessment (one unit of work, committed, synchronous=FULL).
Beside each ratio of medians, the median (and quartiles) of the rounds' own ratios.

The machine's cores and load average are printed too: the encrypted start-up derives its key
(~0.15 s of CPU) on a second core while Textual imports, so on a machine whose cores are all busy
it costs its full time and the ratio rises.

Usage: python benchmarks/encryption.py [--runs 9] [--participants 10000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import BENCH_PASSPHRASE, bench_env, build_demo_dir, median, percentile, time_until

from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import AssessmentKind

LIKE = (
    "SELECT reference, first_name, last_name FROM participant "
    "WHERE last_name LIKE :q OR first_name LIKE :q OR reference LIKE :q"
)


def open_store(data: Path, encrypted: bool) -> Store:
    paths = resolve_paths(data_dir=str(data), demo=True)
    return Store.open(paths, Settings(), passphrase=BENCH_PASSPHRASE if encrypted else None)


def like_ms(store: Store, runs: int) -> float:
    """Median ms of the LIKE filter on a fresh read-only connection's warm cache."""
    path = store.backend.database_file
    assert path is not None
    connection = store.backend.connect_file(path, read_only=True)  # type: ignore[attr-defined]
    times = []
    try:
        for run in range(runs * 5):
            started = time.perf_counter()
            connection.execute(LIKE, {"q": f"%{'smkpj'[run % 5]}a%"}).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()
    return median(times)


def save_ms(store: Store, runs: int) -> float:
    """Median ms of one draft autosave."""
    row = store.caseload()[0]
    draft = store.start_assessment(row.participant_id, AssessmentKind.INITIAL)
    times = []
    for run in range(runs * 5):
        started = time.perf_counter()
        store.save_assessment(draft.id, 2, {"employer": f"Employer {run}"})
        times.append((time.perf_counter() - started) * 1000)
    store.discard_untouched_draft(draft.id)
    return median(times)


def machine() -> str:
    """The cores and load average: what the start-up ratio depends on beyond the code."""
    one, five, _ = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.1f} (1 min), {five:.1f} (5 min)"


def main() -> None:
    """Build both databases, then measure each figure plain and encrypted, alternating."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "workwell-bench")
    args = parser.parse_args()
    n = args.participants
    dirs = {
        False: build_demo_dir(args.dir / f"p{n}", n),
        True: build_demo_dir(args.dir / f"e{n}", n, encrypted=True),
    }
    figures: dict[str, dict[bool, list[float]]] = {
        k: {False: [], True: []}
        for k in ("start-up (s)", "first frame (s)", "LIKE filter (ms)", "save (ms)")
    }
    python = sys.executable
    import workwell_tui

    # From bytecode, as after a pip install (see startup.py), whichever side happens to run first.
    compileall.compile_dir(Path(workwell_tui.__file__).parent, quiet=1)

    def app_and_env(encrypted: bool) -> tuple[list[str], dict[str, str]]:
        data = dirs[encrypted]
        env = bench_env(data)
        if encrypted:
            env["WORKWELL_PASSPHRASE"] = BENCH_PASSPHRASE
        return [python, "-m", "workwell_tui", "--demo", "--data-dir", str(data)], env

    # One unmeasured start of each warms the OS file cache for both sides alike.
    for encrypted in (False, True):
        app, env = app_and_env(encrypted)
        time_until(app, rb"WW-\d{6}", env)
    started_on = machine()
    for run in range(args.runs):
        for encrypted in (run % 2 == 0, run % 2 != 0):  # taking turns to go first
            app, env = app_and_env(encrypted)
            figures["start-up (s)"][encrypted].append(time_until(app, rb"WW-\d{6}", env).seconds)
            figures["first frame (s)"][encrypted].append(time_until(app, rb"WorkWell", env).seconds)
            store = open_store(dirs[encrypted], encrypted)
            try:
                figures["LIKE filter (ms)"][encrypted].append(like_ms(store, 1))
                figures["save (ms)"][encrypted].append(save_ms(store, 1))
            finally:
                store.close()
    print(f"encryption at rest, {n:,} participants, {args.runs} alternating rounds")
    print(f"  machine: {started_on} at the start; {machine()} at the end")
    for label, sides in figures.items():
        plain, cipher = median(sides[False]), median(sides[True])
        rounds = [c / p for c, p in zip(sides[True], sides[False], strict=True)]
        print(
            f"  {label:17s} plain {plain:8.3f}   encrypted {cipher:8.3f}   "
            f"ratio {cipher / plain:.2f}  (target <= 1.15; rounds {median(rounds):.2f}, "
            f"quartiles {percentile(rounds, 0.25):.2f}-{percentile(rounds, 0.75):.2f})"
        )


if __name__ == "__main__":
    main()
