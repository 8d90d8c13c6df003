"""`workwell demo`: fill a database with fictional participants (the only door to `demo/`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from workwell_tui import clock
from workwell_tui.config import Paths, Settings

if TYPE_CHECKING:
    from workwell_tui.db.store import Store


def demo_filler(settings: Settings) -> Callable[[Store], None]:
    """What the demo database is filled with when it has nobody in it yet."""

    def fill_if_empty(store: Store) -> None:
        from workwell_tui.demo.data import ensure_demo

        ensure_demo(store.engine, today=clock.now(), settings=settings)

    return fill_if_empty


def fill(
    paths: Paths, settings: Settings, participants: int, seed: int, encrypted: bool = False
) -> int:
    """Add `participants` fictional people; the same seed gives the same people."""
    if participants < 1:
        print("workwell: --participants must be 1 or more", file=sys.stderr)
        return 2
    from workwell_tui.cli.common import env_passphrase
    from workwell_tui.db.paths import file_state, sqlite_file
    from workwell_tui.db.store import Store
    from workwell_tui.demo.data import fill_demo
    from workwell_tui.errors import WorkwellError

    passphrase = env_passphrase()
    state = file_state(sqlite_file(paths.database_url))
    if encrypted and state == "plain":
        print(
            "workwell: this demo database already exists unencrypted; use another --data-dir "
            "for an encrypted one.",
            file=sys.stderr,
        )
        return 2
    if encrypted and passphrase is None:
        import getpass

        passphrase = getpass.getpass("Passphrase for the encrypted demo database: ") or None
        if passphrase is None:
            print("workwell: an encrypted database needs a passphrase.", file=sys.stderr)
            return 2
    try:
        store = Store.open(paths, settings, passphrase=passphrase)
    except WorkwellError as error:
        print(f"workwell: {error.message}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        added = fill_demo(
            store.engine, participants, today=clock.now(), settings=settings, seed=seed
        )
    finally:
        store.close()
    where = "the demo database" if paths.demo else "the database"
    seconds = time.perf_counter() - started
    print(f"Added {added:,} fictional participants to {where} in {seconds:.1f} s.")
    if store.backend.needs_unlock:
        print("It is encrypted with SQLCipher: the passphrase opens it.")
    elif store.backend.database_file is not None:
        print("It is NOT encrypted (fictional people only); `--encrypted` makes an encrypted one.")
    return 0
