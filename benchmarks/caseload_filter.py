"""Per-key filter latency on the caseload at 10,000 and 100,000 participants.

Drives the real app headless (Textual's Pilot) on a demo database, typing surnames one key at a
time, deleting with backspace and clearing with Esc, as a coach would. For each key it records:
- key to rows on screen: from the key reaching the app until the frame with the filtered rows is
  handed to the terminal driver (Pilot's own bookkeeping before and after is not counted);
- key to last frame: until the last frame that key caused (scrollbar and footer touch-ups);
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

from _common import PINNED_NOW, build_demo_dir, median, percentile, watch_frames, watch_keys


async def measure(data: Path) -> tuple[list[float], list[float], list[float], int]:
    """Type through the caseload; returns key-to-rows, key-to-last-frame and handler times in ms,
    and the row count."""
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    os.environ["WORKWELL_CONFIG_DIR"] = str(data / "config")
    from textual.widgets import Input

    from workwell_tui.app import WorkwellApp
    from workwell_tui.cli.common import open_store
    from workwell_tui.config import load_settings, resolve_paths
    from workwell_tui.screens.caseload import CaseloadScreen
    from workwell_tui.services import Services

    paths = resolve_paths(data_dir=str(data), demo=True)
    settings = load_settings(paths.settings_file)
    app = WorkwellApp(
        Services(settings=settings, paths=paths, opener=lambda: open_store(paths, settings))
    )
    to_rows: list[float] = []
    end_to_end: list[float] = []
    handler: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.caseload_rows:
            await pilot.pause(0.05)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseloadScreen)
        # A blinking cursor makes frames of its own; they are not what is measured.
        screen.query_one("#find", Input).cursor_blink = False
        original = screen.refilter

        waiting_for_rows: list[bool] = [False]

        def timed_refilter(keep: str | None = None) -> None:
            started = time.perf_counter()
            original(keep)
            waiting_for_rows[0] = True
            table = screen.table
            for y in range(table.size.height):
                table.render_line(y)
            handler.append((time.perf_counter() - started) * 1000)

        screen.refilter = timed_refilter  # type: ignore[method-assign]
        # The compositor renders the changed lines, then hands the frame to _display (which a
        # headless app does not write out): that hand-over is when the coach would see it.
        rows_frames: list[float] = []

        def first_after_filter(moment: float) -> None:
            if waiting_for_rows[0]:
                # The first frame after filtering is the one with the new rows in it.
                rows_frames.append(moment)
                waiting_for_rows[0] = False

        frames = watch_frames(app, first_after_filter)
        arrivals = watch_keys(app)
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
            frames.clear()
            arrivals.clear()
            rows_frames.clear()
            await pilot.press(key)
            await pilot.pause()
            if rows_frames and arrivals:
                to_rows.append((rows_frames[0] - arrivals[0]) * 1000)
            if frames and arrivals:
                end_to_end.append((frames[-1] - arrivals[0]) * 1000)
        rows = len(app.caseload_rows)
    return to_rows, end_to_end, handler, rows


def main() -> None:
    """Measure each size and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "workwell-bench")
    args = parser.parse_args()
    targets = {10_000: 50, 100_000: 200}
    for size in args.sizes:
        data = build_demo_dir(args.dir / f"p{size}", size)
        to_rows, end_to_end, handler, rows = asyncio.run(measure(data))
        target = targets.get(size)
        goal = f"  (target p95 <= {target} ms)" if target else ""
        print(f"caseload filter, {rows:,} participants, {len(to_rows)} keys{goal}")
        for label, values in (
            ("key to rows on screen", to_rows),
            ("key to last frame", end_to_end),
            ("filter + draw", handler),
        ):
            print(
                f"  {label:<22} median {median(values):6.1f} ms   "
                f"p95 {percentile(values, 0.95):6.1f} ms"
            )


if __name__ == "__main__":
    main()
