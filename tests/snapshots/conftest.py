"""Snapshot fixtures reuse the hand-made caseload of the app tests."""

from __future__ import annotations

from tests.app.conftest import app, people, store

__all__ = ["app", "people", "store"]
