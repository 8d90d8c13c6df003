"""Unit-test fixtures: an in-memory database with every table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from workwell_tui.config import Settings
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.store import Store


@pytest.fixture
def engine() -> Iterator[Engine]:
    """A fresh in-memory SQLite database with all tables."""
    engine = memory_engine()
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine, settings: Settings) -> Store:
    """A Store on the in-memory database."""
    return Store(engine=engine, settings=settings, actor="test-coach")
