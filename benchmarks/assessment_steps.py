"""How quickly the assessment wizard answers the coach's keys.

Drives the real app headless (Textual's Pilot) on the demo database: opens a referred participant,
starts the assessment and walks it with the keyboard. For each key it records the time from the
key reaching the app until the first frame after it is handed to the terminal driver:
- Enter to the next step, first time there (the page is usually built while the coach reads);
- ctrl+b / Enter to a step already seen (shown, not rebuilt);
- a digit or y/n answering a choice (the answer drawn and the next question focused).
Prints median and p95 of each, and the UI thread's own CPU time over the same span (what the
app spent, apart from waiting for a busy machine). Target: Enter to a new step p95 <= 100 ms,
on a loaded machine too (issue 14); under 100 ms reads as instant.

Usage: python benchmarks/assessment_steps.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from textual import events

sys.path.insert(0, str(Path(__file__).parent))

from _common import PINNED_NOW, build_demo_dir, median, percentile, watch_frames, watch_keys

ELIGIBLE = ["tab", "tab", "y", "n", "y", "y", "tab", "y", "y", "n"]


async def measure(data: Path, rounds: int) -> dict[str, list[float]]:
    """Walk the wizard `rounds` times; returns times in ms by kind of key."""
    os.environ["WORKWELL_TODAY"] = PINNED_NOW
    os.environ["WORKWELL_CONFIG_DIR"] = str(data / "config")
    from workwell_tui.app import WorkwellApp
    from workwell_tui.cli.common import open_store
    from workwell_tui.config import load_settings, resolve_paths
    from workwell_tui.domain.enums import Stage
    from workwell_tui.screens.assessment.screen import AssessmentScreen
    from workwell_tui.services import Services

    paths = resolve_paths(data_dir=str(data), demo=True)
    settings = load_settings(paths.settings_file)
    app = WorkwellApp(
        Services(settings=settings, paths=paths, opener=lambda: open_store(paths, settings))
    )
    times: dict[str, list[float]] = {"new step": [], "seen step": [], "answer": []}
    cpu: dict[str, list[float]] = {kind: [] for kind in times}
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.caseload_rows:
            await pilot.pause(0.05)
        referred = [row for row in app.caseload_rows if row.stage is Stage.REFERRED]
        frame_cpu: list[float] = []
        frames = watch_frames(app, lambda _: frame_cpu.append(time.thread_time()))
        arrivals = watch_keys(app)
        arrival_cpu: list[float] = []
        on_key = app.on_event

        async def noting_cpu(event: events.Event) -> None:
            if isinstance(event, events.Key):
                arrival_cpu.append(time.thread_time())
            await on_key(event)

        app.on_event = noting_cpu

        async def timed(key: str, kind: str | None) -> None:
            for seen in (frames, arrivals, frame_cpu, arrival_cpu):
                seen.clear()
            await pilot.press(key)
            await pilot.pause(0.4)  # room for the page built in the background
            if kind and frames and arrivals:
                times[kind].append((frames[0] - arrivals[0]) * 1000)
                cpu[kind].append((frame_cpu[0] - arrival_cpu[0]) * 1000)

        for row in referred[:rounds]:
            screen = AssessmentScreen(str(row.participant_id))
            await app.push_screen(screen)
            while not screen.fields:
                await pilot.pause(0.02)
            await pilot.pause(0.5)
            for key in ELIGIBLE:
                await timed(key, "answer" if key != "tab" else None)
            await timed("enter", "new step")  # to Work
            await timed("ctrl+b", "seen step")  # back to eligibility
            await timed("enter", "seen step")  # Work again
            await timed("ctrl+b", "seen step")
            await screen.show_step(screen.step)  # settle
            await pilot.press("escape")
            await pilot.pause(0.2)
    return {**times, **{f"{kind} cpu": values for kind, values in cpu.items()}}


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    # A fresh demo each run: starting an assessment moves people on from "referred".
    with tempfile.TemporaryDirectory() as folder:
        # About one participant in eight is still "referred": enough of them for the rounds.
        size = max(40, args.rounds * 8)
        data = build_demo_dir(Path(folder) / f"p{size}", size)
        times = asyncio.run(measure(data, args.rounds))
    print(f"assessment wizard, key to next frame, {args.rounds} participants")
    for label, values in times.items():
        if values:
            print(
                f"  {label:<16} {len(values):3d} keys   median {median(values):6.1f} ms   "
                f"p95 {percentile(values, 0.95):6.1f} ms"
            )


if __name__ == "__main__":
    main()
