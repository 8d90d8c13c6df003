"""Start-up against the floor of this stack, measured side by side in one run.

Prints, from pairs of runs in a 120×40 pseudo-terminal (the app and its floor back to back,
taking turns to go first), the medians and the median of the pairs' ratios:
- time from process start until caseload rows are on screen (`workwell --demo` on a
  10,000-participant database) against a bare Textual app that imports SQLModel and shows the first
  40 rows of a 10,000-row SQLite table in a DataTable (target ratio <= 1.2);
- time to first frame against a bare Textual app (target ratio <= 1.3, the architecture issue's
  bound: public APIs are preferred over a few milliseconds of first frame);
- the app's resident memory when its rows are on screen (target <= 150 MB).

Both sides run from bytecode: Textual's was compiled when pip installed it, and ours is compiled
here first, as a pip install or any first run does (unless PYTHONDONTWRITEBYTECODE is set, in
which case every start would compile our modules again and measure that instead).

With --encrypted the app opens an SQLCipher database (passphrase from WORKWELL_PASSPHRASE, as a
script would give it), so the cost of encryption shows against the same floor; for the
encrypted/plain ratio itself see benchmarks/encryption.py.

Usage: python benchmarks/startup.py [--runs 15] [--participants 10000] [--dir DIR] [--encrypted]
"""

from __future__ import annotations

import argparse
import compileall
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import (
    BENCH_PASSPHRASE,
    bench_env,
    build_demo_dir,
    median,
    percentile,
    time_until,
)

BARE_FRAME = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("WorkWell")

Bare().run()
"""

BARE_ROWS = """
import sys
from textual.app import App
from textual.widgets import DataTable
from sqlmodel import create_engine, text

class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        engine = create_engine("sqlite:///" + sys.argv[1])
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT reference, first_name, last_name, district, stage FROM participant LIMIT 40"
            )).all()
        table = self.query_one(DataTable)
        table.add_columns("Ref", "First", "Last", "District", "Stage")
        table.add_rows(rows)

Bare().run()
"""

ROWS = rb"WW-\d{6}"
FRAME = rb"WorkWell"


def main() -> None:
    """Run the comparison and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "workwell-bench")
    parser.add_argument("--encrypted", action="store_true", help="the app on an SQLCipher file")
    args = parser.parse_args()

    plain = build_demo_dir(args.dir / f"p{args.participants}", args.participants)
    env = bench_env(plain)
    database = plain / "demo.sqlite3"  # the floor always reads the plain file
    data = plain
    if args.encrypted:
        data = build_demo_dir(args.dir / f"e{args.participants}", args.participants, True)
        env["WORKWELL_PASSPHRASE"] = BENCH_PASSPHRASE
    scripts = args.dir / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (scripts / "bare_frame.py").write_text(BARE_FRAME)
    (scripts / "bare_rows.py").write_text(BARE_ROWS)
    python = sys.executable
    import workwell_tui

    compileall.compile_dir(Path(workwell_tui.__file__).parent, quiet=1)
    app = [python, "-m", "workwell_tui", "--demo", "--data-dir", str(data)]

    # One unmeasured run of each warms the OS file cache fairly for both sides.
    time_until([python, str(scripts / "bare_rows.py"), str(database)], ROWS, env)
    time_until(app, ROWS, env)

    bare_rows = [python, str(scripts / "bare_rows.py"), str(database)]
    bare_frame = [python, str(scripts / "bare_frame.py")]
    results: dict[str, list[float]] = {
        k: [] for k in ("bare_rows", "app_rows", "bare_frame", "app_frame", "rss")
    }
    for run in range(args.runs):
        # Each pair runs back to back, taking turns to go first, so a slow patch of the machine
        # lands on both sides of a pair rather than on one side of the comparison.
        first_bare = run % 2 == 0
        for _ in range(2):
            if first_bare:
                results["bare_rows"].append(time_until(bare_rows, ROWS, env).seconds)
                results["bare_frame"].append(time_until(bare_frame, FRAME, env).seconds)
            else:
                seen = time_until(app, ROWS, env)
                results["app_rows"].append(seen.seconds)
                results["rss"].append(seen.rss_mb)
                results["app_frame"].append(time_until(app, FRAME, env).seconds)
            first_bare = not first_bare

    m = {key: median(values) for key, values in results.items()}
    kind = "encrypted" if args.encrypted else "plain"
    print(f"start-up, {args.participants:,} participants ({kind}), {args.runs} alternating pairs")
    for label, app_key, bare_key, floor, target in (
        ("rows on screen", "app_rows", "bare_rows", "floor", 1.2),
        ("first frame", "app_frame", "bare_frame", "bare ", 1.3),
    ):
        ratios = [a / b for a, b in zip(results[app_key], results[bare_key], strict=True)]
        print(
            f"  {label + ':':16s} app {m[app_key]:.3f} s   {floor} {m[bare_key]:.3f} s   "
            f"ratio {median(ratios):.2f} (median of pairs; quartiles "
            f"{percentile(ratios, 0.25):.2f}–{percentile(ratios, 0.75):.2f})  (target <= {target})"
        )
    print(f"  memory (RSS) with rows on screen: {m['rss']:.0f} MB  (target <= 150 MB)")


if __name__ == "__main__":
    main()
