"""Shared fixtures: a frozen clock, a fixed time zone, in-memory stores, isolated folders."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

# Snapshots and week numbers must not depend on where or when the tests run.
os.environ["TZ"] = "Europe/London"
time.tzset()
# Scrolls and transitions land at once, so a snapshot never catches one half-way.
os.environ["TEXTUAL_ANIMATIONS"] = "none"

from tests.pg_server import postgres_server  # noqa: E402, F401  (a PostgreSQL server, on request)
from workwell_tui import clock  # noqa: E402
from workwell_tui.config import Settings  # noqa: E402

FROZEN_NOW = datetime(2026, 11, 22, 14, 5)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[datetime]:
    """Every test runs at Sun 22 Nov 2026 14:05 local time."""
    clock.freeze(FROZEN_NOW)
    yield clock.now()
    clock.freeze(None)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real data and config folders."""
    monkeypatch.setenv("WORKWELL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORKWELL_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("WORKWELL_EXPORT_DIR", str(tmp_path / "exports"))
    monkeypatch.delenv("WORKWELL_DATABASE_URL", raising=False)
    monkeypatch.delenv("WORKWELL_TODAY", raising=False)
    return tmp_path


@pytest.fixture
def settings() -> Settings:
    """Default settings: Lancashire and South Cumbria, 12-week plans."""
    return Settings()
