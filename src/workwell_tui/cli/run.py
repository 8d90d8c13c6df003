"""`workwell` (or `workwell run`): the composition root; builds the services, opens the app."""

from __future__ import annotations

from workwell_tui.cli.common import env_passphrase, open_store
from workwell_tui.config import Paths, Settings
from workwell_tui.services import Services


def run(paths: Paths, settings: Settings) -> int:
    """Open the app; the database opens in its worker, after the first frame."""
    services = Services(settings=settings, paths=paths, passphrase=env_passphrase())
    # Before Textual is imported, so the key (~0.15 s of PBKDF2, which releases the GIL) derives
    # on a free core meanwhile rather than in the worker after the first frame. Measured side by
    # side (benchmarks/encryption.py, 10,000 people, 2 cores shared with other work): rows on
    # screen 1.25-1.43x the unencrypted start-up before; after, 1.11-1.14x when the other core
    # was mostly free, and as before (1.31-1.43x) when it was not.
    services.derive_key_early()
    from workwell_tui.app import WorkwellApp

    # The passphrase may be typed on the unlock screen after start: read it when opening.
    services.opener = lambda: open_store(paths, settings, services.passphrase, check_later=True)
    WorkwellApp(services).run()
    return 0
