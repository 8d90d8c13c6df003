"""What the screens work with, built in one place and handed to the App.

The command line (or a test) makes one `Services`: the settings, where the data lives, and how to
open the database. Screens reach it through `WorkwellScreen.services`, never through casts of
`self.app`. Opening the store is slow (SQLAlchemy, migrations, perhaps the demo fill), so it runs
in the App's worker after the first frame; until then `store` says it is not open yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workwell_tui.config import Paths, Settings
from workwell_tui.errors import WorkwellError

if TYPE_CHECKING:
    from workwell_tui.db.store import Store


class StoreNotOpen(WorkwellError):
    """A screen asked for the database before it was open."""

    default_title = "Still opening"
    default_message = "Your caseload is still opening. Try again in a moment."


@dataclass
class Services:
    """Settings, paths and the database, shared by every screen."""

    settings: Settings
    paths: Paths | None = None
    opener: Callable[[], Store] | None = None
    """Opens the database (in a worker); None when a store was given ready-made."""
    opened: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        """The open database; StoreNotOpen before the App's worker has opened it."""
        if self.opened is None:
            raise StoreNotOpen()
        return self.opened

    @property
    def is_open(self) -> bool:
        """Whether the database is open yet."""
        return self.opened is not None

    def open_store(self) -> Store:
        """Open the database if it is not open yet (call it off the UI thread)."""
        if self.opened is None:
            if self.opener is None:
                raise StoreNotOpen()
            self.opened = self.opener()
        return self.opened

    @classmethod
    def for_store(cls, store: Store, settings: Settings | None = None) -> Services:
        """Services around a store that is already open (tests, benchmarks)."""
        return cls(settings=settings or store.settings, opened=store)
