"""Per-key filter latency on the caseload at 10,000 and 100,000 participants.

Drives the real app headless (Textual's Pilot) on a demo database, typing surnames one key at a
time, deleting with backspace and clearing with Esc, as a coach would. For each key it records:
- end to end: from the key being sent until the app is idle again with the screen updated;
- filter + draw: the screen's own work for that key (filter, count, redraw of the visible rows).
Prints median and p95 of each (targets: p95 <= 50 ms at 10,000 and <= 200 ms at 100,000).

Usage: python benchmarks/caseload_filter.py [--sizes 10000 100000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _common import PINNED_NOW, build_demo_dir, median, percentile


async def measure(data: Path) -> tuple[list[float], list[float], int]:
    """Type through the caseload; returns end-to-end and handler times in ms, and row count."""
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    os.environ["WORKWELL_CONFIG_DIR"] = str(data / "config")
    from workwell_tui.app import WorkwellApp
    from workwell_tui.config import load_settings, resolve_paths
    from workwell_tui.screens.caseload import CaseloadScreen

    paths = resolve_paths(data_dir=str(data), demo=True)
    app = WorkwellApp(paths=paths, settings=load_settings(paths.settings_file))
    end_to_end: list[float] = []
    handler: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.caseload_rows:
            await pilot.pause(0.05)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        original = screen.refilter

        def timed_refilter(keep: str | None = None) -> None:
            started = time.perf_counter()
            original(keep)
            table = screen.table
            for y in range(table.size.height):
                table.render_line(y)
            handler.append((time.perf_counter() - started) * 1000)

        screen.refilter = timed_refilter  # type: ignore[method-assign]
        surnames = sorted({row.last_name for row in app.caseload_rows})[
            :: max(1, len({row.last_name for row in app.caseload_rows}) // 8)
        ][:8]
        keys: list[str] = []
        for surname in surnames:
            keys.extend(surname.lower()[:5])
            keys.extend(["backspace", "backspace"])
            keys.append("escape")
        keys.extend("ww-0001")
        keys.append("escape")
        for key in keys:
            started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            end_to_end.append((time.perf_counter() - started) * 1000)
        rows = len(app.caseload_rows)
    return end_to_end, handler, rows


def main() -> None:
    """Measure each size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "workwell-bench")
    args = parser.parse_args()
    targets = {10_000: 50, 100_000: 200}
    for size in args.sizes:
        data = build_demo_dir(args.dir / f"p{size}", size)
        end_to_end, handler, rows = asyncio.run(measure(data))
        target = targets.get(size)
        goal = f"  (target p95 <= {target} ms)" if target else ""
        print(f"caseload filter, {rows:,} participants, {len(end_to_end)} keys{goal}")
        print(
            f"  end to end:    median {median(end_to_end):6.1f} ms   "
            f"p95 {percentile(end_to_end, 0.95):6.1f} ms"
        )
        print(
            f"  filter + draw: median {median(handler):6.1f} ms   "
            f"p95 {percentile(handler, 0.95):6.1f} ms"
        )


if __name__ == "__main__":
    main()
