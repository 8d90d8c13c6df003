"""The base of the app's screens: the services they were given, and one way to report failure.

Every screen reaches the database and settings through `services` (one typed door, no casts of
`self.app`), and every background worker that fails is reported the same way: its error's own
title and message on screen (a `WorkwellError`), never a class name or a traceback, and the app
keeps running. Workers are declared with `exit_on_error=False` so that a failure is a message,
not the end of the app.
"""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from workwell_tui.domain.audit import Viewed
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.navigation import WorkFailed
from workwell_tui.services import Services

ResultType = TypeVar("ResultType")

# The worker group of view audits: its failure is reported, but the record shown stays shown.
VIEW_AUDIT = "view-audit"
_AUDITED: WeakKeyDictionary[Screen[Any], set[tuple[Viewed, str]]] = WeakKeyDictionary()


def audit_view(screen: Screen[Any], services: Services, kind: Viewed, record_id: object) -> None:
    """Audit that `screen` showed a record (once per screen, not per refresh), in a worker.

    Called when the screen's first read is on show, so the write never holds the record up
    (why the screens call this rather than the Store's reads auditing themselves: `store_audit`).
    """
    key = (kind, str(record_id))
    done = _AUDITED.setdefault(screen, set())
    if key in done:
        return
    done.add(key)
    screen.run_worker(
        partial(services.store.record_view, kind, str(record_id)),
        thread=True,
        group=VIEW_AUDIT,
        exit_on_error=False,
    )


class WorkwellScreen(Screen[ResultType]):
    """A screen of the WorkWell app."""

    def audit_view(self, kind: Viewed, record_id: object) -> None:
        """Audit that this screen showed a record (once; see `audit_view`)."""
        audit_view(self, self.services, kind, record_id)

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
            if event.worker.group != VIEW_AUDIT:  # the record read fine: keep it on screen
                self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Put the screen right after `worker` failed (the message is already shown)."""
