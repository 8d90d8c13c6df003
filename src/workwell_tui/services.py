"""What the screens work with, built in one place and handed to the App.

The command line (or a test) makes one `Services`: the settings, where the data lives, and how to
open the database. Screens reach it through `WorkwellScreen.services`, never through casts of
`self.app`. Opening the store is slow (SQLAlchemy, migrations, perhaps the demo fill), so it runs
in the App's worker after the first frame; until then `store` says it is not open yet.

An encrypted database's key takes ~0.15 s to derive (SQLCipher 4's PBKDF2, 256,000 iterations).
When the passphrase is known at start (WORKWELL_PASSPHRASE), `derive_key_early` starts that in a
low-priority thread before Textual is imported, so on a free core it is ready when the worker
opens the store.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workwell_tui.config import Paths, Settings
from workwell_tui.errors import WorkwellError

if TYPE_CHECKING:
    from pathlib import Path

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
    passphrase: str | None = field(default=None, repr=False)
    """The passphrase that opens (or will create) an encrypted database; never logged."""

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

    def derive_key_early(self) -> threading.Thread | None:
        """Start deriving the encrypted database's key in a background thread, now; the thread
        (None when there is nothing to derive: no passphrase, or not a SQLite file).

        The store finds the key ready when it opens (if this thread is still at it, the store
        derives the key itself rather than wait on a low-priority thread). Anything wrong (a
        wrong passphrase, an unreadable file) is left for the store to find and say in the
        coach's words: this thread never reports, so nothing it meets can reach the terminal
        the app draws on.
        """
        if self.passphrase is None or self.paths is None:
            return None
        from workwell_tui.db.paths import sqlite_file

        path = sqlite_file(self.paths.database_url)
        if path is None:
            return None
        thread = threading.Thread(
            target=_derive_quietly, args=(self.passphrase, path), name="workwell-key", daemon=True
        )
        thread.start()
        return thread

    def access_needed(self) -> str | None:
        """ "unlock" when the database is encrypted and no passphrase is known yet, "set" on the
        first run (no database file yet, not the demo), else None."""
        if self.opened is not None or self.passphrase is not None or self.paths is None:
            return None
        from workwell_tui.db.paths import file_state, sqlite_file

        if not self.paths.database_url.startswith("sqlite:///"):
            return None
        state = file_state(sqlite_file(self.paths.database_url))
        if state == "encrypted":
            return "unlock"
        if state == "missing" and not self.paths.demo:
            return "set"
        return None

    def check_passphrase(self, typed: str) -> bool | None:
        """Whether `typed` is the passphrase (compared in constant time); None when there is
        no passphrase (an unencrypted database)."""
        if self.passphrase is None:
            return None
        import hmac

        return hmac.compare_digest(typed.encode("utf-8"), self.passphrase.encode("utf-8"))

    @classmethod
    def for_store(cls, store: Store, settings: Settings | None = None) -> Services:
        """Services around a store that is already open (tests, benchmarks)."""
        return cls(settings=settings or store.settings, opened=store)


def _derive_quietly(passphrase: str, path: Path) -> None:
    """The early derivation (in its own thread); the store opening later reports any failure."""
    # Whatever goes wrong here, the store meets it again when it opens and says it properly.
    with contextlib.suppress(Exception):
        # Imported here, not on the main thread, and not the backend: nothing else moves in
        # front of the first frame. At normal priority: the main thread may need the GIL, or a
        # module, this import holds.
        from workwell_tui.db.sqlcipher_keys import prepare_key

        _lowest_priority()  # for PBKDF2, which holds neither (the rest is a few lines)
        prepare_key(passphrase, path)


def _lowest_priority() -> None:
    """Run this thread only on CPU time nothing else wants (Linux: nice is per thread).

    Measured side by side on a busy two-core machine (load 3-7), 21 rounds: deriving ahead at
    normal priority put the first frame back from 0.42 s to 0.70 s, taking the CPU the main
    thread needed, and brought the rows no sooner; at nice 19 the first frame came at 0.45 s.
    Where a core is free the priority changes nothing. If the thread is still at it when the
    store needs the key, the store derives it itself (`shared_key`), so this never delays it.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
