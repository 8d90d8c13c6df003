"""Quick changes saved in the order the keys were pressed, by one worker at a time.

The plan screen (a status, a target week, the order) and the adjustments checklist (a status,
sharing) draw a change at once and save it next. A quick run of keys must never save out of
order, so the saves wait in one queue and a single thread worker takes them one after another.
When the queue runs dry the screen gets `Done` with what the last save returned (the record as
stored); when a save fails it gets `Done` with the error, and the saves still queued are
dropped (the screen reads the record again, so it never shows what is not stored).

The screen routes the message back (`on_ordered_saves_done` calls `finished`), the way the
wizard routes its autosave's (see `assessment/saving.py`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from workwell_tui.db.store import Store
    from workwell_tui.screens.base import WorkwellScreen

SaveCall = Callable[["Store"], object]
"""One Store call that saves one change and returns the record as it now is."""


class OrderedSaves:
    """A screen's queue of saves, run in order by one thread worker in `group`."""

    @dataclass
    class Done(Message):
        """The queue ran dry (`result`: what the last save returned) or a save failed."""

        result: object
        error: BaseException | None = None

    def __init__(self, screen: WorkwellScreen[Any], group: str, *, after_refresh: bool = False):
        self.screen = screen
        self.group = group
        self.after_refresh = after_refresh
        """Start the worker only once the change is painted (a thread started at once takes
        turns with the painting, and the coach waits for the frame)."""
        self.queue: deque[SaveCall] = deque()
        self.running = False
        """True from the first save queued until the screen has the result."""

    def add(self, save: SaveCall) -> None:
        """Save after any earlier change, in the order the keys were pressed."""
        self.queue.append(save)
        if not self.running:
            self.running = True
            if self.after_refresh:
                self.screen.call_after_refresh(self.start)
            else:
                self.start()

    def start(self) -> None:
        """Run the queue in a worker."""
        self.screen.run_worker(self.run, thread=True, group=self.group, exit_on_error=False)

    def run(self) -> None:
        """Save queued changes one after another (worker thread); report the last, or the
        failure (the App says it in the coach's words)."""
        store = self.screen.services.store
        result: object = None
        while self.queue:
            save = self.queue.popleft()
            try:
                result = save(store)
            except Exception as error:
                self.queue.clear()
                self.screen.post_message(self.Done(None, error))
                return
        self.screen.post_message(self.Done(result))

    def finished(self, message: Done) -> bool:
        """The worker reported: True when the screen should show `message` (a failure, or the
        last save), False when more changes came in meanwhile and are being saved."""
        self.running = False
        if message.error is None and self.queue:
            self.running = True
            self.start()
            return False
        return True
