"""Shared benchmark helpers: build demo databases and run programs in a pseudo-terminal."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANSI = re.compile(
    rb"\x1b(\[[0-9;?<>=$ ]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])"
)
PINNED_NOW = "2026-11-22T14:05"


BENCH_PASSPHRASE = "benchmark passphrase only"


def build_demo_dir(directory: Path, participants: int, encrypted: bool = False) -> Path:
    """A data dir whose demo database holds `participants` people (made once, then reused);
    encrypted with SQLCipher (passphrase BENCH_PASSPHRASE) when asked."""
    marker = directory / f".filled-{participants}"
    if marker.exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("demo.sqlite3*"):
        stale.unlink()
    env = bench_env(directory)
    if encrypted:
        env["WORKWELL_PASSPHRASE"] = BENCH_PASSPHRASE
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "workwell_tui",
            "demo",
            "--participants",
            str(participants),
            "--data-dir",
            str(directory),
            *(["--encrypted"] if encrypted else []),
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"(built a {participants:,}-participant demo database in "
        f"{time.perf_counter() - started:.1f} s)"
    )
    marker.touch()
    return directory


def bench_env(directory: Path) -> dict[str, str]:
    """Environment for a benchmark run: pinned clock, private config, a real-looking terminal."""
    env = dict(os.environ)
    env.update(
        WORKWELL_TODAY=PINNED_NOW,
        WORKWELL_CONFIG_DIR=str(directory / "config"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        COLUMNS="120",
        LINES="40",
    )
    env.pop("WORKWELL_DATABASE_URL", None)
    return env


@dataclass
class Sighting:
    """When a pattern first showed on the terminal, and the process's memory then."""

    seconds: float
    rss_mb: float


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def time_until(
    argv: list[str], pattern: bytes, env: dict[str, str], timeout: float = 30
) -> Sighting:
    """Start `argv` in a 120×40 pty; time until `pattern` (a regex) appears in the screen text."""
    import fcntl
    import struct
    import termios

    wanted = re.compile(pattern)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            if wanted.search(ANSI.sub(b"", seen)):
                elapsed = time.perf_counter() - started
                return Sighting(elapsed, rss_mb(process.pid))
        tail = ANSI.sub(b"", seen)[-400:].decode(errors="replace")
        raise RuntimeError(f"pattern {pattern!r} never appeared; screen ended with: {tail!r}")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def watch_frames(app: Any, on_frame: Callable[[float], None] | None = None) -> list[float]:
    """Record when each frame is handed to the terminal driver (a headless app writes none out).

    Returns the list the times are appended to; `on_frame` is told of each one as well.
    """
    frames: list[float] = []
    original = app._display

    def recording(screen: object, renderable: object) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
            if on_frame is not None:
                on_frame(frames[-1])
        original(screen, renderable)

    app._display = recording
    return frames


def watch_keys(app: Any) -> list[float]:
    """Record when each key reaches the app, as it would from the terminal (Pilot's own
    bookkeeping before that is not the app's latency)."""
    from textual import events

    arrivals: list[float] = []
    original = app.on_event

    async def recording(event: events.Event) -> None:
        if isinstance(event, events.Key):
            arrivals.append(time.perf_counter())
        await original(event)

    app.on_event = recording
    return arrivals
