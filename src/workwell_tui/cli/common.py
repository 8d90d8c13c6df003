"""What the command-line subcommands share: opening the store, and a reader that went away."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from workwell_tui.config import Paths, Settings

if TYPE_CHECKING:
    from workwell_tui.db.store import Store


PASSPHRASE_VARIABLE = "WORKWELL_PASSPHRASE"


def env_passphrase() -> str | None:
    """The passphrase scripts and tests give in WORKWELL_PASSPHRASE (None when unset or empty)."""
    return os.environ.get(PASSPHRASE_VARIABLE) or None


def open_store(
    paths: Paths, settings: Settings, passphrase: str | None = None, check_later: bool = False
) -> Store:
    """The database at `paths`; the demo one is filled with fictional people when empty.

    An encrypted database opens with `passphrase`, else WORKWELL_PASSPHRASE. `check_later`:
    the caller runs the damage check itself (the app, once rows are on screen).
    """
    from workwell_tui.db.store import Store

    fill = None
    if paths.demo:
        from workwell_tui.cli.demo import demo_filler

        fill = demo_filler(settings)
    return Store.open(
        paths, settings, fill=fill, passphrase=passphrase or env_passphrase(),
        check_later=check_later,
    )  # fmt: skip


def with_store(paths: Paths, settings: Settings, action: Callable[[Store], int]) -> int:
    """Run `action` on the open store; a store that cannot open is one clear line, status 1."""
    from workwell_tui.errors import WorkwellError

    try:
        store = open_store(paths, settings)
    except WorkwellError as error:
        print(f"workwell: {error.message}", file=sys.stderr)
        return 1
    try:
        return action(store)
    finally:
        store.close()


def quiet_on_closed_pipe(action: Callable[[], int]) -> int:
    """Run `action`; when the reader has gone (`workwell caseload | head -5`), stop quietly.

    As the Python docs advise for SIGPIPE: point stdout at devnull so the flush at exit does
    not raise a second time, and exit as a command killed by SIGPIPE would (128 + 13).
    """
    try:
        status = action()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass  # stdout is not a file (tests); nothing will flush to it
        return 141
