"""The base of the app's screens: the services they were given, and one way to report failure.

Every screen reaches the database and settings through `services` (one typed door, no casts of
`self.app`), and every background worker that fails is reported the same way: its error's own
title and message on screen (a `WorkwellError`), never a class name or a traceback, and the app
keeps running. Workers are declared with `exit_on_error=False` so that a failure is a message,
not the end of the app.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workwell_tui.errors import WorkwellError
from workwell_tui.screens.navigation import WorkFailed
from workwell_tui.services import Services

ResultType = TypeVar("ResultType")


class WorkwellScreen(Screen[ResultType]):
    """A screen of the WorkWell app."""

    @property
    def services(self) -> Services:
        """Settings, paths and the database, as the App was given them."""
        services = getattr(self.app, "services", None)
        if not isinstance(services, Services):
            raise WorkwellError("This screen needs the WorkWell app around it.")
        return services

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker of this screen failed: say so on screen (the App shows it)."""
        if event.state is WorkerState.ERROR:
            self.post_message(WorkFailed(event.worker.error))
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Put the screen right after `worker` failed (the message is already shown)."""
